import Foundation
import Testing

@testable import DescentCore

/// The Hessian by forward over reverse on the tape, against central differences of the
/// tape's gradient, exact values, and torch's Newton trajectories.
@Suite struct HessianTests {
  /// One expression or more for every primitive of `Operation` (checked below).
  static let expressions =
    GradientTests.expressions + [
      "x^3 * y^2 + (x^2 + y^2 + 1)^1.5", "pow(x^2 + 1, y) * x", "(x*x + 2)^(y*x)",
      "asin(x/3) * acos(y/3)", "x / (y + 2)^2", "atan2(x*y + 0.3, x - y)", "sqrt(x^2 + y^4 + 0.1)",
      "tan(x - y) * sinh(x*y)", "log(cosh(x*y) + x^2)", "softplus(x*y) * sigmoid(y - x)",
      "abs(x*y) * min(x^2, y^2) + max(x*y, 0.1)", "exp(sin(x) * cos(y))", "-(x^4) + x*y",
    ]

  static let points: [SIMD2<Double>] = [[0.3, 0.7], [-0.45, 0.2], [0.8, -0.6], [1.7, 2.3]]

  /// The Hessian by central differences of the tape's gradient: column j is
  /// (∇f(p + h eⱼ) − ∇f(p − h eⱼ)) / 2h, with h = 1e-5·max(1, |pⱼ|).
  static func differences(_ f: inout TapeEvaluator, at p: SIMD2<Double>) -> (
    SIMD2<Double>, SIMD2<Double>
  ) {
    func column(_ axis: Int) -> SIMD2<Double> {
      var step = SIMD2<Double>.zero
      step[axis] = 1e-5 * max(1, abs(p[axis]))
      let forward = f.valueAndGradient(at: p + step).gradient
      let backward = f.valueAndGradient(at: p - step).gradient
      return (forward - backward) / (2 * step[axis])
    }
    return (column(0), column(1))
  }

  /// Central differences have error O(h²·f⁗) + O(ε·|∇f|/h), up to about 1e-8 of the
  /// derivatives' size here: 1e-7 relative (absolute below 1) leaves a factor of ten and still
  /// catches a local second derivative wrong in its seventh digit.
  static func agrees(_ tape: Double, _ difference: Double, tolerance: Double = 1e-7) -> Bool {
    abs(tape - difference) <= tolerance * max(1, abs(tape), abs(difference))
  }

  @Test func expressionsCoverEveryPrimitive() throws {
    var seen = Set<UInt8>()
    for expression in Self.expressions {
      for instruction in try Tape(expression).instructions {
        seen.insert(instruction.operation.rawValue)
      }
    }
    let every = (0...UInt8.max).compactMap(Operation.init(rawValue:)).map(\.rawValue)
    #expect(every.count == 26)
    #expect(Set(every).subtracting(seen).isEmpty, "untested: \(Set(every).subtracting(seen))")
  }

