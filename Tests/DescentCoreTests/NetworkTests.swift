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
    let rule = try #require(try kind.make(["lr": 1e-3]) as? any UpdateRule)
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

  @Test func theSliceAtTheOriginIsTheLossAtTheCentre() throws {
    for name in ["moons-small", "spiral-large"] {
      let scene = try #require(SceneLibrary.builtin(named: name))
      let network = try #require(scene.network)
      let center = network.mlp.loss(
        network.plane.origin, inputs: network.data.inputs, targets: network.data.targets)
      #expect(network.sliceValues(xs: [0], ys: [0]) == [center])
      #expect(scene.values(xs: [0, 0.5], ys: [0])[0] == center)
      #expect(network.sliceValues(xs: [0.5], ys: [0]) == [network.loss(at: SIMD2(0.5, 0))])
    }
    #expect(LessonLibrary.builtinProblems.isEmpty && SceneLibrary.builtinProblems.isEmpty)
  }

  @Test func projectionRoundTripsInThePlane() throws {
    let scene = try #require(SceneLibrary.builtin(named: "moons-small"))
    let plane = try #require(scene.network).plane
    for p in [SIMD2(0.0, 0.0), SIMD2(1.25, -0.5), SIMD2(-3, 7)] {
      let back = plane.project(plane.point(p))
      #expect(Swift.abs(back.x - p.x) < 1e-9 && Swift.abs(back.y - p.y) < 1e-9, "\(p) → \(back)")
    }
    // PCA directions are orthonormal.
    let spiral = try #require(SceneLibrary.builtin(named: "spiral-large")?.network).plane
    #expect(Swift.abs(spiral.d1.norm - 1) < 1e-9 && Swift.abs(spiral.d2.norm - 1) < 1e-9)
    #expect(Swift.abs(spiral.d1.dot(spiral.d2)) < 1e-6)
  }

  /// Every optimizer trains all the weights; the shadow is their projection and the loss is
  /// the true one; the counts are exact.
  @Test func networkRunsTrainEveryWeight() throws {
    let scene = try #require(SceneLibrary.builtin(named: "moons-small"))
    let network = try #require(scene.network)
    for kind in scene.raceKinds {
      var objective = scene.objective()
      let t = Trajectory.record(
        try scene.optimizer(kind), from: scene.start, steps: 50, on: &objective)
      let theta = try #require(t.weights)
      #expect(theta.count == 33)
      #expect(t.rows.last!.position == network.plane.project(theta))
      #expect(
        t.rows.last!.loss
          == network.mlp.loss(theta, inputs: network.data.inputs, targets: network.data.targets))
      #expect(t.rows.last!.loss < t.rows[0].loss, "\(kind) did not learn")
      #expect(
        t.evaluations
          == (kind == .anneal ? EvaluationCount(values: 51) : EvaluationCount(gradients: 51)))
    }
    // The swarm and the GA too, judged by the full-data loss, their members' shadows drawn.
    for kind in [OptimizerKind.pso, .ga] {
      var objective = scene.objective()
      let t = Trajectory.record(
        try scene.optimizer(kind), from: scene.start, steps: 20, on: &objective)
      let state = try #require(t.finalState)
      #expect(state.points.count == 30)
      #expect(t.rows.last!.loss < t.rows[0].loss, "\(kind) did not learn")
      #expect(zip(t.rows, t.rows.dropFirst()).allSatisfy { $1.loss <= $0.loss })
      #expect(t.evaluations.values == (kind == .pso ? 30 * 21 : 30 + 28 * 20))
      #expect(t.weights?.count == 33)
    }
    // Finite differences: 2P evaluations of f per gradient.
    var fd = scene.objective()
    fd.gradientMode = .finiteDifferences
    let t = Trajectory.record(try scene.optimizer(.gd), from: scene.start, steps: 3, on: &fd)
    #expect(t.evaluations == EvaluationCount(values: 4 * 66))
  }

  /// A network scene on a CSV dataset (x1, x2, label), with mini-batches and relu units;
  /// and the errors of a broken [model].
  @Test func aNetworkSceneFromACsvFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-netcsv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = NetworkData.generate(.xor, count: 80, seed: 4)
    try data.csv.write(
      to: folder.appendingPathComponent("xor.csv"), atomically: true, encoding: .utf8)
    let scene = """
      format = 1
      title = "XOR from a file"
      [model]
      layers = [2, 6, 1]
      activation = "relu"
      dataset = "xor.csv"
      batch = 16
      """
    let path = folder.appendingPathComponent("xor.toml").path
    try scene.write(toFile: path, atomically: true, encoding: .utf8)
    let loaded = try SceneLibrary.load(path: path)
    let network = try #require(loaded.network)
    #expect(network.data == data)
    #expect(network.batchData(forUpdate: 1).count == 16)
    #expect(network.batchData(forUpdate: 1) != network.batchData(forUpdate: 2))
    #expect(loaded.start == .zero)

    let broken = """
      format = 1
      title = "Broken"
      f = "x^2"
      [model]
      layers = [3, 4, 1]
      activation = "softsign"
      dataset = "blobs"
      """
    try broken.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: SceneLookupError.self) { try SceneLibrary.load(path: path) }
    do {
      _ = try SceneLibrary.load(path: path)
    } catch {
      guard case .invalid(let errors) = error else { return }
      let messages = errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" }
      #expect(messages.count == 4, "\(messages)")
      #expect(messages.contains { $0.hasPrefix("3:1: a scene with a [model] has no `f`") })
      #expect(messages.contains { $0.hasPrefix("5:10: layers must be") })
      #expect(messages.contains { $0.hasPrefix("6:14: activation must be") })
      #expect(messages.contains { $0.hasPrefix("7:11: dataset must be one of moons") })
    }
  }
}
