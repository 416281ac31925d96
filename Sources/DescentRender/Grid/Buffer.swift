/// A rectangle of cells: what one frame shows. Widgets draw into it and touch nothing else.
public struct Buffer: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int, filling cell: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: cell, count: self.width * self.height)
  }

  public func contains(_ x: Int, _ y: Int) -> Bool {
    x >= 0 && y >= 0 && x < width && y < height
  }

  /// The cell at column `x`, row `y`. Reading outside the buffer gives a blank cell; writing
  /// outside it does nothing, so widgets may draw past their edges safely.
  public subscript(x: Int, y: Int) -> Cell {
    get { contains(x, y) ? cells[y * width + x] : .blank }
    set { if contains(x, y) { cells[y * width + x] = newValue } }
  }

  /// Writes `text` from (`x`, `y`) with `style`, clipped to the buffer and to `limit`
  /// columns. Returns the column after the last character written.
  @discardableResult
  public mutating func write(_ text: String, x: Int, y: Int, style: Style, limit: Int? = nil)
    -> Int
  {
    var column = x
    let end = limit.map { x + $0 } ?? width
    for character in text {
      guard column < min(end, width) else { break }
      self[column, y] = Cell(
        Self.singleWidth(character), foreground: style.foreground, background: style.background,
        attributes: style.attributes)
      column += 1
    }
    return column
  }

  /// Fills a rectangle with `cell`.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell) {
    for row in max(0, y)..<min(height, y + h) {
      for column in max(0, x)..<min(width, x + w) { self[column, row] = cell }
    }
  }

  /// The glyphs alone, one line per row, each exactly `width` columns.
  public var plainText: String {
    var out = ""
    out.reserveCapacity((width + 1) * height)
    for y in 0..<height {
      for x in 0..<width { out.append(cells[y * width + x].symbol) }
      out.append("\n")
    }
    return out
  }

  /// Replaces characters that may take two columns, or none, with `?`, so every cell is
  /// exactly one column wide and frames keep their shape.
  static func singleWidth(_ character: Character) -> Character {
    guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1
    else { return "?" }
    let v = scalar.value
    if v < 0x20 || v == 0x7F { return "?" }
    if v < 0x300 { return character }
    // Combining marks have no width of their own.
    if scalar.properties.generalCategory == .nonspacingMark { return "?" }
    if wideRanges.contains(where: { $0.contains(v) }) { return "?" }
    return character
  }
}

/// East Asian wide and emoji ranges, which terminals draw two columns wide.
private let wideRanges: [ClosedRange<UInt32>] = [
  0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
  0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
]
