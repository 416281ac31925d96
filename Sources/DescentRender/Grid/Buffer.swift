/// A rectangle of cells: what one frame shows. Widgets draw into it and touch nothing else.
public struct Buffer: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// Whether the terminal shows ASCII alone (no UTF-8 locale): text and glyphs written are
  /// spelled in ASCII (`ASCIIFallback`), so no cell can hold anything else.
  public var ascii = false

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
  ///
  /// Writing keeps wide characters whole: a wide symbol also takes the cell to its right (as
  /// a continuation cell; in the last column it becomes a space), and a cell written over
  /// either half of a wide character turns the other half into a space of its style.
  public subscript(x: Int, y: Int) -> Cell {
    get { contains(x, y) ? cells[y * width + x] : .blank }
    set {
      guard contains(x, y) else { return }
      var cell = newValue
      if cell.isContinuation { cell.symbol = " " }
      if ascii && !cell.symbol.isASCII { cell.symbol = ASCIIFallback.glyph(cell.symbol) }
      let wide = cell.width == 2
      if wide && x + 1 >= width { cell.symbol = " " }
      release(x, y)
      cells[y * width + x] = cell
      if wide && x + 1 < width {
        release(x + 1, y)
        cell.symbol = Cell.continuationSymbol
        cells[y * width + x + 1] = cell
      }
    }
  }

  /// Copies `source`'s cells from `origin` into this buffer from `destination`, as they are
  /// (wide characters and their continuation cells alike), over as much as both hold. A wide
  /// character cut by the edge of the copied rectangle, inside it or around it, is blanked.
  mutating func copyCells(
    from source: Buffer, at origin: (x: Int, y: Int), to destination: (x: Int, y: Int)
  ) {
    let columns = min(source.width - origin.x, width - destination.x)
    let rows = min(source.height - origin.y, height - destination.y)
    guard columns > 0, rows > 0 else { return }
    for row in 0..<rows {
      let y = destination.y + row
      for column in 0..<columns {
        cells[y * width + destination.x + column] =
          source.cells[(origin.y + row) * source.width + origin.x + column]
      }
      let left = destination.x
      let right = destination.x + columns - 1
      // A continuation at the left edge whose wide character is no longer to its left.
      if cells[y * width + left].isContinuation
        && (left == 0 || cells[y * width + left - 1].width != 2)
      {
        cells[y * width + left].symbol = " "
      }
      // A wide character outside, to the left, whose right half was overwritten.
      if left > 0, cells[y * width + left - 1].width == 2, !cells[y * width + left].isContinuation {
        cells[y * width + left - 1].symbol = " "
      }
      // A wide character at the right edge whose continuation is outside.
      if cells[y * width + right].width == 2
        && (right + 1 >= width || !cells[y * width + right + 1].isContinuation)
      {
        cells[y * width + right].symbol = " "
      }
      // A continuation outside, to the right, whose wide character was overwritten.
      if right + 1 < width, cells[y * width + right + 1].isContinuation,
        cells[y * width + right].width != 2
      {
        cells[y * width + right + 1].symbol = " "
      }
    }
  }

  /// Before (`x`, `y`) is overwritten: blanks the other half of a wide character it is part
  /// of, so no half is left behind.
  private mutating func release(_ x: Int, _ y: Int) {
    let i = y * width + x
    if cells[i].isContinuation, x > 0 {
      cells[i - 1].symbol = " "
    } else if x + 1 < width, cells[i + 1].isContinuation {
      cells[i + 1].symbol = " "
    }
  }

  /// Writes `text` from (`x`, `y`) with `style`, clipped to the buffer and to `limit`
  /// columns. A wide character takes two columns and is left out, with what follows, where
  /// only one is left; combining marks stay with their character. Returns the column after
  /// the last character written.
  @discardableResult
  public mutating func write(_ text: String, x: Int, y: Int, style: Style, limit: Int? = nil)
    -> Int
  {
    var column = x
    let end = min(limit.map { x + $0 } ?? width, width)
    for character in ascii ? ASCIIFallback.text(text) : text {
      let symbol = Self.printable(character)
      let columns = DisplayWidth.of(symbol)
      if columns == 0 { continue }
      guard column + columns <= end else { break }
      self[column, y] = Cell(
        symbol, foreground: style.foreground, background: style.background,
        attributes: style.attributes)
      column += columns
    }
    return column
  }

  /// Fills a rectangle with `cell`.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell) {
    for row in max(0, y)..<min(height, y + h) {
      for column in max(0, x)..<min(width, x + w) { self[column, row] = cell }
    }
  }

  /// The glyphs alone, one line per row, each exactly `width` columns wide (a wide
  /// character counts two; continuation cells print nothing).
  public var plainText: String {
    var out = ""
    out.reserveCapacity((width + 1) * height)
    for y in 0..<height {
      for x in 0..<width where !cells[y * width + x].isContinuation {
        out.append(cells[y * width + x].symbol)
      }
      out.append("\n")
    }
    return out
  }

  /// `character`, or `?` for a control character, which would move the cursor instead of
  /// showing something.
  static func printable(_ character: Character) -> Character {
    guard let scalar = character.unicodeScalars.first else { return "?" }
    let v = scalar.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029 { return "?" }
    return character
  }
}
