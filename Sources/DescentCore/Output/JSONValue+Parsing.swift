extension JSONValue {
  /// Why a text is not JSON, and at which byte.
  public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offset in the text's UTF-8, from 0.
    public var offset: Int
    public var reason: String

    public var description: String { "byte \(offset + 1): \(reason)" }
  }

  /// The deepest nesting of arrays and objects read: more is refused rather than risking
  /// the stack on a hostile file.
  public static let maximumDepth = 512

  /// Reads a JSON text (RFC 8259): one value, with white space around it. Numbers without a
  /// fraction or exponent that fit an `Int` are `.integer`, other numbers `.number`; an
  /// object's members keep their order, repeated keys included.
  public init(parsing text: String) throws(ParseError) {
    var parser = JSONParser(bytes: Array(text.utf8))
    self = try parser.document()
  }

  /// The member named `key` of an object (the last one, if the key repeats); nil if this is
  /// not an object or has no such member.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.0 == key }?.1
  }

  /// The elements of an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let items) = self { items } else { nil }
  }

  /// The text of a string.
  public var stringValue: String? {
    if case .string(let text) = self { text } else { nil }
  }

  /// Any number, as a `Double`.
  public var doubleValue: Double? {
    switch self {
    case .integer(let i): Double(i)
    case .number(let d): d
    default: nil
    }
  }

  /// A number that is a whole number an `Int` holds (`2` and `2.0`, not `2.5`).
  public var intValue: Int? {
    switch self {
    case .integer(let i): i
    case .number(let d): Int(exactly: d)
    default: nil
    }
  }
}

/// A recursive-descent JSON reader over UTF-8 bytes.
private struct JSONParser {
  let bytes: [UInt8]
  var index = 0
  var depth = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func document() throws(JSONValue.ParseError) -> JSONValue {
    let value = try self.value()
    skipWhiteSpace()
    guard index == bytes.count else { throw failure("text after the value") }
    return value
  }

  private func failure(_ reason: String) -> JSONValue.ParseError {
    JSONValue.ParseError(offset: index, reason: reason)
  }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func skipWhiteSpace() {
    while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
      index += 1
    }
  }

  private mutating func value() throws(JSONValue.ParseError) -> JSONValue {
    skipWhiteSpace()
    guard let byte = current else { throw failure("a value was expected") }
    switch byte {
    case UInt8(ascii: "{"):
      try enter()
      defer { depth -= 1 }
      return try object()
    case UInt8(ascii: "["):
      try enter()
      defer { depth -= 1 }
      return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw failure("a value was expected")
    }
  }

  private mutating func enter() throws(JSONValue.ParseError) {
    guard depth < JSONValue.maximumDepth else {
      throw failure("nested deeper than \(JSONValue.maximumDepth) levels")
    }
    depth += 1
  }

  private mutating func literal(_ word: String, _ value: JSONValue) throws(JSONValue.ParseError)
    -> JSONValue
  {
    for byte in word.utf8 {
      guard current == byte else { throw failure("a value was expected") }
      index += 1
    }
    return value
  }

  private mutating func object() throws(JSONValue.ParseError) -> JSONValue {
    index += 1  // {
    var members: [(String, JSONValue)] = []
    skipWhiteSpace()
    if current == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhiteSpace()
      guard current == UInt8(ascii: "\"") else { throw failure("a member name was expected") }
      let key = try string()
      skipWhiteSpace()
      guard current == UInt8(ascii: ":") else { throw failure("':' was expected") }
      index += 1
      members.append((key, try value()))
      skipWhiteSpace()
      switch current {
      case UInt8(ascii: ","):
        index += 1
        skipWhiteSpace()
        // A comma before the brace, as JSONSerialization allows.
        if current == UInt8(ascii: "}") {
          index += 1
          return .object(members)
        }
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default: throw failure("',' or '}' was expected")
      }
    }
  }

  private mutating func array() throws(JSONValue.ParseError) -> JSONValue {
    index += 1  // [
    var items: [JSONValue] = []
    skipWhiteSpace()
    if current == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      items.append(try value())
      skipWhiteSpace()
      switch current {
      case UInt8(ascii: ","):
        index += 1
        skipWhiteSpace()
        // A comma before the bracket, as JSONSerialization allows.
        if current == UInt8(ascii: "]") {
          index += 1
          return .array(items)
        }
      case UInt8(ascii: "]"):
        index += 1
        return .array(items)
      default: throw failure("',' or ']' was expected")
      }
    }
  }

  private mutating func number() throws(JSONValue.ParseError) -> JSONValue {
    let start = index
    func digits(_ parser: inout JSONParser) -> Int {
      let first = parser.index
      while let byte = parser.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
        parser.index += 1
      }
      return parser.index - first
    }
    if current == UInt8(ascii: "-") { index += 1 }
    if current == UInt8(ascii: "0") {
      index += 1
    } else if digits(&self) == 0 {
      throw failure("a digit was expected")
    }
    var whole = true
    if current == UInt8(ascii: ".") {
      whole = false
      index += 1
      guard digits(&self) > 0 else { throw failure("a digit was expected after '.'") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      whole = false
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard digits(&self) > 0 else { throw failure("a digit was expected in the exponent") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if whole, let integer = Int(text) { return .integer(integer) }
    // The grammar is checked: the standard library reads the digits, correctly rounded
    // (1e400 is infinite).
    guard let number = Double(text) else { throw failure("not a number") }
    return .number(number)
  }

  private mutating func string() throws(JSONValue.ParseError) -> String {
    index += 1  // "
    var text: [UInt8] = []
    var start = index
    while true {
      guard let byte = current else { throw failure("the string does not end") }
      switch byte {
      case UInt8(ascii: "\""):
        text += bytes[start..<index]
        index += 1
        // The input was valid UTF-8 and is cut only at ASCII bytes: so is `text`.
        return String(decoding: text, as: UTF8.self)
      case UInt8(ascii: "\\"):
        text += bytes[start..<index]
        index += 1
        try escape(into: &text)
        start = index
      case ..<0x20: throw failure("a control character in a string must be escaped")
      default: index += 1
      }
    }
  }

  /// Reads the escape after a backslash.
  private mutating func escape(into text: inout [UInt8]) throws(JSONValue.ParseError) {
    guard let byte = current else { throw failure("the string does not end") }
    index += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
    case UInt8(ascii: "b"): text.append(0x08)
    case UInt8(ascii: "f"): text.append(0x0C)
    case UInt8(ascii: "n"): text.append(0x0A)
    case UInt8(ascii: "r"): text.append(0x0D)
    case UInt8(ascii: "t"): text.append(0x09)
    case UInt8(ascii: "u"):
      var code = try hex4()
      if (0xD800..<0xDC00).contains(code) {
        // A UTF-16 surrogate pair, written as two escapes.
        guard current == UInt8(ascii: "\\"), index + 1 < bytes.count,
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw failure("a high surrogate must be followed by a low one") }
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low) else {
          throw failure("a high surrogate must be followed by a low one")
        }
        code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
      } else if (0xDC00..<0xE000).contains(code) {
        throw failure("a low surrogate without a high one")
      }
      text += Array(String(Character(Unicode.Scalar(code)!)).utf8)
    default: throw failure("unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
    }
  }

  private mutating func hex4() throws(JSONValue.ParseError) -> UInt32 {
    var code: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current, let digit = Character(Unicode.Scalar(byte)).hexDigitValue
      else { throw failure("four hexadecimal digits were expected after '\\u'") }
      code = code << 4 | UInt32(digit)
      index += 1
    }
    return code
  }
}
