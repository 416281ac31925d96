/// A two-parameter cost surface: an expression in `x` and `y` with its named parameters,
/// compiled once to a tape.
public struct Surface: Sendable {
  /// The expression as written, e.g. `(a - x)^2 + b*(y - x^2)^2`.
  public let expression: String
  /// Values of the named constants the expression uses.
  public let parameters: [String: Double]
  public let tape: Tape

  /// - Parameter inputs: names that vary per evaluation (a dataset's columns).
  /// - Throws: `ExpressionError` if the expression does not compile.
  public init(_ expression: String, parameters: [String: Double] = [:], inputs: [String] = [])
    throws(ExpressionError)
  {
    self.expression = expression
    self.parameters = parameters
    self.tape = try Tape(expression, parameters: parameters, inputs: inputs)
  }

  /// An objective that evaluates this surface by the tape, with its own scratch space.
  public func objective() -> TapeEvaluator { TapeEvaluator(tape) }
}

extension Surface {
  /// Why `name` cannot name a parameter, or nil if it can: it must be an identifier the
  /// expression language reads (an ASCII letter or `_`, then letters, digits and `_`), and
  /// neither a variable (`x`, `y`), a function nor a constant.
  public static func parameterNameProblem(_ name: String) -> String? {
    if name == "x" || name == "y" {
      return "`\(name)` is a variable of the surface and cannot be a parameter"
    }
    if BuiltinFunction.table[name] != nil || BuiltinFunction.constants[name] != nil {
      return "`\(name)` is a built-in function or constant and cannot be a parameter"
    }
    let scalars = name.unicodeScalars
    let isIdentifier =
      scalars.first.map { $0.isASCII && ($0.properties.isAlphabetic || $0 == "_") } == true
      && scalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
      }
    guard isIdentifier else {
      return
        "`\(name)` is not an identifier (ASCII letters, digits and _, not starting with a digit)"
    }
    return nil
  }
}
