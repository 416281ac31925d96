/// The map area's mapping between world coordinates and pixels.
///
/// A pixel is half a terminal cell: cells are about twice as tall as wide, so pixels are
/// roughly square, and a view shown with `.equal` aspect draws circles as circles. Pixel rows
/// run downwards; row 0 is the top of the view (its largest y).
public struct Viewport: Sendable, Equatable {
  /// The world rectangle shown, after fitting to the area's aspect.
  public let xRange: ClosedRange<Double>
  public let yRange: ClosedRange<Double>
  /// Size of the map area in cells.
  public let columns: Int
  public let rows: Int

  public var pixelWidth: Int { columns }
  public var pixelHeight: Int { rows * 2 }

  /// How a view is fitted to an area of another shape.
  public enum Aspect: Sendable { case equal, fill }

  /// The viewport showing at least `x` × `y` in `columns` × `rows` cells. With `.equal`
  /// aspect the shorter side of the view is widened about its centre so one world unit spans
  /// the same number of pixels both ways; with `.fill` the view is stretched to the area.
  public init(
    x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int,
    aspect: Aspect = .equal
  ) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    guard aspect == .equal else {
      self.xRange = x
      self.yRange = y
      return
    }
    let width = x.upperBound - x.lowerBound
    let height = y.upperBound - y.lowerBound
    let pixelAspect = Double(self.columns) / Double(self.rows * 2)
    if width / height < pixelAspect {
      let half = height * pixelAspect / 2
      let centre = (x.lowerBound + x.upperBound) / 2
      self.xRange = (centre - half)...(centre + half)
      self.yRange = y
    } else {
      let half = width / pixelAspect / 2
      let centre = (y.lowerBound + y.upperBound) / 2
      self.xRange = x
      self.yRange = (centre - half)...(centre + half)
    }
  }

  /// Continuous pixel coordinates of a world point: (0, 0) is the top-left corner of the
  /// top-left pixel.
  public func pixel(of p: SIMD2<Double>) -> SIMD2<Double> {
    SIMD2(
      (p.x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * Double(pixelWidth),
      (yRange.upperBound - p.y) / (yRange.upperBound - yRange.lowerBound) * Double(pixelHeight))
  }

  /// The world point at the centre of pixel (`px`, `py`).
  public func world(pixelX px: Int, pixelY py: Int) -> SIMD2<Double> {
    world(at: SIMD2(Double(px) + 0.5, Double(py) + 0.5))
  }

  /// The world point at continuous pixel coordinates.
  public func world(at pixel: SIMD2<Double>) -> SIMD2<Double> {
    SIMD2(
      xRange.lowerBound + pixel.x / Double(pixelWidth) * (xRange.upperBound - xRange.lowerBound),
      yRange.upperBound - pixel.y / Double(pixelHeight) * (yRange.upperBound - yRange.lowerBound))
  }

  /// The cell (column, row) containing a world point, if it is in the area.
  public func cell(of p: SIMD2<Double>) -> (column: Int, row: Int)? {
    let q = pixel(of: p)
    guard q.x.isFinite, q.y.isFinite, q.x >= 0, q.y >= 0, q.x < Double(pixelWidth),
      q.y < Double(pixelHeight)
    else { return nil }
    return (Int(q.x), Int(q.y) / 2)
  }

  /// The world point at the centre of a cell.
  public func world(column: Int, row: Int) -> SIMD2<Double> {
    world(at: SIMD2(Double(column) + 0.5, Double(row * 2) + 1))
  }

  /// x at the centre of each pixel column, and y at the centre of each pixel row (top first).
  public var pixelCentres: (xs: [Double], ys: [Double]) {
    (
      (0..<pixelWidth).map { world(pixelX: $0, pixelY: 0).x },
      (0..<pixelHeight).map { world(pixelX: 0, pixelY: $0).y }
    )
  }
}
