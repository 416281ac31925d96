/// Plain gradient descent: x ← x − lr·g.
///
/// Matches `torch.optim.SGD([p], lr=lr)`.
public struct GradientDescent: GradientOptimizer, UpdateRule {
  public var lr: Double

  public init(lr: Double = OptimizerKind.gd.defaults.lr!) {
    self.lr = lr
  }

  public var kind: OptimizerKind { .gd }
  public var hyperparameters: Hyperparameters { Hyperparameters(lr: lr) }
  public var initialMemory: RuleMemory<SIMD2<Double>> { RuleMemory() }

  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    // torch: param.add_(grad, alpha=-lr)
    position + (-lr) * g
  }

  public func update(
    position: SIMD2<Double>, gradient g: SIMD2<Double>, memory: RuleMemory<SIMD2<Double>>, t: Int
  ) -> (position: SIMD2<Double>, memory: RuleMemory<SIMD2<Double>>, inspection: Inspection) {
    var memory = memory
    let next = apply(position: position, gradient: g, memory: &memory, t: t)
    return (next, memory, .gradient(gradient: g, update: next - position))
  }
}
