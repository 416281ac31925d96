/// A malformed expression: what is wrong, and where.
///
/// `column` is 1-based and counts Unicode scalars, so a caret printed under the source text
/// lands on the offending character.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What is wrong, without the position, e.g. "unknown function `sinn`".
  public var reason: String
  /// The expression text the error refers to.
  public var source: String
  /// 1-based column of the first offending character.
  public var column: Int
  /// How many characters to underline (at least 1).
  public var length: Int

  public init(_ reason: String, source: String, column: Int, length: Int = 1) {
    self.reason = reason
    self.source = source
    self.column = column
    self.length = max(1, length)
  }

  /// "unknown function `sinn` at column 5".
  public var message: String { "\(reason) at column \(column)" }

  /// The message, the source line, and a caret under the offending spot.
  public var description: String {
    message + "\n" + Self.caretDisplay(source: source, column: column, length: length)
  }

  /// Two lines: the source indented by two spaces, and carets under `column`.
  public static func caretDisplay(source: String, column: Int, length: Int = 1) -> String {
    var scalars = source.unicodeScalars.map { $0 == "\t" || $0 == "\n" ? " " : String($0) }
    var column = max(1, column)
    var length = max(1, length)
    // A very long line (a million-element array) shows a window around the spot.
    let window = 100
    if scalars.count > window {
      let start = max(0, min(column - 1 - window / 4, scalars.count - window))
      let end = min(scalars.count, start + window)
      scalars = (start > 0 ? ["…"] : []) + scalars[start..<end] + (end < scalars.count ? ["…"] : [])
      column += (start > 0 ? 1 : 0) - start
      length = min(length, scalars.count - column + 1)
    }
    let pad = String(repeating: " ", count: max(0, column - 1))
    return "  " + scalars.joined() + "\n  " + pad + String(repeating: "^", count: max(1, length))
  }
}
