/// Checks claims by running the optimizers headless, with the same `Run` that `descent run`
/// and the interactive view step.
public enum ClaimChecker {
  /// What a claim is checked against: the scene, start, gradient mode and settings in force,
  /// and the default horizon (the step's `run`, or the scene's `steps`).
  public struct Context: Sendable {
    public var scene: Scene
    public var start: SIMD2<Double>
    public var gradient: SceneObjective.GradientMode
    /// Settings per optimizer, laid over the scene's.
    public var settings: [OptimizerKind: Hyperparameters]
    public var horizon: Int

    public init(
      scene: Scene, start: SIMD2<Double>? = nil,
      gradient: SceneObjective.GradientMode = .backprop,
      settings: [OptimizerKind: Hyperparameters] = [:], horizon: Int? = nil
    ) {
      self.scene = scene
      self.start = start ?? scene.start
      self.gradient = gradient
      self.settings = settings
      self.horizon = horizon ?? scene.steps
    }

    /// What lesson step `setup` shows.
    public init(_ setup: Lesson.Setup) {
      self.init(
        scene: setup.scene, start: setup.start, gradient: setup.gradient,
        settings: setup.settings, horizon: setup.run ?? setup.scene.steps)
    }
  }

  /// A checked claim: whether it holds, and the numbers measured.
  public struct Result: Sendable {
    public var claim: Claim
    public var holds: Bool
    /// What the runs did, e.g. "momentum reached loss ≤ 0.0001 at step 60, gd at step 150".
    public var measured: String
    /// The claim's position and, when false, the numbers that contradict it.
    public var diagnostic: SceneDiagnostic {
      claim.diagnostic(holds ? "claim holds: \(measured)" : "false claim: \(measured)")
    }
  }

  /// Every claim of `scene`'s description, at the scene's own settings.
  public static func check(_ scene: Scene) -> [Result] {
    var runs = Runs(Context(scene: scene))
    return scene.claims.map { check($0, &runs) }
  }

  /// Every claim of every step of `lesson`, each at the settings that step shows.
  public static func check(_ lesson: Lesson) -> [Result] {
    guard let first = lesson.steps.lazy.compactMap(\.scene).first else { return [] }
    var results: [Result] = []
    for (index, step) in lesson.steps.enumerated() where !step.claims.isEmpty {
      var runs = Runs(Context(lesson.setup(at: index, initial: first)))
      for claim in step.claims { results.append(check(claim, &runs)) }
    }
    return results
  }

  /// One claim in `context`.
  public static func check(_ claim: Claim, in context: Context) -> Result {
    var runs = Runs(context)
    return check(claim, &runs)
  }

  // MARK: - Kinds

  private static func check(_ claim: Claim, _ runs: inout Runs) -> Result {
    do {
      guard claim.settings.isEmpty && claim.gradient == nil else {
        // Its own settings: its own runs.
        var context = runs.context
        context.gradient = claim.gradient ?? context.gradient
        for (kind, h) in claim.settings {
          context.settings[kind] = (context.settings[kind] ?? Hyperparameters()).merging(h)
        }
        var own = Runs(context)
        let (holds, measured) = try measure(claim, &own)
        return Result(claim: claim, holds: holds, measured: measured)
      }
      let (holds, measured) = try measure(claim, &runs)
      return Result(claim: claim, holds: holds, measured: measured)
    } catch {
      return Result(claim: claim, holds: false, measured: error.description)
    }
  }

  private static func measure(_ claim: Claim, _ runs: inout Runs)
    throws(HyperparameterError) -> (Bool, String)
  {
    let horizon = claim.steps ?? runs.context.horizon
    return try claim.kind.measure(claim, horizon, &runs)
  }

  static func length(_ v: SIMD2<Double>) -> Double { (v * v).sum().squareRoot() }

  // MARK: - Runs

  /// The runs one context needs, each recorded once and reused by every claim.
  struct Runs {
    let context: Context
    private var cache: [String: Probe] = [:]

    init(_ context: Context) { self.context = context }

    mutating func probe(_ spec: RunSpec, steps: Int, seed: UInt64? = nil)
      throws(HyperparameterError) -> Probe
    {
      let key = "\(spec.name)/\(seed.map(String.init) ?? "-")"
      if let cached = cache[key], cached.steps >= steps || cached.divergedAt != nil {
        return cached.prefix(steps)
      }
      var overrides = (context.settings[spec.kind] ?? Hyperparameters()).merging(spec.settings)
      if let seed { overrides.seed = seed }
      let optimizer = try context.scene.optimizer(spec.kind, overrides: overrides)
      var objective = context.scene.objective()
      objective.gradientMode = context.gradient
      var run = Run(optimizer, from: context.start, on: &objective)
      var probe = Probe()
      func record() {
        probe.positions.append(run.state.position)
        probe.losses.append(run.state.loss)
        probe.evaluations.append(run.state.evaluations)
      }
      record()
      while run.state.step < steps, run.advance(on: &objective) { record() }
      probe.divergedAt = run.divergedAt
      cache[key] = probe
      return probe
    }
  }

  /// One recorded run: where it was, its loss and what it had spent after each step.
  struct Probe {
    var positions: [SIMD2<Double>] = []
    var losses: [Double] = []
    var evaluations: [EvaluationCount] = []
    var divergedAt: Int?

    /// The last step recorded.
    var steps: Int { positions.count - 1 }

    /// The run up to step `steps`, as if it had stopped there.
    func prefix(_ steps: Int) -> Probe {
      guard steps < self.steps else { return self }
      var probe = Probe(
        positions: Array(positions[...steps]), losses: Array(losses[...steps]),
        evaluations: Array(evaluations[...steps]))
      probe.divergedAt = divergedAt.flatMap { $0 <= steps ? $0 : nil }
      return probe
    }

    /// Evaluations of f spent by step `step`, each of ∇f counted as `gradientCost` of them.
    func spent(at step: Int, gradientCost: Double) -> Double {
      Double(evaluations[step].values) + gradientCost * Double(evaluations[step].gradients)
    }

    static func reaches(_ p: SIMD2<Double>, loss: Double, _ target: Claim.Target) -> Bool {
      switch target {
      case .loss(let bound): loss <= bound
      case .distance(let d, let points, _): points.contains { length(p - $0) <= d }
      }
    }

    static func distance(_ p: SIMD2<Double>, _ points: [SIMD2<Double>]) -> Double {
      points.map { length(p - $0) }.min() ?? .infinity
    }

    func firstReaching(_ target: Claim.Target?) -> Int? {
      guard let target else { return nil }
      return positions.indices.first { Self.reaches(positions[$0], loss: losses[$0], target) }
    }

    /// Where the run got to, for a message: its best loss or nearest distance.
    func summary(_ target: Claim.Target?) -> String {
      if let divergedAt { return "diverged at step \(divergedAt)" }
      switch target {
      case .distance(_, let points, _):
        let best = positions.map { Self.distance($0, points) }.min() ?? .infinity
        return
          "nearest \(Claim.format(best)), at the end \(Claim.format(Self.distance(positions.last!, points)))"
      default:
        return
          "lowest loss \(Claim.format(losses.min() ?? .nan)), at the end \(Claim.format(losses.last ?? .nan))"
      }
    }
  }
}

extension EvaluationCount {
  static func - (a: EvaluationCount, b: EvaluationCount) -> EvaluationCount {
    EvaluationCount(values: a.values - b.values, gradients: a.gradients - b.gradients)
  }
}
