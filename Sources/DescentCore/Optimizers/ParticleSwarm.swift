/// Particle swarm optimisation in the standard inertia-weight form (Shi and Eberhart, 1998).
/// It uses no gradient, only values of f.
///
/// Each particle i has a position xᵢ, a velocity vᵢ and the best point it has visited pᵢ;
/// g is the best point the whole swarm has visited. One step moves every particle once:
///
///     vᵢ ← w·vᵢ + c₁·r₁ ⊙ (pᵢ − xᵢ) + c₂·r₂ ⊙ (g − xᵢ)      r₁, r₂ ~ U(0, 1)² per particle
///     xᵢ ← xᵢ + vᵢ
///
/// then evaluates f at every new xᵢ and updates pᵢ and g (synchronously, after all moves).
/// The defaults w = 0.7298, c₁ = c₂ = 1.49618 are Clerc and Kennedy's constriction values,
/// which converge without a velocity limit.
///
/// The first particle starts at the start point and the others uniformly in `region`; each
/// velocity starts at half the way from the particle to a uniform point of the region. A step
/// spends `population` evaluations of f. The reported position is g: the best so far.
public struct ParticleSwarm: Optimizer {
  public var inertia: Double
  public var c1: Double
  public var c2: Double
  public var population: Int
  public var seed: UInt64
  /// Where the first particles are scattered; nil for the square of half-width 2 around the
  /// start.
  public var region: Region?

  public init(
    inertia: Double = 0.7298, c1: Double = 1.49618, c2: Double = 1.49618, population: Int = 30,
    seed: UInt64 = 0, region: Region? = nil
  ) {
    self.inertia = inertia
    self.c1 = c1
    self.c2 = c2
    self.population = max(1, population)
    self.seed = seed
    self.region = region
  }

  public static let spec = OptimizerSpec(
    "pso", title: "particle swarm", family: .gradientFree,
    summary: "a swarm pulled towards each particle's best and the swarm's best",
    settings: [
      .real("inertia", 0.7298, .unit, "Inertia weight w."),
      .real(
        "c1", 1.49618, .nonNegative, "Cognitive coefficient c₁: pull to a particle's own best."),
      .real("c2", 1.49618, .nonNegative, "Social coefficient c₂: pull to the swarm's best."),
      .integer("population", 30, 2...OptimizerKind.maximumPopulation, "Particles in the swarm."),
      .seed(),
    ],
    equations: ["v ← w·v + c₁·r₁⊙(p − x) + c₂·r₂⊙(g − x)", "x ← x + v"], color: 0xFFB3FF,
    stepSetting: nil,
    build: { h, region in
      ParticleSwarm(
        inertia: h.inertia!, c1: h.c1!, c2: h.c2!, population: h.integer("population")!,
        seed: h.seed!, region: region)
    })

  /// What the swarm carries between steps.
  struct Memory<V: ParameterVector>: Sendable {
    var velocities: [V]
    /// pᵢ and f(pᵢ): the best point each particle has visited.
    var personalBest: [V]
    var personalBestLoss: [Double]
    var generator: Xoshiro256StarStar
    /// How many personal bests the last step improved.
    var improved = 0
  }

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    var h: Hyperparameters = [
      "inertia": inertia, "c1": c1, "c2": c2, "population": Double(population),
    ]
    h.seed = seed
    return h
  }

  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    var generator = Xoshiro256StarStar(seed: seed)
    var particles = [x]
    for _ in 1..<population {
      particles.append(f.randomPoint(near: x, in: region, using: &generator))
    }
    let velocities = particles.map {
      (f.randomPoint(near: x, in: region, using: &generator) - $0) / 2
    }
    let losses = particles.map { f.value(at: $0) }
    var best = 0
    for i in particles.indices where losses[i].isBetterLoss(than: losses[best]) { best = i }
    return Iterate(
      position: particles[best], loss: losses[best],
      evaluations: EvaluationCount(values: population), members: particles,
      memory: Memory(
        velocities: velocities, personalBest: particles, personalBestLoss: losses,
        generator: generator))
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    var next = state
    var memory = state.memory(as: Memory<F.Point>.self)
    let g = state.position
    for i in next.members.indices {
      (next.members[i], memory.velocities[i]) = move(
        next.members[i], velocity: memory.velocities[i], best: memory.personalBest[i],
        swarmBest: g, generator: &memory.generator)
    }
    var improved = 0
    for i in next.members.indices {
      let loss = f.value(at: next.members[i])
      if loss.isBetterLoss(than: memory.personalBestLoss[i]) {
        memory.personalBest[i] = next.members[i]
        memory.personalBestLoss[i] = loss
        improved += 1
      }
      if loss.isBetterLoss(than: next.loss) {
        next.position = next.members[i]
        next.loss = loss
      }
    }
    next.step += 1
    next.evaluations.values += population
    memory.improved = improved
    next.memory = memory
    return next
  }

  /// The inspector's rows, worked out from the state when asked.
  public func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow] {
    guard state.step > 0 else { return [] }
    let memory = state.memory(as: Memory<V>.self)
    return [
      .text("swarm", "\(population) particles, best so far above"),
      .text("improved", "\(memory.improved) personal bests this step"),
      .number(
        "spread", spread(state.members, around: state.position), " mean distance to the best"),
      .number("speed", meanNorm(memory.velocities), " mean per step"),
    ]
  }
}

