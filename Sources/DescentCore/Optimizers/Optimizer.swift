/// An optimizer: an initial state, and a pure step from one state to the next.
///
/// Because states are values, a run's history is just an array of states: rewinding,
/// replaying and racing several optimizers from one start need nothing more. A state may
/// hold many points (a population) and a step may evaluate f several times; `points` and
/// `evaluations` report both.
public protocol Optimizer: Sendable {
  associatedtype State: OptimizerState
  /// Which of the built-in optimizers this is.
  var kind: OptimizerKind { get }
  /// The hyperparameters in effect, defaults filled in.
  var hyperparameters: Hyperparameters { get }
  /// The state at `start`, before any update (step 0).
  func start(at start: SIMD2<Double>, on objective: inout some Objective) -> State
  /// The state after one more update.
  func step(_ state: State, on objective: inout some Objective) -> State
}

/// What every optimizer state can tell a caller: where it is and what it has spent.
public protocol OptimizerState: Sendable {
  /// The current point (for a population, its best member).
  var position: SIMD2<Double> { get }
  /// f at `position`.
  var loss: Double { get }
  /// Updates done so far.
  var step: Int { get }
  /// Evaluations of f and of ∇f spent so far, including the one at the start.
  var evaluations: EvaluationCount { get }
  /// The internals of the last update, for the inspector.
  var inspection: Inspection { get }
  /// Every point the optimizer holds: `[position]`, or a whole population.
  var points: [SIMD2<Double>] { get }
  /// ∇f at `position`, for optimizers that compute it.
  var gradient: SIMD2<Double>? { get }
  /// For a network: the fraction of the data it classifies right.
  var accuracy: Double? { get }
}

extension OptimizerState {
  public var points: [SIMD2<Double>] { [position] }
  public var gradient: SIMD2<Double>? { nil }
  public var accuracy: Double? { nil }
}

/// The internals of one update, as the inspector shows them. Vectors are per coordinate.
public enum Inspection: Sendable, Equatable {
  /// Step 0: nothing has been updated yet.
  case initial(gradient: SIMD2<Double>?)
  /// Plain gradient descent: the gradient used and the change made to the position.
  case gradient(gradient: SIMD2<Double>, update: SIMD2<Double>)
  /// Momentum or Nesterov: the gradient, the momentum buffer b after the update, and the
  /// change made to the position.
  case momentum(gradient: SIMD2<Double>, buffer: SIMD2<Double>, update: SIMD2<Double>)
  /// RMSProp: the gradient, the running mean square v, and the change made.
  case rmsprop(gradient: SIMD2<Double>, squareAverage: SIMD2<Double>, update: SIMD2<Double>)
  /// Adam: the gradient, the moments m and v, their bias-corrected m̂ and v̂, and the change.
  case adam(
    gradient: SIMD2<Double>, m: SIMD2<Double>, v: SIMD2<Double>, mHat: SIMD2<Double>,
    vHat: SIMD2<Double>, update: SIMD2<Double>)
  /// Simulated annealing: the temperature of this step, the proposal and f there, whether it
  /// was accepted, and the acceptance rate over the last 50 steps.
  case anneal(
    temperature: Double, proposal: SIMD2<Double>, proposalLoss: Double, accepted: Bool,
    acceptanceRate: Double)
  /// Particle swarm: the swarm's size, how many particles improved their own best in this
  /// step, their mean distance from the swarm's best, and their mean speed.
  case swarm(size: Int, improved: Int, spread: Double, meanSpeed: Double)
  /// Genetic algorithm: the population's size, the elite carried over, how many coordinates
  /// were mutated, the generation's mean f (over finite values), and the members' mean
  /// distance from the best.
  case generation(size: Int, elite: Int, mutated: Int, meanLoss: Double, spread: Double)
  /// A network trained in all its weights: P, the length of the gradient and of the step
  /// taken (in weight space), and the accuracy on the data after it.
  case network(parameters: Int, gradientNorm: Double, stepNorm: Double, accuracy: Double)
}
