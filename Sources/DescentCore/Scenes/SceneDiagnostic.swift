/// One problem in a scene file, with where it is: `file:line:column`, the line's text, and a
/// caret under the spot.
public struct SceneDiagnostic: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file as the user named it (or `builtin:NAME`).
  public var file: String
  /// 1-based line, if known.
  public var line: Int?
  /// 1-based column, if known.
  public var column: Int?
  /// How many characters to underline.
  public var length: Int
  public var message: String
  /// The text of `line`, for the caret display.
  public var sourceLine: String?

  public init(
    file: String, line: Int? = nil, column: Int? = nil, length: Int = 1, message: String,
    sourceLine: String? = nil
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.length = max(1, length)
    self.message = message
    self.sourceLine = sourceLine
  }

  /// `file:line:column: message`, then the line and a caret where a position is known.
  public var description: String {
    var location = file
    if let line {
      location += ":\(line)"
      if let column { location += ":\(column)" }
    }
    var text = "\(location): \(message)"
    if let sourceLine, let column {
      text +=
        "\n" + ExpressionError.caretDisplay(source: sourceLine, column: column, length: length)
    }
    return text
  }
}

/// Every problem found in one scene file.
public struct SceneErrors: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [SceneDiagnostic]
  public init(_ diagnostics: [SceneDiagnostic]) { self.diagnostics = diagnostics }
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
