import Foundation

/// Adam: momentum on the gradient and RMS scaling, both bias-corrected.
///
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ,   vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²
///     m̂ₜ = mₜ / (1 − β₁ᵗ),          v̂ₜ = vₜ / (1 − β₂ᵗ)
///     x ← x − lr·m̂ₜ / (√v̂ₜ + ε)
///
/// Matches `torch.optim.Adam([p], lr=lr, betas=(β₁, β₂), eps=ε)`, including the order of its
/// floating-point operations, so runs agree with PyTorch to the last few bits.
public struct Adam: GradientOptimizer, UpdateRule {
  public var lr: Double
  public var beta1: Double
  public var beta2: Double
  public var eps: Double

  public init(
    lr: Double = OptimizerKind.adam.defaults.lr!,
    beta1: Double = OptimizerKind.adam.defaults.beta1!,
    beta2: Double = OptimizerKind.adam.defaults.beta2!,
    eps: Double = OptimizerKind.adam.defaults.eps!
  ) {
    self.lr = lr
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
  }

  /// The first and second moment estimates m and v.
  public var kind: OptimizerKind { .adam }
  public var hyperparameters: Hyperparameters {
    Hyperparameters(lr: lr, beta1: beta1, beta2: beta2, eps: eps)
  }
  public var initialMemory: RuleMemory<SIMD2<Double>> { RuleMemory() }

  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    let previousM = memory.first ?? g * 0
    let previousV = memory.second ?? g * 0
    // torch: exp_avg.lerp_(grad, 1 - beta1), which for weights below ½ is m + w·(g − m)
    let weight = 1 - beta1
    let m =
      Swift.abs(weight) < 0.5
      ? previousM + weight * (g - previousM) : g - (g - previousM) * (1 - weight)
    // torch: exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    let v = previousV * beta2 + ((1 - beta2) * g) * g
    let correction1 = 1 - Foundation.pow(beta1, Double(t))
    let correction2 = 1 - Foundation.pow(beta2, Double(t))
    let stepSize = lr / correction1
    let correction2Root = Foundation.pow(correction2, 0.5)
    // torch: denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
    let denominator = v.squareRoot() / correction2Root + eps
    memory = RuleMemory(first: m, second: v)
    // torch: param.addcdiv_(exp_avg, denom, value=-step_size)
    return position + ((-stepSize) * m) / denominator
  }

  public func update(
    position: SIMD2<Double>, gradient g: SIMD2<Double>, memory: RuleMemory<SIMD2<Double>>, t: Int
  ) -> (position: SIMD2<Double>, memory: RuleMemory<SIMD2<Double>>, inspection: Inspection) {
    var memory = memory
    let next = apply(position: position, gradient: g, memory: &memory, t: t)
    let m = memory.first!
    let v = memory.second!
    let correction1 = 1 - Foundation.pow(beta1, Double(t))
    let correction2 = 1 - Foundation.pow(beta2, Double(t))
    let inspection = Inspection.adam(
      gradient: g, m: m, v: v, mHat: m / correction1, vHat: v / correction2,
      update: next - position)
    return (next, memory, inspection)
  }
}
