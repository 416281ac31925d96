/// descent's TOML 1.0 reader: scene and lesson files become a tree of values, each with where
/// it is written, so every error can point at its key or value, inside inline tables too.
///
/// It enforces TOML 1.0's grammar and its rules on tables: a key is defined once, a table
/// once (by a header, or by dotted keys in one section), an inline table or an array value
/// is complete as written (no dotted key or header adds to it), and `[[name]]` appends only
/// to an array of tables. CRLF line endings are read as LF (also inside multi-line strings,
/// as Python's `tomllib` does); a carriage return alone is an error.
///
/// It is stricter than TOML in four ways no scene or lesson needs: dates and times are
/// refused, integers must fit in 64 bits (as TOML allows), arrays and inline tables nest at
/// most `maximumNesting` deep, and a key spells at most `SceneLoader.maximumKeyDepth`
/// tables. A byte-order mark at the start is skipped.
struct TOMLDocument {
  /// How deep arrays and inline tables may nest inside one another.
  static let maximumNesting = 32

  /// The top-level table.
  let root: TOMLTable
  /// The text, as the positions count it.
  let scalars: [Unicode.Scalar]

  /// Reads `text`, or throws the first problem found with its position.
  init(_ text: String) throws(TOMLError) {
    var parser = TOMLParser(Array(text.unicodeScalars))
    do {
      try parser.document()
    } catch let error as TOMLError {
      throw error
    } catch {
      fatalError("the TOML parser throws only TOMLError: \(error)")
    }
    root = parser.root
    scalars = parser.s
  }

  /// The first problem in `text`, or nil if it is a valid document.
  static func check(_ text: String) -> TOMLError? {
    do {
      _ = try TOMLDocument(text)
      return nil
    } catch {
      return error
    }
  }

  /// Where each Unicode scalar of a string value comes from in the file, then where the
  /// closing quote is (so a position just past the end maps too). An escape such as `\n`
  /// maps to its backslash. Nil if `value` is not a string.
  func sourcePositions(of value: TOMLValue) -> [TOMLPosition]? {
    guard value.string != nil else { return nil }
    var parser = TOMLParser(scalars)
    parser.i = value.range.start.offset
    parser.line = value.range.start.line
    parser.lineStart = value.range.start.offset - (value.range.start.column - 1)
    parser.recorded = []
    guard (try? parser.value(depth: 0)) != nil else { return nil }
    return parser.recorded
  }
}

/// A place in a TOML file: line and column from 1 (columns count Unicode scalars, and a CRLF
/// ends a line as LF does) and the offset in scalars from the start of the text.
struct TOMLPosition: Equatable, Comparable, Sendable {
  var offset: Int
  var line: Int
  var column: Int

  static func < (a: TOMLPosition, b: TOMLPosition) -> Bool { a.offset < b.offset }
}

/// The text of a key or value, from its first scalar to just past its last.
struct TOMLRange: Equatable, Sendable {
  var start: TOMLPosition
  var end: TOMLPosition

  /// How many columns it covers on its first line: at least 1, at most `lineLength` (the
  /// length of that line) when a value runs onto further lines.
  func length(lineLength: Int) -> Int {
    let last = end.line == start.line ? end.column : lineLength + 1
    return max(1, last - start.column)
  }
}

/// A problem that stops a file from being read: where, and what.
struct TOMLError: Error, Equatable, Sendable {
  let line: Int
  let column: Int
  let message: String
  /// Whether the text is valid TOML beyond one of descent's limits (nesting).
  var isLimit = false
  /// How many columns to underline.
  var length = 1
}

/// A value with where it is written: for a string, number, boolean, array or inline table,
/// its whole text; for a table opened by a `[header]` (or an element of an array of tables,
/// `[[header]]`), the header's last name; for a table made by a dotted key, that part of the
/// key.
struct TOMLValue {
  enum Content {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array(TOMLArray)
    case table(TOMLTable)
  }

