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
  /// Where the first generation is scattered; nil for the square of half-width 2 around the
  /// start.
  public var region: Region?

  public init(
    population: Int = 30, tournament: Int = 3, blend: Double = 0.5, mutation: Double = 0.2,
    sigma: Double = 0.3, elite: Int = 2, seed: UInt64 = 0, region: Region? = nil
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

  public static let spec = OptimizerSpec(
    "ga", title: "genetic algorithm", family: .gradientFree,
    summary: "a population bred by tournament, blend crossover and mutation",
    settings: [
      .real("sigma", 0.3, .positive, "Standard deviation σ of a mutation."),
      .real("blend", 0.5, .nonNegative, "α of the blend crossover BLX-α."),
      .real("mutation", 0.2, .unit, "Probability that a coordinate mutates."),
      .integer("population", 30, 2...OptimizerKind.maximumPopulation, "Members per generation."),
      .integer(
        "tournament", 3, 1...OptimizerKind.maximumPopulation, "Members each tournament draws."),
      .integer(
        "elite", 2, 0...(OptimizerKind.maximumPopulation - 1),
        "Members kept unchanged each generation."),
      .seed(),
    ],
    equations: [
      "parents: best of `tournament` random members", "child: uniform in [lo − α·d, hi + α·d]",
      "mutate: + σ·N(0, 1) with probability `mutation`",
    ],
    color: 0x9900FF, stepSetting: "sigma",
    check: { h throws(HyperparameterError) in
      let population = h.integer("population")!
      for (name, valid) in [("tournament", 1...population), ("elite", 0...(population - 1))] {
        let value = h.integer(name)!
        if !valid.contains(value) {
          throw HyperparameterError(
            "ga: \(name) = \(value) is invalid; it must be between \(valid.lowerBound) and "
              + "\(valid.upperBound)", setting: name)
        }
      }
    },
    build: { h, region in
      GeneticAlgorithm(
        population: h.integer("population")!, tournament: h.integer("tournament")!,
        blend: h.blend!, mutation: h.mutation!, sigma: h.sigma!, elite: h.integer("elite")!,
        seed: h.seed!, region: region)
    })

  /// What the algorithm carries between generations.
  struct Memory: Sendable {
    /// f at each member.
    var losses: [Double]
    var generator: Xoshiro256StarStar
    /// How many coordinates the last generation's mutations changed.
    var mutated = 0
  }

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    var h: Hyperparameters = [
      "sigma": sigma, "blend": blend, "mutation": mutation, "population": Double(population),
      "tournament": Double(tournament), "elite": Double(elite),
    ]
    h.seed = seed
    return h
  }

  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    var generator = Xoshiro256StarStar(seed: seed)
    var members = [x]
    for _ in 1..<population {
      members.append(f.randomPoint(near: x, in: region, using: &generator))
    }
    let losses = members.map { f.value(at: $0) }
    let best = Self.ranking(losses)[0]
    return Iterate(
      position: members[best], loss: losses[best],
      evaluations: EvaluationCount(values: population), members: members,
      memory: Memory(losses: losses, generator: generator))
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    var next = state
    var memory = state.memory(as: Memory.self)
    let order = Self.ranking(memory.losses)
    var members: [F.Point] = []
    members.reserveCapacity(population)
    var losses: [Double] = []
    losses.reserveCapacity(population)
    for i in order.prefix(elite) {
      members.append(state.members[i])
      losses.append(memory.losses[i])
    }
    var mutated = 0
    while members.count < population {
      let a = state.members[select(memory.losses, &memory.generator)]
      let b = state.members[select(memory.losses, &memory.generator)]
      let (child, mutations) = breed(a, b, generator: &memory.generator)
      mutated += mutations
      members.append(child)
      losses.append(f.value(at: child))
    }
    for i in members.indices where losses[i].isBetterLoss(than: next.loss) {
      next.position = members[i]
      next.loss = losses[i]
    }
    next.members = members
    memory.losses = losses
    next.step += 1
    next.evaluations.values += population - elite
    memory.mutated = mutated
    next.memory = memory
    return next
  }

  /// The inspector's rows, worked out from the state when asked.
  public func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow] {
    guard state.step > 0 else { return [] }
    let memory = state.memory(as: Memory.self)
    let finite = memory.losses.filter(\.isFinite)
    return [
      .text("members", "\(population), \(elite) elite kept"),
      .text("mutated", "\(memory.mutated) coordinates this generation"),
      .number("mean f", finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)),
      .number(
        "spread", spread(state.members, around: state.position), " mean distance to the best"),
    ]
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

extension GeneticAlgorithm {
  /// The generation's best child, replayed from the generator it started with: its parents
  /// (tournament winners), the interval its blend crossover drew from, its mutations.
  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    guard state.step == previous.step + 1, state.members.count > elite else { return [] }
    var memory = previous.memory(as: Memory.self)
    let losses = state.memory(as: Memory.self).losses
    var best: (a: V, b: V, index: Int, mutations: Int)? = nil
    for index in elite..<state.members.count {
      let a = previous.members[select(memory.losses, &memory.generator)]
      let b = previous.members[select(memory.losses, &memory.generator)]
      let (_, mutations) = breed(a, b, generator: &memory.generator)
      if best.map({ losses[index].isBetterLoss(than: losses[$0.index]) }) ?? true {
        best = (a, b, index, mutations)
      }
    }
    guard let best else { return [] }
    var low = best.a
    var high = best.a
    for k in 0..<low.scalarCount {
      let (lo, hi) = (Swift.min(best.a[k], best.b[k]), Swift.max(best.a[k], best.b[k]))
      low[k] = lo - blend * (hi - lo)
      high[k] = hi + blend * (hi - lo)
    }
    return [
      LiveEquation(
        "the best child: parents a, b by tournaments of \(tournament)",
        [.v(best.a), ", ", .v(best.b)], link: ":"),
      LiveEquation(
        Self.spec.equations[1], ["[", .v(low), ", ", .v(high), "], α = ", .n(blend)],
        is: .v(state.members[best.index]), link: ":"),
      LiveEquation(
        Self.spec.equations[2], ["σ = ", .n(sigma), ", p = ", .n(mutation)],
        is: .text("\(best.mutations) of its coordinates mutated"), link: ":"),
      LiveEquation("f(child)", [], is: .n(losses[best.index])),
    ]
  }
}

extension Xoshiro256StarStar {
  /// A uniform integer in 0..<n by Lemire's multiply-shift: the same sequence on every
  /// platform, with a bias below n/2⁶⁴.
  mutating func index(below n: Int) -> Int {
    Int((UInt64(n).multipliedFullWidth(by: next())).high)
  }
}

extension OptimizerKind {
  public static let ga = GeneticAlgorithm.spec.kind
}
