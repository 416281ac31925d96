import Foundation

/// AdamW: Adam with decoupled weight decay. Before each Adam step the point itself shrinks
/// toward the origin by the factor 1 − lr·λ, instead of λ·x being added to the gradient.
///
///     x ← x·(1 − lr·λ)
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ,   vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²
///     x ← x − lr/(1 − β₁ᵗ) · mₜ / (√vₜ/√(1 − β₂ᵗ) + ε)
///
/// Matches `torch.optim.AdamW([p], lr=lr, betas=(β₁, β₂), eps=ε, weight_decay=λ)`, including
/// the order and rounding of its operations.
public struct AdamW: UpdateRule, Equatable {
  public var lr: Double
  public var beta1: Double
  public var beta2: Double
  public var eps: Double
  /// λ, the decoupled weight decay.
  public var weightDecay: Double

  public init(
    lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
    weightDecay: Double = 0.01
  ) {
    self.lr = lr
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
    self.weightDecay = weightDecay
  }

  /// The decay term of the update, −lr·λ·x: how far the weight decay alone moves `position`.
  public func decay<V: ParameterVector>(at position: V) -> V {
    position * (1 - lr * weightDecay) - position
  }

  /// Memory: `first` is m, `second` is v.
  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    // torch: param.mul_(1 - lr * weight_decay)
    let decayed = weightDecay != 0 ? position * (1 - lr * weightDecay) : position
    return AdamStep(lr: lr, beta1: beta1, beta2: beta2, eps: eps, amsgrad: false)
      .apply(position: decayed, gradient: g, memory: &memory, t: t)
  }
}

/// The step `torch.optim.Adam` and `AdamW` share after any weight decay (`_single_tensor_adam`),
/// with the rounding of torch's fused `lerp_` and `addcmul_`. With `amsgrad` the denominator
/// uses the running maximum of v (memory `third`) instead of v.
struct AdamStep {
  var lr: Double
  var beta1: Double
  var beta2: Double
  var eps: Double
  var amsgrad: Bool

  func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    let zero = g * 0
    // torch: exp_avg.lerp_(grad, 1 - beta1)
    let m = (memory.first ?? zero).lerp(to: g, weight: 1 - beta1)
    // torch: exp_avg_sq.mul_(beta2).addcmul_(grad, grad.conj(), value=1 - beta2)
    let v = ((memory.second ?? zero) * beta2).adding(product: g, g, scaledBy: 1 - beta2)
    memory.first = m
    memory.second = v
    let step = Double(t)
    let correction1 = 1 - Foundation.pow(beta1, step)
    let correction2 = 1 - Foundation.pow(beta2, step)
    let stepSize = lr / correction1
    let correction2Root = correction2.squareRoot()
    let second: V
    if amsgrad {
      // torch: torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=max_exp_avg_sqs[i])
      second = (memory.third ?? zero).maximum(v)
      memory.third = second
    } else {
      second = v
    }
    // torch: denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
    let denominator = second.squareRoot() / correction2Root + eps
    // torch: param.addcdiv_(exp_avg, denom, value=-step_size)
    return position.adding(quotient: m, denominator, scaledBy: -stepSize)
  }
}
