/// A check of TOML 1.0's grammar, run on scene and lesson files before TOMLKit parses them.
///
/// TOMLKit's parser, toml++ 3.4, asserts (and so aborts the whole process) on some malformed
/// input instead of reporting it: a table name such as `[+a]`, a `[` at the end of a line,
/// an array such as `[1, }`. Fuzzing keeps finding more, so no text reaches TOMLKit unless
/// this check accepts it. It checks the grammar only: TOMLKit still reports what the grammar
/// allows but TOML forbids, such as a key defined twice.
///
/// It is stricter than TOML in three ways no scene or lesson needs: dates and times are
/// refused, arrays and inline tables nest at most `maximumNesting` deep, and only ASCII
/// letters, digits, `_` and `-` make a bare key (as TOML 1.0 says).
struct TOMLSyntax {
  /// A syntax error: where (line and column from 1, in Unicode scalars) and what.
  struct Problem: Error, Equatable {
    let line: Int
    let column: Int
    let message: String
    /// Whether the text is valid TOML beyond one of descent's limits (nesting).
    var isLimit = false
  }

  /// How deep arrays and inline tables may nest inside one another.
  static let maximumNesting = 32

  /// The first syntax error in `text`, or nil if it is well-formed TOML.
  static func check(_ text: String) -> Problem? {
    var scanner = TOMLSyntax(text)
    do {
      try scanner.document()
      return nil
    } catch {
      return error as? Problem
    }
  }

  private let s: [Unicode.Scalar]
  private var i = 0
  private var line = 1
  private var lineStart = 0

  private init(_ text: String) {
    s = Array(text.unicodeScalars)
    if s.first == "\u{FEFF}" { i = 1 }  // a byte-order mark
  }

  // MARK: Positions and messages

