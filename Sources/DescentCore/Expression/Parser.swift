/// A recursive-descent parser that compiles straight to tape instructions.
///
/// Grammar, loosest binding first:
///
///     expression := term (("+" | "-") term)*
///     term       := unary (("*" | "/") unary)*
///     unary      := ("-" | "+") unary | power
///     power      := primary ("^" unary)?          right-associative; binds tighter than
///                                                 unary minus, so -x^2 = -(x^2)
///     primary    := number | name | name "(" expression ("," expression)* ")"
///                 | "(" expression ")"
///
/// Emitting instructions while parsing means no syntax tree is ever walked recursively, and
/// sub-expressions made only of constants are folded at compile time.
struct Parser {
  /// Longest accepted expression, in characters.
  static let maximumLength = 10_000
  /// Deepest accepted nesting of parentheses, calls, unary operators and powers.
  static let maximumDepth = 200

  private let source: String
  private let tokens: [Token]
  private var position = 0
  private var depth = 0
  private let parameters: [String: Double]
  private let inputs: [String]

  private var slots: [Double]
  private var instructions: [Tape.Instruction] = []

  /// A compiled sub-expression: the slot holding it, and its value if it is a constant.
  private struct Value {
    var slot: Int
    var constant: Double?
  }

  init(source: String, parameters: [String: Double], inputs: [String]) throws(ExpressionError) {
    let length = source.unicodeScalars.count
    guard length <= Self.maximumLength else {
      throw ExpressionError(
        "expression is too long (\(length) characters; the limit is \(Self.maximumLength))",
        source: String(source.prefix(60)), column: 1)
    }
    var lexer = Lexer(source)
    self.tokens = try lexer.tokenize()
    self.source = source
    self.parameters = parameters
    self.inputs = inputs
    self.slots = Array(repeating: 0, count: Tape.firstInputSlot + inputs.count)
  }

  mutating func parse() throws(ExpressionError) -> (
    instructions: [Tape.Instruction], slots: [Double], output: Int
  ) {
    if tokens.first?.kind == .end { throw error("empty expression", at: tokens[0]) }
    let value = try expression()
    let token = tokens[position]
    guard token.kind == .end else {
      if token.kind == .rightParen { throw error("unmatched `)`", at: token) }
      throw error("expected an operator, found \(token.described)", at: token)
    }
    return (instructions, slots, value.slot)
  }

  // MARK: - Grammar

  private mutating func expression() throws(ExpressionError) -> Value {
    var left = try term()
    while true {
      switch tokens[position].kind {
      case .plus:
        position += 1
        left = emit(.add, left, try term())
      case .minus:
        position += 1
        left = emit(.subtract, left, try term())
      default: return left
      }
    }
  }

  private mutating func term() throws(ExpressionError) -> Value {
    var left = try unary()
    while true {
      switch tokens[position].kind {
      case .star:
        position += 1
        left = emit(.multiply, left, try unary())
      case .slash:
        position += 1
        left = emit(.divide, left, try unary())
      default: return left
      }
    }
  }

  // Each construct that can nest counts one level where it recurses: a sign, a power's
  // exponent, a parenthesis, a call. So the limit counts what the README says it counts,
  // and every path of the recursion passes through a counted level.
  private mutating func unary() throws(ExpressionError) -> Value {
    switch tokens[position].kind {
    case .minus:
      try enter()
      defer { depth -= 1 }
      position += 1
      return emit(.negate, try unary())
    case .plus:
      try enter()
      defer { depth -= 1 }
      position += 1
      return try unary()
    default:
      return try power()
    }
  }

  private mutating func power() throws(ExpressionError) -> Value {
    let base = try primary()
    guard tokens[position].kind == .caret else { return base }
    try enter()
    defer { depth -= 1 }
    position += 1
    return emitPower(base, try unary())
  }

  private mutating func primary() throws(ExpressionError) -> Value {
    let token = tokens[position]
    switch token.kind {
    case .number(let value):
      position += 1
      return constant(value)
    case .leftParen:
      try enter()
      defer { depth -= 1 }
      position += 1
      let inner = try expression()
      try expect(.rightParen, closing: token)
      return inner
    case .identifier(let name):
      position += 1
      if tokens[position].kind == .leftParen { return try call(name, at: token) }
      return try variable(name, at: token)
    case .end:
      throw error("unexpected end of expression", at: token)
    case .rightParen:
      throw error("expected a value, found `)`", at: token)
    default:
      throw error("expected a value, found \(token.described)", at: token)
    }
  }

