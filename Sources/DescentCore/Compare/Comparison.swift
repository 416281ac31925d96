/// A fair comparison of optimizers on one scene, as `descent compare` prints it.
///
/// Fair in the three ways comparisons by step count are not: every run gets the same budget
/// of evaluations (a step of a swarm costs its population; a gradient counts as
/// `gradientCost` evaluations of f); every method's step size (its learning rate, or σ) is
/// tuned on the same log grid with that budget, choosing the setting with the lowest median
/// final loss over `seeds` seeds; and the chosen setting is then run on `seeds` fresh seeds,
/// whose spread and success rate are reported, not the best one.
public struct Comparison: Sendable {
  /// One optimizer's result.
  public struct Entry: Sendable, Equatable {
    public var kind: OptimizerKind
    /// The run's name: the optimizer's, or an instance's (`gd@lr=0.05`).
    public var name: String
    /// The setting that was tuned (`lr` or `sigma`) and the value chosen; nil for a method
    /// with no step size (the swarm), run at its defaults.
    public var tuned: (name: String, value: Double)?
    /// The final loss of each evaluation seed (∞ for a run that diverged).
    public var finalLosses: [Double]
    /// For each evaluation seed, the evaluations spent when the loss first reached the
    /// target, or nil if it never did.
    public var evaluationsToTarget: [Int?]
    /// Steps one run took within the budget.
    public var steps: Int

    public var medianLoss: Double { Comparison.quantile(finalLosses, 0.5) }
    /// The interquartile range of the final losses.
    public var spread: (low: Double, high: Double) {
      (Comparison.quantile(finalLosses, 0.25), Comparison.quantile(finalLosses, 0.75))
    }
    public var successRate: Double {
      Double(evaluationsToTarget.compactMap { $0 }.count) / Double(max(1, finalLosses.count))
    }
    /// The median evaluations to the target over the seeds that reached it.
    public var medianEvaluationsToTarget: Int? {
      let reached = evaluationsToTarget.compactMap { $0 }.map(Double.init)
      return reached.isEmpty ? nil : Int(Comparison.quantile(reached, 0.5).rounded())
    }

    public static func == (a: Entry, b: Entry) -> Bool {
      a.kind == b.kind && a.name == b.name && a.tuned?.name == b.tuned?.name
        && a.tuned?.value == b.tuned?.value
        && a.finalLosses == b.finalLosses && a.evaluationsToTarget == b.evaluationsToTarget
        && a.steps == b.steps
    }
  }

  public var scene: Scene
  /// The runs compared; an instance's own settings are laid over `overrides` (and a step
  /// size it sets is kept, not tuned).
  public var runs: [RunSpec]
  /// Settings laid over the scene's for every run (not the tuned one).
  public var overrides: Hyperparameters
  /// Evaluations of f per run; a gradient evaluation counts as `gradientCost` of them.
  public var budget: Int
  public var gradientCost: Double
  public var seeds: Int
  /// Success means a loss at or below this.
  public var target: Double

  /// The step sizes tried: 1 and 3 times each power of ten, 1e-5 to 1 for a learning rate
  /// and 1e-3 to 3 for σ.
  public static func grid(for setting: String) -> [Double] {
    let decades = setting == "lr" ? -5...0 : -3...0
    // Parsed from text, so that 3e-1 is the double nearest 0.3, not 3 × 0.1.
    var values: [Double] = []
    for d in decades {
      values.append(Double("1e\(d)")!)
      if d < 0 || setting != "lr" { values.append(Double("3e\(d)")!) }
    }
    return values
  }

  /// The default target: the lowest value at the scene's marked minima plus 1e-6, or nil for
  /// a scene that marks none (a network).
  public static func defaultTarget(for scene: Scene) -> Double? {
    guard scene.network == nil, !scene.minima.isEmpty else { return nil }
    var objective = scene.objective(fullBatch: true)
    return scene.minima.map { objective.value(at: $0.position) }.min()! + 1e-6
  }

  public init(
    scene: Scene, kinds: [OptimizerKind], overrides: Hyperparameters = Hyperparameters(),
    budget: Int, gradientCost: Double = 1, seeds: Int, target: Double
  ) {
    self.init(
      scene: scene, runs: kinds.map { RunSpec($0) }, overrides: overrides, budget: budget,
      gradientCost: gradientCost, seeds: seeds, target: target)
  }

