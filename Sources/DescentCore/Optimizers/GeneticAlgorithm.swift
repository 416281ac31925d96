/// A real-coded genetic algorithm. It uses no gradient, only values of f.
///
/// One step makes one generation from the last:
///
/// 1. **Elitism.** The `elite` best members pass unchanged (and are not evaluated again).
/// 2. **Tournament selection.** Each parent is the best of `tournament` members drawn
///    uniformly with replacement.
/// 3. **Blend crossover (BLX-α).** Each coordinate of the child is uniform in
///    [lo − α·d, hi + α·d], where lo and hi are the parents' values and d = hi − lo.
/// 4. **Gaussian mutation.** Each coordinate, with probability `mutation`, gets σ·N(0, 1).
///
/// The first member starts at the start point and the others uniformly in `region`. A step
/// spends `population − elite` evaluations of f. The reported position is the best point seen
/// so far (with `elite` ≥ 1, the best member of the current generation).
public struct GeneticAlgorithm: Optimizer {
  public var population: Int
  public var tournament: Int
  /// α of BLX-α.
  public var blend: Double
  /// The probability that a coordinate is mutated.
  public var mutation: Double
  /// The standard deviation of a mutation.
  public var sigma: Double
  public var elite: Int
  public var seed: UInt64
  /// Where the first generation is scattered; nil for `Region.around(start)`.
  public var region: Region?

  public init(
    population: Int = OptimizerKind.ga.defaults.population!,
    tournament: Int = OptimizerKind.ga.defaults.tournament!,
    blend: Double = OptimizerKind.ga.defaults.blend!,
    mutation: Double = OptimizerKind.ga.defaults.mutation!,
    sigma: Double = OptimizerKind.ga.defaults.sigma!,
    elite: Int = OptimizerKind.ga.defaults.elite!, seed: UInt64 = OptimizerKind.ga.defaults.seed!,
    region: Region? = nil
  ) {
    self.population = max(1, population)
    self.tournament = max(1, tournament)
    self.blend = blend
    self.mutation = mutation
    self.sigma = sigma
    self.elite = min(max(0, elite), self.population)
    self.seed = seed
    self.region = region
  }

  public struct State: OptimizerState {
    /// The best point seen so far.
    public var position: SIMD2<Double>
    public var loss: Double
    public var step: Int
    public var evaluations: EvaluationCount
    public var inspection: Inspection
    /// The current generation and f at each member.
    public var members: [SIMD2<Double>]
    public var losses: [Double]
    public var generator: Xoshiro256StarStar
    public var points: [SIMD2<Double>] { members }
  }

  public var kind: OptimizerKind { .ga }
  public var hyperparameters: Hyperparameters {
    Hyperparameters(
      sigma: sigma, blend: blend, mutation: mutation, population: population,
      tournament: tournament, elite: elite, seed: seed)
  }

  public func start(at start: SIMD2<Double>, on objective: inout some Objective) -> State {
    let region = self.region ?? .around(start)
    var generator = Xoshiro256StarStar(seed: seed)
    var members = [start]
    for _ in 1..<population { members.append(region.randomPoint(&generator)) }
    let losses = members.map { objective.value(at: $0) }
    let best = Self.ranking(losses)[0]
    return State(
      position: members[best], loss: losses[best], step: 0,
      evaluations: EvaluationCount(values: population), inspection: .initial(gradient: nil),
      members: members, losses: losses, generator: generator)
  }

  public func step(_ state: State, on objective: inout some Objective) -> State {
    var next = state
    let order = Self.ranking(state.losses)
    var members = order.prefix(elite).map { state.members[$0] }
    var losses = order.prefix(elite).map { state.losses[$0] }
    var mutated = 0
    while members.count < population {
      let a = state.members[select(state.losses, &next.generator)]
      let b = state.members[select(state.losses, &next.generator)]
      let (child, mutations) = breed(a, b, generator: &next.generator)
      mutated += mutations
      members.append(child)
      losses.append(objective.value(at: child))
    }
    for i in members.indices where losses[i].isBetterLoss(than: next.loss) {
      next.position = members[i]
      next.loss = losses[i]
    }
    next.members = members
    next.losses = losses
    next.step += 1
    next.evaluations.values += population - elite
    let finite = losses.filter(\.isFinite)
    next.inspection = .generation(
      size: population, elite: elite, mutated: mutated,
      meanLoss: finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count),
      spread: spread(members, around: next.position))
    return next
  }

  /// A child of `a` and `b`, for any number of parameters: BLX-α crossover, then Gaussian
  /// mutation of each coordinate with probability `mutation`. Also how many coordinates
  /// mutated.
  public func breed<V: ParameterVector>(_ a: V, _ b: V, generator: inout Xoshiro256StarStar)
    -> (V, Int)
  {
    var child = a
    var mutated = 0
    for k in 0..<a.scalarCount {
      let lo = Swift.min(a[k], b[k])
      let hi = Swift.max(a[k], b[k])
      let d = hi - lo
      child[k] = (lo - blend * d) + generator.uniform() * (1 + 2 * blend) * d
      if generator.uniform() < mutation {
        child[k] += sigma * generator.normalPair().x
        mutated += 1
      }
    }
    return (child, mutated)
  }

  /// The index of the winner of one tournament.
  func select(_ losses: [Double], _ generator: inout Xoshiro256StarStar) -> Int {
    var winner = generator.index(below: losses.count)
    for _ in 1..<tournament {
      let challenger = generator.index(below: losses.count)
      if losses[challenger].isBetterLoss(than: losses[winner]) { winner = challenger }
    }
    return winner
  }

  /// Member indices from best to worst; NaN last, ties in index order.
  static func ranking(_ losses: [Double]) -> [Int] {
    losses.indices.sorted { i, j in
      if losses[i].isBetterLoss(than: losses[j]) { return true }
      if losses[j].isBetterLoss(than: losses[i]) { return false }
      return i < j
    }
  }
}

extension Xoshiro256StarStar {
  /// A uniform integer in 0..<n by Lemire's multiply-shift: the same sequence on every
  /// platform, with a bias below n/2⁶⁴.
  mutating func index(below n: Int) -> Int {
    Int((UInt64(n).multipliedFullWidth(by: next())).high)
  }
}