  private mutating func call(_ name: String, at token: Token) throws(ExpressionError) -> Value {
    guard let function = BuiltinFunction.table[name] else {
      if name == "x" || name == "y" || parameters[name] != nil || inputs.contains(name)
        || BuiltinFunction.constants[name] != nil
      {
        throw error(
          "`\(name)` is not a function (write `\(name)*(...)` to multiply)", at: token)
      }
      throw error("unknown function `\(name)`", at: token)
    }
    try enter()
    defer { depth -= 1 }
    let open = tokens[position]
    position += 1
    var arguments: [Value] = []
    while true {
      if tokens[position].kind == .rightParen && arguments.isEmpty { break }
      arguments.append(try expression())
      if tokens[position].kind == .comma {
        position += 1
        continue
      }
      break
    }
    try expect(.rightParen, closing: open)
    guard arguments.count == function.arity else {
      let expected = function.arity == 1 ? "1 argument" : "\(function.arity) arguments"
      throw error(
        "`\(name)` takes \(expected), got \(arguments.count)", at: token)
    }
    if function.arity == 1 { return emit(function.operation, arguments[0]) }
    if function.operation == .power { return emitPower(arguments[0], arguments[1]) }
    return emit(function.operation, arguments[0], arguments[1])
  }

  private mutating func variable(_ name: String, at token: Token) throws(ExpressionError) -> Value {
    if name == "x" { return Value(slot: 0) }
    if name == "y" { return Value(slot: 1) }
    if let index = inputs.firstIndex(of: name) {
      return Value(slot: Tape.firstInputSlot + index)
    }
    if let value = parameters[name] ?? BuiltinFunction.constants[name] { return constant(value) }
    if BuiltinFunction.table[name] != nil {
      throw error("function `\(name)` needs arguments in parentheses", at: token)
    }
    var known = ["x", "y"] + inputs + parameters.keys.sorted()
    known.append(contentsOf: ["pi", "e"])
    throw error(
      "unknown name `\(name)` (known: \(known.joined(separator: ", ")))", at: token)
  }

  // MARK: - Emitting

  private mutating func constant(_ value: Double) -> Value {
    slots.append(value)
    return Value(slot: slots.count - 1, constant: value)
  }

  private mutating func emitPower(_ base: Value, _ exponent: Value) -> Value {
    guard let c = exponent.constant else { return emit(.power, base, exponent) }
    if c == 2 { return emit(.square, base) }
    if c == 1 { return base }
    return emit(.powerConstant, base, constant: c)
  }

  private mutating func emit(_ operation: Operation, _ a: Value, constant c: Double = 0) -> Value {
    if let value = a.constant { return constant(operation.apply(value, 0, c)) }
    return append(operation, a.slot, a.slot, c)
  }

  private mutating func emit(_ operation: Operation, _ a: Value, _ b: Value) -> Value {
    if let u = a.constant, let v = b.constant { return constant(operation.apply(u, v, 0)) }
    return append(operation, a.slot, b.slot, 0)
  }

  private mutating func append(_ operation: Operation, _ a: Int, _ b: Int, _ c: Double) -> Value {
    slots.append(0)
    let result = slots.count - 1
    instructions.append(.init(operation: operation, a: a, b: b, result: result, constant: c))
    return Value(slot: result)
  }

  // MARK: - Helpers

  private mutating func enter() throws(ExpressionError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw error(
        "expression is nested too deeply (the limit is \(Self.maximumDepth) levels)",
        at: tokens[position])
    }
  }

  private mutating func expect(_ kind: Token.Kind, closing open: Token) throws(ExpressionError) {
    let token = tokens[position]
    guard token.kind == kind else {
      if token.kind == .end {
        throw error("expected `)`", at: token)
      }
      throw error("expected `)`, found \(token.described)", at: token)
    }
    position += 1
  }

  private func error(_ reason: String, at token: Token) -> ExpressionError {
    ExpressionError(reason, source: source, column: token.column, length: token.length)
  }
}