  @Test(arguments: expressions)
  func matchesCentralDifferencesOfTheGradient(expression: String) throws {
    var f = TapeEvaluator(try Tape(expression))
    for p in Self.points {
      let (_, _, h) = f.hessian(at: p)
      let (dx, dy) = Self.differences(&f, at: p)
      // Each mixed partial from both columns: ∂(∂f/∂x)/∂y and ∂(∂f/∂y)/∂x.
      #expect(
        Self.agrees(h.xx, dx.x) && Self.agrees(h.xy, dx.y) && Self.agrees(h.xy, dy.x)
          && Self.agrees(h.yy, dy.y),
        "\(expression) at \(p): tape \(h), differences [[\(dx.x), \(dy.x)], [\(dx.y), \(dy.y)]]")
    }
  }

  /// The value and the gradient that come with the Hessian are `valueAndGradient`'s, bit for
  /// bit, and the two sweeps' mixed partials agree to rounding.
  @Test func gradientIsTheGradientPathsAndMixedPartialsAgree() throws {
    for expression in Self.expressions + Self.randomExpressions(count: 100, seed: 7) {
      var f = TapeEvaluator(try Tape(expression))
      for p in Self.points {
        let (value, gradient, rowX, rowY) = f.hessianRows(at: p)
        let reference = f.valueAndGradient(at: p)
        let same = { (a: Double, b: Double) in a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        }
        #expect(same(value, reference.value), "\(expression) at \(p)")
        #expect(
          same(gradient.x, reference.gradient.x) && same(gradient.y, reference.gradient.y),
          "\(expression) at \(p): \(gradient) vs \(reference.gradient)")
        guard rowX.y.isFinite, rowY.x.isFinite else { continue }
        #expect(
          abs(rowX.y - rowY.x) <= 1e-12 * max(1, abs(rowX.y)),
          "\(expression) at \(p): ∂²f/∂x∂y \(rowX.y), ∂²f/∂y∂x \(rowY.x)")
      }
    }
  }

  // MARK: - Random expressions

  /// Random expressions over every primitive, each argument kept in its function's domain
  /// (log(1 + u²), asin(0.9·tanh u), ...), from xoshiro256** seeded with `seed`.
  static func randomExpressions(count: Int, seed: UInt64) -> [String] {
    var generator = Xoshiro256StarStar(seed: seed)
    func pick(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
    func expression(_ depth: Int) -> String {
      if depth == 0 || pick(5) == 0 {
        return ["x", "y", "x", "y", "0.7", "1.3", "2"][pick(7)]
      }
      let u = expression(depth - 1)
      switch pick(27) {
      case 0: return "(\(u) + \(expression(depth - 1)))"
      case 1: return "(\(u) - \(expression(depth - 1)))"
      case 2: return "(\(u) * \(expression(depth - 1)))"
      case 3: return "(\(u) / (1.5 + (\(expression(depth - 1)))^2))"
      case 4: return "pow(1 + (\(u))^2, sin(\(expression(depth - 1))))"
      case 5: return "min(\(u), \(expression(depth - 1)))"
      case 6: return "max(\(u), \(expression(depth - 1)))"
      case 7: return "atan2(\(u), 0.5 + (\(expression(depth - 1)))^2)"
      case 8: return "-(\(u))"
      case 9: return "(\(u))^2"
      case 10: return "(\(u))^3"
      case 11: return "(1 + (\(u))^2)^0.75"
      case 12: return "sqrt(0.5 + (\(u))^2)"
      case 13: return "abs(\(u))"
      case 14: return "sin(\(u))"
      case 15: return "cos(\(u))"
      case 16: return "tan(0.5 * tanh(\(u)))"
      case 17: return "asin(0.9 * tanh(\(u)))"
      case 18: return "acos(0.9 * tanh(\(u)))"
      case 19: return "atan(\(u))"
      case 20: return "exp(0.5 * tanh(\(u)))"
      case 21: return "log(1 + (\(u))^2)"
      case 22: return "tanh(\(u))"
      case 23: return "sinh(tanh(\(u)))"
      case 24: return "cosh(tanh(\(u)))"
      case 25: return "sigmoid(\(u))"
      default: return "softplus(\(u))"
      }
    }
    return (0..<count).map { _ in "\(expression(4)) + 0.1*x*y" }
  }

  /// 300 random expressions, each at 4 random points in [−1.5, 1.5]²: the tape's Hessian
  /// agrees with central differences of its gradient to 1e-7 of the largest second
  /// derivative (or of 1), as for single primitives (the largest error seen is below 1e-8).
  @Test func randomExpressionsMatchCentralDifferences() throws {
    var generator = Xoshiro256StarStar(seed: 2026)
    var failures: [String] = []
    var checked = 0
    for expression in Self.randomExpressions(count: 300, seed: 15) {
      var f = TapeEvaluator(try Tape(expression))
      for _ in 0..<4 {
        let p = SIMD2(3 * generator.uniform() - 1.5, 3 * generator.uniform() - 1.5)
        let (value, _, h) = f.hessian(at: p)
        guard value.isFinite else { continue }
        let (dx, dy) = Self.differences(&f, at: p)
        let scale = max(1, abs(h.xx), abs(h.xy), abs(h.yy))
        let pairs = [(h.xx, dx.x), (h.xy, dx.y), (h.xy, dy.x), (h.yy, dy.y)]
        checked += 1
        if pairs.contains(where: { abs($0 - $1) > 1e-7 * scale }) {
          failures.append("\(expression) at \(p): tape \(h), differences \(dx), \(dy)")
        }
      }
    }
    #expect(checked > 1100)
    #expect(failures.isEmpty, "\(failures.count) differ:\n\(failures.joined(separator: "\n"))")
  }

  // MARK: - Exact values

  @Test func rosenbrockAtItsMinimum() throws {
    var f = TapeEvaluator(try Tape("(1 - x)^2 + 100*(y - x^2)^2"))
    let (value, gradient, h) = f.hessian(at: [1, 1])
    #expect(value == 0 && gradient == [0, 0])
    #expect(h == SymmetricMatrix2(xx: 802, xy: -400, yy: 200))
    // At (0, 0): f = 1 + 100(y − x²)², so fxx = 2 − 400(y − 3x²) = 2, fxy = 0, fyy = 200.
    #expect(f.hessian(at: [0, 0]).hessian == SymmetricMatrix2(xx: 2, xy: 0, yy: 200))
  }

  @Test func handComputedValues() throws {
    func hessian(_ expression: String, _ p: SIMD2<Double>) throws -> SymmetricMatrix2 {
      var f = TapeEvaluator(try Tape(expression))
      return f.hessian(at: p).hessian
    }
    #expect(try hessian("x*y", [-2, 3]) == SymmetricMatrix2(xx: 0, xy: 1, yy: 0))
    #expect(try hessian("0.5*x^2 + 10*y^2", [3, 1.5]) == SymmetricMatrix2(xx: 1, xy: 0, yy: 20))
    // exp(xy) at (1, 2): fxx = y²e^{xy} = 4e², fxy = (1 + xy)e^{xy} = 3e², fyy = x²e^{xy} = e².
    let e2 = exp(2.0)
    let h = try hessian("exp(x*y)", [1, 2])
    #expect(close(h.xx, 4 * e2, relative: 1e-15) && close(h.xy, 3 * e2, relative: 1e-15))
    #expect(close(h.yy, e2, relative: 1e-15))
    // x³y at (2, 5): fxx = 6xy = 60, fxy = 3x² = 12, fyy = 0.
    #expect(try hessian("x^3 * y", [2, 5]) == SymmetricMatrix2(xx: 60, xy: 12, yy: 0))
    // log(x² + y²) at (1, 1): fxx = 2(y² − x²)/(x² + y²)² = 0, fxy = −4xy/(x² + y²)² = −1.
    #expect(try hessian("log(x^2 + y^2)", [1, 1]) == SymmetricMatrix2(xx: 0, xy: -1, yy: 0))
    // x/y at (3, 2): fxx = 0, fxy = −1/y² = −0.25, fyy = 2x/y³ = 0.75.
    #expect(try hessian("x / y", [3, 2]) == SymmetricMatrix2(xx: 0, xy: -0.25, yy: 0.75))
  }

  /// Kinks: where PyTorch's first derivatives are piecewise constant, the second are 0.
  @Test func kinks() throws {
    func hessian(_ expression: String, _ p: SIMD2<Double>) throws -> SymmetricMatrix2 {
      var f = TapeEvaluator(try Tape(expression))
      return f.hessian(at: p).hessian
    }
    #expect(try hessian("abs(x) + max(x, y) + min(x, y)", [0, 0]) == .zero)
    // pow(x, y) at (0, 2): ∂²/∂x² = y(y − 1)x^(y−2) = 2, and the limits x^(y−1)(1 + y ln x) and
    // x^y ln²x of the others are 0, as the masked ∂f/∂y = 0 at x = 0 says.
    #expect(try hessian("pow(x, y)", [0, 2]) == SymmetricMatrix2(xx: 2, xy: 0, yy: 0))
  }

  /// Second derivatives at extreme arguments, where a naive formula over- or underflows or
  /// cancels, against the exact values written out.
  @Test func extremeArguments() throws {
    func hessian(_ expression: String, _ p: SIMD2<Double>) throws -> SymmetricMatrix2 {
      var f = TapeEvaluator(try Tape(expression))
      return f.hessian(at: p).hessian
    }
    // x/y: ∂²/∂y² = 2x/y³ = 2e130, where y³ alone underflows.
    let quotient = try hessian("x / y", [1e-200, 1e-110])
    #expect(close(quotient.yy, 2e130, relative: 1e-14) && close(quotient.xy, -1e220))
    // atan2(x, y) at (3e-150, 4e-150): (x² + y²)² underflows; ∂²/∂x² = −2xy/(x² + y²)².
    let angle = try hessian("atan2(x, y)", [3e-150, 4e-150])
    #expect(close(angle.xx, -24.0 / 625 * 1e300, relative: 1e-14))
    // ∂²/∂x∂y = (x² − y²)/(x² + y²)².
    #expect(close(angle.xy, -7.0 / 625 * 1e300, relative: 1e-14))
    // tanh″ = −2 tanh·sech²: not 0 where tanh rounds to 1.
    let t = try hessian("tanh(x)", [20, 0])
    let sech = 1 / cosh(20.0)
    #expect(t.xx != 0 && close(t.xx, -2 * tanh(20.0) * sech * sech, relative: 1e-14))
    // σ″(a) = σ′(a)·(1 − 2σ(a)) ≈ −a/8 near 0, where 1 − 2σ cancels.
    let s = try hessian("sigmoid(x)", [1e-9, 0])
    #expect(close(s.xx, -1e-9 / 8, relative: 1e-12))
    // The mixed partial near the largest double: the mean of the two sweeps' cannot overflow.
    #expect(try hessian("1e308 * x * y", [1, 1]).xy == 1e308)
    // atan″(a) = −2a/(1 + a²)² = −2e-300 at 1e100, where a² alone is 1e200 and (1 + a²)² overflows.
    #expect(close(try hessian("atan(x)", [1e100, 0]).xx, -2e-300, relative: 1e-14))
  }

  // MARK: - Newton against torch

  struct NewtonCase: CustomTestStringConvertible, Sendable {
    var file: String
    var expression: String
    var start: SIMD2<Double>
    var steps: Int
    var lr: Double
    var damping: Double
    var testDescription: String { file }
  }

  /// The newton rows of the catalogue's `cases.tsv` (`Fixtures/catalogue/`, from
  /// `../shared/fixtures/catalogue/generate.py`: torch's exact Hessian and
  /// `v - lr * torch.linalg.solve(H + damping·I, grad)`, PyTorch 2.15, float64).
  static let newtonCases = [
    NewtonCase(
      file: "07-ravine-newton.csv", expression: "0.5*x^2 + 10*y^2", start: [3, 1.5], steps: 3,
      lr: 1, damping: 0),
    NewtonCase(
      file: "13-booth-newton.csv", expression: "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
      start: [-4, 4], steps: 4, lr: 0.7, damping: 0.2),
    NewtonCase(
      file: "20-camel-newton.csv", expression: "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
      start: [-1.5, 1.2], steps: 10, lr: 1, damping: 1),
  ]

  static func rows(_ file: String) throws -> [[Double]] {
    let url = fixtures.appendingPathComponent("catalogue").appendingPathComponent(file)
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",").map { Double($0)! }
    }
  }

  /// The first step by hand: H and ∇f from the tape, then x − lr·(H + λI)⁻¹∇f solved by LU.
  @Test(arguments: newtonCases)
  func firstStepReproducesTorch(_ c: NewtonCase) throws {
    let expected = try Self.rows(c.file)
    var f = TapeEvaluator(try Tape(c.expression))
    let (_, gradient, h) = f.hessian(at: c.start)
    var system = h.matrix
    system[0, 0] += c.damping
    system[1, 1] += c.damping
    let direction = try #require(solve(system, [gradient.x, gradient.y]))
    let next = SIMD2(c.start.x - c.lr * direction[0], c.start.y - c.lr * direction[1])
    #expect(
      close(next.x, expected[1][1]) && close(next.y, expected[1][2]),
      "\(next) vs \(expected[1])")
  }

  /// Whole trajectories with `newtonStep`, to 1e-9 relative (1e-12 absolute near 0), loss
  /// included.
  @Test(arguments: newtonCases)
  func trajectoryReproducesTorch(_ c: NewtonCase) throws {
    let expected = try Self.rows(c.file)
    #expect(expected.count == c.steps + 1)
    var f = TapeEvaluator(try Tape(c.expression))
    var x = c.start
    for (k, row) in expected.enumerated() {
      let (value, gradient, h) = f.hessian(at: x)
      #expect(
        close(x.x, row[1]) && close(x.y, row[2]) && close(value, row[3]),
        "\(c.file) step \(k): (\(x.x), \(x.y), \(value)) vs \(row)")
      x = try #require(
        newtonStep(position: x, gradient: gradient, hessian: h, lr: c.lr, damping: c.damping))
    }
  }

  /// Newton's step is generic over the parameter vector: the same step on `Parameters`.
  @Test func newtonStepOnParameters() throws {
    var f = TapeEvaluator(try Tape("2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2"))
    let (_, gradient, h) = f.hessian(at: [-1.5, 1.2])
    let surface = try #require(
      newtonStep(position: [-1.5, 1.2], gradient: gradient, hessian: h, lr: 1, damping: 1))
    let vector = try #require(
      newtonStep(
        position: Parameters([-1.5, 1.2]), gradient: Parameters([gradient.x, gradient.y]),
        hessian: h.matrix, lr: 1, damping: 1))
    #expect(vector.values == [surface.x, surface.y])
    // A singular H + λI has no Newton step: f = x + y has H = 0.
    #expect(
      newtonStep(position: [1, 1], gradient: [1, 1], hessian: .zero, lr: 1, damping: 0) == nil)
  }

  /// The tape's objective, giving its Hessian only as a general `Matrix`.
  struct MatrixHessianOnly: Objective {
    var tape: TapeEvaluator
    mutating func value(at point: SIMD2<Double>) -> Double { tape.value(at: point) }
    mutating func valueAndGradient(at point: SIMD2<Double>) -> (
      value: Double, gradient: SIMD2<Double>
    ) { tape.valueAndGradient(at: point) }
    mutating func valueGradientAndHessian(at point: SIMD2<Double>) -> (
      value: Double, gradient: SIMD2<Double>, hessian: Matrix
    )? { tape.valueGradientAndHessian(at: point) }
  }

  /// On a surface Newton solves with H as a symmetric 2 × 2 matrix, without allocating; run
  /// through the registry, its states are those of the general LU on a `Matrix`, bit for bit,
  /// rows and marks included: minimum, saddle and maximum ahead, damped, and singular.
  @Test(arguments: [
    ("0.5*x^2 + 10*y^2", 1.0, 0.0), ("(x + 2*y - 7)^2 + (2*x + y - 5)^2", 0.7, 0.2),
    ("2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2", 1, 1), ("x^2 - y^2 + 0.3*x*y", 0.5, 0),
    ("-(x^2) - 2*y^2 + x*y", 1, 0), ("x + y", 1, 0), ("(1 - x)^2 + 100*(y - x^2)^2", 1, 0),
  ])
  func surfaceNewtonIsTheGeneralOne(expression: String, lr: Double, damping: Double) throws {
    let newton = try OptimizerKind.newton.make(["lr": lr, "damping": damping])
    var surface = TapeEvaluator(try Tape(expression))
    var general = MatrixHessianOnly(tape: TapeEvaluator(try Tape(expression)))
    var fast = Run(newton, from: [-1.5, 1.2], on: &surface)
    var slow = Run(newton, from: [-1.5, 1.2], on: &general)
    for _ in 0..<12 {
      let (a, b) = (fast.state, slow.state)
      #expect(a.position == b.position && a.loss.bitPattern == b.loss.bitPattern)
      #expect(a.rows == b.rows, "\(expression) step \(a.step)")
      #expect(a.marks.count == b.marks.count && a.evaluations == b.evaluations)
      for (m, n) in zip(a.marks, b.marks) {
        switch (m.shape, n.shape) {
        case (.path(let p, let pc), .path(let q, let qc)): #expect(p == q && pc == qc)
        case (.segment(let p0, let p1), .segment(let q0, let q1)): #expect(p0 == q0 && p1 == q1)
        default: Issue.record("marks differ: \(m.name) vs \(n.name)")
        }
      }
      guard fast.advance(on: &surface) else { break }
      slow.advance(on: &general)
    }
    #expect(fast.state.step == slow.state.step && fast.isDiverged == slow.isDiverged)
  }
}

