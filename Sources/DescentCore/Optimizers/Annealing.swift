import Foundation

/// Simulated annealing with the Metropolis rule. It uses no gradient, only values of f.
///
/// At step k (0-based), with temperature Tₖ = T₀·cᵏ:
///
///     x' = x + σ·N(0, I)                               (a seeded xoshiro256** proposal)
///     accept x' if f(x') ≤ f(x), or with probability exp(−(f(x') − f(x)) / Tₖ)
///
/// A proposal where f is not finite is always rejected. Each step spends exactly one
/// evaluation of f, at the proposal, and draws exactly three random numbers, so a seed fixes
/// the whole run.
public struct Annealing: Optimizer {
  /// T₀, the starting temperature.
  public var temperature: Double
  /// c, the geometric cooling factor per step.
  public var cooling: Double
  /// σ, the standard deviation of a proposal in each coordinate.
  public var sigma: Double
  public var seed: UInt64

  /// The acceptance rate is reported over this many recent steps.
  public static let acceptanceWindow = 50

  public init(
    temperature: Double = OptimizerKind.anneal.defaults.temperature!,
    cooling: Double = OptimizerKind.anneal.defaults.cooling!,
    sigma: Double = OptimizerKind.anneal.defaults.sigma!,
    seed: UInt64 = OptimizerKind.anneal.defaults.seed!
  ) {
    self.temperature = temperature
    self.cooling = cooling
    self.sigma = sigma
    self.seed = seed
  }

  public struct State: OptimizerState {
    public var position: SIMD2<Double>
    public var loss: Double
    public var step: Int
    public var evaluations: EvaluationCount
    public var inspection: Inspection
    public var generator: Xoshiro256StarStar
    /// Bit i is set if the step i steps ago was accepted.
    public var recentAcceptances: UInt64 = 0
    /// The temperature the next step will use.
    public var temperature: Double
  }

  public var kind: OptimizerKind { .anneal }
  public var hyperparameters: Hyperparameters {
    Hyperparameters(temperature: temperature, cooling: cooling, sigma: sigma, seed: seed)
  }

  public func start(at start: SIMD2<Double>, on objective: inout some Objective) -> State {
    State(
      position: start, loss: objective.value(at: start), step: 0,
      evaluations: EvaluationCount(values: 1), inspection: .initial(gradient: nil),
      generator: Xoshiro256StarStar(seed: seed), temperature: temperature)
  }

  public func step(_ state: State, on objective: inout some Objective) -> State {
    var next = state
    let proposal = state.position + sigma * next.generator.normalPair()
    let u = next.generator.uniform()
    let proposalLoss = objective.value(at: proposal)
    let delta = proposalLoss - state.loss
    let accepted =
      proposalLoss.isFinite
      && (delta <= 0 || u < Foundation.exp(-delta / state.temperature))
    if accepted {
      next.position = proposal
      next.loss = proposalLoss
    }
    next.step += 1
    next.evaluations.values += 1
    next.recentAcceptances = (state.recentAcceptances << 1) | (accepted ? 1 : 0)
    let window = Swift.min(next.step, Self.acceptanceWindow)
    let mask: UInt64 = (1 << UInt64(window)) - 1
    let rate = Double((next.recentAcceptances & mask).nonzeroBitCount) / Double(window)
    next.inspection = .anneal(
      temperature: state.temperature, proposal: proposal, proposalLoss: proposalLoss,
      accepted: accepted, acceptanceRate: rate)
    next.temperature = temperature * Foundation.pow(cooling, Double(next.step))
    return next
  }
}
