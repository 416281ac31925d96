/// Plain gradient descent: x ← x − lr·g.
///
/// Matches `torch.optim.SGD([p], lr=lr)`.
public struct GradientDescent: GradientOptimizer {
  public var lr: Double

  public init(lr: Double = OptimizerKind.gd.defaults.lr!) {
    self.lr = lr
  }

  public var kind: OptimizerKind { .gd }
  public var hyperparameters: Hyperparameters { Hyperparameters(lr: lr) }
  public var initialMemory: Void { () }

  public func update(position: SIMD2<Double>, gradient g: SIMD2<Double>, memory: Void, t: Int)
    -> (position: SIMD2<Double>, memory: Void, inspection: Inspection)
  {
    // torch: param.add_(grad, alpha=-lr)
    let next = position + (-lr) * g
    return (next, (), .gradient(gradient: g, update: next - position))
  }
}
