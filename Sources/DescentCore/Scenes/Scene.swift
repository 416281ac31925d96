/// What a teacher opens: a surface, a view, a start, per-optimizer settings that make a
/// point, and a few sentences saying what to watch. Scenes are read from TOML files
/// (`SceneLoader`); the built-in ones are compiled into the binary (`SceneLibrary`).
public struct Scene: Sendable {
  /// A marked point: a known minimum or saddle.
  public struct Landmark: Sendable, Equatable {
    public var position: SIMD2<Double>
    public var label: String
    public init(_ position: SIMD2<Double>, label: String) {
      self.position = position
      self.label = label
    }
  }

  /// How the heatmap maps values to colours.
  public enum Scale: String, Sendable, CaseIterable {
    case linear, log
  }

  /// How the view is fitted to the screen: `equal` keeps one unit of x as long as one unit
  /// of y (circles stay round), widening the view as needed; `fill` stretches the view to
  /// the screen, for views whose axes have different units.
  public enum Aspect: String, Sendable, CaseIterable {
    case equal, fill
  }

  /// The short name used on the command line: the file name without `.toml`.
  public var name: String
  /// Where the scene came from: a path, or `builtin:NAME`.
  public var file: String
  public var title: String
  public var description: String
  /// Extra text for lessons, if any.
  public var notes: String?
  /// The surface, or for a data scene the per-sample loss.
  public var surface: Surface
  /// The samples a data scene's loss is averaged over.
  public var dataset: Dataset?
  /// The mini-batch size of a stochastic data scene.
  public var batch: Int?
  /// The seed of the mini-batch shuffle.
  public var dataSeed: UInt64
  public var xRange: ClosedRange<Double>
  public var yRange: ClosedRange<Double>
  public var scale: Scale
  public var aspect: Aspect = .equal
  public var start: SIMD2<Double>
  public var minima: [Landmark]
  public var saddles: [Landmark]
  /// Settings per optimizer, laid over each optimizer's defaults.
  public var settings: [OptimizerKind: Hyperparameters]
  /// How many steps a run takes when none is asked for.
  public var steps: Int
  /// How the learning rate of every optimizer that has one changes from update to update
  /// (`[schedule]`); `.constant` keeps each optimizer's own.
  public var schedule: Schedule = .constant
  /// For a network scene: the network, its data and the plane its loss is drawn on. Its
  /// x and y are then α and β, and its runs train all the weights.
  public var network: NetworkScene?
  /// What the description asserts, as checks (`[[claim]]`); see `Claim`.
  public var claims: [Claim] = []
  /// The runs the scene races (`[[runs]]`), each an optimizer at settings of its own; empty
  /// for the optimizers `raceKinds` names, each once.
  public var runs: [RunSpec] = []

  /// Whether the loss is averaged over a dataset.
  public var isData: Bool { dataset != nil }

  /// The settings this scene gives `kind`, or none.
  public func settings(for kind: OptimizerKind) -> Hyperparameters {
    settings[kind] ?? Hyperparameters()
  }

  /// The optimizers that race when all are asked for: those that race by default (the six
  /// classic ones), and any other this scene enables with an `[optimizers.NAME]` table.
  public var raceKinds: [OptimizerKind] {
    return OptimizerKind.allCases.filter { $0.spec.racesByDefault || settings[$0] != nil }
  }

  /// The runs that race when all are asked for: the scene's `[[runs]]`, or else each of
  /// `raceKinds` once, plain.
  public var raceRuns: [RunSpec] {
    runs.isEmpty ? raceKinds.map { RunSpec($0) } : runs
  }

  /// `named` with each run that this scene's `[[runs]]` also has taken from there (with its
  /// label): a saved setup's command names its runs, and the file labels them.
  public func resolving(_ named: [RunSpec]) -> [RunSpec] {
    named.map { run in runs.first { $0.name == run.name } ?? run }
  }

  /// The region a population method scatters its first generation over: the view.
  public var region: Region { Region(x: xRange, y: yRange) }

  /// `kind` with this scene's settings, then `overrides`, laid over its defaults, its
  /// learning rate (if it has one) following the scene's `schedule`.
  public func optimizer(_ kind: OptimizerKind, overrides: Hyperparameters = Hyperparameters())
    throws(HyperparameterError) -> any Optimizer
  {
    let optimizer = try kind.make(settings(for: kind).merging(overrides), region: region)
    if schedule == .constant { return optimizer }
    return Scheduled(optimizer, schedule: schedule) ?? optimizer
  }

  /// `run`'s optimizer: its kind with this scene's settings, then `overrides`, then the
  /// run's own settings.
  public func optimizer(_ run: RunSpec, overrides: Hyperparameters = Hyperparameters())
    throws(HyperparameterError) -> any Optimizer
  {
    try optimizer(run.kind, overrides: overrides.merging(run.settings))
  }

  /// The objective the optimizers train on. Each run should get its own, so that every
  /// optimizer in a race sees the same mini-batches. With `fullBatch`, gradients average
  /// every sample even in a mini-batch scene: the true gradient, for `descent eval` and tests.
  public func objective(fullBatch: Bool = false) -> SceneObjective {
    SceneObjective(
      tape: surface.tape, dataset: dataset, batch: fullBatch ? nil : batch, seed: dataSeed,
      network: network)
  }

  /// The full loss over the grid `xs × ys`, row-major, for the heatmap. For a data scene it
  /// is the mean over every sample, whatever the batch size.
  public func values(xs: [Double], ys: [Double]) -> [Double] {
    if let network { return network.sliceValues(xs: xs, ys: ys) }
    guard let dataset else { return surface.tape.values(xs: xs, ys: ys) }
    var output = [Double](repeating: 0, count: xs.count * ys.count)
    let weight = 1 / Double(dataset.rowCount)
    for r in 0..<dataset.rowCount {
      surface.tape.accumulateValues(
        xs: xs, ys: ys, inputs: dataset.row(r), weight: weight, into: &output)
    }
    return output
  }
}

extension Scene {
  /// A scene for a bare expression (`--expr`): the default view [-2, 2]², starting at its
  /// centre (0, 0), 100 steps, and every optimizer at its defaults.
  public static func expression(_ expression: String, parameters: [String: Double] = [:])
    throws(ExpressionError) -> Scene
  {
    Scene(
      name: "expr", file: "--expr", title: expression, description: "", notes: nil,
      surface: try Surface(expression, parameters: parameters), dataset: nil, batch: nil,
      dataSeed: 0, xRange: SceneLoader.defaultRange, yRange: SceneLoader.defaultRange,
      scale: .linear, start: .zero, minima: [], saddles: [], settings: [:], steps: 100)
  }
}
