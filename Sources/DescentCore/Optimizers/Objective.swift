/// What an optimizer can query: f, and f with its gradient, over a vector of parameters
/// (`SIMD2<Double>` for a surface, `Parameters` for a network's weights).
///
/// Methods are `mutating` so that an objective may own scratch space (the tape's buffers) or
/// draw mini-batches, without allocating per call.
public protocol Objective<Point> {
  associatedtype Point: ParameterVector
  /// f at `point`: one forward evaluation.
  mutating func value(at point: Point) -> Double
  /// f and ∇f at `point`: one forward and one backward pass.
  mutating func valueAndGradient(at point: Point) -> (value: Double, gradient: Point)
  /// Called before the evaluation whose gradient feeds update `t` (1-based). A stochastic
  /// objective selects its mini-batch here; others ignore it.
  mutating func prepare(forUpdate t: Int)
  /// What one `valueAndGradient` call costs: one gradient evaluation (a forward and a
  /// backward pass) by default; evaluations of f alone for finite differences.
  var gradientCost: EvaluationCount { get }
  /// A point drawn uniformly from `region` of the plane (default: the square of half-width 2
  /// around `start`), in this objective's parameters: where a population scatters its first
  /// members. A network lifts the point onto its weights through the scene's plane.
  func randomPoint(
    near start: Point, in region: Region?, using generator: inout Xoshiro256StarStar
  ) -> Point
  /// f, ∇f and the exact Hessian ∇²f at `point`, over the data `valueAndGradient` uses, for
  /// Newton's method; nil for an objective without second derivatives.
  mutating func valueGradientAndHessian(at point: Point) -> (
    value: Double, gradient: Point, hessian: Matrix
  )?
  /// The same on a surface, with H as a symmetric 2 × 2 matrix rather than a `Matrix`, so that
  /// a Newton step allocates nothing; nil where the objective does not give it that way
  /// (Newton then asks `valueGradientAndHessian`).
  mutating func valueGradientAndSurfaceHessian(at point: Point) -> (
    value: Double, gradient: Point, hessian: SymmetricMatrix2
  )?
  /// For a network scene: the network whose weights the optimizers train. Runs on such an
  /// objective train all the weights and show their shadow on the plane.
  var network: NetworkScene? { get }
}

extension Objective {
  public mutating func prepare(forUpdate t: Int) {}
  public mutating func valueGradientAndHessian(at point: Point) -> (
    value: Double, gradient: Point, hessian: Matrix
  )? { nil }
  public mutating func valueGradientAndSurfaceHessian(at point: Point) -> (
    value: Double, gradient: Point, hessian: SymmetricMatrix2
  )? { nil }
  public var gradientCost: EvaluationCount { EvaluationCount(gradients: 1) }
  public var network: NetworkScene? { nil }
}

extension Objective where Point == SIMD2<Double> {
  public func randomPoint(
    near start: Point, in region: Region?, using generator: inout Xoshiro256StarStar
  ) -> Point {
    (region ?? .around(start)).randomPoint(&generator)
  }
}

extension TapeEvaluator: Objective {
  public mutating func valueGradientAndHessian(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>, hessian: Matrix
  )? {
    let (value, gradient, hessian) = hessian(at: point)
    return (value, gradient, hessian.matrix)
  }

  public mutating func valueGradientAndSurfaceHessian(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>, hessian: SymmetricMatrix2
  )? {
    hessian(at: point)
  }
}

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
