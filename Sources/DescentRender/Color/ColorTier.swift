/// How many colours the terminal can show, which decides how every colour role is drawn.
public enum ColorTier: String, Sendable, CaseIterable {
  /// Direct 24-bit colour.
  case truecolor
  /// The xterm 256-colour palette.
  case xterm256 = "256"
  /// The 16 ANSI colours.
  case ansi16 = "16"
  /// The 8 basic ANSI colours.
  case ansi8 = "8"
  /// No colour at all: glyphs carry everything.
  case none

  /// The tier for an environment, in order of precedence:
  /// - `NO_COLOR` set to anything non-empty (no-color.org): `none`;
  /// - `TERM` unset, empty or `dumb`: `none`;
  /// - `COLORTERM` = `truecolor` or `24bit`, or a `TERM` ending in `-direct`: `truecolor`;
  /// - otherwise by the terminal's colour count (ncurses' `COLORS`, or guessed from `TERM`
  ///   when `colors` is nil): ≥ 256 → `256`, ≥ 16 → `16`, ≥ 8 → `8`, else `none`.
  public static func detect(
    term: String?, colorTerm: String?, noColor: String?, colors: Int?
  ) -> ColorTier {
    if let noColor, !noColor.isEmpty { return .none }
    guard let term, !term.isEmpty, term != "dumb" else { return .none }
    let colorTerm = colorTerm?.lowercased() ?? ""
    if colorTerm == "truecolor" || colorTerm == "24bit" || term.hasSuffix("-direct") {
      return .truecolor
    }
    let count =
      colors
      ?? (term.contains("256color") ? 256 : (term.contains("16color") ? 16 : 8))
    switch count {
    case 256...: return .xterm256
    case 16..<256: return .ansi16
    case 8..<16: return .ansi8
    default: return .none
    }
  }
}
