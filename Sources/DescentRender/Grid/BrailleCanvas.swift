/// A canvas of braille dots, 2 across and 4 down per cell (U+2800 to U+28FF), each dot
/// remembering which series drew it last: the loss plot's and `descent cost`'s charts.
public struct BrailleCanvas: Sendable {
  public let columns: Int
  public let rows: Int
  /// Dots across and down.
  public var dotsWide: Int { columns * 2 }
  public var dotsHigh: Int { rows * 4 }
  private var owners: [Int]

  public init(columns: Int, rows: Int) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    owners = Array(repeating: -1, count: self.columns * 2 * self.rows * 4)
  }

  /// Sets the dot at (x, y), counted from the top left, for `series`; outside is ignored.
  public mutating func set(_ x: Int, _ y: Int, series: Int) {
    guard x >= 0, y >= 0, x < dotsWide, y < dotsHigh else { return }
    owners[y * dotsWide + x] = series
  }

  /// A straight line of dots between two points in dot coordinates.
  public mutating func line(from a: SIMD2<Double>, to b: SIMD2<Double>, series: Int) {
    let (w, h) = (dotsWide, dotsHigh)
    Raster.segment(from: a, to: b, width: w, height: h) { x, y in set(x, y, series: series) }
  }

  /// The cell at (column, row): its braille glyph and the series that drew its last dot, or
  /// nil where no dot is set.
  public func cell(column: Int, row: Int) -> (glyph: Character, series: Int)? {
    var pattern: UInt32 = 0
    var owner = -1
    for dy in 0..<4 {
      for dx in 0..<2 {
        let dot = owners[(row * 4 + dy) * dotsWide + column * 2 + dx]
        if dot >= 0 {
          pattern |= Self.bits[dy][dx]
          owner = dot
        }
      }
    }
    guard owner >= 0 else { return nil }
    return (Character(Unicode.Scalar(0x2800 + pattern)!), owner)
  }

  /// The dot bits of a braille cell, by row then column (ISO/TR 11548-1).
  private static let bits: [[UInt32]] = [
    [0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80],
  ]
}
