import DescentCore
import Testing

@Suite struct ParserTests {
  @Test(arguments: [
    ("3", 3.0), ("0.25", 0.25), ("1e-3", 1e-3), ("2.5E+2", 250), (".5", 0.5),
    ("2^3^2", 512), ("-2^2", -4), ("(-2)^2", 4), ("-x^2", -9), ("2*-x", -6),
    ("1 - 2 - 3", -4), ("8 / 4 / 2", 1), ("2 + 3 * 4", 14), ("+x", 3), ("--x", 3),
    ("2^-1", 0.5), ("x ** 2", 9), ("pi", Double.pi), ("e", M_E_VALUE),
    ("min(x, y)", -2), ("max(x, y)", 3), ("pow(2, 10)", 1024), ("atan2(1, 1)", Double.pi / 4),
    ("sigmoid(0)", 0.5), ("softplus(0)", 0.6931471805599453), ("abs(y)", 2),
    ("sqrt(x^2 + (y*2)^2)", 5), ("exp(log(7))", 7),
  ])
  func evaluates(expression: String, expected: Double) throws {
    let (value, _) = try valueAndGradient(expression, at: [3, -2])
    #expect(close(value, expected), "\(expression) = \(value), expected \(expected)")
  }

  @Test func namedParameters() throws {
    var f = TapeEvaluator(try Tape("(a - x)^2 + b*(y - x^2)^2", parameters: ["a": 1, "b": 100]))
    #expect(f.value(at: [1, 1]) == 0)
    #expect(f.value(at: [0, 0]) == 1)
  }

  @Test func inputsVaryPerEvaluation() throws {
    var f = TapeEvaluator(try Tape("(x*u + y - v)^2", inputs: ["u", "v"]))
    f.setInputs([2, 5])
    let (value, gradient) = f.valueAndGradient(at: [1, 1])
    #expect(value == 4)
    #expect(gradient == [-8, -4])
  }

  /// Each case marks the expected error position with carets under the source, as the user
  /// sees it.
  @Test(arguments: [
    ("1 + sinn(x)", "    ^^^^", "unknown function `sinn`"),
    ("sin(x", "     ^", "expected `)`"),
    ("(x + y) * (x - y", "                ^", "expected `)`"),
    ("x + ", "    ^", "unexpected end of expression"),
    ("x y", "  ^", "expected an operator, found `y`"),
    ("x)", " ^", "unmatched `)`"),
    ("2x", " ^", "unexpected `x` after number `2`"),
    ("z + 1", "^", "unknown name `z`"),
    ("x $ 2", "  ^", "unexpected character `$`"),
    ("1e+", "   ^", "malformed number: exponent has no digits"),
    ("min(x)", "^^^", "`min` takes 2 arguments, got 1"),
    ("sin(x, y)", "^^^", "`sin` takes 1 argument, got 2"),
    ("sin + 1", "^^^", "function `sin` needs arguments in parentheses"),
    ("x(2)", "^", "`x` is not a function"),
    ("", "^", "empty expression"),
    ("* x", "^", "expected a value, found `*`"),
    ("f(,)", "^", "unknown function `f`"),
    ("max(x,)", "      ^", "expected a value, found `)`"),
  ])
  func errorsCarryTheirPosition(source: String, carets: String, reason: String) {
    let column = carets.firstIndex(of: "^")!.utf16Offset(in: carets) + 1
    let length = carets.filter { $0 == "^" }.count
    #expect(throws: ExpressionError.self) { try Tape(source) }
    do {
      _ = try Tape(source)
    } catch {
      #expect(error.reason.hasPrefix(reason), "\(error.reason)")
      #expect(error.column == column, "\(source): column \(error.column), expected \(column)")
      #expect(error.length == length, "\(source): length \(error.length), expected \(length)")
      #expect(error.description.hasSuffix("\n  " + carets))
    }
  }

  @Test func messageNamesTheColumn() {
    #expect(throws: ExpressionError.self) { try Tape("1 + sinn(x)") }
    do { _ = try Tape("1 + sinn(x)") } catch {
      #expect(error.message == "unknown function `sinn` at column 5")
      #expect(error.description == "unknown function `sinn` at column 5\n  1 + sinn(x)\n      ^^^^")
    }
  }

  @Test func depthIsBounded() {
    let deep = String(repeating: "(", count: 5000) + "x" + String(repeating: ")", count: 5000)
    #expect(throws: ExpressionError.self) { try Tape(deep) }
    let unary = String(repeating: "-", count: 1000) + "x"
    #expect(throws: ExpressionError.self) { try Tape(unary) }
    let powers = Array(repeating: "x", count: 1000).joined(separator: "^")
    #expect(throws: ExpressionError.self) { try Tape(powers) }
    let calls = String(repeating: "sin(", count: 1000) + "x" + String(repeating: ")", count: 1000)
    #expect(throws: ExpressionError.self) { try Tape(calls) }
  }

  @Test func lengthIsBoundedButLongFlatSumsWork() throws {
    // A long flat sum is fine: it is parsed in a loop, not by recursion.
    let sum = Array(repeating: "x", count: 4000).joined(separator: "+")
    var f = TapeEvaluator(try Tape(sum))
    #expect(f.value(at: [1, 0]) == 4000)
    let tooLong = Array(repeating: "x", count: 6000).joined(separator: "+")
    #expect(throws: ExpressionError.self) { try Tape(tooLong) }
  }

  @Test func constantsAreFolded() throws {
    #expect(try Tape("2*pi*3 + sin(0)").count == 0)
    #expect(try Tape("100*(y - x^2)^2").count == 4)
  }

  @Test func hostileInputNeverTraps() {
    var generator = Xoshiro256StarStar(seed: 7)
    let alphabet = Array("xy()+-*/^,.e0123456789 sincoxpmalgt")
    for _ in 0..<2000 {
      let length = Int.random(in: 0..<30, using: &generator)
      let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
      if let tape = try? Tape(text) {
        var f = TapeEvaluator(tape)
        _ = f.valueAndGradient(at: [0.3, -0.7])
        _ = tape.values(xs: [0, 1], ys: [2])
      }
    }
  }
}

private let M_E_VALUE = 2.718281828459045
