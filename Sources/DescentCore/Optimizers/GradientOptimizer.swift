/// An optimizer that moves one point by its gradient, keeping some memory between steps.
///
/// Conformers give only the update rule; `start` and `step` are shared. Each step spends one
/// gradient evaluation, at the new position, which gives both the loss reported for that
/// step and the gradient the next update uses.
public protocol GradientOptimizer: Optimizer where State == GradientState<Memory> {
  /// What the optimizer carries between steps (a momentum buffer, moment estimates).
  associatedtype Memory: Sendable
  /// The memory before the first update.
  var initialMemory: Memory { get }
  /// The update number `t` (1-based): the new position and memory from the gradient `g` at
  /// `position`.
  func update(position: SIMD2<Double>, gradient g: SIMD2<Double>, memory: Memory, t: Int) -> (
    position: SIMD2<Double>, memory: Memory, inspection: Inspection
  )
}

/// The state of a gradient optimizer: the point, f and ∇f there, and the optimizer's memory.
public struct GradientState<Memory: Sendable>: OptimizerState {
  public var position: SIMD2<Double>
  public var loss: Double
  /// ∇f at `position`.
  public var gradient: SIMD2<Double>?
  public var step: Int
  public var evaluations: EvaluationCount
  public var inspection: Inspection
  public var memory: Memory
}

extension GradientOptimizer {
  public func start(at start: SIMD2<Double>, on objective: inout some Objective) -> State {
    let (loss, gradient) = objective.valueAndGradient(at: start)
    return State(
      position: start, loss: loss, gradient: gradient, step: 0,
      evaluations: objective.gradientCost, inspection: .initial(gradient: gradient),
      memory: initialMemory)
  }

  public func step(_ state: State, on objective: inout some Objective) -> State {
    let t = state.step + 1
    let (position, memory, inspection) = update(
      position: state.position, gradient: state.gradient ?? .zero, memory: state.memory, t: t)
    let (loss, gradient) = objective.valueAndGradient(at: position)
    let evaluations = state.evaluations + objective.gradientCost
    return State(
      position: position, loss: loss, gradient: gradient, step: t, evaluations: evaluations,
      inspection: inspection, memory: memory)
  }
}
