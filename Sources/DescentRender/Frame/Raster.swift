/// Line rasterisation for paths.
public enum Raster {
  /// Calls `plot` for every pixel of the segment from `a` to `b` (continuous pixel
  /// coordinates) that lies inside `width` × `height`. The segment is first clipped to the
  /// area (Liang–Barsky), so a diverging run's huge coordinates cost nothing.
  static func segment(
    from a: SIMD2<Double>, to b: SIMD2<Double>, width: Int, height: Int,
    plot: (Int, Int) -> Void
  ) {
    guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
    var t0 = 0.0
    var t1 = 1.0
    let d = b - a
    let w = Double(width) - 1e-9
    let h = Double(height) - 1e-9
    for (p, q) in [(-d.x, a.x), (d.x, w - a.x), (-d.y, a.y), (d.y, h - a.y)] {
      if p == 0 {
        if q < 0 { return }
      } else {
        let r = q / p
        if p < 0 {
          if r > t1 { return }
          t0 = max(t0, r)
        } else {
          if r < t0 { return }
          t1 = min(t1, r)
        }
      }
    }
    let start = a + t0 * d
    let end = a + t1 * d
    var x0 = Int(start.x)
    var y0 = Int(start.y)
    let x1 = Int(end.x)
    let y1 = Int(end.y)
    // Bresenham between the clipped pixel endpoints.
    let dx = abs(x1 - x0)
    let dy = -abs(y1 - y0)
    let sx = x0 < x1 ? 1 : -1
    let sy = y0 < y1 ? 1 : -1
    var error = dx + dy
    while true {
      if x0 >= 0 && y0 >= 0 && x0 < width && y0 < height { plot(x0, y0) }
      if x0 == x1 && y0 == y1 { break }
      let e2 = 2 * error
      if e2 >= dy {
        error += dy
        x0 += sx
      }
      if e2 <= dx {
        error += dx
        y0 += sy
      }
    }
  }
}

extension Raster {
  /// `segment`, for tests outside this module.
  public static func segmentForTesting(
    from a: SIMD2<Double>, to b: SIMD2<Double>, width: Int, height: Int,
    plot: (Int, Int) -> Void
  ) {
    segment(from: a, to: b, width: width, height: height, plot: plot)
  }
}
