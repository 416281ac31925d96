import Foundation

/// RMSProp: each coordinate's step is scaled by a running root mean square of its gradients.
///
///     vₜ = α·vₜ₋₁ + (1 − α)·gₜ²,  v₀ = 0
///     x ← x − lr·gₜ / (√vₜ + ε)
///
/// Matches `torch.optim.RMSprop([p], lr=lr, alpha=α, eps=ε)` (no momentum, not centered).
public struct RMSProp: GradientOptimizer, UpdateRule {
  public var lr: Double
  public var alpha: Double
  public var eps: Double

  public init(
    lr: Double = OptimizerKind.rmsprop.defaults.lr!,
    alpha: Double = OptimizerKind.rmsprop.defaults.alpha!,
    eps: Double = OptimizerKind.rmsprop.defaults.eps!
  ) {
    self.lr = lr
    self.alpha = alpha
    self.eps = eps
  }

  public var kind: OptimizerKind { .rmsprop }
  public var hyperparameters: Hyperparameters { Hyperparameters(lr: lr, alpha: alpha, eps: eps) }
  /// The running mean square v.
  public var initialMemory: RuleMemory<SIMD2<Double>> { RuleMemory() }

  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    // torch: square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
    let squareAverage = (memory.first ?? g * 0) * alpha + ((1 - alpha) * g) * g
    memory.first = squareAverage
    // torch: avg = square_avg.sqrt().add_(eps); param.addcdiv_(grad, avg, value=-lr)
    let average = squareAverage.squareRoot() + eps
    return position + ((-lr) * g) / average
  }

  public func update(
    position: SIMD2<Double>, gradient g: SIMD2<Double>, memory: RuleMemory<SIMD2<Double>>, t: Int
  ) -> (position: SIMD2<Double>, memory: RuleMemory<SIMD2<Double>>, inspection: Inspection) {
    var memory = memory
    let next = apply(position: position, gradient: g, memory: &memory, t: t)
    return (
      next, memory,
      .rmsprop(gradient: g, squareAverage: memory.first!, update: next - position)
    )
  }
}
