import Foundation
import Testing

@testable import DescentCore

/// The network loss's Hessian by forward over reverse, against central differences of
/// backpropagation's gradient and a closed form.
@Suite struct MLPHessianTests {
  /// A network with non-zero biases, so that every parameter matters, and data to train on.
  static func setup(_ activation: MLP.Activation, _ loss: MLP.Loss, layers: [Int] = [2, 4, 3, 1])
    -> (MLP, Parameters, NetworkData)
  {
    let mlp = MLP(layers: layers, activation: activation, loss: loss)
    var data = NetworkData.generate(.moons, count: 9, seed: 3)
    if loss == .mse { data.targets = data.targets.map { $0 * 2 - 0.5 } }
    var theta = mlp.initialParameters(seed: 5)
    var generator = Xoshiro256StarStar(seed: 105)
    for i in 0..<theta.count { theta[i] += 0.2 * (generator.uniform() - 0.5) }
    return (mlp, theta, data)
  }

  /// Column i by central differences of backprop's gradient, h = 1e-5·max(1, |θᵢ|): error
  /// O(h²) + O(ε/h), about 1e-10 here; the tolerance is 1e-7 relative (absolute below 1).
  @Test(arguments: MLP.Activation.allCases, MLP.Loss.allCases)
  func matchesCentralDifferencesOfTheGradient(activation: MLP.Activation, loss: MLP.Loss) {
    let (mlp, theta, data) = Self.setup(activation, loss)
    let h = mlp.hessian(theta, inputs: data.inputs, targets: data.targets)
    #expect(h.rows == theta.count && h.isSymmetric)
    for i in 0..<theta.count {
      let step = 1e-5 * max(1, abs(theta[i]))
      var plus = theta
      var minus = theta
      plus[i] += step
      minus[i] -= step
      let gPlus = mlp.lossAndGradient(plus, inputs: data.inputs, targets: data.targets).gradient
      let gMinus = mlp.lossAndGradient(minus, inputs: data.inputs, targets: data.targets).gradient
      for j in 0..<theta.count {
        let difference = (gPlus[j] - gMinus[j]) / (2 * step)
        let error = abs(h[i, j] - difference) / max(1, abs(difference))
        #expect(error <= 1e-7, "\(activation) \(loss) H[\(i), \(j)]: \(h[i, j]) vs \(difference)")
      }
    }
    // A Hessian of zeros would pass for relu's output layer alone: this one has curvature.
    #expect((0..<theta.count).contains { h[$0, $0] != 0 })
  }

  /// H v from one product equals the full Hessian times v, and the raw columns H eᵢ are
  /// symmetric to rounding before the average.
  @Test(arguments: MLP.Activation.allCases)
  func productsAgreeWithTheMatrix(activation: MLP.Activation) {
    let (mlp, theta, data) = Self.setup(activation, .bce)
    let h = mlp.hessian(theta, inputs: data.inputs, targets: data.targets)
    var generator = Xoshiro256StarStar(seed: 8)
    let v = Parameters((0..<theta.count).map { _ in generator.uniform() - 0.5 })
    let product = mlp.hessianVectorProduct(
      theta, along: v, inputs: data.inputs, targets: data.targets)
    let expected = h.multiplied(by: v.values)
    for i in 0..<theta.count {
      #expect(close(product[i], expected[i], relative: 1e-12, absolute: 1e-14))
    }
    let record = mlp.backpropRecord(theta, inputs: data.inputs, targets: data.targets)
    let columns = (0..<theta.count).map { i in
      var axis = Parameters(repeating: 0, count: theta.count)
      axis[i] = 1
      return mlp.gradientTangent(theta, along: axis, record: record, targets: data.targets)
    }
    for i in 0..<theta.count {
      for j in 0..<i {
        #expect(close(columns[i][j], columns[j][i], relative: 1e-12, absolute: 1e-15))
      }
    }
  }

  /// One linear unit with squared error, C = mean ½(w·u + b − v)²: H = mean [[u², u], [u, 1]].
  @Test func linearUnitIsTheClosedForm() {
    let mlp = MLP(layers: [1, 1], activation: .tanh, loss: .mse)
    let inputs = [0.5, -1.25, 2, 3.5]
    let targets = [1.0, 0.25, -2, 0.5]
    let h = mlp.hessian(Parameters([0.3, -0.7]), inputs: inputs, targets: targets)
    let n = Double(inputs.count)
    #expect(close(h[0, 0], inputs.map { $0 * $0 }.reduce(0, +) / n, relative: 1e-15))
    #expect(close(h[0, 1], inputs.reduce(0, +) / n, relative: 1e-15) && h[1, 1] == 1)
  }

  /// A Newton step on the linear unit lands on the least-squares solution in one step.
  @Test func newtonSolvesLeastSquaresInOneStep() throws {
    let mlp = MLP(layers: [1, 1], activation: .tanh, loss: .mse)
    let inputs = [0.5, -1.25, 2, 3.5]
    let targets = [1.0, 0.25, -2, 0.5]
    let theta = Parameters([0.3, -0.7])
    let (_, gradient) = mlp.lossAndGradient(theta, inputs: inputs, targets: targets)
    let h = mlp.hessian(theta, inputs: inputs, targets: targets)
    let next = try #require(
      newtonStep(position: theta, gradient: gradient, hessian: h, lr: 1, damping: 0))
    let after = mlp.lossAndGradient(next, inputs: inputs, targets: targets).gradient
    #expect(after.values.allSatisfy { abs($0) < 1e-14 }, "\(after)")
  }
}

/// A network scene's Hessian in its plane's coordinates (α, β), what `descent eval` prints.
@Suite struct NetworkPlaneHessianTests {
  @Test func matchesCentralDifferencesOfThePlaneGradient() throws {
    let network = try #require(SceneLibrary.builtin(named: "moons-small")?.network)
    for p: SIMD2<Double> in [[0, 0], [0.4, -0.3]] {
      let (loss, gradient, h) = network.lossGradientAndHessian(at: p)
      let reference = network.lossAndGradient(at: p)
      #expect(loss == reference.loss && gradient == reference.gradient)
      let step = 1e-5
      func column(_ axis: SIMD2<Double>) -> SIMD2<Double> {
        (network.lossAndGradient(at: p + step * axis).gradient
          - network.lossAndGradient(at: p - step * axis).gradient) / (2 * step)
      }
      let alpha = column([1, 0])
      let beta = column([0, 1])
      let scale = max(1, abs(h.xx), abs(h.yy))
      #expect(
        abs(h.xx - alpha.x) <= 1e-7 * scale && abs(h.xy - alpha.y) <= 1e-7 * scale
          && abs(h.xy - beta.x) <= 1e-7 * scale && abs(h.yy - beta.y) <= 1e-7 * scale,
        "\(p): \(h) vs [[\(alpha.x), \(beta.x)], [\(alpha.y), \(beta.y)]]")
      #expect(h.xx > 0, "some curvature along d₁")
    }
  }
}
