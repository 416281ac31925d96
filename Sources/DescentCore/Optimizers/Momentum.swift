/// Gradient descent with heavy-ball momentum, or with Nesterov's look-ahead.
///
///     b₁ = g₁,  bₜ = μ·bₜ₋₁ + gₜ           (the momentum buffer)
///     x ← x − lr·bₜ                        (momentum)
///     x ← x − lr·(gₜ + μ·bₜ)               (Nesterov)
///
/// Matches `torch.optim.SGD([p], lr=lr, momentum=μ)` with dampening 0, and with
/// `nesterov=True`. With μ = 0 both are plain gradient descent.
public struct Momentum: GradientOptimizer, UpdateRule {
  public var lr: Double
  /// μ, the weight of the previous buffer.
  public var momentum: Double
  /// Whether to step along gₜ + μ·bₜ (Nesterov) instead of bₜ.
  public var nesterov: Bool

  public init(
    lr: Double = OptimizerKind.momentum.defaults.lr!,
    momentum: Double = OptimizerKind.momentum.defaults.momentum!, nesterov: Bool = false
  ) {
    self.lr = lr
    self.momentum = momentum
    self.nesterov = nesterov
  }

  public var kind: OptimizerKind { nesterov ? .nesterov : .momentum }
  public var hyperparameters: Hyperparameters { Hyperparameters(lr: lr, momentum: momentum) }
  /// The buffer b; `nil` before the first update.
  public var initialMemory: RuleMemory<SIMD2<Double>> { RuleMemory() }

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

  public func update(
    position: SIMD2<Double>, gradient g: SIMD2<Double>, memory: RuleMemory<SIMD2<Double>>, t: Int
  ) -> (position: SIMD2<Double>, memory: RuleMemory<SIMD2<Double>>, inspection: Inspection) {
    var memory = memory
    let next = apply(position: position, gradient: g, memory: &memory, t: t)
    return (next, memory, .momentum(gradient: g, buffer: memory.first!, update: next - position))
  }
}
