import Foundation

/// One of the optimizers training a network in its full N-dimensional weight space, with
/// the same update rules as on a surface. As an `Optimizer` its position is the shadow of
/// the weights on the scene's plane, (α, β), so runs, races, rewinding and drawing work as
/// for any surface; its loss is the true loss of the weights over all the data, not the loss
/// under the shadow.
///
/// Gradients come from backpropagation over the step's mini-batch, or, when the objective
/// it is given reports finite differences (`d`, `--gradient finite-differences`), from
/// central differences: 2P forward passes for P parameters. Annealing proposes
/// θ' = θ + σ·N(0, I) in all P dimensions and judges by the full-data loss. The swarm and
/// the genetic algorithm scatter their first members over the plane's view (as on a
/// surface), then move and breed them in all P dimensions, judged by the full-data loss.
public struct NetworkOptimizer: Optimizer {
  public let kind: OptimizerKind
  public let hyperparameters: Hyperparameters
  public let network: NetworkScene
  let rule: (any UpdateRule)?
  let swarm: ParticleSwarm?
  let genetic: GeneticAlgorithm?

  /// `base` is the surface optimizer of `kind`, with its settings.
  public init(_ base: any Optimizer, network: NetworkScene) throws(HyperparameterError) {
    kind = base.kind
    hyperparameters = base.hyperparameters
    self.network = network
    rule = base as? any UpdateRule
    swarm = base as? ParticleSwarm
    genetic = base as? GeneticAlgorithm
  }

  public struct State: OptimizerState {
    public var theta: Parameters
    public var memory = RuleMemory<Parameters>()
    public var position: SIMD2<Double>
    public var loss: Double
    /// At the start, the gradient's components along the plane's directions,
    /// (∇L·d₁, ∇L·d₂); after a step, those of the gradient the step used.
    public var gradient: SIMD2<Double>?
    public var step = 0
    public var evaluations = EvaluationCount()
    public var inspection: Inspection = .initial(gradient: nil)
    public var accuracy: Double?
    var generator: Xoshiro256StarStar
    var recentAcceptances: UInt64 = 0
    /// A swarm's particles or a generation's members, their losses and shadows; a swarm's
    /// velocities and personal bests.
    var members: [Parameters] = []
    var memberLosses: [Double] = []
    var shadows: [SIMD2<Double>] = []
    var velocities: [Parameters] = []
    var personalBest: [Parameters] = []
    var personalBestLoss: [Double] = []

    public var points: [SIMD2<Double>] { shadows.isEmpty ? [position] : shadows }
  }

  var mlp: MLP { network.mlp }
  var data: NetworkData { network.data }

  public func start(at start: SIMD2<Double>, on objective: inout some Objective) -> State {
    let theta = network.plane.point(start)
    let (startLoss, accuracy) = mlp.lossAndAccuracy(
      theta, inputs: data.inputs, targets: data.targets)
    var state = State(
      theta: theta, position: start, loss: startLoss, gradient: nil, accuracy: accuracy,
      generator: Xoshiro256StarStar(seed: hyperparameters.seed ?? 0))
    if rule != nil {
      let (g, cost) = gradient(theta, batch: data, objective: objective)
      state.gradient = SIMD2(g.dot(network.plane.d1), g.dot(network.plane.d2))
      state.evaluations = cost
    } else if let size = swarm?.population ?? genetic?.population {
      let area = swarm?.region ?? genetic?.region ?? .around(start)
      var points = [start]
      for _ in 1..<size { points.append(area.randomPoint(&state.generator)) }
      state.members = points.map { network.plane.point($0) }
      state.memberLosses = state.members.map { loss($0) }
      if swarm != nil {
        state.velocities = points.map {
          network.plane.point((area.randomPoint(&state.generator) - $0) / 2) - network.plane.origin
        }
        state.personalBest = state.members
        state.personalBestLoss = state.memberLosses
      }
      adoptBest(&state)
      state.evaluations = EvaluationCount(values: size)
    } else {
      state.evaluations = EvaluationCount(values: 1)
    }
    return state
  }

