/// One lexical token of the expression language, with its position in the source.
struct Token: Equatable {
  enum Kind: Equatable {
    case number(Double)
    case identifier(String)
    case plus, minus, star, slash, caret, comma, leftParen, rightParen
    case end
  }

  var kind: Kind
  /// 1-based column of the token's first character.
  var column: Int
  /// Length in characters.
  var length: Int

  var spelling: String {
    switch kind {
    case .number(let value): return "\(value)"
    case .identifier(let name): return name
    case .plus: return "+"
    case .minus: return "-"
    case .star: return "*"
    case .slash: return "/"
    case .caret: return "^"
    case .comma: return ","
    case .leftParen: return "("
    case .rightParen: return ")"
    case .end: return "end of expression"
    }
  }

  /// How the token is named in an error message.
  var described: String {
    kind == .end ? "end of expression" : "`\(spelling)`"
  }
}
