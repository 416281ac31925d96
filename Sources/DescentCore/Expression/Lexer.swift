/// Splits expression text into tokens.
///
/// Numbers follow the usual decimal syntax: `3`, `0.25`, `.5`, `1e-3`, `2.5E+2`. Identifiers
/// are ASCII letters, digits and `_`, starting with a letter or `_`. `**` is accepted as a
/// synonym for `^`.
struct Lexer {
  private let scalars: [Unicode.Scalar]
  private let source: String
  private var index = 0

  init(_ source: String) {
    self.source = source
    self.scalars = Array(source.unicodeScalars)
  }

  /// All tokens, ending with `.end`.
  mutating func tokenize() throws(ExpressionError) -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = try next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    index + offset < scalars.count ? scalars[index + offset] : nil
  }

  private mutating func next() throws(ExpressionError) -> Token {
    while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
    let start = index
    guard let c = peek() else { return Token(kind: .end, column: start + 1, length: 1) }
    func single(_ kind: Token.Kind) -> Token {
      index += 1
      return Token(kind: kind, column: start + 1, length: 1)
    }
    switch c {
    case "+": return single(.plus)
    case "-": return single(.minus)
    case "/": return single(.slash)
    case "^": return single(.caret)
    case ",": return single(.comma)
    case "(": return single(.leftParen)
    case ")": return single(.rightParen)
    case "*":
      if peek(1) == "*" {
        index += 2
        return Token(kind: .caret, column: start + 1, length: 2)
      }
      return single(.star)
    default: break
    }
    if Self.isDigit(c) || (c == "." && peek(1).map(Self.isDigit) == true) {
      return try number(from: start)
    }
    if Self.isIdentifierStart(c) {
      while let d = peek(), Self.isIdentifierStart(d) || Self.isDigit(d) { index += 1 }
      let name = String(String.UnicodeScalarView(scalars[start..<index]))
      return Token(kind: .identifier(name), column: start + 1, length: index - start)
    }
    throw ExpressionError(
      "unexpected character `\(c)`", source: source, column: start + 1)
  }

  private mutating func number(from start: Int) throws(ExpressionError) -> Token {
    while let d = peek(), Self.isDigit(d) { index += 1 }
    if peek() == "." {
      index += 1
      while let d = peek(), Self.isDigit(d) { index += 1 }
    }
    if let e = peek(), e == "e" || e == "E" {
      var offset = 1
      if let sign = peek(1), sign == "+" || sign == "-" { offset = 2 }
      if let d = peek(offset), Self.isDigit(d) {
        index += offset
        while let d = peek(), Self.isDigit(d) { index += 1 }
      } else {
        throw ExpressionError(
          "malformed number: exponent has no digits", source: source, column: index + offset + 1)
      }
    }
    let text = String(String.UnicodeScalarView(scalars[start..<index]))
    guard let value = Double(text), value.isFinite else {
      throw ExpressionError(
        "number `\(text)` is out of range", source: source, column: start + 1,
        length: index - start)
    }
    if let d = peek(), Self.isIdentifierStart(d) || d == "." {
      throw ExpressionError(
        "unexpected `\(d)` after number `\(text)`", source: source, column: index + 1)
    }
    return Token(kind: .number(value), column: start + 1, length: index - start)
  }

  private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

  private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }
}
