import DescentCore
import Foundation
import Testing

/// Forward mode against backprop, and the bookkeeping of `descent cost`.
@Suite struct GradientCostTests {
  /// P Jacobian-vector products give backprop's gradient, for every activation and loss, and
  /// one product along any direction is ∇C · v.
  @Test(arguments: MLP.Activation.allCases, MLP.Loss.allCases)
  func forwardModeAgreesWithBackprop(activation: MLP.Activation, loss: MLP.Loss) {
    let mlp = MLP(layers: [2, 5, 3, 1], activation: activation, loss: loss)
    var data = NetworkData.generate(.circles, count: 20, seed: 4)
    if loss == .mse { data.targets = data.targets.map { $0 * 3 - 1 } }
    var theta = mlp.initialParameters(seed: 7)
    var generator = Xoshiro256StarStar(seed: 8)
    for i in 0..<theta.count { theta[i] += 0.2 * (generator.uniform() - 0.5) }
    let (value, gradient) = mlp.lossAndGradient(theta, inputs: data.inputs, targets: data.targets)
    let forward = mlp.forwardModeGradient(theta, inputs: data.inputs, targets: data.targets)
    for i in 0..<theta.count {
      #expect(close(forward[i], gradient[i], relative: 1e-10, absolute: 1e-14), "θ[\(i)]")
    }
    var direction = Parameters(repeating: 0, count: theta.count)
    for i in 0..<theta.count { direction[i] = generator.uniform() - 0.5 }
    let (jvpValue, derivative) = mlp.lossAndDirectionalDerivative(
      theta, along: direction, inputs: data.inputs, targets: data.targets)
    #expect(close(jvpValue, value, relative: 1e-12))
    #expect(close(derivative, gradient.dot(direction), relative: 1e-10, absolute: 1e-14))
  }

  /// A gradient limited to the first k weights is the full one there and 0 elsewhere: what
  /// the measurement extrapolates from.
  @Test func partialGradientsAreTheFirstEntries() {
    let mlp = MLP(layers: [2, 4, 1], activation: .tanh, loss: .bce)
    let data = NetworkData.generate(.moons, count: 10, seed: 1)
    let theta = mlp.initialParameters(seed: 1)
    let full = mlp.forwardModeGradient(theta, inputs: data.inputs, targets: data.targets)
    let part = mlp.forwardModeGradient(theta, inputs: data.inputs, targets: data.targets, count: 5)
    let differences = NetworkObjective.finiteDifferences(mlp, theta, data, count: 5)
    for i in 0..<theta.count {
      #expect(part[i] == (i < 5 ? full[i] : 0))
      #expect(i < 5 ? close(differences[i], full[i], relative: 1e-6) : differences[i] == 0)
    }
  }

  /// Multiply-adds of 2-16-16-1 on 200 samples, counted by hand: a forward pass is
  /// 200 · (2·16 + 16·16 + 16·1) = 60,800.
  @Test func operationCountsFollowTheLayers() {
    let mlp = MLP(layers: [2, 16, 16, 1], activation: .tanh, loss: .bce)
    let ops = GradientCost.operations(mlp, samples: 200)
    #expect(mlp.parameterCount == 337)
    #expect(ops.forward == 60_800)
    #expect(ops.backprop == 60_800 + 60_800 + 200 * (256 + 16))
    #expect(ops.forwardMode == 337 * 3 * 60_800)
    #expect(ops.finiteDifferences == 2 * 337 * 60_800)
  }

  /// With a clock that ticks once per reading, every timed body takes one tick: forward
  /// mode and finite differences, measured on one axis under a tiny cap, scale to P ticks.
  @Test func slowGradientsAreMeasuredOnAFewAxesAndScaled() {
    let mlp = MLP(layers: [2, 8, 8, 1], activation: .tanh, loss: .bce)
    let data = NetworkData.generate(.moons, count: 10, seed: 1)
    var now = 0.0
    let row = GradientCost.measure(mlp, data: data, timeCap: 1e-3) {
      now += 1
      return now
    }
    #expect(row.parameters == 105)
    #expect(row.measuredAxes == 1 && row.extrapolated)
    #expect(row.forward == 1 && row.backprop == 1)
    #expect(row.forwardMode == 105 && row.finiteDifferences == 105)
  }
}