  public init(
    scene: Scene, runs: [RunSpec], overrides: Hyperparameters = Hyperparameters(),
    budget: Int, gradientCost: Double = 1, seeds: Int, target: Double
  ) {
    self.scene = scene
    self.runs = runs
    self.overrides = overrides
    self.budget = budget
    self.gradientCost = gradientCost
    self.seeds = seeds
    self.target = target
  }

  /// Tunes and runs every optimizer; `progress` hears what is being done.
  public func run(progress: (String) -> Void = { _ in }) throws(HyperparameterError) -> [Entry] {
    var entries: [Entry] = []
    for spec in runs {
      let kind = spec.kind
      let name = spec.name
      let overrides = self.overrides.merging(spec.settings)
      guard let setting = kind.stepSetting else {
        progress("\(name): no step size to tune; \(seeds) seeds")
        entries.append(
          try evaluate(spec, settings: overrides, seeds: evaluationSeeds, tuned: nil))
        continue
      }
      // A step size given in `overrides` is kept, not tuned.
      let grid = overrides[setting].map { [$0] } ?? Self.grid(for: setting)
      var best: (value: Double, median: Double)?
      for (index, value) in grid.enumerated() {
        progress("\(name): tuning \(setting), \(index + 1) of \(grid.count)")
        var settings = overrides
        settings[setting] = value
        let trial = try evaluate(spec, settings: settings, seeds: tuningSeeds, tuned: nil)
        // The lowest median; on a tie, the larger step (it got there with room to spare).
        if best == nil || trial.medianLoss <= best!.median {
          best = (value, trial.medianLoss)
        }
      }
      progress("\(name): \(seeds) seeds at \(setting) = \(best!.value)")
      var settings = overrides
      settings[setting] = best!.value
      entries.append(
        try evaluate(
          spec, settings: settings, seeds: evaluationSeeds, tuned: (setting, best!.value)))
    }
    return entries
  }

  /// Tuning and evaluation use different seeds, so the setting chosen is not scored on the
  /// runs that chose it.
  var tuningSeeds: Range<UInt64> { 0..<UInt64(seeds) }
  var evaluationSeeds: Range<UInt64> { UInt64(seeds)..<UInt64(2 * seeds) }

  private func evaluate(
    _ spec: RunSpec, settings: Hyperparameters, seeds: Range<UInt64>,
    tuned: (name: String, value: Double)?
  ) throws(HyperparameterError) -> Entry {
    var losses: [Double] = []
    var reached: [Int?] = []
    var steps = 0
    for seed in seeds {
      var seeded = settings
      seeded.seed = seed
      // The seed also shuffles the mini-batches of a data or network scene.
      var scene = self.scene
      scene.dataSeed = scene.dataSeed &+ seed
      if let network = scene.network { scene.network?.seed = network.seed &+ seed }
      let optimizer = try scene.optimizer(spec.kind, overrides: seeded)
      var objective = scene.objective()
      var run = Run(optimizer, from: scene.start, on: &objective)
      var first: Int?
      // A method that has converged may stop spending (Nelder–Mead once its simplex is one
      // point): its run ends there rather than looping for ever short of the budget.
      var idle = 0
      var spent = spend(run.state.evaluations)
      repeat {
        if first == nil && run.state.loss <= target {
          first = Int(spend(run.state.evaluations).rounded(.up))
        }
        let now = spend(run.state.evaluations)
        idle = now > spent ? 0 : idle + 1
        spent = now
      } while spent < Double(budget) && idle < Self.idleSteps && run.advance(on: &objective)
      losses.append(run.isDiverged ? .infinity : run.state.loss)
      reached.append(first)
      steps = max(steps, run.state.step)
    }
    return Entry(
      kind: spec.kind, name: spec.name, tuned: tuned, finalLosses: losses,
      evaluationsToTarget: reached, steps: steps)
  }

  /// Steps in a row that spend nothing after which a run counts as finished.
  static let idleSteps = 1000

  private func spend(_ count: EvaluationCount) -> Double {
    Double(count.values) + gradientCost * Double(count.gradients)
  }

  /// The q-quantile by linear interpolation between order statistics (NumPy's default);
  /// ∞ sorts last.
  static func quantile(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let position = q * Double(sorted.count - 1)
    let low = Int(position.rounded(.down))
    let high = min(low + 1, sorted.count - 1)
    let fraction = position - Double(low)
    if fraction == 0 || sorted[low] == sorted[high] { return sorted[low] }
    return sorted[low] + (sorted[high] - sorted[low]) * fraction
  }
}
