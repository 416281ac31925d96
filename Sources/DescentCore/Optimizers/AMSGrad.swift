import Foundation

/// AMSGrad: Adam whose denominator never shrinks. It divides by the running maximum of the
/// second moment v, so a coordinate that once saw large gradients keeps taking small steps.
///
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ,   vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²
///     v̂ₜ = max(v̂ₜ₋₁, vₜ),          v̂₀ = 0
///     x ← x − lr/(1 − β₁ᵗ) · mₜ / (√v̂ₜ/√(1 − β₂ᵗ) + ε)
///
/// Matches `torch.optim.Adam([p], lr=lr, betas=(β₁, β₂), eps=ε, amsgrad=True)`, including the
/// order and rounding of its operations.
public struct AMSGrad: UpdateRule, Equatable {
  public var lr: Double
  public var beta1: Double
  public var beta2: Double
  public var eps: Double

  public init(lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
    self.lr = lr
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
  }

  /// Memory: `first` is m, `second` is v, `third` is the running maximum v̂ of v.
  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    AdamStep(lr: lr, beta1: beta1, beta2: beta2, eps: eps, amsgrad: true)
      .apply(position: position, gradient: g, memory: &memory, t: t)
  }
}