  var content: Content
  var range: TOMLRange

  var string: String? {
    if case .string(let s) = content { return s }
    return nil
  }
  var int: Int? {
    if case .integer(let n) = content { return n }
    return nil
  }
  /// A float's value; nil for an integer (see `number`).
  var double: Double? {
    if case .float(let d) = content { return d }
    return nil
  }
  /// An integer or a float as a Double.
  var number: Double? {
    switch content {
    case .integer(let n): Double(n)
    case .float(let d): d
    default: nil
    }
  }
  var bool: Bool? {
    if case .boolean(let b) = content { return b }
    return nil
  }
  var array: [TOMLValue]? {
    if case .array(let a) = content { return a.elements }
    return nil
  }
  var table: TOMLTable? {
    if case .table(let t) = content { return t }
    return nil
  }

  /// "a string", "an integer", … for messages.
  var typeName: String {
    switch content {
    case .table: "a table"
    case .array: "an array"
    case .string: "a string"
    case .integer: "an integer"
    case .float: "a number"
    case .boolean: "a boolean"
    }
  }

  /// The value as TOML would write it, for messages (`2`, `"text"`, `[…]`).
  var shortDescription: String {
    switch content {
    case .string(let s): "\"\(s)\""
    case .integer(let n): String(n)
    case .float(let d): d.isNaN ? "nan" : d.isInfinite ? (d < 0 ? "-inf" : "inf") : "\(d)"
    case .boolean(let b): b ? "true" : "false"
    case .array: "[…]"
    case .table: "{…}"
    }
  }
}

/// An array: a value written `[…]`, or an array of tables made by `[[name]]` headers.
final class TOMLArray {
  var elements: [TOMLValue] = []
  let isTableArray: Bool

  init(isTableArray: Bool) { self.isTableArray = isTableArray }
}

/// A table: its keys in the order written, each with where the key and its value are.
final class TOMLTable {
  enum Origin {
    case root
    /// Opened by `[name]`.
    case header
    /// Named by part of a header's dotted name (`a` in `[a.b]`) but not opened yet.
    case implicit
    /// Made by a dotted key (`a` in `a.b = 1`).
    case dotted
    /// Written whole as `{ … }`.
    case inline
    /// An element of an array of tables, opened by `[[name]]`.
    case arrayElement
  }

  struct Entry {
    /// The key's name as written (the last part of a dotted key or header).
    var key: TOMLRange
    var value: TOMLValue
  }

  fileprivate(set) var origin: Origin
  /// Defined for good: by a header, or by dotted keys in an earlier section. Neither a
  /// header nor a dotted key may define it again.
  fileprivate var isSealed = false
  /// The keys in the order they were first written.
  private(set) var keys: [String] = []
  private var entries: [String: Entry] = [:]

  init(origin: Origin) { self.origin = origin }

  subscript(key: String) -> TOMLValue? { entries[key]?.value }

  func entry(_ key: String) -> Entry? { entries[key] }

  fileprivate func set(_ key: String, _ entry: Entry) {
    if entries.updateValue(entry, forKey: key) == nil { keys.append(key) }
  }
}

// MARK: - Parser

private struct TOMLParser {
  let s: [Unicode.Scalar]
  var i = 0
  var line = 1
  var lineStart = 0
  let root = TOMLTable(origin: .root)
  /// The table that `key = value` lines go into: the last header's.
  var current: TOMLTable
  /// Its name, for messages.
  var currentName: [KeyPart] = []
  /// Tables made or extended by dotted keys in the current section: sealed at the next
  /// header, so no later section can add to them with dotted keys or open them.
  var pending: [TOMLTable] = []
  /// When not nil, each string scalar read appends where it came from (`sourcePositions`).
  var recorded: [TOMLPosition]? = nil

  init(_ scalars: [Unicode.Scalar]) {
    s = scalars
    current = root
    if s.first == "\u{FEFF}" {  // a byte-order mark
      i = 1
      lineStart = 1
    }
  }

