/// A table of numbers read from CSV: a header row of column names, then one row per sample.
///
/// Blank lines and lines starting with `#` are skipped. Column names must be identifiers, so
/// that expressions can use them.
public struct Dataset: Sendable, Equatable {
  /// The file the data came from, as the scene names it.
  public var file: String
  public var columns: [String]
  /// Row-major values: row r, column c is `values[r * columns.count + c]`.
  public var values: [Double]

  public var rowCount: Int { columns.isEmpty ? 0 : values.count / columns.count }

  public init(file: String, columns: [String], values: [Double]) {
    self.file = file
    self.columns = columns
    self.values = values
  }

  /// Row `r` as an array (for tests and display; the hot path reads `values` directly).
  public func row(_ r: Int) -> [Double] {
    Array(values[r * columns.count..<(r + 1) * columns.count])
  }

  /// The largest data file read, in bytes (4 MiB).
  public static let maximumFileSize = 4 << 20
  /// The most rows a dataset may have: every step averages the loss over all of them, and
  /// the heatmap evaluates each at every pixel.
  public static let maximumRows = 10_000
  /// The most columns a dataset may have.
  public static let maximumColumns = 32

  /// Parses CSV text, with LF or CRLF line ends. Errors name the file, line and column of
  /// the bad field.
  ///
  /// - Parameter check: why the value in column `c` (0-based) cannot be used, or nil if it
  ///   can, for rules of the data's user (a classifier's labels are 0 or 1).
  public init(
    csv text: String, file: String,
    check: (_ column: Int, _ value: Double) -> String? = { _, _ in nil }
  ) throws(SceneDiagnostic) {
    self.file = file
    columns = []
    values = []
    // "\r\n" is one Character in Swift, so a split on "\n" alone would not see it.
    let lines = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    var header: [String]? = nil
    for (index, rawLine) in lines.enumerated() {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      let trimmed = String(line).trimmingSpaces()
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      let fields = Self.fields(String(line))
      func fail(_ message: String, _ field: Int) -> SceneDiagnostic {
        SceneDiagnostic(
          file: file, line: index + 1, column: fields[field].column,
          length: max(1, fields[field].text.count), message: message, sourceLine: String(line))
      }
      guard let names = header else {
        for (i, field) in fields.enumerated() {
          let name = field.text
          guard let first = name.first, first.isLetter || first == "_",
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name.isASCII
          else {
            throw fail("column name `\(name)` is not an identifier (letters, digits, _)", i)
          }
          if ["x", "y"].contains(name) || BuiltinFunction.table[name] != nil
            || BuiltinFunction.constants[name] != nil
          {
            throw fail("column name `\(name)` is reserved; rename the column", i)
          }
          if fields[..<i].contains(where: { $0.text == name }) {
            throw fail("duplicate column name `\(name)`", i)
          }
        }
        if fields.count > Self.maximumColumns {
          throw fail(
            "\(fields.count) columns; a dataset may have at most \(Self.maximumColumns)",
            Self.maximumColumns)
        }
        header = fields.map(\.text)
        columns = fields.map(\.text)
        continue
      }
      guard fields.count == names.count else {
        throw fail(
          "expected \(names.count) fields (\(names.joined(separator: ", "))), found \(fields.count)",
          min(fields.count, names.count) - 1)
      }
      if values.count / names.count >= Self.maximumRows {
        throw SceneDiagnostic(
          file: file, line: index + 1, column: 1,
          message:
            "more than \(Self.maximumRows) data rows; a dataset may have at most \(Self.maximumRows)",
          sourceLine: String(line))
      }
      for (i, field) in fields.enumerated() {
        guard let value = Double(field.text), value.isFinite else {
          throw fail("`\(field.text)` in column `\(names[i])` is not a finite number", i)
        }
        if let problem = check(i, value) {
          throw fail("`\(field.text)` in column `\(names[i])` \(problem)", i)
        }
        values.append(value)
      }
    }
    guard header != nil else {
      throw SceneDiagnostic(file: file, line: 1, message: "the CSV file has no header row")
    }
    guard !values.isEmpty else {
      throw SceneDiagnostic(file: file, line: 1, message: "the CSV file has no data rows")
    }
  }

  /// Comma-separated fields with their 1-based columns, spaces trimmed.
  private static func fields(_ line: String) -> [(text: String, column: Int)] {
    var result: [(String, Int)] = []
    var column = 1
    for part in line.split(separator: ",", omittingEmptySubsequences: false) {
      let leading = part.prefix { $0 == " " || $0 == "\t" }.count
      result.append((String(part).trimmingSpaces(), column + leading))
      column += part.count + 1
    }
    return result
  }
}

extension String {
  fileprivate var isASCII: Bool { unicodeScalars.allSatisfy(\.isASCII) }
}
