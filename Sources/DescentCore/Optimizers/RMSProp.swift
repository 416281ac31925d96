/// RMSProp: each coordinate's step is scaled by a running root mean square of its gradients.
///
///     vₜ = α·vₜ₋₁ + (1 − α)·gₜ²,  v₀ = 0
///     x ← x − lr·gₜ / (√vₜ + ε)
///
/// Matches `torch.optim.RMSprop([p], lr=lr, alpha=α, eps=ε)` (no momentum, not centered).
public struct RMSProp: GradientOptimizer {
  public var lr: Double
  public var alpha: Double
  public var eps: Double

  public init(lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8) {
    self.lr = lr
    self.alpha = alpha
    self.eps = eps
  }

  public static let spec = OptimizerSpec(
    "rmsprop", title: "RMSProp", family: .adaptive,
    summary: "each coordinate's step divided by its recent RMS gradient",
    settings: [
      .real("lr", 1e-2, .positive, "Learning rate."),
      .real("alpha", 0.99, .unitOpen, "Smoothing constant α of the mean square."),
      .real("eps", 1e-8, .nonNegative, "ε added to the root mean square."),
    ],
    equations: ["v ← α·v + (1 − α)·g²", "x ← x − lr·g / (√v + ε)"], color: 0x96FF00,
    racesByDefault: true, build: { h, _ in RMSProp(lr: h.lr!, alpha: h.alpha!, eps: h.eps!) })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters { ["lr": lr, "alpha": alpha, "eps": eps] }

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

  public func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  {
    [.vector("used g", g), .vector("v", memory.first!, " mean of g²"), .vector("step", update)]
  }
}

extension RMSProp {
  public func equations<V: ParameterVector>(
    position x: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation] {
    let v = after.first!
    return [
      LiveEquation(
        Self.spec.equations[0],
        [.n(alpha), "·", .v(before.first ?? g * 0), " + ", .n(1 - alpha), "·", .v(g), "²"],
        is: .v(v)),
      LiveEquation(
        Self.spec.equations[1],
        [.v(x), " − ", .n(lr), "·", .v(g), " / (√", .v(v), " + ", .n(eps), ")"], is: .v(next)),
    ]
  }
}

extension OptimizerKind {
  public static let rmsprop = RMSProp.spec.kind
}
