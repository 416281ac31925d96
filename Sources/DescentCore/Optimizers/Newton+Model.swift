/// Newton's local quadratic model on a surface, for drawing: m(p) = f + ∇f·p + ½pᵀHp around
/// the head, with H a symmetric 2×2 matrix [[a, b], [b, c]].
public struct QuadraticModel: Sendable, Equatable {
  public var gradient: SIMD2<Double>
  /// H's entries: ∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y².
  public var a: Double
  public var b: Double
  public var c: Double

  public init(gradient: SIMD2<Double>, hessian: [[Double]]) {
    self.gradient = gradient
    a = hessian[0][0]
    b = (hessian[0][1] + hessian[1][0]) / 2
    c = hessian[1][1]
  }

  /// The model for a surface's Hessian; the same numbers as from its rows.
  public init(gradient: SIMD2<Double>, hessian: SymmetricMatrix2) {
    self.gradient = gradient
    a = hessian.xx
    b = (hessian.xy + hessian.xy) / 2
    c = hessian.yy
  }

  /// H's eigenvalues, smaller first, and a unit eigenvector for each.
  public var eigen: (values: SIMD2<Double>, vectors: (SIMD2<Double>, SIMD2<Double>)) {
    let mean = (a + c) / 2
    let radius = ((a - c) * (a - c) / 4 + b * b).squareRoot()
    let low = mean - radius
    let high = mean + radius
    // The eigenvector of the larger eigenvalue, by the angle of the principal axis.
    let angle = 0.5 * Math.atan2(2 * b, a - c)
    let v2 = SIMD2(Math.cos(angle), Math.sin(angle))
    let v1 = SIMD2(-v2.y, v2.x)
    return (SIMD2(low, high), (v1, v2))
  }

  /// The level curve m(p) = m(0) through the head, as offsets p from it: an ellipse when H
  /// is definite, both branches of a hyperbola when it is indefinite (the branch through the
  /// head first). Empty when H is singular or ∇f = 0 (the curve is then a line, a parabola
  /// or a point). Each path has `count` points; a hyperbola's reach `reach` along its axes.
  public func levelCurve(count: Int = 64, reach: Double = 2.5) -> [[SIMD2<Double>]] {
    let (values, (v1, v2)) = eigen
    let (l1, l2) = (values.x, values.y)
    let scale = Swift.max(Swift.abs(l1), Swift.abs(l2))
    guard scale > 0, Swift.abs(l1) > 1e-12 * scale, Swift.abs(l2) > 1e-12 * scale,
      gradient != .zero
    else { return [] }
    // In H's eigenbasis, with gᵢ = vᵢ·∇f: m(p) − m(0) = Σ ½λᵢ(uᵢ − cᵢ)² − k/2, where
    // cᵢ = −gᵢ/λᵢ is the model's stationary point and k = Σ gᵢ²/λᵢ. The curve is
    // λ₁(u₁ − c₁)² + λ₂(u₂ − c₂)² = k.
    let g1 = v1.dot(gradient)
    let g2 = v2.dot(gradient)
    let center = SIMD2(-g1 / l1, -g2 / l2)
    let k = g1 * g1 / l1 + g2 * g2 / l2
    func point(_ u: SIMD2<Double>) -> SIMD2<Double> {
      let w = center + u
      return w.x * v1 + w.y * v2
    }
    guard k != 0, k.isFinite else { return [] }
    if (l1 > 0) == (l2 > 0) {
      // An ellipse with semi-axes √(k/λᵢ).
      let r = SIMD2((k / l1).squareRoot(), (k / l2).squareRoot())
      let start = Math.atan2(-center.y / r.y, -center.x / r.x)
      return [
        (0...count).map { i in
          let theta = start + 2 * Double.pi * Double(i) / Double(count)
          return point(SIMD2(r.x * Math.cos(theta), r.y * Math.sin(theta)))
        }
      ]
    }
    // A hyperbola: the axis whose λ has k's sign is the one it crosses.
    let (crossing, other) = (l1 * k > 0) ? (0, 1) : (1, 0)
    let lambda = SIMD2(l1, l2)
    let semi = (k / lambda[crossing]).squareRoot()
    let conjugate = (-k / lambda[other]).squareRoot()
    // The head (u = 0) lies on one branch: the one whose sign matches −c along the axis.
    let headSign: Double = -center[crossing] >= 0 ? 1 : -1
    // The head's parameter on its branch: u_other = conjugate·sinh(s₀) = −c_other.
    let s0 = Self.asinh(-center[other] / conjugate)
    func branch(_ sign: Double, around middle: Double, reach: Double) -> [SIMD2<Double>] {
      (0...count).map { i in
        let s = middle + reach * (2 * Double(i) / Double(count) - 1)
        var u = SIMD2<Double>.zero
        u[crossing] = sign * semi * Math.cosh(s)
        u[other] = conjugate * Math.sinh(s)
        return point(u)
      }
    }
    return [
      branch(headSign, around: s0, reach: reach),
      branch(-headSign, around: 0, reach: reach + Swift.abs(s0)),
    ]
  }

  /// The inverse hyperbolic sine, log(z + √(z² + 1)), odd by construction.
  static func asinh(_ z: Double) -> Double {
    let a = Swift.abs(z)
    let value = Math.log(a + (a * a + 1).squareRoot())
    return z < 0 ? -value : value
  }
}
