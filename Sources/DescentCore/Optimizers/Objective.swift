/// A surface an optimizer can query: f, and f with its gradient.
///
/// Methods are `mutating` so that an objective may own scratch space (the tape's buffers) or
/// draw mini-batches, without allocating per call.
public protocol Objective {
  /// f at `point`: one forward evaluation.
  mutating func value(at point: SIMD2<Double>) -> Double
  /// f and ∇f at `point`: one forward and one backward pass.
  mutating func valueAndGradient(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>
  )
  /// Called before the evaluation whose gradient feeds update `t` (1-based). A stochastic
  /// objective selects its mini-batch here; others ignore it.
  mutating func prepare(forUpdate t: Int)
  /// What one `valueAndGradient` call costs: one gradient evaluation (a forward and a
  /// backward pass) by default; evaluations of f alone for finite differences.
  var gradientCost: EvaluationCount { get }
}

extension Objective {
  public mutating func prepare(forUpdate t: Int) {}
  public var gradientCost: EvaluationCount { EvaluationCount(gradients: 1) }
}

extension TapeEvaluator: Objective {}

/// What a run has spent: forward-only evaluations of f, and gradient evaluations (a forward
/// and a backward pass each).
public struct EvaluationCount: Sendable, Equatable, Codable {
  public var values = 0
  public var gradients = 0
  public init(values: Int = 0, gradients: Int = 0) {
    self.values = values
    self.gradients = gradients
  }

  public static func + (a: EvaluationCount, b: EvaluationCount) -> EvaluationCount {
    EvaluationCount(values: a.values + b.values, gradients: a.gradients + b.gradients)
  }
}