  // MARK: Positions and messages

  var atEnd: Bool { i >= s.count }

  func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    i + offset < s.count ? s[i + offset] : nil
  }

  func starts(with word: String) -> Bool {
    var k = i
    for c in word.unicodeScalars {
      guard k < s.count, s[k] == c else { return false }
      k += 1
    }
    return true
  }

  var position: TOMLPosition { TOMLPosition(offset: i, line: line, column: i - lineStart + 1) }

  func range(from start: TOMLPosition) -> TOMLRange { TOMLRange(start: start, end: position) }

  func fail(_ message: String) -> TOMLError {
    TOMLError(line: line, column: i - lineStart + 1, message: message)
  }

  func fail(_ message: String, at place: TOMLPosition) -> TOMLError {
    TOMLError(line: place.line, column: place.column, message: message)
  }

  /// A problem with a key, underlined.
  func fail(_ message: String, at key: TOMLRange) -> TOMLError {
    TOMLError(
      line: key.start.line, column: key.start.column, message: message,
      length: key.length(lineLength: key.end.column))
  }

  /// How a message names the character at the cursor.
  var found: String {
    guard let c = peek() else { return "the end of the file" }
    if c == "\n" || (c == "\r" && peek(1) == "\n") { return "the end of the line" }
    if Self.isControl(c) || c == " " || c == "\u{FFFD}" {
      return "U+" + String(c.value, radix: 16, uppercase: true).padded(to: 4)
    }
    return "`\(Character(c))`"
  }

  static func isControl(_ c: Unicode.Scalar) -> Bool {
    (c.value < 0x20 && c != "\t") || c.value == 0x7F
  }

  static func isBare(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
      || c == "_" || c == "-"
  }

  static func isDigit(_ c: Unicode.Scalar?, base: Int = 10) -> Bool {
    guard let c else { return false }
    switch base {
    case 2: return c == "0" || c == "1"
    case 8: return ("0"..."7").contains(c)
    case 16: return ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
    default: return ("0"..."9").contains(c)
    }
  }

  var atNewline: Bool { peek() == "\n" || (peek() == "\r" && peek(1) == "\n") }

  var tooDeep: TOMLError {
    TOMLError(
      line: line, column: i - lineStart + 1,
      message: "arrays and inline tables nest more than \(TOMLDocument.maximumNesting) deep; "
        + "that is the most a file may use",
      isLimit: true)
  }

  // MARK: Layout: whitespace, comments, newlines

  mutating func skipWhitespace() {
    while let c = peek(), c == " " || c == "\t" { i += 1 }
  }

  mutating func newline() throws {
    if peek() == "\r" {
      guard peek(1) == "\n" else { throw fail("a carriage return must be followed by a line feed") }
      i += 1
    }
    i += 1
    line += 1
    lineStart = i
  }

  mutating func comment() throws {
    i += 1  // #
    while let c = peek(), !atNewline {
      if Self.isControl(c) {
        throw fail("a comment may not contain the control character \(found)")
      }
      i += 1
    }
  }

  /// Whitespace and a comment, then the end of the line or of the file.
  mutating func endOfLine() throws {
    skipWhitespace()
    if peek() == "#" { try comment() }
    if atEnd { return }
    guard atNewline || peek() == "\r" else {
      throw fail("expected the end of the line, found \(found)")
    }
    try newline()
  }

  /// Whitespace, comments and newlines, as arrays allow between their values.
  mutating func skipBlank() throws {
    while true {
      skipWhitespace()
      if peek() == "#" { try comment() }
      if atNewline { try newline() } else { return }
    }
  }

  // MARK: Document, headers, keys

  mutating func document() throws {
    while !atEnd {
      skipWhitespace()
      guard let c = peek() else { return }
      if c == "#" || atNewline {
        try endOfLine()
      } else if c == "[" {
        try header()
        try endOfLine()
      } else {
        try keyValue(into: current, inline: false, depth: 0)
        try endOfLine()
      }
    }
  }

  typealias KeyPart = (name: String, range: TOMLRange)

  mutating func header() throws {
    i += 1
    let isArray = peek() == "["
    if isArray { i += 1 }
    skipWhitespace()
    let key = try key()
    skipWhitespace()
    let close = isArray ? "]]" : "]"
    guard starts(with: close) else {
      throw fail("expected `\(close)` to close the table name, found \(found)")
    }
    i += close.unicodeScalars.count
    // A new section: the tables dotted keys made in the last one are defined for good.
    for table in pending { table.isSealed = true }
    pending = []
    current = try isArray ? openTableArrayElement(key) : openTable(key)
    currentName = key
  }

  /// The table a `[key]` header opens, made along with any missing parents.
  mutating func openTable(_ key: [KeyPart]) throws -> TOMLTable {
    let parent = try walkHeader(key.dropLast(), whole: key)
    let name = key.last!
    guard let entry = parent.entry(name.name) else {
      let table = TOMLTable(origin: .header)
      table.isSealed = true
      parent.set(
        name.name,
        .init(key: name.range, value: TOMLValue(content: .table(table), range: name.range)))
      return table
    }
    let shown = Self.spell(key)
    switch entry.value.content {
    case .table(let table) where table.origin == .inline:
      throw fail(
        "`\(shown)` is an inline table, complete as written on line \(entry.key.start.line); "
          + "a [header] cannot open it again", at: name.range)
    case .table(let table) where table.isSealed:
      let how = table.origin == .dotted ? "by dotted keys" : "by [\(shown)]"
      throw fail(
        "table `\(shown)` is already defined \(how) on line \(entry.key.start.line)",
        at: name.range)
    case .table(let table):
      // Named before by a longer header ([a.b] names a): now it is opened itself.
      table.isSealed = true
      table.origin = .header
      parent.set(
        name.name,
        .init(key: name.range, value: TOMLValue(content: .table(table), range: name.range)))
      return table
    case .array(let array) where array.isTableArray:
      throw fail(
        "`\(shown)` is an array of tables, opened by [[\(shown)]] on line "
          + "\(entry.key.start.line); [\(shown)] cannot open it", at: name.range)
    default:
      throw fail(
        "`\(shown)` is already \(entry.value.typeName) (line \(entry.key.start.line)); "
          + "it cannot also be a table", at: name.range)
    }
  }

  /// The new element a `[[key]]` header appends to an array of tables.
  mutating func openTableArrayElement(_ key: [KeyPart]) throws -> TOMLTable {
    let parent = try walkHeader(key.dropLast(), whole: key)
    let name = key.last!
    let element = TOMLTable(origin: .arrayElement)
    let value = TOMLValue(content: .table(element), range: name.range)
    guard let entry = parent.entry(name.name) else {
      let array = TOMLArray(isTableArray: true)
      array.elements.append(value)
      parent.set(
        name.name,
        .init(key: name.range, value: TOMLValue(content: .array(array), range: name.range)))
      return element
    }
    let shown = Self.spell(key)
    guard case .array(let array) = entry.value.content, array.isTableArray else {
      let what =
        entry.value.array != nil
        ? "an array written whole on line \(entry.key.start.line)"
        : "already \(entry.value.typeName) (line \(entry.key.start.line))"
      throw fail(
        "`\(shown)` is \(what); [[\(shown)]] appends only to an array of tables",
        at: name.range)
    }
    array.elements.append(value)
    return element
  }

  /// Follows the first parts of a header's name from the root, making missing tables and
  /// entering the last element of arrays of tables.
  mutating func walkHeader(_ parts: ArraySlice<KeyPart>, whole: [KeyPart]) throws -> TOMLTable {
    var table = root
    for (k, part) in parts.enumerated() {
      let shown = Self.spell(whole.prefix(k + 1))
      guard let entry = table.entry(part.name) else {
        let made = TOMLTable(origin: .implicit)
        table.set(
          part.name,
          .init(key: part.range, value: TOMLValue(content: .table(made), range: part.range)))
        table = made
        continue
      }
      switch entry.value.content {
      case .table(let next) where next.origin == .inline:
        throw fail(
          "`\(shown)` is an inline table, complete as written on line \(entry.key.start.line); "
            + "a header cannot add to it", at: part.range)
      case .table(let next):
        table = next
      case .array(let array) where array.isTableArray:
        table = array.elements.last!.table!
      case .array:
        throw fail(
          "`\(shown)` is an array written whole on line \(entry.key.start.line); "
            + "a header cannot add to it", at: part.range)
      default:
        throw fail(
          "`\(shown)` is already \(entry.value.typeName) (line \(entry.key.start.line)); "
            + "it cannot hold a table", at: part.range)
      }
    }
    return table
  }

  static func spell<C: Collection>(_ key: C) -> String where C.Element == KeyPart {
    key.map { part in
      part.name.unicodeScalars.allSatisfy(isBare) && !part.name.isEmpty
        ? part.name : "\"\(part.name)\""
    }.joined(separator: ".")
  }

  mutating func key() throws -> [KeyPart] {
    let start = position
    var parts = [try simpleKey()]
    while true {
      let mark = (i, line, lineStart)
      skipWhitespace()
      guard peek() == "." else {
        (i, line, lineStart) = mark
        return parts
      }
      i += 1
      skipWhitespace()
      parts.append(try simpleKey())
      if parts.count > SceneLoader.maximumKeyDepth {
        throw TOMLError(
          line: start.line, column: start.column,
          message: "a key nests more than \(SceneLoader.maximumKeyDepth) tables deep; "
            + "that is the most a file may use",
          isLimit: true)
      }
    }
  }

  mutating func simpleKey() throws -> KeyPart {
    let start = position
    let name: String
    switch peek() {
    case "\"": name = try singleLineString(quote: "\"")
    case "'": name = try singleLineString(quote: "'")
    case let c? where Self.isBare(c):
      while let c = peek(), Self.isBare(c) { i += 1 }
      name = String(String.UnicodeScalarView(s[start.offset..<i]))
    default:
      throw fail(
        "expected a key (letters, digits, _ and - or a quoted name), found \(found)")
    }
    return (name, range(from: start))
  }

  /// `key = value`, added to `table` (the section's, or an inline table being read).
  mutating func keyValue(into table: TOMLTable, inline: Bool, depth: Int) throws {
    let key = try key()
    // Messages name tables from the root, except inside an inline table.
    let name = inline ? [] : currentName
    skipWhitespace()
    guard peek() == "=" else { throw fail("expected `=` after the key, found \(found)") }
    i += 1
    skipWhitespace()
    let value = try value(depth: depth)
    var parent = table
    for (k, part) in key.dropLast().enumerated() {
      let shown = Self.spell(name + key.prefix(k + 1))
      if let entry = parent.entry(part.name) {
        switch entry.value.content {
        case .table(let next) where next.origin == .inline:
          throw fail(
            "`\(shown)` is an inline table, complete as written on line "
              + "\(entry.key.start.line); a dotted key cannot add to it", at: part.range)
        case .table(let next) where next.isSealed:
          let how = next.origin == .dotted ? "by dotted keys" : "by a [header]"
          throw fail(
            "table `\(shown)` is already defined \(how) on line \(entry.key.start.line); "
              + "a dotted key cannot add to it", at: part.range)
        case .table(let next):
          parent = next
        case .array(let array):
          let what = array.isTableArray ? "an array of tables" : "an array"
          throw fail(
            "`\(shown)` is \(what) (line \(entry.key.start.line)); a dotted key cannot add to it",
            at: part.range)
        default:
          throw fail(
            "`\(shown)` is already \(entry.value.typeName) (line \(entry.key.start.line)); "
              + "it cannot hold keys", at: part.range)
        }
      } else {
        let made = TOMLTable(origin: .dotted)
        parent.set(
          part.name,
          .init(key: part.range, value: TOMLValue(content: .table(made), range: part.range)))
        parent = made
      }
      if !inline { pending.append(parent) }
    }
    let last = key.last!
    if let entry = parent.entry(last.name) {
      throw fail(
        "`\(Self.spell(name + key))` is defined twice (first on line \(entry.key.start.line))",
        at: last.range)
    }
    parent.set(last.name, .init(key: last.range, value: value))
  }

  // MARK: Values

  mutating func value(depth: Int) throws -> TOMLValue {
    let start = position
    guard let c = peek() else { throw fail("expected a value, found the end of the file") }
    let content: TOMLValue.Content
    switch c {
    case "\"", "'":
      if peek(1) == c && peek(2) == c {
        content = .string(try multilineString(quote: c))
      } else {
        content = .string(try singleLineString(quote: c))
      }
    case "[": content = .array(try array(depth: depth + 1))
    case "{": content = .table(try inlineTable(depth: depth + 1))
    case "t", "f":
      guard starts(with: "true") || starts(with: "false") else {
        throw fail("expected a value, found \(found)")
      }
      i += c == "t" ? 4 : 5
      try endOfValue()
      content = .boolean(c == "t")
    case "i", "n", "+", "-", "0"..."9": content = try number()
    default: throw fail("expected a value, found \(found)")
    }
    return TOMLValue(content: content, range: range(from: start))
  }

  /// What may follow a bare value (a number, a boolean): not more letters or digits.
  mutating func endOfValue() throws {
    guard let c = peek() else { return }
    if c == " " || c == "\t" || c == "," || c == "]" || c == "}" || c == "#" || c == "\r"
      || c == "\n"
    {
      return
    }
    throw fail("unexpected \(found) after a value")
  }

  mutating func number() throws -> TOMLValue.Content {
    let start = position
    var signed = false
    if peek() == "+" || peek() == "-" {
      signed = true
      i += 1
    }
    if starts(with: "inf") || starts(with: "nan") {
      let negative = signed && s[start.offset] == "-"
      let isNaN = peek() == "n"
      i += 3
      try endOfValue()
      let magnitude = isNaN ? Double.nan : Double.infinity
      return .float(negative ? -magnitude : magnitude)
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
      let base = p == "x" ? 16 : p == "o" ? 8 : 2
      let digitsStart = i
      try digits(base: base)
      try endOfValue()
      let text = String(String.UnicodeScalarView(s[digitsStart..<i].filter { $0 != "_" }))
      guard let n = Int(text, radix: base) else { throw tooLarge(at: start) }
      return .integer(n)
    }
    var isFloat = false
    if peek() == "0" {
      i += 1
      if Self.isDigit(peek()) || peek() == "_" {
        throw fail("a number may not start with 0 (leading zeros are not TOML)", at: start)
      }
    } else {
      try digits(base: 10)
    }
    if peek() == "." {
      isFloat = true
      i += 1
      try digits(base: 10)
    }
    if peek() == "e" || peek() == "E" {
      isFloat = true
      i += 1
      if peek() == "+" || peek() == "-" { i += 1 }
      try digits(base: 10)
    }
    try endOfValue()
    let text = String(String.UnicodeScalarView(s[start.offset..<i].filter { $0 != "_" }))
    if isFloat {
      // Swift rounds correctly, and a literal beyond the range of a Double is an infinity.
      guard let d = Double(text) else { throw fail("not a number", at: start) }
      return .float(d)
    }
    guard let n = Int(text) else { throw tooLarge(at: start) }
    return .integer(n)
  }

  func tooLarge(at start: TOMLPosition) -> TOMLError {
    fail(
      "this integer does not fit in 64 bits (from -9223372036854775808 to 9223372036854775807)",
      at: start)
  }

  /// One or more digits, with single underscores only between two of them.
  mutating func digits(base: Int) throws {
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

  mutating func array(depth: Int) throws -> TOMLArray {
    guard depth <= TOMLDocument.maximumNesting else { throw tooDeep }
    let array = TOMLArray(isTableArray: false)
    i += 1  // [
    while true {
      try skipBlank()
      if peek() == "]" {
        i += 1
        return array
      }
      array.elements.append(try value(depth: depth))
      try skipBlank()
      if peek() == "," {
        i += 1
      } else if peek() == "]" {
        i += 1
        return array
      } else {
        throw fail("expected `,` or `]` in an array, found \(found)")
      }
    }
  }

  mutating func inlineTable(depth: Int) throws -> TOMLTable {
    guard depth <= TOMLDocument.maximumNesting else { throw tooDeep }
    let table = TOMLTable(origin: .inline)
    i += 1  // {
    skipWhitespace()
    if peek() == "}" {
      i += 1
      return table
    }
    while true {
      try keyValue(into: table, inline: true, depth: depth)
      skipWhitespace()
      if peek() == "}" {
        i += 1
        return table
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

  /// Appends one scalar of a string's value, read from `source`.
  mutating func emit(
    _ c: Unicode.Scalar, from source: Int, into text: inout String.UnicodeScalarView
  ) {
    text.append(c)
    if recorded != nil {
      recorded!.append(TOMLPosition(offset: source, line: line, column: source - lineStart + 1))
    }
  }

  /// Records where a string's closing quote is.
  mutating func recordEnd() {
    if recorded != nil { recorded!.append(position) }
  }

  /// `"…"` or `'…'`; only the first has escapes.
  mutating func singleLineString(quote: Unicode.Scalar) throws -> String {
    let start = position
    var text = String.UnicodeScalarView()
    i += 1
    while true {
      guard let c = peek() else { throw fail("this string is never closed", at: start) }
      if atNewline || c == "\r" {
        throw fail(
          "this string is not closed on its line (\(quote)\(quote)\(quote) opens one of several lines)",
          at: start)
      }
      if c == quote {
        recordEnd()
        i += 1
        return String(text)
      }
      if c == "\\" && quote == "\"" {
        try escape(multiline: false, into: &text)
      } else if Self.isControl(c) {
        throw fail("a string may not contain the control character \(found)")
      } else {
        emit(c, from: i, into: &text)
        i += 1
      }
    }
  }

  /// `"""…"""` or `'''…'''`; only the first has escapes. A newline right after the opening
  /// quotes is not part of the text, and CRLF in the text is read as LF.
  mutating func multilineString(quote: Unicode.Scalar) throws -> String {
    let start = position
    var text = String.UnicodeScalarView()
    i += 3
    if atNewline { try newline() }
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
          for _ in 0..<(run - 3) {
            emit(quote, from: i, into: &text)
            i += 1
          }
          recordEnd()
          i += 3
          return String(text)
        }
        for _ in 0..<run {
          emit(quote, from: i, into: &text)
          i += 1
        }
      } else if atNewline {
        emit("\n", from: i, into: &text)
        try newline()
      } else if c == "\\" && quote == "\"" {
        try escape(multiline: true, into: &text)
      } else if Self.isControl(c) {
        throw fail("a string may not contain the control character \(found)")
      } else {
        emit(c, from: i, into: &text)
        i += 1
      }
    }
  }

  mutating func escape(multiline: Bool, into text: inout String.UnicodeScalarView) throws {
    let start = position
    i += 1  // backslash
    guard let c = peek() else { throw fail("this string is never closed", at: start) }
    let simple: [Unicode.Scalar: Unicode.Scalar] = [
      "b": "\u{8}", "t": "\t", "n": "\n", "f": "\u{C}", "r": "\r", "\"": "\"", "\\": "\\",
    ]
    if let replacement = simple[c] {
      emit(replacement, from: start.offset, into: &text)
      i += 1
      return
    }
    switch c {
    case "u", "U":
      let count = c == "u" ? 4 : 8
      var value: UInt32 = 0
      for k in 1...count {
        guard let d = peek(k), Self.isDigit(d, base: 16) else {
          throw fail("\\\(c) takes \(count) hexadecimal digits", at: start)
        }
        value = value &* 16 &+ UInt32(Int(String(Character(d)), radix: 16) ?? 0)
      }
      guard let scalar = Unicode.Scalar(value) else {
        throw fail("\\\(c) names no Unicode character", at: start)
      }
      emit(scalar, from: start.offset, into: &text)
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

  mutating func skipBlankLines() throws {
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

// MARK: - Debugging

/// The TOML reader seen from outside DescentCore, for the differential test against Python's
/// `tomllib` (`FuzzDescent toml-json FILE`) and the fuzzer.
public enum TOMLDebug {
  /// The document as JSON in toml-test's tagged form (`{"type": "integer", "value": "1"}` for
  /// each value, objects for tables, arrays for arrays), or the first problem as
  /// `LINE:COLUMN: message`.
  public static func taggedJSON(_ text: String) -> Result<String, TOMLDebugError> {
    do {
      let document = try TOMLDocument(text)
      return .success(json(document.root).rendered())
    } catch {
      return .failure(
        TOMLDebugError(description: "\(error.line):\(error.column): \(error.message)"))
    }
  }

  public struct TOMLDebugError: Error, CustomStringConvertible {
    public let description: String
  }

  /// Reads `text` and, if it is valid, maps every string value back to the file, as error
  /// messages do; returns whether it was valid. For the fuzzer: it traps if a string's map
  /// is wrong (not one place per scalar and one for the closing quote, in order, inside the
  /// value's range, each at the line and column its offset has).
  public static func readEverything(_ text: String) -> Bool {
    guard let document = try? TOMLDocument(text) else { return false }
    let scalars = document.scalars
    func visit(_ value: TOMLValue) {
      switch value.content {
      case .string(let string):
        let places = document.sourcePositions(of: value)!
        precondition(places.count == string.unicodeScalars.count + 1)
        precondition(zip(places, places.dropFirst()).allSatisfy { $0.offset < $1.offset })
        precondition(places.first!.offset > value.range.start.offset)
        precondition(places.last!.offset < value.range.end.offset)
        for place in places {
          let lineStart = place.offset - (place.column - 1)
          // Columns count from after a byte-order mark.
          let bom = lineStart == 1 && scalars[0] == "\u{FEFF}"
          precondition(
            place.column >= 1 && (lineStart == 0 || bom || scalars[lineStart - 1] == "\n"))
          precondition(!scalars[lineStart..<place.offset].contains("\n"))
        }
      case .array(let array): array.elements.forEach(visit)
      case .table(let table): visit(table)
      default: break
      }
    }
    func visit(_ table: TOMLTable) {
      for key in table.keys { visit(table[key]!) }
    }
    visit(document.root)
    return true
  }

  static func json(_ table: TOMLTable) -> JSONValue {
    .object(table.keys.map { ($0, json(table[$0]!)) })
  }

  static func json(_ value: TOMLValue) -> JSONValue {
    func tagged(_ type: String, _ text: String) -> JSONValue {
      .object([("type", .string(type)), ("value", .string(text))])
    }
    switch value.content {
    case .string(let s): return tagged("string", s)
    case .integer(let n): return tagged("integer", String(n))
    case .float: return tagged("float", value.shortDescription)
    case .boolean(let b): return tagged("bool", b ? "true" : "false")
    case .array(let array): return .array(array.elements.map(json))
    case .table(let table): return json(table)
    }
  }
}
