import DescentCore
import Foundation
import Testing

@Suite struct NetworkTests {
  /// Central differences of the loss, one parameter at a time.
  func finiteDifferences(_ mlp: MLP, _ theta: Parameters, _ data: NetworkData) -> Parameters {
    var result = Parameters(repeating: 0, count: theta.count)
    for i in 0..<theta.count {
      let h = 1e-6 * Swift.max(1, Swift.abs(theta[i]))
      var plus = theta
      var minus = theta
      plus[i] += h
      minus[i] -= h
      result[i] =
        (mlp.loss(plus, inputs: data.inputs, targets: data.targets)
          - mlp.loss(minus, inputs: data.inputs, targets: data.targets)) / (2 * h)
    }
    return result
  }

  @Test(arguments: MLP.Activation.allCases, MLP.Loss.allCases)
  func backpropAgreesWithFiniteDifferences(activation: MLP.Activation, loss: MLP.Loss) {
    let mlp = MLP(layers: [2, 4, 3, 1], activation: activation, loss: loss)
    var data = NetworkData.generate(.moons, count: 12, seed: 3)
    if loss == .mse { data.targets = data.targets.map { $0 * 2 - 0.5 } }
    for seed in UInt64(1)...3 {
      var theta = mlp.initialParameters(seed: seed)
      // Non-zero biases, so that every parameter matters.
      var generator = Xoshiro256StarStar(seed: seed + 100)
      for i in 0..<theta.count { theta[i] += 0.1 * (generator.uniform() - 0.5) }
      let (value, gradient) = mlp.lossAndGradient(
        theta, inputs: data.inputs, targets: data.targets)
      #expect(value == mlp.loss(theta, inputs: data.inputs, targets: data.targets))
      let reference = finiteDifferences(mlp, theta, data)
      for i in 0..<theta.count {
        #expect(
          Swift.abs(gradient[i] - reference[i]) <= 1e-6 * Swift.max(1, Swift.abs(reference[i])),
          "\(activation) \(loss) seed \(seed) θ[\(i)]: \(gradient[i]) vs \(reference[i])")
      }
    }
  }

  /// A 2-2-1 network (tanh, sigmoid output, cross-entropy) on two samples, its loss and
  /// gradient worked out independently with NumPy from the same four equations.
  @Test func matchesAHandWorkedNetwork() {
    let mlp = MLP(layers: [2, 2, 1], activation: .tanh, loss: .bce)
    // W¹ = [[0.5, −0.3], [0.8, 0.2]], b¹ = [0.1, −0.2], W² = [[1.5, −2.0]], b² = [0.3]
    let theta = Parameters([0.5, -0.3, 0.8, 0.2, 0.1, -0.2, 1.5, -2.0, 0.3])
    let inputs = [1.0, 2.0, -0.5, 0.25]
    let targets = [1.0, 0.0]
    let (loss, gradient) = mlp.lossAndGradient(theta, inputs: inputs, targets: targets)
    let expected = [
      -0.8380112219147426, -1.0296646634502744, 0.5961478830095674, 0.513131851442098,
      -0.06238188545968948, -0.21884881448287669, -0.0802073155154062, -0.47563773016640964,
      -0.02383977174829688,
    ]
    #expect(Swift.abs(loss - 1.3859668226098156) < 1e-14)
    for i in expected.indices { #expect(Swift.abs(gradient[i] - expected[i]) < 1e-14, "θ[\(i)]") }
    #expect(mlp.layer(1, of: theta).weights == [[0.5, -0.3], [0.8, 0.2]])
    #expect(mlp.layer(2, of: theta).biases == [0.3])
  }

  /// The update rules are written once: on two parameters as a `Parameters` vector they take
  /// exactly the steps they take as `SIMD2`.
  @Test(arguments: [OptimizerKind.gd, .momentum, .nesterov, .rmsprop, .adam])
  func rulesAgreeInEveryDimension(kind: OptimizerKind) throws {
    let rule = try #require(try kind.make(.init(lr: 1e-3)) as? any UpdateRule)
    func gradient(_ p: SIMD2<Double>) -> SIMD2<Double> {
      SIMD2(-2 * (1 - p.x) - 400 * p.x * (p.y - p.x * p.x), 200 * (p.y - p.x * p.x))
    }
    var a = SIMD2(-1.5, 2.0)
    var b = Parameters([-1.5, 2.0])
    var memoryA = RuleMemory<SIMD2<Double>>()
    var memoryB = RuleMemory<Parameters>()
    for t in 1...200 {
      let g = gradient(a)
      a = rule.apply(position: a, gradient: g, memory: &memoryA, t: t)
      b = rule.apply(position: b, gradient: Parameters([g.x, g.y]), memory: &memoryB, t: t)
      #expect(b.values == [a.x, a.y])
    }
  }

  @Test func adamLearnsTwoMoons() throws {
    let mlp = MLP(layers: [2, 16, 16, 1], activation: .tanh, loss: .bce)
    let data = NetworkData.generate(.moons, count: 200, seed: 1)
    var theta = mlp.initialParameters(seed: 1)
    #expect(theta.count == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1)
    let adam = Adam(lr: 0.02)
    var memory = RuleMemory<Parameters>()
    for t in 1...300 {
      let (_, g) = mlp.lossAndGradient(theta, inputs: data.inputs, targets: data.targets)
      theta = adam.apply(position: theta, gradient: g, memory: &memory, t: t)
    }
    let accuracy = mlp.accuracy(theta, inputs: data.inputs, targets: data.targets)
    #expect(accuracy >= 0.95, "accuracy \(accuracy)")
  }

  @Test func datasetsAreSeededAndBalanced() {
    for kind in NetworkData.Kind.allCases {
      let a = NetworkData.generate(kind, count: 100, seed: 5)
      #expect(a == NetworkData.generate(kind, count: 100, seed: 5))
      #expect(a != NetworkData.generate(kind, count: 100, seed: 6))
      #expect(a.targets.filter { $0 == 1 }.count == 50)
      #expect(a.inputs.allSatisfy { $0.isFinite })
    }
  }
}
