/// One optimizer's run from a start point: its current state, and whether it diverged.
///
/// `Run` erases the optimizer's type so that runs of different optimizers can race side by
/// side. A run diverges when its position or loss stops being finite, or when the position
/// leaves the box |x|, |y| ≤ `bound`; it then stops stepping, and the other runs go on.
public struct Run: Sendable {
  /// Positions beyond this magnitude count as diverged.
  public static let defaultBound = 1e10

  public private(set) var optimizer: any Optimizer
  public private(set) var state: any OptimizerState
  /// The step at which the run diverged, if it did.
  public private(set) var divergedAt: Int?
  public let bound: Double

  public init(
    _ optimizer: any Optimizer, from start: SIMD2<Double>, on objective: inout some Objective,
    bound: Double = Run.defaultBound
  ) {
    self.optimizer = optimizer
    objective.prepare(forUpdate: 1)
    self.state = optimizer.start(at: start, on: &objective)
    self.bound = bound
    checkDivergence()
  }

  public var kind: OptimizerKind { optimizer.kind }
  public var isDiverged: Bool { divergedAt != nil }

  /// Takes one step, unless the run has diverged. Returns whether a step was taken.
  @discardableResult
  public mutating func advance(on objective: inout some Objective) -> Bool {
    guard divergedAt == nil else { return false }
    // A gradient step evaluates at its new position the gradient that the next update uses.
    objective.prepare(forUpdate: state.step + 2)
    state = Self.step(optimizer, state, &objective)
    checkDivergence()
    return true
  }

  /// Continues the run with new settings for the same optimizer, keeping its state (its
  /// position, momentum, moments). Returns false, changing nothing, for another kind.
  @discardableResult
  public mutating func continueWith(_ replacement: any Optimizer) -> Bool {
    guard replacement.kind == optimizer.kind,
      type(of: replacement) == type(of: optimizer)
    else { return false }
    optimizer = replacement
    return true
  }

  private static func step<O: Optimizer>(
    _ optimizer: O, _ state: any OptimizerState, _ objective: inout some Objective
  ) -> any OptimizerState {
    // The state was made by this optimizer, so the cast always succeeds.
    guard let state = state as? O.State else { return state }
    return optimizer.step(state, on: &objective)
  }

  private mutating func checkDivergence() {
    let p = state.position
    let finite = p.x.isFinite && p.y.isFinite && state.loss.isFinite
    if !finite || Swift.abs(p.x) > bound || Swift.abs(p.y) > bound {
      divergedAt = state.step
    }
  }
}
