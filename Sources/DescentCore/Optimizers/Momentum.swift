/// Gradient descent with heavy-ball momentum, or with Nesterov's look-ahead.
///
///     b₁ = g₁,  bₜ = μ·bₜ₋₁ + gₜ           (the momentum buffer)
///     x ← x − lr·bₜ                        (momentum)
///     x ← x − lr·(gₜ + μ·bₜ)               (Nesterov)
///
/// Matches `torch.optim.SGD([p], lr=lr, momentum=μ)` with dampening 0, and with
/// `nesterov=True`. With μ = 0 both are plain gradient descent.
public struct Momentum: GradientOptimizer {
  public var lr: Double
  /// μ, the weight of the previous buffer.
  public var momentum: Double
  /// Whether to step along gₜ + μ·bₜ (Nesterov) instead of bₜ.
  public var nesterov: Bool

  public init(lr: Double = 1e-3, momentum: Double = 0.9, nesterov: Bool = false) {
    self.lr = lr
    self.momentum = momentum
    self.nesterov = nesterov
  }

  static let settings: [SettingSpec] = [
    .real("lr", 1e-3, .positive, "Learning rate."),
    .real("momentum", 0.9, .unitOpen, "Momentum μ: the weight of the previous buffer."),
  ]

  public static let spec = OptimizerSpec(
    "momentum", title: "momentum", family: .firstOrder,
    summary: "a heavy ball: steps along a running sum of gradients",
    settings: settings, equations: ["b ← μ·b + g", "x ← x − lr·b"], color: 0x3C78FF,
    racesByDefault: true, build: { h, _ in Momentum(lr: h.lr!, momentum: h.momentum!) })

  public static let nesterovSpec = OptimizerSpec(
    "nesterov", title: "Nesterov momentum", family: .firstOrder,
    summary: "momentum that corrects with the gradient it is about to meet",
    settings: settings, equations: ["b ← μ·b + g", "x ← x − lr·(g + μ·b)"], color: 0x00E6FF,
    racesByDefault: true,
    build: { h, _ in Momentum(lr: h.lr!, momentum: h.momentum!, nesterov: true) })

  public var kind: OptimizerKind { nesterov ? Self.nesterovSpec.kind : Self.spec.kind }
  public var hyperparameters: Hyperparameters { ["lr": lr, "momentum": momentum] }

  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    // torch: buf = clone(grad) on the first step, then buf.mul_(momentum).add_(grad)
    let buffer = memory.first.map { $0 * momentum + g } ?? g
    memory.first = buffer
    // torch: grad = grad.add(buf, alpha=momentum) when nesterov
    let direction = nesterov ? g + momentum * buffer : buffer
    return position + (-lr) * direction
  }

  public func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  {
    [.vector("used g", g), .vector("buffer b", memory.first!), .vector("step", update)]
  }
}

extension Momentum {
  public func equations<V: ParameterVector>(
    position x: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation] {
    let b = after.first!
    let buffer =
      before.first.map {
        LiveEquation("b ← μ·b + g", [.n(momentum), "·", .v($0), " + ", .v(g)], is: .v(b))
      } ?? LiveEquation("b ← g (the first step)", [], is: .v(b))
    let move =
      nesterov
      ? LiveEquation(
        Self.nesterovSpec.equations[1],
        [.v(x), " − ", .n(lr), "·(", .v(g), " + ", .n(momentum), "·", .v(b), ")"], is: .v(next))
      : LiveEquation(Self.spec.equations[1], [.v(x), " − ", .n(lr), "·", .v(b)], is: .v(next))
    return [buffer, move]
  }
}

extension OptimizerKind {
  public static let momentum = Momentum.spec.kind
  public static let nesterov = Momentum.nesterovSpec.kind
}