/// The scene objective's Hessian: the mean over the data, or over the update's mini-batch.
@Suite struct SceneHessianTests {
  /// Logistic regression's Hessian in closed form: with z = x·u + y, the per-sample loss
  /// v·softplus(−z) + (1 − v)·softplus(z) has second derivative σ(z)σ(−z) in z, so
  /// H = mean σ(z)σ(−z)·[[u², u], [u, 1]].
  @Test func logisticSceneIsTheClosedForm() throws {
    let scene = try #require(SceneLibrary.builtin(named: "logistic"))
    let dataset = try #require(scene.dataset)
    let u = try #require(dataset.columns.firstIndex(of: "u"))
    var objective = scene.objective(fullBatch: true)
    for point: SIMD2<Double> in [[-3, 3.5], [2.28, -0.25], [0.5, 1]] {
      let (value, gradient, h) = objective.hessian(at: point)
      let reference = objective.valueAndGradient(at: point)
      #expect(value == reference.value && gradient == reference.gradient)
      var expected = SymmetricMatrix2.zero
      for r in 0..<dataset.rowCount {
        let hours = dataset.row(r)[u]
        let z = point.x * hours + point.y
        let curvature = 1 / (1 + exp(-z)) * (1 / (1 + exp(z)))
        expected += SymmetricMatrix2(
          xx: curvature * hours * hours, xy: curvature * hours, yy: curvature)
      }
      expected = expected / Double(dataset.rowCount)
      #expect(
        close(h.xx, expected.xx, relative: 1e-12) && close(h.xy, expected.xy, relative: 1e-12)
          && close(h.yy, expected.yy, relative: 1e-12), "\(point): \(h) vs \(expected)")
    }
  }

  /// A mini-batch scene: each update's Hessian is its batch's mean, so over one epoch the
  /// batch Hessians weighted by batch size add up to the full-data Hessian; f and ∇f are
  /// `valueAndGradient`'s.
  @Test func miniBatchHessiansAddUpToTheFullOne() throws {
    let scene = try #require(SceneLibrary.builtin(named: "linreg-minibatch"))
    let n = try #require(scene.dataset).rowCount
    let batch = try #require(scene.batch)
    let point = SIMD2(0.3, -0.2)
    var full = scene.objective(fullBatch: true)
    let expected = full.hessian(at: point).hessian
    var objective = scene.objective()
    var sum = SymmetricMatrix2.zero
    var hessians: [SymmetricMatrix2] = []
    let batches = (n + batch - 1) / batch
    for t in 1...batches {
      objective.prepare(forUpdate: t)
      let (value, gradient, h) = objective.hessian(at: point)
      let reference = objective.valueAndGradient(at: point)
      #expect(value == reference.value && gradient == reference.gradient)
      let size = Double(t < batches ? batch : n - batch * (batches - 1))
      sum += SymmetricMatrix2(xx: h.xx * size, xy: h.xy * size, yy: h.yy * size)
      hessians.append(h)
    }
    #expect(Set(hessians.map(\.xx)).count > 1, "the batches differ")
    #expect(
      close(sum.xx / Double(n), expected.xx) && close(sum.xy / Double(n), expected.xy)
        && close(sum.yy / Double(n), expected.yy))
  }

  /// With finite-difference gradients the Hessian is still the tape's, exactly; f and ∇f are
  /// the differences'.
  @Test func finiteDifferenceModeKeepsTheExactHessian() throws {
    let scene = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    var objective = scene.objective()
    let exact = objective.hessian(at: [1, 1])
    objective.gradientMode = .finiteDifferences
    let (value, gradient, h) = objective.hessian(at: [1, 1])
    #expect(h == exact.hessian && h == SymmetricMatrix2(xx: 802, xy: -400, yy: 200))
    let differences = objective.valueAndGradient(at: [1, 1])
    #expect(value == differences.value && gradient == differences.gradient)
    #expect(gradient != exact.gradient, "differences are not exact")
  }
}

