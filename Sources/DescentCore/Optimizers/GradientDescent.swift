/// Plain gradient descent: x ← x − lr·g.
///
/// Matches `torch.optim.SGD([p], lr=lr)`.
public struct GradientDescent: GradientOptimizer {
  public var lr: Double

  public init(lr: Double = 1e-3) {
    self.lr = lr
  }

  public static let spec = OptimizerSpec(
    "gd", title: "gradient descent", family: .firstOrder,
    summary: "a step down the gradient, scaled by the learning rate",
    settings: [.real("lr", 1e-3, .positive, "Learning rate.")],
    equations: ["x ← x − lr·g"], color: 0xFF2D2D, racesByDefault: true,
    build: { h, _ in GradientDescent(lr: h.lr!) })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters { ["lr": lr] }

  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    // torch: param.add_(grad, alpha=-lr)
    position + (-lr) * g
  }
}

extension OptimizerKind {
  public static let gd = GradientDescent.spec.kind
}
