import DescentCore
import Testing

/// Every primitive's derivative, by the tape, against central finite differences.
@Suite struct GradientTests {
  static let points: [SIMD2<Double>] = [[0.3, 0.7], [-0.45, 0.2], [0.8, -0.6], [1.7, 2.3]]

  static let expressions = [
    "x + y", "x - y", "x * y", "x / y", "-x * y", "x^2 + y^2", "x^3 * y", "(x^2 + 1)^0.5 + 2",
    "abs(x)^1.5 * y", "pow(abs(x) + 1, y)", "(abs(x) + 1)^y", "2^(x*y)",
    "sin(x*y)", "cos(x + y)", "tan(x*y)", "asin(x/3) * y", "acos(y/3) + x", "atan(x*y)",
    "exp(x - y)", "log(x^2 + y^2)", "sqrt(x^2 + y^2 + 1)", "abs(x - y)", "tanh(x * y)",
    "sinh(x + y)", "cosh(x - y)", "sigmoid(3*x - y)", "softplus(2*x*y)",
    "min(x, y)", "max(x, y)", "atan2(y, x)", "min(x^2, y) * max(y, x)",
    "(1 - x)^2 + 100*(y - x^2)^2", "x*exp(-(x^2 + y^2))", "sigmoid(x)*softplus(-y)/x",
  ]

  @Test(arguments: expressions)
  func matchesCentralDifferences(expression: String) throws {
    var f = TapeEvaluator(try Tape(expression))
    let h = 1e-6
    for p in Self.points {
      let (_, gradient) = f.valueAndGradient(at: p)
      let dx = (f.value(at: p + [h, 0]) - f.value(at: p - [h, 0])) / (2 * h)
      let dy = (f.value(at: p + [0, h]) - f.value(at: p - [0, h])) / (2 * h)
      #expect(
        close(gradient.x, dx, relative: 1e-6, absolute: 1e-7)
          && close(gradient.y, dy, relative: 1e-6, absolute: 1e-7),
        "\(expression) at \(p): tape \(gradient), differences (\(dx), \(dy))")
    }
  }

  @Test func valueAgreesWithForwardOnlySweep() throws {
    for expression in Self.expressions {
      var f = TapeEvaluator(try Tape(expression))
      for p in Self.points {
        let full = f.valueAndGradient(at: p).value
        let forward = f.value(at: p)
        #expect(full == forward || (full.isNaN && forward.isNaN))
      }
    }
  }

  /// Kinks take PyTorch's convention.
  @Test func kinksFollowPyTorch() throws {
    #expect(try valueAndGradient("abs(x)", at: [0, 0]).gradient == [0, 0])
    #expect(try valueAndGradient("min(x, y)", at: [1, 1]).gradient == [0.5, 0.5])
    #expect(try valueAndGradient("max(x, y)", at: [2, 2]).gradient == [0.5, 0.5])
    #expect(try valueAndGradient("pow(x, y)", at: [0, 2]).gradient == [0, 0])
  }

  @Test func gridMatchesPointEvaluation() throws {
    for expression in Self.expressions {
      let tape = try Tape(expression)
      var f = TapeEvaluator(tape)
      let xs = (0..<37).map { -2 + Double($0) * 0.11 }
      let ys = (0..<23).map { -1.5 + Double($0) * 0.13 }
      let grid = tape.values(xs: xs, ys: ys)
      for (j, y) in ys.enumerated() {
        for (i, x) in xs.enumerated() {
          let expected = f.value(at: [x, y])
          let got = grid[j * xs.count + i]
          #expect(got == expected || (got.isNaN && expected.isNaN), "\(expression) at (\(x), \(y))")
        }
      }
      let points = zip(xs, ys).map { SIMD2($0, $1) }
      #expect(
        tape.values(at: points).elementsEqual(points.map { f.value(at: $0) }) { a, b in
          a == b || (a.isNaN && b.isNaN)
        })
    }
  }
}

/// Every primitive's derivative at extreme arguments (1e±150, 1e±300, and mixed magnitudes),
/// against the exact derivative: sympy at 50 digits, rounded once to a double
/// (`Fixtures/extreme-gradients.tsv`, made by `Scripts/extreme_gradients.py`).
@Suite struct ExtremeGradientTests {
  struct Row: Sendable {
    var expression: String
    var point: SIMD2<Double>
    var exact: SIMD2<Double>
    var line: Int
  }

  static let rows: [Row] = {
    let url = fixtures.appendingPathComponent("extreme-gradients.tsv")
    let text = try! String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").enumerated().compactMap { index, line in
      let fields = line.split(separator: "\t").map(String.init)
      // f is not real there (log(-1)): no derivative exists to compare with.
      guard !line.hasPrefix("#"), fields[3] != "undefined" else { return nil }
      let number = { (field: String) in Double(field)! }
      return Row(
        expression: fields[0], point: [number(fields[1]), number(fields[2])],
        exact: [number(fields[3]), number(fields[4])], line: index + 1)
    }
  }()

  /// The tape agrees with the exact derivative to 1e-12 relative where that is a normal
  /// double, to 1e-322 (20 units of the smallest subnormal) where it is subnormal, and is the
  /// same infinity or NaN where it overflows or does not exist.
  static func agrees(_ tape: Double, _ exact: Double) -> Bool {
    if exact.isNaN { return tape.isNaN }
    if exact.isInfinite { return tape == exact }
    guard tape.isFinite else { return false }
    return abs(tape - exact) <= 1e-12 * abs(exact) + 1e-322
  }

  @Test func tableCoversEveryPrimitive() {
    let expressions = Set(Self.rows.map(\.expression))
    // One expression per primitive of `Operation`, `x^c` in several forms.
    for name in [
      "x + y", "x - y", "x * y", "x / y", "pow(x, y)", "min(x, y)", "max(x, y)", "atan2(x, y)",
      "-x", "x^2", "x^3", "x^0.5", "sqrt(x)", "abs(x)", "sin(x)", "cos(x)", "tan(x)", "asin(x)",
      "acos(x)", "atan(x)", "exp(x)", "log(x)", "tanh(x)", "sinh(x)", "cosh(x)", "sigmoid(x)",
      "softplus(x)",
    ] {
      #expect(expressions.contains(name), "no reference rows for \(name)")
    }
    #expect(Self.rows.count > 3000)
  }

  @Test func matchesExactDerivatives() throws {
    var failures: [String] = []
    var evaluators: [String: TapeEvaluator] = [:]
    for row in Self.rows {
      if evaluators[row.expression] == nil {
        evaluators[row.expression] = TapeEvaluator(try Tape(row.expression))
      }
      let gradient = evaluators[row.expression]!.valueAndGradient(at: row.point).gradient
      for axis in 0..<2 where !Self.agrees(gradient[axis], row.exact[axis]) {
        failures.append(
          "line \(row.line): ∂(\(row.expression))/∂\(axis == 0 ? "x" : "y") at "
            + "(\(row.point.x), \(row.point.y)): tape \(gradient[axis]), exact \(row.exact[axis])")
      }
    }
    #expect(failures.isEmpty, "\(failures.count) differ:\n\(failures.joined(separator: "\n"))")
  }
}