extension ParticleSwarm {
  /// One particle's move, for any number of parameters:
  /// v ← w·v + c₁·r₁ ⊙ (p − x) + c₂·r₂ ⊙ (g − x), then x ← x + v, with r₁ and r₂ uniform in
  /// [0, 1) per coordinate (r₁'s coordinates drawn first).
  public func move<V: ParameterVector>(
    _ x: V, velocity: V, best p: V, swarmBest g: V, generator: inout Xoshiro256StarStar
  ) -> (position: V, velocity: V) {
    var r1 = x * 0
    var r2 = x * 0
    for k in 0..<x.scalarCount { r1[k] = generator.uniform() }
    for k in 0..<x.scalarCount { r2[k] = generator.uniform() }
    let v = inertia * velocity + c1 * r1 * (p - x) + c2 * r2 * (g - x)
    return (x + v, v)
  }
}

extension ParticleSwarm {
  /// One particle's move, replayed from the generator the step started with: the particle
  /// that is now the swarm's best if this step found it, else the first.
  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    guard state.step == previous.step + 1, previous.members.count == state.members.count,
      !previous.members.isEmpty
    else { return [] }
    let best =
      state.position != previous.position ? state.members.firstIndex(of: state.position) : nil
    let i = best ?? 0
    let before = previous.memory(as: Memory<V>.self)
    var generator = before.generator
    // Each particle before it drew 2n uniforms.
    let n = previous.position.scalarCount
    for _ in 0..<(2 * n * i) { _ = generator.uniform() }
    let x = previous.members[i]
    var r1 = x * 0
    var r2 = x * 0
    for k in 0..<n { r1[k] = generator.uniform() }
    for k in 0..<n { r2[k] = generator.uniform() }
    let g = previous.position
    let velocity = state.memory(as: Memory<V>.self).velocities[i]
    return [
      LiveEquation(
        "particle \(i + 1) of \(population)" + (best != nil ? ", the swarm's new best" : ""), []),
      LiveEquation(
        Self.spec.equations[0],
        [
          .n(inertia), "·", .v(before.velocities[i]), " + ", .n(c1), "·", .v(r1), "⊙(",
          .v(before.personalBest[i]), " − ", .v(x), ") + ", .n(c2), "·", .v(r2), "⊙(", .v(g),
          " − ", .v(x), ")",
        ], is: .v(velocity)),
      LiveEquation(Self.spec.equations[1], [.v(x), " + ", .v(velocity)], is: .v(state.members[i])),
    ]
  }
}

/// The mean distance of `points` from `center`: how far a swarm or population has spread.
func spread<V: ParameterVector>(_ points: [V], around center: V) -> Double {
  meanNorm(points.map { $0 - center })
}

/// The mean Euclidean length of `vectors`; 0 for none.
func meanNorm<V: ParameterVector>(_ vectors: [V]) -> Double {
  guard !vectors.isEmpty else { return 0 }
  var total = 0.0
  for v in vectors { total += v.norm }
  return total / Double(vectors.count)
}

extension OptimizerKind {
  public static let pso = ParticleSwarm.spec.kind
}
