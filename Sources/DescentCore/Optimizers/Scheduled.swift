/// An optimizer whose learning rate follows a `Schedule`, as a `torch.optim.lr_scheduler`
/// stepped once after every optimizer step: update 1 uses the optimizer's own lr, and each
/// later update the rate the schedule derives from the one before.
///
/// Each update is the wrapped optimizer's, made with that update's rate; its state and
/// memory are the wrapped optimizer's, and the inspector gains a row `lr` with the rate the
/// update used. An optimizer that reads lr only once keeps doing so: Rprop takes it as its
/// initial step size, so a schedule changes nothing after its first update, as in torch.
public struct Scheduled: Optimizer {
  /// The optimizer at its base rate.
  public let base: any Optimizer
  public let schedule: Schedule

  /// `base` with its rate following `schedule`; nil when `base` has no learning rate.
  public init?(_ base: any Optimizer, schedule: Schedule) {
    guard base.hyperparameters.lr != nil else { return nil }
    self.base = base
    self.schedule = schedule
  }

  /// What a scheduled run carries: the wrapped optimizer's memory, and the rate of the next
  /// update with the base rate it was derived from.
  struct Memory: Sendable {
    var wrapped: any Sendable
    var lr: Double
    var base: Double
    /// The rate the last update used.
    var used: Double?
  }

  public var kind: OptimizerKind { base.kind }
  /// The wrapped optimizer's settings, with the base rate.
  public var hyperparameters: Hyperparameters { base.hyperparameters }
  private var baseLR: Double { base.hyperparameters.lr! }

  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    var iterate = base.start(at: x, on: &f)
    iterate.memory = Memory(wrapped: iterate.memory, lr: baseLR, base: baseLR)
    return iterate
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    scheduledStep(state) { optimizer, inner in optimizer.step(inner, on: &f) }
  }

  /// On a surface the wrapped optimizer's step too is the one compiled for the plane.
  public func surfaceStep(_ state: Iterate<SIMD2<Double>>, on f: inout SurfaceObjective)
    -> Iterate<SIMD2<Double>>
  {
    scheduledStep(state) { optimizer, inner in optimizer.surfaceStep(inner, on: &f) }
  }

  /// The wrapped optimizer's update, made with this update's rate and taken by `step`.
  private func scheduledStep<V: ParameterVector>(
    _ state: Iterate<V>, _ step: (any Optimizer, Iterate<V>) -> Iterate<V>
  ) -> Iterate<V> {
    let memory = state.memory(as: Memory.self)
    // The base rate changed (`+`/`-` in the view) since the rate was derived: scale it.
    let lr = memory.base == baseLR ? memory.lr : memory.lr / memory.base * baseLR
    var settings = base.hyperparameters
    settings.lr = lr
    let optimizer = kind.spec.build(settings, nil)
    var inner = state
    inner.memory = memory.wrapped
    var next = step(optimizer, inner)
    next.memory = Memory(
      wrapped: next.memory, lr: schedule.lr(after: lr, update: next.step, base: baseLR),
      base: baseLR, used: lr)
    return next
  }

  public func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow] {
    let memory = state.memory(as: Memory.self)
    var inner = state
    inner.memory = memory.wrapped
    let rows = base.rows(of: inner)
    guard let used = memory.used else { return rows }
    return rows + [.number("lr", used, " (\(schedule.name))")]
  }

  /// The wrapped optimizer's equations as made with the rate the update used, after a line
  /// saying where that rate came from.
  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    let memory = state.memory(as: Memory.self)
    var (before, after) = (previous, state)
    before.memory = previous.memory(as: Memory.self).wrapped
    after.memory = memory.wrapped
    guard let used = memory.used else { return [] }
    var settings = base.hyperparameters
    settings.lr = used
    return [LiveEquation("lr from the schedule (\(schedule.name))", [], is: .n(used))]
      + kind.spec.build(settings, nil).equations(from: before, to: after)
  }

  /// The rate the next update of `state` will use.
  public func lr<V>(after state: Iterate<V>) -> Double {
    let memory = state.memory(as: Memory.self)
    return memory.base == baseLR ? memory.lr : memory.lr / memory.base * baseLR
  }
}
