extension StringProtocol {
  /// The text without leading and trailing white space: Unicode's White_Space, that is
  /// spaces, tabs and line breaks, and the zero width space (U+200B), as Foundation's
  /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
  public func trimmingWhitespace() -> String {
    trimming { $0.properties.isWhitespace || $0 == "\u{200B}" }
  }

  /// The text without leading and trailing blanks: space separators (U+0020, U+00A0, ...),
  /// tabs and the zero width space, but not line breaks, as Foundation's
  /// `trimmingCharacters(in: .whitespaces)`.
  public func trimmingBlanks() -> String {
    trimming {
      $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator
    }
  }

  /// The text followed by spaces up to `width` characters; text as wide or wider is left
  /// as it is.
  public func padding(toWidth width: Int) -> String {
    let text = String(self)
    let count = text.count
    return count >= width ? text : text + String(repeating: " ", count: width - count)
  }

  private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
    let scalars = String(self).unicodeScalars
    guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
      let last = scalars.lastIndex(where: { !isTrimmed($0) })
    else { return "" }
    return String(Substring(scalars[first...last]))
  }
}
