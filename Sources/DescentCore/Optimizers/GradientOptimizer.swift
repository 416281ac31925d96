/// An optimizer that moves one point by its gradient, keeping some memory between steps.
///
/// Conformers give only the update rule (`UpdateRule`); `start` and `step` are shared. Each
/// step spends one gradient evaluation, at the new position, which gives both the loss
/// reported for that step and the gradient the next update uses.
public protocol GradientOptimizer: Optimizer, UpdateRule {}

/// The update rule of a gradient optimizer, for parameter vectors of any length.
public protocol UpdateRule: Sendable {
  /// Update `t` (1-based): the new position from the gradient `g` at `position`, updating
  /// `memory`.
  func apply<V: ParameterVector>(position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int)
    -> V
  /// What the inspector shows of update `t`: the gradient used, the memory after it, the
  /// change made to the position.
  func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  /// Update `t` written out with its numbers: from `position` with the gradient `g` and the
  /// memory `before`, to `next` with the memory `after` (see `LiveEquation`).
  func equations<V: ParameterVector>(
    position: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation]
}

extension UpdateRule {
  public func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  {
    [.vector("used g", g), .vector("step", update)]
  }
}

/// What a gradient optimizer carries between steps: its rule's memory, and the gradient
/// and the change of position of its last update (for the inspector, worked out on demand).
@usableFromInline
struct GradientMemory<V: ParameterVector>: Sendable {
  @usableFromInline var rule = RuleMemory<V>()
  @usableFromInline var used: V?
  @usableFromInline var update: V?
  @inlinable init() {}
}

// Inlinable, so that a step called with a concrete optimizer and objective from another
// module (a benchmark's, a test's) is compiled for them rather than run as generic code.
extension GradientOptimizer {
  @inlinable
  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    let (loss, gradient) = f.valueAndGradient(at: x)
    return Iterate(
      position: x, loss: loss, gradient: gradient, evaluations: f.gradientCost,
      memory: GradientMemory<F.Point>())
  }

  @inlinable
  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    let t = state.step + 1
    var memory = state.memory(as: GradientMemory<F.Point>.self)
    let g = state.gradient ?? state.position * 0
    let position = apply(position: state.position, gradient: g, memory: &memory.rule, t: t)
    memory.used = g
    memory.update = position - state.position
    let (loss, gradient) = f.valueAndGradient(at: position)
    return Iterate(
      position: position, loss: loss, gradient: gradient, step: t,
      evaluations: state.evaluations + f.gradientCost, memory: memory)
  }

  public func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow] {
    // A step that stored its rows (gd's line searches) says them itself.
    if !state.rows.isEmpty { return state.rows }
    let memory = state.memory(as: GradientMemory<V>.self)
    guard state.step > 0, let used = memory.used, let update = memory.update else { return [] }
    return rows(gradient: used, memory: memory.rule, update: update, t: state.step)
  }

  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    guard state.step == previous.step + 1 else { return [] }
    // The step used the gradient at the previous point and the memory it had there.
    return equations(
      position: previous.position, gradient: previous.gradient ?? previous.position * 0,
      before: previous.memory(as: GradientMemory<V>.self).rule,
      after: state.memory(as: GradientMemory<V>.self).rule, next: state.position, t: state.step)
  }
}
