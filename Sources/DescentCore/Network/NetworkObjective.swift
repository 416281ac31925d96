/// A network's loss as an objective over all its weights: what every optimizer trains in a
/// network scene, unchanged from how it runs on a surface. The network-specific parts live
/// here: the loss over the data, mini-batches, finite differences over P weights, and where a
/// population scatters (the scene's view, lifted onto the weights through its plane).
///
/// `value` is the loss over all the data. `valueAndGradient` returns that loss and the
/// gradient over the current mini-batch (everything, without a batch size), by
/// backpropagation or, with `finiteDifferences`, by central differences: 2P forward passes.
public struct NetworkObjective: Objective, Sendable {
  public let scene: NetworkScene
  /// Whether gradients are central differences rather than backpropagation.
  public var finiteDifferences: Bool
  private var batch: NetworkData
  private var batchIsAll = true

  public init(_ scene: NetworkScene, finiteDifferences: Bool = false) {
    self.scene = scene
    self.finiteDifferences = finiteDifferences
    self.batch = scene.data
  }

  var mlp: MLP { scene.mlp }
  var data: NetworkData { scene.data }

  public mutating func prepare(forUpdate t: Int) {
    guard let size = scene.batch, size < data.count else { return }
    batch = scene.batchData(forUpdate: Swift.max(t, 1))
    batchIsAll = false
  }

  public mutating func value(at theta: Parameters) -> Double {
    mlp.loss(theta, inputs: data.inputs, targets: data.targets)
  }

  public mutating func valueAndGradient(at theta: Parameters) -> (
    value: Double, gradient: Parameters
  ) {
    if finiteDifferences {
      return (value(at: theta), Self.finiteDifferences(mlp, theta, batch))
    }
    let (loss, gradient) = mlp.lossAndGradient(theta, inputs: batch.inputs, targets: batch.targets)
    return (batchIsAll ? loss : value(at: theta), gradient)
  }

  /// The loss, the gradient (as `valueAndGradient` gives them) and the exact P × P Hessian
  /// over the same mini-batch, by forward over reverse (`MLP.hessian`).
  public mutating func valueGradientAndHessian(at theta: Parameters) -> (
    value: Double, gradient: Parameters, hessian: Matrix
  )? {
    let (value, gradient) = valueAndGradient(at: theta)
    return (value, gradient, mlp.hessian(theta, inputs: batch.inputs, targets: batch.targets))
  }

  public var gradientCost: EvaluationCount {
    finiteDifferences
      ? EvaluationCount(values: 2 * mlp.parameterCount) : EvaluationCount(gradients: 1)
  }

  public func randomPoint(
    near start: Parameters, in region: Region?, using generator: inout Xoshiro256StarStar
  ) -> Parameters {
    let area = region ?? .around(scene.plane.project(start))
    return scene.plane.point(area.randomPoint(&generator))
  }

  /// Central differences, (L(θ + hᵢeᵢ) − L(θ − hᵢeᵢ)) / 2hᵢ with hᵢ = ∛ε·max(1, |θᵢ|): two
  /// forward passes per parameter.
  /// `count` limits it to the first `count` parameters (the rest are 0), for measuring its
  /// cost on a large network.
  public static func finiteDifferences(
    _ mlp: MLP, _ theta: Parameters, _ data: NetworkData, count: Int? = nil
  ) -> Parameters {
    var result = Parameters(repeating: 0, count: theta.count)
    var probe = theta
    let cubeRootEpsilon = Math.cbrt(Double.ulpOfOne)
    for i in 0..<Swift.min(count ?? theta.count, theta.count) {
      let h = cubeRootEpsilon * Swift.max(1, Swift.abs(theta[i]))
      probe[i] = theta[i] + h
      let plus = mlp.loss(probe, inputs: data.inputs, targets: data.targets)
      probe[i] = theta[i] - h
      let minus = mlp.loss(probe, inputs: data.inputs, targets: data.targets)
      probe[i] = theta[i]
      result[i] = (plus - minus) / (2 * h)
    }
    return result
  }
}
