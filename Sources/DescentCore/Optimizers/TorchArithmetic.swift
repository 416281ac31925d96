/// torch's in-place tensor operations, element by element, rounded as torch rounds them on
/// CPU: its kernels are compiled with floating-point contraction, so `add_` with `alpha`,
/// `addcmul_` and `lerp_` are fused multiply-adds (one rounding), while `addcdiv_` and `div`
/// round the quotient before adding. The update rules that use these reproduce torch.optim's
/// trajectories to the last bits, where a chaotic run would otherwise drift apart.
extension ParameterVector {
  /// `self` with `transform` applied to each coordinate and the matching one of `other`.
  @inline(__always)
  func combined(with other: Self, _ transform: (Double, Double) -> Double) -> Self {
    var out = self
    for i in 0..<scalarCount { out[i] = transform(self[i], other[i]) }
    return out
  }

  /// `self` with `transform` applied to each coordinate.
  @inline(__always)
  func mapped(_ transform: (Double) -> Double) -> Self {
    var out = self
    for i in 0..<scalarCount { out[i] = transform(self[i]) }
    return out
  }

  /// torch `self.add_(other, alpha=alpha)`: self + alpha·other, fused (one rounding per
  /// coordinate).
  public func adding(_ other: Self, scaledBy alpha: Double) -> Self {
    combined(with: other) { s, o in s.addingProduct(alpha, o) }
  }

  /// torch `self.addcmul_(a, b, value=value)`: self + (value·a)·b, the last product fused.
  func adding(product a: Self, _ b: Self, scaledBy value: Double) -> Self {
    var out = self
    for i in 0..<scalarCount { out[i] = self[i].addingProduct(value * a[i], b[i]) }
    return out
  }

  /// torch `self.lerp_(end, weight)`: self + w·(end − self) for w < ½, else
  /// end − (1 − w)·(end − self), each fused.
  func lerp(to end: Self, weight: Double) -> Self {
    combined(with: end) { s, e in
      let difference = e - s
      return Swift.abs(weight) < 0.5
        ? s.addingProduct(weight, difference) : e.addingProduct(weight - 1, difference)
    }
  }

  /// torch `self.addcdiv_(a, b, value=value)`: self + (value·a)/b, the quotient rounded.
  func adding(quotient a: Self, _ b: Self, scaledBy value: Double) -> Self {
    self + (value * a) / b
  }

  /// torch `torch.maximum(self, other)`: the larger of each pair, NaN if either is NaN.
  func maximum(_ other: Self) -> Self {
    combined(with: other) { a, b in a.isNaN || b.isNaN ? .nan : Swift.max(a, b) }
  }
}