/// Every primitive's second derivatives at extreme arguments (1e±150, 1e±300, mixed
/// magnitudes, and where tanh and σ saturate), against the exact ones: sympy at 50 digits,
/// rounded once to a double (`Fixtures/extreme-hessians.tsv`, made by
/// `Scripts/extreme_hessians.py`), to the gradient table's tolerance
/// (`ExtremeGradientTests.agrees`: 1e-12 relative, or the same infinity or NaN).
@Suite struct ExtremeHessianTests {
  struct Row: Sendable {
    var expression: String
    var point: SIMD2<Double>
    var exact: [Double]
    var line: Int
  }

  static let rows: [Row] = {
    let url = fixtures.appendingPathComponent("extreme-hessians.tsv")
    let text = try! String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").enumerated().compactMap { index, line in
      let fields = line.split(separator: "\t").map(String.init)
      guard !line.hasPrefix("#"), fields[3] != "undefined" else { return nil }
      return Row(
        expression: fields[0], point: [Double(fields[1])!, Double(fields[2])!],
        exact: fields[3...5].map { Double($0)! }, line: index + 1)
    }
  }()

  @Test func tableCoversEveryPrimitive() throws {
    var seen = Set<UInt8>()
    for expression in Set(Self.rows.map(\.expression)) {
      for instruction in try Tape(expression).instructions {
        seen.insert(instruction.operation.rawValue)
      }
    }
    #expect(seen.count == 26)
    #expect(Self.rows.count > 3000)
  }

  @Test func matchesExactSecondDerivatives() throws {
    var failures: [String] = []
    var evaluators: [String: TapeEvaluator] = [:]
    for row in Self.rows {
      if evaluators[row.expression] == nil {
        evaluators[row.expression] = TapeEvaluator(try Tape(row.expression))
      }
      let h = evaluators[row.expression]!.hessian(at: row.point).hessian
      let names = ["xx", "xy", "yy"]
      for (k, value) in [h.xx, h.xy, h.yy].enumerated()
      where !ExtremeGradientTests.agrees(value, row.exact[k]) {
        failures.append(
          "line \(row.line): ∂²(\(row.expression))/∂\(names[k]) at "
            + "(\(row.point.x), \(row.point.y)): tape \(value), exact \(row.exact[k])")
      }
    }
    #expect(failures.isEmpty, "\(failures.count) differ:\n\(failures.joined(separator: "\n"))")
  }
}
