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
  /// Where the first particles are scattered; nil for `Region.around(start)`.
  public var region: Region?

  public init(
    inertia: Double = OptimizerKind.pso.defaults.inertia!,
    c1: Double = OptimizerKind.pso.defaults.c1!, c2: Double = OptimizerKind.pso.defaults.c2!,
    population: Int = OptimizerKind.pso.defaults.population!,
    seed: UInt64 = OptimizerKind.pso.defaults.seed!, region: Region? = nil
  ) {
    self.inertia = inertia
    self.c1 = c1
    self.c2 = c2
    self.population = max(1, population)
    self.seed = seed
    self.region = region
  }

  public struct State: OptimizerState {
    /// g, the best point the swarm has visited.
    public var position: SIMD2<Double>
    public var loss: Double
    public var step: Int
    public var evaluations: EvaluationCount
    public var inspection: Inspection
    public var particles: [SIMD2<Double>]
    public var velocities: [SIMD2<Double>]
    /// pᵢ and f(pᵢ): the best point each particle has visited.
    public var personalBest: [SIMD2<Double>]
    public var personalBestLoss: [Double]
    public var generator: Xoshiro256StarStar
    public var points: [SIMD2<Double>] { particles }
  }

  public var kind: OptimizerKind { .pso }
  public var hyperparameters: Hyperparameters {
    Hyperparameters(inertia: inertia, c1: c1, c2: c2, population: population, seed: seed)
  }

  public func start(at start: SIMD2<Double>, on objective: inout some Objective) -> State {
    let region = self.region ?? .around(start)
    var generator = Xoshiro256StarStar(seed: seed)
    var particles = [start]
    for _ in 1..<population { particles.append(region.randomPoint(&generator)) }
    let velocities = particles.map { (region.randomPoint(&generator) - $0) / 2 }
    let losses = particles.map { objective.value(at: $0) }
    var best = 0
    for i in particles.indices where losses[i].isBetterLoss(than: losses[best]) { best = i }
    return State(
      position: particles[best], loss: losses[best], step: 0,
      evaluations: EvaluationCount(values: population), inspection: .initial(gradient: nil),
      particles: particles, velocities: velocities, personalBest: particles,
      personalBestLoss: losses, generator: generator)
  }

  public func step(_ state: State, on objective: inout some Objective) -> State {
    var next = state
    let g = state.position
    for i in next.particles.indices {
      (next.particles[i], next.velocities[i]) = move(
        next.particles[i], velocity: next.velocities[i], best: next.personalBest[i],
        swarmBest: g, generator: &next.generator)
    }
    var improved = 0
    for i in next.particles.indices {
      let loss = objective.value(at: next.particles[i])
      if loss.isBetterLoss(than: next.personalBestLoss[i]) {
        next.personalBest[i] = next.particles[i]
        next.personalBestLoss[i] = loss
        improved += 1
      }
      if loss.isBetterLoss(than: next.loss) {
        next.position = next.particles[i]
        next.loss = loss
      }
    }
    next.step += 1
    next.evaluations.values += population
    next.inspection = .swarm(
      size: population, improved: improved, spread: spread(next.particles, around: next.position),
      meanSpeed: meanLength(next.velocities))
    return next
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

/// The mean distance of `points` from `center`: how far a swarm or population has spread.
func spread(_ points: [SIMD2<Double>], around center: SIMD2<Double>) -> Double {
  meanLength(points.map { $0 - center })
}

/// The mean of `lengths`; 0 for none.
func meanLength(_ lengths: [Double]) -> Double {
  lengths.isEmpty ? 0 : lengths.reduce(0, +) / Double(lengths.count)
}

func meanLength(_ vectors: [SIMD2<Double>]) -> Double {
  guard !vectors.isEmpty else { return 0 }
  var total = 0.0
  for v in vectors { total += (v * v).sum().squareRoot() }
  return total / Double(vectors.count)
}
