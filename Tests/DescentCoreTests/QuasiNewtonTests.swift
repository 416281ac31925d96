import DescentCore
import Foundation
import Testing

/// L-BFGS, conjugate gradient, Newton and gradient descent with a line search, against
/// trajectories recorded from PyTorch (`Fixtures/catalogue`, copied from the shared
/// catalogue fixtures; its README says how they were made).
@Suite struct QuasiNewtonTests {
  static let ravine = "0.5*x^2 + 10*y^2"
  static let booth = "(x + 2*y - 7)^2 + (2*x + y - 5)^2"
  static let camel = "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2"

  /// The rows (step, x, y, loss) of a catalogue fixture.
  static func fixture(_ name: String) throws -> [[Double]] {
    let url = fixtures.appendingPathComponent("catalogue").appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",").map { Double($0)! }
    }
  }

  /// Whether `path` (position and loss per row) matches the fixture's rows to 1e-9.
  static func matches(_ path: [(SIMD2<Double>, Double)], _ expected: [[Double]], _ name: String) {
    #expect(path.count == expected.count, "\(name): \(path.count) rows, torch \(expected.count)")
    for (k, (row, torch)) in zip(path, expected).enumerated() {
      let ok = close(row.0.x, torch[1]) && close(row.0.y, torch[2]) && close(row.1, torch[3])
      #expect(ok, "\(name) step \(k): descent \(row.0) \(row.1), torch \(torch)")
      if !ok { break }
    }
  }

  struct LBFGSCase: Sendable, CustomTestStringConvertible {
    var file: String
    var expression: String
    var start: SIMD2<Double>
    var steps: Int
    var lbfgs: LBFGS
    var testDescription: String { file }
  }

  static let lbfgsCases = [
    LBFGSCase(
      file: "06-ravine-lbfgs.csv", expression: ravine, start: [3, 1.5], steps: 20,
      lbfgs: LBFGS(lineSearch: .strongWolfe)),
    LBFGSCase(
      file: "12-booth-lbfgs.csv", expression: booth, start: [-4, 4], steps: 30,
      lbfgs: LBFGS(lr: 0.1, history: 4)),
    LBFGSCase(
      file: "19-camel-lbfgs.csv", expression: camel, start: [-1.5, 1.2], steps: 40,
      lbfgs: LBFGS(history: 5, lineSearch: .strongWolfe)),
  ]

  @Test(arguments: lbfgsCases)
  func lbfgsIterationReproducesTorch(_ c: LBFGSCase) throws {
    var f = TapeEvaluator(try Tape(c.expression))
    var x = c.start
    var (loss, gradient) = f.valueAndGradient(at: x)
    var memory = LBFGS.Memory<SIMD2<Double>>()
    var path = [(x, loss)]
    for _ in 0..<c.steps {
      let out = c.lbfgs.iterate(
        from: x, loss: loss, gradient: gradient, memory: memory,
        evaluate: { f.valueAndGradient(at: $0) })
      (x, loss, gradient, memory) = (out.position, out.loss, out.gradient, out.memory)
      path.append((x, loss))
    }
    Self.matches(path, try Self.fixture(c.file), c.file)
  }

  struct RegistryCase: Sendable, CustomTestStringConvertible {
    var file: String
    var expression: String
    var start: SIMD2<Double>
    var steps: Int
    var optimizer: String
    var settings: [String: String]
    var testDescription: String { file }
  }

  /// The catalogue's cases.tsv rows for the fixtures copied here, with their settings as the
  /// `descent run` flags give them.
  static let registryCases = [
    RegistryCase(
      file: "06-ravine-lbfgs.csv", expression: ravine, start: [3, 1.5], steps: 20,
      optimizer: "lbfgs", settings: ["line-search": "strong-wolfe"]),
    RegistryCase(
      file: "12-booth-lbfgs.csv", expression: booth, start: [-4, 4], steps: 30,
      optimizer: "lbfgs", settings: ["lr": "0.1", "history": "4"]),
    RegistryCase(
      file: "19-camel-lbfgs.csv", expression: camel, start: [-1.5, 1.2], steps: 40,
      optimizer: "lbfgs", settings: ["line-search": "strong-wolfe", "history": "5"]),
    RegistryCase(
      file: "07-ravine-newton.csv", expression: ravine, start: [3, 1.5], steps: 3,
      optimizer: "newton", settings: [:]),
    RegistryCase(
      file: "13-booth-newton.csv", expression: booth, start: [-4, 4], steps: 4,
      optimizer: "newton", settings: ["lr": "0.7", "damping": "0.2"]),
    RegistryCase(
      file: "20-camel-newton.csv", expression: camel, start: [-1.5, 1.2], steps: 10,
      optimizer: "newton", settings: ["damping": "1"]),
    RegistryCase(
      file: "09-ravine-gd.csv", expression: ravine, start: [3, 1.5], steps: 40,
      optimizer: "gd", settings: ["line-search": "armijo", "lr": "1"]),
  ]

  @Test(arguments: registryCases)
  func registeredOptimizerReproducesTheReference(_ c: RegistryCase) throws {
    var settings = Hyperparameters()
    for (name, value) in c.settings {
      if let number = Double(value) {
        settings[name] = number
      } else {
        settings.setWord(name, to: value)
      }
    }
    let kind = try #require(OptimizerKind(rawValue: c.optimizer))
    var objective = TapeEvaluator(try Tape(c.expression))
    let trajectory = Trajectory.record(
      try kind.make(settings), from: c.start, steps: c.steps, on: &objective)
    Self.matches(
      trajectory.rows.map { ($0.position, $0.loss) }, try Self.fixture(c.file), c.file)
  }

  @Test func lbfgsCountsEveryEvaluationItsLineSearchSpends() throws {
    // Without a line search one gradient per step; with strong Wolfe, each trial's; a step
    // that stays (at the minimum) evaluates f and ∇f again, as torch's step(closure) does.
    var objective = TapeEvaluator(try Tape(Self.camel))
    var settings = Hyperparameters()
    settings.setWord("line-search", to: "strong-wolfe")
    let lbfgs = try OptimizerKind.lbfgs.make(settings)
    var run = Run(lbfgs, from: [-1.5, 1.2], on: &objective)
    var spent = run.state.evaluations.gradients
    var trialsSeen = 0
    var stays = 0
    var most = 0
    for _ in 0..<12 {
      let before = run.state.position
      run.advance(on: &objective)
      let rows = run.state.rows
      let evaluations = try #require(rows.first { $0.label == "spent" })
      guard case .number(let count) = evaluations.value else { Issue.record("no count"); return }
      #expect(run.state.evaluations.gradients - spent == Int(count))
      most = max(most, Int(count))
      spent = run.state.evaluations.gradients
      let trials = run.state.marks.first { $0.name == "trials" }
      if case .points(let points) = trials?.shape {
        trialsSeen += points.count
      } else {
        #expect(count == 1 && run.state.position == before)
        stays += 1
      }
    }
    #expect(trialsSeen + stays == spent - 1)
    #expect(stays > 0, "camel's minimum is reached within 12 steps")
    #expect(most > 1, "a strong Wolfe search sometimes takes more than one trial")
    var plain = TapeEvaluator(try Tape(Self.camel))
    var none = Run(try OptimizerKind.lbfgs.make(), from: [-1.5, 1.2], on: &plain)
    for _ in 0..<10 { none.advance(on: &plain) }
    #expect(none.state.evaluations.gradients == 11)
  }

  @Test func lbfgsCGAndArmijoTrainANetworkInAllItsWeights() throws {
    // The same code in P = 33 dimensions: each lowers the network's true loss, and its
    // direction mark is drawn by its shadow on the plane.
    let scene = try #require(SceneLibrary.builtin(named: "moons-small"))
    let network = try #require(scene.network)
    var armijo = Hyperparameters()
    armijo.setWord("line-search", to: "armijo")
    armijo.lr = 1
    var wolfe = Hyperparameters()
    wolfe.setWord("line-search", to: "strong-wolfe")
    for (kind, settings) in [
      (OptimizerKind.lbfgs, Hyperparameters()), (.lbfgs, wolfe), (.cg, Hyperparameters()),
      (.gd, armijo),
    ] {
      var objective = scene.objective()
      let t = Trajectory.record(
        try kind.make(settings), from: scene.start, steps: 30, on: &objective)
      let theta = try #require(t.weights)
      #expect(theta.count == 33)
      #expect(t.rows.last!.position == network.plane.project(theta))
      #expect(t.rows.last!.loss < 0.8 * t.rows[0].loss, "\(kind) did not learn")
      #expect(t.evaluations.gradients >= 31)
    }
  }

  @Test func newtonDrawsItsModelEllipseOrHyperbolaAndTheStep() throws {
    // On the ravine H is positive definite: a closed level curve, and the step lands on the
    // minimum. On x² − y² it is indefinite: two open branches, and the step goes to the
    // saddle.
    for (expression, definite) in [(Self.ravine, true), ("x^2 - y^2", false)] {
      var objective = TapeEvaluator(try Tape(expression))
      let state = try OptimizerKind.newton.make().start(at: SIMD2(3, 1.5), on: &objective)
      let paths = state.marks.filter { $0.name == "model" }
      #expect(paths.count == (definite ? 1 : 2))
      for mark in paths {
        guard case .path(let points, let closed) = mark.shape else {
          Issue.record("model is not a path")
          continue
        }
        #expect(closed == definite)
        for p in points {
          // Each point is on the model's level through the head: for these quadratics the
          // model is f itself.
          #expect(abs(objective.value(at: p) - state.loss) <= 1e-9 * max(1, state.loss))
        }
      }
      let step = try #require(state.marks.first { $0.name == "step" })
      guard case .segment(let from, let to) = step.shape else {
        Issue.record("step is not a segment")
        continue
      }
      #expect(from == SIMD2(3, 1.5) && to == SIMD2(0, 0))
      let eig = try #require(state.rows.first { $0.label == "eig H" })
      #expect(eig.value == .vector(definite ? [1, 20] : [-2, 2]))
      #expect(eig.suffix == (definite ? " minimum ahead" : " saddle ahead"))
      // f, ∇f and H: one gradient and one Hessian-vector product per parameter.
      #expect(state.evaluations == EvaluationCount(gradients: 3))
    }
  }

  @Test func newtonTrainsANetworkWithTheFullHessian() throws {
    // P = 33 weights: each step solves a 33 × 33 system. Damped, it lowers the loss every
    // step; each evaluation costs a gradient and 33 Hessian-vector products.
    let scene = try #require(SceneLibrary.builtin(named: "moons-small"))
    var objective = scene.objective()
    let t = Trajectory.record(
      try OptimizerKind.newton.make(["damping": 1]), from: scene.start, steps: 8, on: &objective)
    #expect(t.weights?.count == 33)
    #expect(zip(t.rows, t.rows.dropFirst()).allSatisfy { $1.loss < $0.loss })
    #expect(t.evaluations == EvaluationCount(gradients: 9 * 34))
    // Undamped it saturates the network until H is singular; it then stays, still spending.
    var plain = scene.objective()
    let pure = Trajectory.record(
      try OptimizerKind.newton.make(), from: scene.start, steps: 10, on: &plain)
    #expect(pure.evaluations == EvaluationCount(gradients: 11 * 34))
  }

  /// Steps conjugate gradient takes from `start` until f ≤ `target` (nil if not within
  /// `limit`), and the evaluations it spent.
  static func cgSteps(
    _ expression: String, from start: SIMD2<Double>, to target: Double, limit: Int = 1000
  ) throws -> (steps: Int, evaluations: Int, restarts: Int)? {
    var f = TapeEvaluator(try Tape(expression))
    var x = start
    var (loss, gradient) = f.valueAndGradient(at: x)
    var memory = ConjugateGradient.Memory<SIMD2<Double>>()
    var evaluations = 1
    for k in 1...limit {
      let out = ConjugateGradient().iterate(
        from: x, loss: loss, gradient: gradient, memory: memory,
        evaluate: { f.valueAndGradient(at: $0) })
      (x, loss, gradient, memory) = (out.position, out.loss, out.gradient, out.memory)
      evaluations += out.evaluations
      if loss <= target { return (k, evaluations, memory.restarts) }
    }
    return nil
  }

  /// Steps plain gradient descent at its best fixed step on the ravine (lr = 2/(1 + 20), the
  /// step that balances both axes) takes to f ≤ `target`.
  static func gdSteps(
    on expression: String, from start: SIMD2<Double>, lr: Double, to target: Double
  )
    throws -> Int?
  {
    var f = TapeEvaluator(try Tape(expression))
    var x = start
    for k in 1...100_000 {
      x = x - lr * f.valueAndGradient(at: x).gradient
      if f.value(at: x) <= target { return k }
    }
    return nil
  }

  @Test func conjugateGradientCrossesTheRavineInAHandfulOfSteps() throws {
    let cg = try #require(try Self.cgSteps(Self.ravine, from: [3, 1.5], to: 1e-8))
    let gd = try #require(
      try Self.gdSteps(on: Self.ravine, from: [3, 1.5], lr: 2.0 / 21, to: 1e-8))
    #expect(cg.steps <= 6, "cg took \(cg.steps) steps")
    #expect(gd >= 100, "gd took \(gd) steps")
    print(
      "ravine to f <= 1e-8: cg \(cg.steps) steps, \(cg.evaluations) evaluations, \(cg.restarts) restarts; gd \(gd) steps"
    )
  }

  @Test func conjugateGradientRestartsEverySecondStepInTwoDimensions() throws {
    // In two dimensions it restarts every n = 2 steps at most; on Rosenbrock from (−1.5, 2)
    // it never goes uphill and reaches the minimum.
    var f = TapeEvaluator(try Tape("(1 - x)^2 + 100*(y - x^2)^2"))
    var x: SIMD2<Double> = [-1.5, 2]
    var (loss, gradient) = f.valueAndGradient(at: x)
    var memory = ConjugateGradient.Memory<SIMD2<Double>>()
    var restartSteps: [Int] = []
    var betas: [Double] = []
    for k in 1...200 {
      let out = ConjugateGradient().iterate(
        from: x, loss: loss, gradient: gradient, memory: memory,
        evaluate: { f.valueAndGradient(at: $0) })
      #expect(out.loss <= loss, "step \(k) went uphill")
      if out.direction == nil { break }  // at the minimum: ∇f = 0
      (x, loss, gradient, memory) = (out.position, out.loss, out.gradient, out.memory)
      if out.restarted { restartSteps.append(k) } else { betas.append(out.beta) }
    }
    #expect(restartSteps.first == 1)
    #expect(zip(restartSteps, restartSteps.dropFirst()).allSatisfy { $1 - $0 <= 2 })
    #expect(betas.allSatisfy { $0 > 0 })
    #expect(loss < 1e-10, "cg ended at \(x), f = \(loss)")
  }

  @Test func conjugateGradientRestartsWhenBetaIsNegative() {
    // f = ½|x|² in three dimensions; a memory whose previous gradient makes the raw β < 0.
    let evaluate = { (x: Parameters) in (0.5 * x.dot(x), x) }
    var memory = ConjugateGradient.Memory<Parameters>()
    memory.direction = Parameters([0, 1, 0])
    memory.previousGradient = Parameters([2, 0, 0])
    memory.t = 1
    memory.slope = -1
    memory.sinceRestart = 1
    let x = Parameters([1, 0, 0])
    // g·(g − gₚ) = 1·(1 − 2) < 0: restart along −g.
    let out = ConjugateGradient().iterate(
      from: x, loss: 0.5, gradient: x, memory: memory, evaluate: evaluate)
    #expect(out.restarted && out.beta == 0)
    #expect(out.direction == Parameters([-1, 0, 0]))
    #expect(out.memory.restarts == 1 && out.memory.sinceRestart == 1)
    // With g·(g − gₚ) > 0 and d downhill it keeps the conjugate direction.
    memory.previousGradient = Parameters([0.5, 0, 0])
    memory.direction = Parameters([-1, 0.5, 0])
    let kept = ConjugateGradient().iterate(
      from: x, loss: 0.5, gradient: x, memory: memory, evaluate: evaluate)
    #expect(!kept.restarted && kept.beta == 2)
    #expect(kept.direction == Parameters([-3, 1, 0]))
  }

  @Test func armijoBacktrackingReproducesTheReference() throws {
    // Fixture 09: gd --line-search armijo --lr 1 on the ravine.
    var f = TapeEvaluator(try Tape(Self.ravine))
    var x: SIMD2<Double> = [3, 1.5]
    var path = [(x, f.value(at: x))]
    for _ in 0..<40 {
      let (loss, gradient) = f.valueAndGradient(at: x)
      let (t, trials) = LineSearch.armijo(from: x, t: 1, loss: loss, gradient: gradient) {
        f.value(at: $0)
      }
      #expect(!trials.isEmpty && trials.count <= 50)
      x = x - t * gradient
      path.append((x, f.value(at: x)))
    }
    Self.matches(path, try Self.fixture("09-ravine-gd.csv"), "09-ravine-gd.csv")
  }

  @Test func cubicInterpolationFindsTheMinimumOfACubic() {
    // f(t) = (t − 1)³ − 3(t − 1) + 5 has its minimum at t = 2: from f and f′ at 0 and 3.
    let f = { (t: Double) in (t - 1) * (t - 1) * (t - 1) - 3 * (t - 1) + 5 }
    let g = { (t: Double) in 3 * (t - 1) * (t - 1) - 3 }
    let t = LineSearch.cubicInterpolate(x1: 0, f1: f(0), g1: g(0), x2: 3, f2: f(3), g2: g(3))
    #expect(close(t, 2))
    // Clamped to the bounds given.
    let clamped = LineSearch.cubicInterpolate(
      x1: 0, f1: f(0), g1: g(0), x2: 3, f2: f(3), g2: g(3), bounds: (2.5, 30))
    #expect(clamped == 2.5)
  }
}

