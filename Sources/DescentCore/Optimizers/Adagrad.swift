/// AdaGrad: each coordinate's step is divided by the root of the sum of all its squared
/// gradients so far, so steep coordinates slow down for good.
///
///     sₜ = sₜ₋₁ + gₜ²,  s₀ = 0
///     x ← x − lr·gₜ / (√sₜ + ε)
///
/// Matches `torch.optim.Adagrad([p], lr=lr, eps=ε)` (lr_decay 0, weight_decay 0,
/// initial_accumulator_value 0), including the order and rounding of its operations.
public struct Adagrad: GradientOptimizer, Equatable {
  public var lr: Double
  public var eps: Double

  public init(lr: Double = 0.01, eps: Double = 1e-10) {
    self.lr = lr
    self.eps = eps
  }

  public static let spec = OptimizerSpec(
    "adagrad", title: "AdaGrad", family: .adaptive,
    summary: "each coordinate's step divided by the root of all its squared gradients so far",
    settings: [
      .real("lr", 0.01, .positive, "Learning rate."),
      .real("eps", 1e-10, .nonNegative, "ε added to the root of the sum."),
    ],
    equations: ["s ← s + g²", "x ← x − lr·g / (√s + ε)"], color: 0xBB2222,
    build: { h, _ in Adagrad(lr: h.lr!, eps: h.eps!) })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters { ["lr": lr, "eps": eps] }

  /// Memory: `first` is the sum s of squared gradients.
  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    // torch: clr = lr / (1 + (step - 1) * lr_decay), which is lr with lr_decay 0
    let clr = lr / (1 + Double(t - 1) * 0)
    // torch: state_sum.addcmul_(grad, grad, value=1)
    let sum = (memory.first ?? g * 0).adding(product: g, g, scaledBy: 1)
    memory.first = sum
    // torch: std = state_sum.sqrt().add_(eps); param.addcdiv_(grad, std, value=-clr)
    let std = sum.squareRoot() + eps
    return position.adding(quotient: g, std, scaledBy: -clr)
  }

  public func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  {
    let sum = memory.first!
    return [
      .vector("used g", g), .vector("sum g²", sum),
      .vector("lr/√s", (sum.squareRoot() + eps).mapped { lr / $0 }),
      .vector("step", update),
    ]
  }
}

extension Adagrad {
  public func equations<V: ParameterVector>(
    position x: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation] {
    let s = after.first!
    return [
      LiveEquation(
        Self.spec.equations[0], [.v(before.first ?? g * 0), " + ", .v(g), "²"], is: .v(s)),
      LiveEquation(
        Self.spec.equations[1],
        [.v(x), " − ", .n(lr), "·", .v(g), " / (√", .v(s), " + ", .n(eps), ")"], is: .v(next)),
    ]
  }
}

extension OptimizerKind {
  public static let adagrad = Adagrad.spec.kind
}
