extension Renderer {
  /// `value` with `digits` significant digits, as `%g` writes it: `0.1235`, `1.235e-05`.
  public static func format(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    return String(printf: "%.\(max(1, digits))g", value)
  }

  /// `value` in at most `width` columns, or nil if it cannot be shown there.
  ///
  /// Narrow fields lose precision, never digits or the exponent: from four significant
  /// digits down to one, the first form that fits among `%g`'s (`6829`, `5.735e+05`), every
  /// integer digit of a large number (`573455`), and a short exponent (`5.7e5`, `1e-5`). A
  /// field too narrow even for `6e5` gets nil, and the caller leaves the number out rather
  /// than show `682` for 6829.
  public static func format(_ value: Double, width: Int) -> String? {
    guard value.isFinite else {
      let text = format(value, digits: 4)
      return text.count <= width ? text : nil
    }
    for digits in stride(from: 4, through: 1, by: -1) {
      for text in forms(value, digits: digits) where text.count <= width { return text }
    }
    return nil
  }

  /// The ways to write `value` with `digits` significant digits, preferred first.
  private static func forms(_ value: Double, digits: Int) -> [String] {
    let general = format(value, digits: digits)
    guard general.contains("e") else { return [general] }
    var result = [general]
    if abs(value) >= 1 && abs(value) < 1e15 { result.append(String(printf: "%.0f", value)) }
    // 5.735e+05 → 5.735e5, 1.2e-05 → 1.2e-5.
    let scientific = String(printf: "%.\(digits - 1)e", value)
    if let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[e...].dropFirst()) {
      result.append(scientific[..<e] + "e" + String(exponent))
    }
    return result
  }
}
