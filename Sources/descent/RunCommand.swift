import ArgumentParser
import DescentCore

/// `descent run`: print the trajectories of one or more optimizers.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run optimizers on a surface and print their trajectories.",
    discussion: """
      CSV columns: optimizer,step,x,y,loss. Row step = 0 is the start; row k is the position \
      after k updates and the loss there. A run that diverges stops at the step where it \
      did; JSON marks it.
      """
        + "\n\n" + OptimizerOptions.settingsHelp)

  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

  @OptionGroup var surface: SurfaceOptions
  @OptionGroup var optimizers: OptimizerOptions
  @OptionGroup var setup: StartOptions

  @Option(
    parsing: .unconditional,
    help: "Updates per optimizer (default: the scene's, or 100 with --expr).",
    transform: parseSteps)
  var steps: Int?

  @Option(help: "Output format.") var format: Format = .csv

  @Option(
    help: ArgumentHelp(
      "Network scenes: write the final weights of the (one) optimizer run as JSON.",
      valueName: "file"))
  var saveWeights: String?

  @Option(
    help: ArgumentHelp("Network scenes: write the dataset as CSV (x1,x2,label).", valueName: "file")
  )
  var dumpData: String?

  func validate() throws {
    if let steps, steps < 0 || steps > 10_000_000 {
      throw ValidationError("--steps must be between 0 and 10000000, got \(steps).")
    }
  }

  func run() throws {
    try reportingFailures {
      let scene = try self.surface.resolve()
      let from = setup.point(on: scene)
      let count = steps ?? scene.steps
      let optimizers = try optimizers.optimizers(for: scene)
      if saveWeights != nil || dumpData != nil {
        guard let network = scene.network else {
          throw Failure(
            message: "--save-weights and --dump-data need a network scene (one with a [model])",
            code: 64)
        }
        if saveWeights != nil && optimizers.count != 1 {
          throw Failure(message: "--save-weights needs exactly one --optimizer", code: 64)
        }
        if let path = dumpData { try write(network.data.csv, to: path) }
      }
      // Rows are written as they are computed, so memory stays flat however many steps.
      func record(_ index: Int, each: (Trajectory.Row) throws -> Void) throws -> Trajectory {
        // A fresh objective per run, so every optimizer sees the same mini-batches.
        var objective = scene.objective()
        objective.gradientMode = setup.gradientMode
        var trajectory = try Trajectory.record(
          optimizers[index].optimizer, from: from, steps: count, on: &objective, each: each)
        trajectory.name = optimizers[index].run.name
        return trajectory
      }
      var trajectories: [Trajectory] = []
      switch format {
      case .csv:
        try emit(TrajectoryFormat.csvHeader + "\n")
        for index in optimizers.indices {
          let name = optimizers[index].run.name
          trajectories.append(
            try record(index) { try emit(TrajectoryFormat.csvLine($0, named: name)) })
        }
      case .json:
        trajectories = try TrajectoryFormat.json(
          runs: optimizers.count, surface: scene.surface,
          scene: self.surface.expr == nil ? scene.name : nil, network: scene.network,
          run: record, write: emit)
        try emit("\n")
      }
      if let path = saveWeights, let network = scene.network {
        guard let weights = trajectories.first?.weights else {
          throw Failure(message: "--save-weights found no weights to save", code: 70)
        }
        try write(WeightsFile.json(network.mlp, weights).rendered() + "\n", to: path)
      }
    }
  }
}
