/// A terminal colour as the renderer resolved it for one colour tier.
public enum Color: Sendable, Hashable {
  /// The terminal's own default foreground or background.
  case `default`
  /// An indexed colour: 0-7 (8 colours), 0-15 (16) or 0-255 (256).
  case indexed(UInt8)
  /// Direct colour.
  case rgb(UInt8, UInt8, UInt8)

  /// `.rgb` from a 0xRRGGBB literal.
  public static func hex(_ value: UInt32) -> Color {
    .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
  }
}

/// Text attributes of a cell.
public struct Attributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = Attributes(rawValue: 1)
  public static let reverse = Attributes(rawValue: 2)
  public static let dim = Attributes(rawValue: 4)
}

/// One terminal cell: a grapheme cluster (a character and its combining marks), its colours
/// and attributes.
///
/// A wide character (CJK, emoji) takes two cells: the first holds it, the second is a
/// *continuation* cell that terminals leave to the first and that output skips.
public struct Cell: Sendable, Hashable {
  public var symbol: Character
  public var foreground: Color
  public var background: Color
  public var attributes: Attributes

  public init(
    _ symbol: Character = " ", foreground: Color = .default, background: Color = .default,
    attributes: Attributes = []
  ) {
    self.symbol = symbol
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  public static let blank = Cell()

  /// The symbol of a continuation cell: NUL, which `Buffer.write` never stores (it writes
  /// control characters as `?`).
  static let continuationSymbol: Character = "\u{0}"

  /// Whether this is the right half of a wide character in the cell to its left.
  public var isContinuation: Bool { symbol.utf8.first == 0 }  // 20 times faster than ==

  /// Columns the symbol takes: 2 for a wide character, 1 otherwise (0 for a continuation).
  public var width: Int { isContinuation ? 0 : (DisplayWidth.of(symbol) == 2 ? 2 : 1) }
}

/// A foreground, background and attributes to write text with.
public struct Style: Sendable, Hashable {
  public var foreground: Color
  public var background: Color
  public var attributes: Attributes
  public init(
    foreground: Color = .default, background: Color = .default, attributes: Attributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }
}
