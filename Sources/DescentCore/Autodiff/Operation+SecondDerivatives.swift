extension Operation {
  /// Local second derivatives (∂²r/∂a², ∂²r/∂a∂b, ∂²r/∂b²) of r = op(a, b), given the forward
  /// result `r` and the first derivatives (`da`, `db`) that `partials` returned there.
  ///
  /// These are what the Hessian's reverse sweep chains (`TapeEvaluator.hessian`): the
  /// derivative of each primitive's local chain rule along the forward tangent. Each is
  /// written, like `partials`, so that it neither overflows nor cancels where the true value
  /// is a double. At the kinks the first derivatives are piecewise constant (`abs`, `min`,
  /// `max`), so their second derivatives are 0; `pow(a, b)` keeps the first derivatives' zeros
  /// (∂²/∂a² = 0 where b is 0 or 1, and ∂²/∂a∂b = ∂²/∂b² = 0 where a = 0 and b ≥ 0).
  @inline(__always)
  func secondPartials(
    _ a: Double, _ b: Double, _ r: Double, _ c: Double, _ da: Double, _ db: Double
  ) -> (aa: Double, ab: Double, bb: Double) {
    switch self {
    case .add, .subtract, .minimum, .maximum, .negate, .abs: return (0, 0, 0)
    case .multiply: return (0, 1, 0)
    // ∂²(a/b)/∂a∂b = −1/b², ∂²(a/b)/∂b² = 2a/b³, from the first derivatives so that no b²
    // or b³ under- or overflows.
    case .divide: return (0, -(da / b), -2 * (db / b))
    case .power:
      // ∂²/∂a² = b(b − 1)a^(b−2), ∂²/∂a∂b = a^(b−1)(1 + b ln a), ∂²/∂b² = aᵇ (ln a)².
      var aa = b == 0 || b == 1 ? 0 : b * (b - 1) * Math.pow(a, b - 2)
      if !aa.isFinite {
        // a^(b−2) overflows where (b − 1)·(∂/∂a)/a need not (a = b = 1e-300), and b(b − 1)
        // overflows where a^(b−2) is 0 (a tiny, b huge): the same product, regrouped, with
        // ∂/∂a's sign already right for a huge even b.
        let regrouped = (b - 1) * (da / a)
        if !regrouped.isNaN { aa = regrouped }
      }
      guard !(a == 0 && b >= 0) else { return (aa, 0, 0) }
      let log = Math.log(a)
      return (aa, Math.pow(a, b - 1) * (1 + b * log), db * log)
    case .atan2:
      // With s = a/h, t = b/h, h = hypot(a, b): ∂²/∂a² = −2st/h², ∂²/∂a∂b = (s² − t²)/h²,
      // ∂²/∂b² = 2st/h², each divided by h twice as the first derivatives are.
      let h = Math.hypot(a, b)
      let s = a / h
      let t = b / h
      let st = 2 * s * t
      return ((-st / h) / h, ((s - t) * (s + t) / h) / h, (st / h) / h)
    case .square: return (2, 0, 0)
    case .powerConstant:
      return (c == 0 || c == 1 ? 0 : c * (c - 1) * Math.pow(a, c - 2), 0, 0)
    // √a″ = −1/(4a^(3/2)) = −(1/(2√a))/(2a).
    case .sqrt: return (-da / (2 * a), 0, 0)
    case .sin, .cos: return (-r, 0, 0)
    case .tan: return (2 * r * da, 0, 0)
    // asin″ = a/(1 − a²)^(3/2) = a·asin′³, and acos″ = a·acos′³ likewise (acos′ = −asin′).
    case .asin, .acos: return (a * da * da * da, 0, 0)
    // atan″ = −2a/(1 + a²)² = −2·(a·atan′)·atan′, which cannot overflow.
    case .atan: return (-2 * (a * da) * da, 0, 0)
    case .exp, .sinh, .cosh: return (r, 0, 0)
    case .log: return (-(da / a), 0, 0)
    case .tanh: return (-2 * r * da, 0, 0)
    // σ″ = σ′·(1 − 2σ) = −σ′·tanh(a/2): 1 − 2σ cancels near a = 0, the tanh does not.
    case .sigmoid: return (-da * Math.tanh(a / 2), 0, 0)
    // softplus″ = σ(a)·σ(−a).
    case .softplus: return (da * Self.sigmoid(-a), 0, 0)
    }
  }
}