@Suite struct QuadraticModelTests {
  /// m(p) − m(0) = ∇f·p + ½pᵀHp.
  static func change(_ m: QuadraticModel, _ p: SIMD2<Double>) -> Double {
    m.gradient.dot(p) + 0.5 * (m.a * p.x * p.x + 2 * m.b * p.x * p.y + m.c * p.y * p.y)
  }

  @Test(arguments: [
    // definite: an ellipse
    ([[1.0, 0.0], [0.0, 20.0]], SIMD2<Double>(3, 30)),
    ([[2.0, 0.7], [0.7, 1.0]], SIMD2<Double>(-1, 0.5)),
    ([[-3.0, 0.5], [0.5, -1.0]], SIMD2<Double>(0.2, 2)),
    // indefinite: a hyperbola
    ([[2.0, 0.0], [0.0, -1.0]], SIMD2<Double>(1, 1)),
    ([[0.5, 3.0], [3.0, -0.2]], SIMD2<Double>(-4, 0.3)),
    ([[-1.0, 0.2], [0.2, 4.0]], SIMD2<Double>(0, -2)),
  ])
  func levelCurvePassesThroughTheHeadAtTheHeadsLevel(hessian: [[Double]], g: SIMD2<Double>) {
    let model = QuadraticModel(gradient: g, hessian: hessian)
    let (values, _) = model.eigen
    let paths = model.levelCurve()
    let definite = values.x * values.y > 0
    #expect(paths.count == (definite ? 1 : 2))
    let size = paths.flatMap { $0 }.map { ($0 * $0).sum().squareRoot() }.max() ?? 0
    for p in paths.flatMap({ $0 }) {
      // Every point is on the level m(p) = m(0), to rounding relative to the curve's size.
      let scale = (abs(g.x) + abs(g.y)) * size + (abs(values.x) + abs(values.y)) * size * size
      #expect(abs(Self.change(model, p)) <= 1e-9 * scale, "\(p): \(Self.change(model, p))")
    }
    // The first path passes through the head.
    let nearest = paths[0].map { ($0 * $0).sum().squareRoot() }.min()!
    #expect(nearest <= 0.2 * size, "nearest \(nearest) of \(size)")
    #expect(paths[0].contains { ($0 * $0).sum().squareRoot() <= 1e-9 * max(1, size) })
  }

  @Test func eigenvaluesOfASymmetricMatrix() {
    let m = QuadraticModel(gradient: [1, 0], hessian: [[2, 1], [1, 2]])
    let (values, (v1, v2)) = m.eigen
    #expect(close(values.x, 1) && close(values.y, 3))
    // H·v = λ·v for both.
    for (v, l) in [(v1, values.x), (v2, values.y)] {
      let hv = SIMD2(m.a * v.x + m.b * v.y, m.b * v.x + m.c * v.y)
      #expect(close(hv.x, l * v.x, absolute: 1e-12) && close(hv.y, l * v.y, absolute: 1e-12))
    }
  }

  @Test func singularOrFlatModelsDrawNothing() {
    #expect(QuadraticModel(gradient: [1, 1], hessian: [[1, 0], [0, 0]]).levelCurve().isEmpty)
    #expect(QuadraticModel(gradient: [0, 0], hessian: [[1, 0], [0, 2]]).levelCurve().isEmpty)
  }
}