  private var atEnd: Bool { i >= s.count }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    i + offset < s.count ? s[i + offset] : nil
  }

  private func starts(with word: String) -> Bool {
    var k = i
    for c in word.unicodeScalars {
      guard k < s.count, s[k] == c else { return false }
      k += 1
    }
    return true
  }

  private var position: (line: Int, column: Int) { (line, i - lineStart + 1) }

  private func fail(_ message: String) -> Problem {
    Problem(line: line, column: i - lineStart + 1, message: message)
  }

  private func fail(_ message: String, at place: (line: Int, column: Int)) -> Problem {
    Problem(line: place.line, column: place.column, message: message)
  }

  /// How a message names the character at the cursor.
  private var found: String {
    guard let c = peek() else { return "the end of the file" }
    if c == "\n" || (c == "\r" && peek(1) == "\n") { return "the end of the line" }
    if Self.isControl(c) || c == " " || c == "\u{FFFD}" {
      return "U+" + String(c.value, radix: 16, uppercase: true).padded(to: 4)
    }
    return "`\(Character(c))`"
  }

  private static func isControl(_ c: Unicode.Scalar) -> Bool {
    (c.value < 0x20 && c != "\t") || c.value == 0x7F
  }

  private static func isBare(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
      || c == "_" || c == "-"
  }

  private static func isDigit(_ c: Unicode.Scalar?, base: Int = 10) -> Bool {
    guard let c else { return false }
    switch base {
    case 2: return c == "0" || c == "1"
    case 8: return ("0"..."7").contains(c)
    case 16: return ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
    default: return ("0"..."9").contains(c)
    }
  }

  private var atNewline: Bool { peek() == "\n" || (peek() == "\r" && peek(1) == "\n") }

  private var tooDeep: Problem {
    Problem(
      line: line, column: i - lineStart + 1,
      message: "arrays and inline tables nest more than \(Self.maximumNesting) deep; "
        + "that is the most a file may use",
      isLimit: true)
  }

  // MARK: Layout: whitespace, comments, newlines

  private mutating func skipWhitespace() {
    while let c = peek(), c == " " || c == "\t" { i += 1 }
  }

  private mutating func newline() throws {
    if peek() == "\r" {
      guard peek(1) == "\n" else { throw fail("a carriage return must be followed by a line feed") }
      i += 1
    }
    i += 1
    line += 1
    lineStart = i
  }

  private mutating func comment() throws {
    i += 1  // #
    while let c = peek(), !atNewline {
      if Self.isControl(c) {
        throw fail("a comment may not contain the control character \(found)")
      }
      i += 1
    }
  }

  /// Whitespace and a comment, then the end of the line or of the file.
  private mutating func endOfLine() throws {
    skipWhitespace()
    if peek() == "#" { try comment() }
    if atEnd { return }
    guard atNewline || peek() == "\r" else {
      throw fail("expected the end of the line, found \(found)")
    }
    try newline()
  }

  /// Whitespace, comments and newlines, as arrays allow between their values.
  private mutating func skipBlank() throws {
    while true {
      skipWhitespace()
      if peek() == "#" { try comment() }
      if atNewline { try newline() } else { return }
    }
  }

  // MARK: Document, headers, keys

  private mutating func document() throws {
    while !atEnd {
      skipWhitespace()
      guard let c = peek() else { return }
      if c == "#" || atNewline {
        try endOfLine()
      } else if c == "[" {
        try header()
        try endOfLine()
      } else {
        try keyValue(depth: 0)
        try endOfLine()
      }
    }
  }

  private mutating func header() throws {
    i += 1
    let isArray = peek() == "["
    if isArray { i += 1 }
    skipWhitespace()
    try key()
    skipWhitespace()
    let close = isArray ? "]]" : "]"
    guard starts(with: close) else {
      throw fail("expected `\(close)` to close the table name, found \(found)")
    }
    i += close.unicodeScalars.count
  }

  private mutating func key() throws {
    let start = position
    try simpleKey()
    var parts = 1
    while true {
      let mark = (i, line, lineStart)
      skipWhitespace()
      guard peek() == "." else {
        (i, line, lineStart) = mark
        return
      }
      i += 1
      skipWhitespace()
      try simpleKey()
      parts += 1
      if parts > SceneLoader.maximumKeyDepth {
        throw Problem(
          line: start.line, column: start.column,
          message: "a key nests more than \(SceneLoader.maximumKeyDepth) tables deep; "
            + "that is the most a file may use",
          isLimit: true)
      }
    }
  }

  private mutating func simpleKey() throws {
    switch peek() {
    case "\"": try singleLineString(quote: "\"")
    case "'": try singleLineString(quote: "'")
    case let c? where Self.isBare(c):
      while let c = peek(), Self.isBare(c) { i += 1 }
    default:
      throw fail(
        "expected a key (letters, digits, _ and - or a quoted name), found \(found)")
    }
  }

  private mutating func keyValue(depth: Int) throws {
    try key()
    skipWhitespace()
    guard peek() == "=" else { throw fail("expected `=` after the key, found \(found)") }
    i += 1
    skipWhitespace()
    try value(depth: depth)
  }

  // MARK: Values

  private mutating func value(depth: Int) throws {
    guard let c = peek() else { throw fail("expected a value, found the end of the file") }
    switch c {
    case "\"", "'":
      if peek(1) == c && peek(2) == c {
        try multilineString(quote: c)
      } else {
        try singleLineString(quote: c)
      }
    case "[": try array(depth: depth + 1)
    case "{": try inlineTable(depth: depth + 1)
    case "t", "f":
      guard starts(with: "true") || starts(with: "false") else {
        throw fail("expected a value, found \(found)")
      }
      i += c == "t" ? 4 : 5
      try endOfValue()
    case "i", "n", "+", "-", "0"..."9": try number()
    default: throw fail("expected a value, found \(found)")
    }
  }

  /// What may follow a bare value (a number, a boolean): not more letters or digits.
  private mutating func endOfValue() throws {
    guard let c = peek() else { return }
    if c == " " || c == "\t" || c == "," || c == "]" || c == "}" || c == "#" || c == "\r"
      || c == "\n"
    {
      return
    }
    throw fail("unexpected \(found) after a value")
  }

  private mutating func number() throws {
    let start = position
    var signed = false
    if peek() == "+" || peek() == "-" {
      signed = true
      i += 1
    }
    if starts(with: "inf") || starts(with: "nan") {
      i += 3
      return try endOfValue()
    }
    guard Self.isDigit(peek()) else {
      throw fail(signed ? "expected a digit, found \(found)" : "expected a value, found \(found)")
    }
    // Dates and times (1979-05-27, 07:32:00) are TOML, but no descent file has a use for them.
    var run = 0
    while Self.isDigit(peek(run)) { run += 1 }
    if !signed, (run == 4 && peek(4) == "-") || (run == 2 && peek(2) == ":") {
      throw fail("dates and times are not used in descent files", at: start)
    }
    if !signed, peek() == "0", let p = peek(1), p == "x" || p == "o" || p == "b" {
      i += 2
      try digits(base: p == "x" ? 16 : p == "o" ? 8 : 2)
      return try endOfValue()
    }
    if peek() == "0" {
      i += 1
      if Self.isDigit(peek()) || peek() == "_" {
        throw fail("a number may not start with 0 (leading zeros are not TOML)", at: start)
      }
    } else {
      try digits(base: 10)
    }
    if peek() == "." {
      i += 1
      try digits(base: 10)
    }
    if peek() == "e" || peek() == "E" {
      i += 1
      if peek() == "+" || peek() == "-" { i += 1 }
      try digits(base: 10)
    }
    try endOfValue()
  }

  /// One or more digits, with single underscores only between two of them.
  private mutating func digits(base: Int) throws {
    guard Self.isDigit(peek(), base: base) else {
      throw fail("expected a digit, found \(found)")
    }
    while true {
      while Self.isDigit(peek(), base: base) { i += 1 }
      guard peek() == "_" else { return }
      i += 1
      guard Self.isDigit(peek(), base: base) else {
        throw fail("an underscore in a number must stand between two digits")
      }
    }
  }

  private mutating func array(depth: Int) throws {
    guard depth <= Self.maximumNesting else { throw tooDeep }
    i += 1  // [
    while true {
      try skipBlank()
      if peek() == "]" {
        i += 1
        return
      }
      try value(depth: depth)
      try skipBlank()
      if peek() == "," {
        i += 1
      } else if peek() == "]" {
        i += 1
        return
      } else {
        throw fail("expected `,` or `]` in an array, found \(found)")
      }
    }
  }

  private mutating func inlineTable(depth: Int) throws {
    guard depth <= Self.maximumNesting else { throw tooDeep }
    i += 1  // {
    skipWhitespace()
    if peek() == "}" {
      i += 1
      return
    }
    while true {
      try keyValue(depth: depth)
      skipWhitespace()
      if peek() == "}" {
        i += 1
        return
      }
      guard peek() == "," else {
        if atNewline { throw fail("an inline table { … } must close on the line it opens") }
        throw fail("expected `,` or `}` in an inline table, found \(found)")
      }
      i += 1
      skipWhitespace()
      if peek() == "}" { throw fail("an inline table may not end with a comma") }
    }
  }

  // MARK: Strings

  /// `"…"` or `'…'`; only the first has escapes.
  private mutating func singleLineString(quote: Unicode.Scalar) throws {
    let start = position
    i += 1
    while true {
      guard let c = peek() else { throw fail("this string is never closed", at: start) }
      if atNewline || c == "\r" {
        throw fail(
          "this string is not closed on its line (\(quote)\(quote)\(quote) opens one of several lines)",
          at: start)
      }
      if c == quote {
        i += 1
        return
      }
      if c == "\\" && quote == "\"" {
        try escape(multiline: false)
      } else if Self.isControl(c) {
        throw fail("a string may not contain the control character \(found)")
      } else {
        i += 1
      }
    }
  }

  /// `"""…"""` or `'''…'''`; only the first has escapes.
  private mutating func multilineString(quote: Unicode.Scalar) throws {
    let start = position
    i += 3
    while true {
      guard let c = peek() else { throw fail("this string is never closed", at: start) }
      if c == quote {
        var run = 0
        while peek(run) == quote { run += 1 }
        if run >= 3 {
          // Up to two quotes may end the text just before the closing three.
          guard run <= 5 else {
            throw fail("too many quotes in a row in a \(quote)\(quote)\(quote) string")
          }
          i += run
          return
        }
        i += run
      } else if atNewline {
        try newline()
      } else if c == "\\" && quote == "\"" {
        try escape(multiline: true)
      } else if Self.isControl(c) {
        throw fail("a string may not contain the control character \(found)")
      } else {
        i += 1
      }
    }
  }

  private mutating func escape(multiline: Bool) throws {
    let start = position
    i += 1  // backslash
    guard let c = peek() else { throw fail("this string is never closed", at: start) }
    switch c {
    case "b", "t", "n", "f", "r", "\"", "\\":
      i += 1
    case "u", "U":
      let count = c == "u" ? 4 : 8
      var value: UInt32 = 0
      for k in 1...count {
        guard let d = peek(k), Self.isDigit(d, base: 16) else {
          throw fail("\\\(c) takes \(count) hexadecimal digits", at: start)
        }
        value = value &* 16 &+ UInt32(Int(String(Character(d)), radix: 16) ?? 0)
      }
      guard Unicode.Scalar(value) != nil else {
        throw fail("\\\(c) names no Unicode character", at: start)
      }
      i += count + 1
    case " ", "\t", "\n", "\r":
      // In """…""", a backslash at the end of a line joins it to the next non-blank text.
      guard multiline else {
        throw fail("a backslash must start an escape such as \\n or \\\\", at: start)
      }
      var k = 0
      while peek(k) == " " || peek(k) == "\t" { k += 1 }
      guard peek(k) == "\n" || (peek(k) == "\r" && peek(k + 1) == "\n") else {
        throw fail("only whitespace may follow a backslash that ends a line", at: start)
      }
      i += k
      try skipBlankLines()
    default:
      throw fail(
        "unknown escape \\\(Character(c)) (TOML has \\b \\t \\n \\f \\r \\\" \\\\ \\u and \\U)",
        at: start)
    }
  }

  private mutating func skipBlankLines() throws {
    while true {
      skipWhitespace()
      if atNewline { try newline() } else { return }
    }
  }
}

extension String {
  fileprivate func padded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
