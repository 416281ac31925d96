extension String {
  /// The text with every control character but newline and tab spelled out, so that text
  /// from a file or the command line cannot drive the terminal it is shown on: ESC as `\e`,
  /// carriage return as `\r`, and the other C0 controls, DEL and the C1 controls
  /// (U+0080–U+009F, which some terminals obey as 8-bit escape sequences) as `\xNN`.
  public var escapingControlCharacters: String {
    func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
      switch scalar.value {
      case 0x09, 0x0A: false
      case 0..<0x20, 0x7F...0x9F: true
      default: false
      }
    }
    guard unicodeScalars.contains(where: needsEscape) else { return self }
    var out = String.UnicodeScalarView()
    for scalar in unicodeScalars {
      guard needsEscape(scalar) else {
        out.append(scalar)
        continue
      }
      let spelled: String
      switch scalar {
      case "\u{1B}": spelled = "\\e"
      case "\r": spelled = "\\r"
      default:
        let hex = String(scalar.value, radix: 16)
        spelled = "\\x" + (hex.count < 2 ? "0" : "") + hex
      }
      out.append(contentsOf: spelled.unicodeScalars)
    }
    return String(out)
  }
}