  public func step(_ state: State, on objective: inout some Objective) -> State {
    var next = state
    let t = state.step + 1
    next.step = t
    if let rule {
      let batch = network.batchData(forUpdate: t)
      let (g, cost) = gradient(state.theta, batch: batch, objective: objective)
      next.theta = rule.apply(position: state.theta, gradient: g, memory: &next.memory, t: t)
      next.evaluations = state.evaluations + cost
      // The true loss over all the data, for the display (not counted: it is not the
      // optimizer's).
      (next.loss, next.accuracy) = mlp.lossAndAccuracy(
        next.theta, inputs: data.inputs, targets: data.targets)
      next.inspection = .network(
        parameters: next.theta.count, gradientNorm: g.norm,
        stepNorm: (next.theta - state.theta).norm, accuracy: next.accuracy ?? 0)
      next.gradient = SIMD2(g.dot(network.plane.d1), g.dot(network.plane.d2))
    } else if let swarm {
      var improved = 0
      for i in next.members.indices {
        (next.members[i], next.velocities[i]) = swarm.move(
          next.members[i], velocity: next.velocities[i], best: next.personalBest[i],
          swarmBest: state.theta, generator: &next.generator)
        next.memberLosses[i] = loss(next.members[i])
        if next.memberLosses[i].isBetterLoss(than: next.personalBestLoss[i]) {
          next.personalBest[i] = next.members[i]
          next.personalBestLoss[i] = next.memberLosses[i]
          improved += 1
        }
      }
      next.evaluations.values += swarm.population
      adoptBest(&next)
      next.inspection = .swarm(
        size: swarm.population, improved: improved,
        spread: meanLength(next.members.map { ($0 - next.theta).norm }),
        meanSpeed: meanLength(next.velocities.map(\.norm)))
    } else if let genetic {
      let order = GeneticAlgorithm.ranking(state.memberLosses)
      var members = order.prefix(genetic.elite).map { state.members[$0] }
      var losses = order.prefix(genetic.elite).map { state.memberLosses[$0] }
      var mutated = 0
      while members.count < genetic.population {
        let a = state.members[genetic.select(state.memberLosses, &next.generator)]
        let b = state.members[genetic.select(state.memberLosses, &next.generator)]
        let (child, mutations) = genetic.breed(a, b, generator: &next.generator)
        mutated += mutations
        members.append(child)
        losses.append(loss(child))
      }
      (next.members, next.memberLosses) = (members, losses)
      next.evaluations.values += genetic.population - genetic.elite
      adoptBest(&next)
      let finite = losses.filter(\.isFinite)
      next.inspection = .generation(
        size: genetic.population, elite: genetic.elite, mutated: mutated,
        meanLoss: finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count),
        spread: meanLength(members.map { ($0 - next.theta).norm }))
    } else {
      annealStep(&next, from: state)
    }
    next.position = network.plane.project(next.theta)
    return next
  }

  /// The full-data loss of `theta`.
  private func loss(_ theta: Parameters) -> Double {
    mlp.loss(theta, inputs: data.inputs, targets: data.targets)
  }

  /// Keeps the best member seen so far as the state's weights, and the members' shadows.
  private func adoptBest(_ state: inout State) {
    for i in state.members.indices where state.memberLosses[i].isBetterLoss(than: state.loss) {
      state.theta = state.members[i]
      state.loss = state.memberLosses[i]
      state.accuracy = mlp.accuracy(state.theta, inputs: data.inputs, targets: data.targets)
    }
    state.shadows = state.members.map { network.plane.project($0) }
  }

  private func annealStep(_ next: inout State, from state: State) {
    let h = hyperparameters
    let temperature = (h.temperature ?? 1) * Foundation.pow(h.cooling ?? 0.99, Double(state.step))
    var proposal = state.theta
    for i in 0..<proposal.count { proposal[i] += (h.sigma ?? 0.1) * next.generator.normalPair().x }
    let u = next.generator.uniform()
    let (proposalLoss, proposalAccuracy) = mlp.lossAndAccuracy(
      proposal, inputs: data.inputs, targets: data.targets)
    let delta = proposalLoss - state.loss
    let accepted = proposalLoss.isFinite && (delta <= 0 || u < Foundation.exp(-delta / temperature))
    if accepted {
      next.theta = proposal
      next.loss = proposalLoss
      next.accuracy = proposalAccuracy
    }
    next.evaluations.values += 1
    next.recentAcceptances = (state.recentAcceptances << 1) | (accepted ? 1 : 0)
    let window = Swift.min(next.step, Annealing.acceptanceWindow)
    let mask: UInt64 = (1 << UInt64(window)) - 1
    next.inspection = .anneal(
      temperature: temperature, proposal: network.plane.project(proposal),
      proposalLoss: proposalLoss, accepted: accepted,
      acceptanceRate: Double((next.recentAcceptances & mask).nonzeroBitCount) / Double(window))
  }

  /// ∇L over `batch`, by backprop or (if the objective asks for them) central differences,
  /// and what it cost.
  private func gradient(_ theta: Parameters, batch: NetworkData, objective: some Objective)
    -> (Parameters, EvaluationCount)
  {
    if objective.gradientCost.values > 0 {
      return (
        Self.finiteDifferences(mlp, theta, batch),
        EvaluationCount(values: 2 * theta.count)
      )
    }
    let (_, g) = mlp.lossAndGradient(theta, inputs: batch.inputs, targets: batch.targets)
    return (g, EvaluationCount(gradients: 1))
  }

  /// Central differences, (L(θ + hᵢeᵢ) − L(θ − hᵢeᵢ)) / 2hᵢ with hᵢ = ∛ε·max(1, |θᵢ|): two
  /// forward passes per parameter.
  /// `count` limits it to the first `count` parameters (the rest are 0), for measuring its
  /// cost on a large network.
  public static func finiteDifferences(
    _ mlp: MLP, _ theta: Parameters, _ data: NetworkData, count: Int? = nil
  ) -> Parameters {
    var result = Parameters(repeating: 0, count: theta.count)
    var probe = theta
    let cubeRootEpsilon = Foundation.cbrt(Double.ulpOfOne)
    for i in 0..<Swift.min(count ?? theta.count, theta.count) {
      let h = cubeRootEpsilon * Swift.max(1, Swift.abs(theta[i]))
      probe[i] = theta[i] + h
      let plus = mlp.loss(probe, inputs: data.inputs, targets: data.targets)
      probe[i] = theta[i] - h
      let minus = mlp.loss(probe, inputs: data.inputs, targets: data.targets)
      probe[i] = theta[i]
      result[i] = (plus - minus) / (2 * h)
    }
    return result
  }
}
