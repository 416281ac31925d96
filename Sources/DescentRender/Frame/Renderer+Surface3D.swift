import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How the 3-D view looks at the surface: turned about the vertical axis by `yaw` and seen
/// from `pitch` above the horizon (90° looks straight down, as the map does).
public struct SurfaceView: Sendable, Equatable {
  /// Degrees about the vertical axis; 0 keeps +x to the right.
  public var yaw: Double
  /// Degrees above the horizon, 10 to 90.
  public var pitch: Double

  public static let pitchRange = 10.0...90.0

  public init(yaw: Double = -30, pitch: Double = 35) {
    self.yaw = yaw
    self.pitch = pitch.clamped(to: Self.pitchRange)
  }
}

/// The 3-D view: the map's loss as a height field in perspective, shaded with the map's
/// colour ramp, the paths drawn on the surface and the heads as markers.
///
/// The surface is the heatmap's own samples (so log scale, zoom and pan carry over): each
/// grid quad is two triangles, filled into a pixel buffer (half a cell a pixel, as the map)
/// with a depth buffer. A triangle's colour is the ramp's level at its height; with true
/// colour it is also lit (Lambert, from the upper left), which the palette tiers cannot
/// show. Without colour the cells are shading glyphs chosen by that light, so the shape
/// still reads.
extension Renderer {
  /// A projected point: pixel coordinates and depth (larger is nearer).
  struct Projected {
    var x: Double
    var y: Double
    var depth: Double
  }

  /// The projection from the world (x, y, and the height t in [0, 1] on the colour scale)
  /// to the pixels of a map `pixelWidth` × `pixelHeight`, fitted to the surface's box.
  struct SurfaceCamera {
    let centre: SIMD2<Double>
    let halfSpan: Double
    let cosYaw: Double, sinYaw: Double, cosPitch: Double, sinPitch: Double
    var scale = 1.0
    var offset = SIMD2<Double>(0, 0)
    static let height = 0.7
    static let distance = 4.0

    init(viewport: Viewport, view: SurfaceView) {
      let x = viewport.xRange
      let y = viewport.yRange
      centre = SIMD2((x.lowerBound + x.upperBound) / 2, (y.lowerBound + y.upperBound) / 2)
      halfSpan = max(x.upperBound - x.lowerBound, y.upperBound - y.lowerBound) / 2
      let yaw = view.yaw * .pi / 180
      let pitch = view.pitch * .pi / 180
      (cosYaw, sinYaw, cosPitch, sinPitch) = (cos(yaw), sin(yaw), cos(pitch), sin(pitch))
    }

    /// Scales and centres the projection so that `points` (world points and their heights)
    /// fill the pixels, with a margin.
    mutating func fit(_ points: [(SIMD2<Double>, Double)], pixelWidth: Int, pixelHeight: Int) {
      var low = SIMD2(Double.infinity, .infinity)
      var high = -low
      for (p, t) in points {
        let q = unit(p, t)
        low = pointwiseMin(low, SIMD2(q.x, q.y))
        high = pointwiseMax(high, SIMD2(q.x, q.y))
      }
      guard low.x.isFinite, high.x.isFinite else { return }
      let size = high - low
      let w = Double(pixelWidth) * 0.96
      let h = Double(pixelHeight) * 0.94
      scale = min(w / max(size.x, 1e-9), h / max(size.y, 1e-9))
      offset = SIMD2(
        (Double(pixelWidth) - size.x * scale) / 2 - low.x * scale,
        (Double(pixelHeight) - size.y * scale) / 2 - low.y * scale)
    }

    /// Screen coordinates at unit scale (y down) and depth.
    func unit(_ p: SIMD2<Double>, _ t: Double) -> Projected {
      let u = (p.x - centre.x) / halfSpan
      let v = (p.y - centre.y) / halfSpan
      let h = (t - 0.5) * Self.height
      let ru = u * cosYaw - v * sinYaw
      let rv = u * sinYaw + v * cosYaw
      // rv points away from the viewer; pitch tips the far side up the screen.
      let up = h * cosPitch + rv * sinPitch
      let depth = -rv * cosPitch + h * sinPitch
      let perspective = Self.distance / (Self.distance - depth)
      return Projected(x: ru * perspective, y: -up * perspective, depth: depth)
    }

    func project(_ p: SIMD2<Double>, _ t: Double) -> Projected {
      var q = unit(p, t)
      q.x = q.x * scale + offset.x
      q.y = q.y * scale + offset.y
      return q
    }
  }

  /// The 3-D view's grid (the heatmap's pixels, thinned to at most 80 × 80 vertices, each
  /// with its height on the colour scale, nil where there is none) and the camera fitted
  /// to a map `columns` × `rows`.
  static func surfaceGrid(_ state: FrameState, view: SurfaceView, columns: Int, rows: Int)
    -> (camera: SurfaceCamera, points: [(point: SIMD2<Double>, t: Double?)], nx: Int, ny: Int)?
  {
    let heat = state.heat
    let heatmap = heat.heatmap
    let viewport = heatmap.viewport
    var camera = SurfaceCamera(viewport: viewport, view: view)
    let (hw, hh) = (viewport.pixelWidth, viewport.pixelHeight)
    let nx = min(hw, 80)
    let ny = min(hh, 80)
    guard nx >= 2, ny >= 2 else { return nil }
    func sample(_ i: Int, _ j: Int) -> (point: SIMD2<Double>, t: Double?) {
      let px = i * (hw - 1) / (nx - 1)
      let py = j * (hh - 1) / (ny - 1)
      let t = heatmap.position(heatmap.values[py * hw + px], scale: heat.scale)
      return (viewport.world(pixelX: px, pixelY: py), t)
    }
    var points = [(point: SIMD2<Double>, t: Double?)]()
    points.reserveCapacity(nx * ny)
    for j in 0..<ny { for i in 0..<nx { points.append(sample(i, j)) } }
    camera.fit(
      points.compactMap { p in p.t.map { (p.point, $0) } }, pixelWidth: columns,
      pixelHeight: rows * 2)
    return (camera, points, nx, ny)
  }

  /// Where world point `p` is on the 3-D view's surface, in pixels: at the loss the
  /// heatmap has there, lifted a little so the surface does not hide it.
  static func onSurface(_ p: SIMD2<Double>, _ state: FrameState, camera: SurfaceCamera)
    -> Projected?
  {
    let heatmap = state.heat.heatmap
    let viewport = heatmap.viewport
    let (hw, hh) = (viewport.pixelWidth, viewport.pixelHeight)
    let q = viewport.pixel(of: p)
    guard q.x.isFinite, q.y.isFinite, q.x >= 0, q.y >= 0, q.x < Double(hw), q.y < Double(hh)
    else { return nil }
    let t = heatmap.position(heatmap.values[Int(q.y) * hw + Int(q.x)], scale: state.heat.scale)
    return t.map { camera.project(p, $0 + 0.01) }
  }

  /// The cell of `p` on the surface, if it is on a map `columns` × `rows`.
  static func surfaceCell(
    _ p: SIMD2<Double>, _ state: FrameState, camera: SurfaceCamera, columns: Int, rows: Int
  ) -> (column: Int, row: Int)? {
    guard let q = onSurface(p, state, camera: camera) else { return nil }
    let (x, y) = (Int(floor(q.x)), Int(floor(q.y)))
    guard x >= 0, y >= 0, x < columns, y < rows * 2 else { return nil }
    return (x, y / 2)
  }

  /// Each run's head's cell in the 3-D view (nil off the map). Heads that land in one cell
  /// (runs that met at a minimum) are laid side by side along its row, centred on it in the
  /// legend's order, so every run shows; a projector's blocks keep three columns apart. A
  /// cell another head holds is passed over.
  static func surfaceHeadCells(
    _ state: FrameState, camera: SurfaceCamera, columns: Int, rows: Int
  ) -> [(column: Int, row: Int)?] {
    let stride = state.style == .projector ? 3 : 1
    let cells = state.runs.map { run in
      run.head.flatMap { surfaceCell($0, state, camera: camera, columns: columns, rows: rows) }
    }
    let keys = cells.map { $0.map { $0.row * columns + $0.column } }
    let counts = Dictionary(keys.compactMap { $0 }.map { ($0, 1) }, uniquingKeysWith: +)
    // A head alone in its cell keeps it; those that share one are laid out after.
    var taken = Set(keys.compactMap { $0 }.filter { counts[$0] == 1 })
    var placed = cells
    var done = Set<Int>()
    for (i, cell) in cells.enumerated() {
      guard let (x, row) = cell, let key = keys[i], counts[key]! > 1, !done.contains(key)
      else { continue }
      done.insert(key)
      let group = cells.indices.filter { keys[$0] == key }
      // The group's columns, centred on the cell and kept on the map.
      let width = (group.count - 1) * stride + 1
      var left = min(max(0, x - width / 2), max(0, columns - width))
      for member in group {
        while left < columns - 1 && taken.contains(row * columns + left) { left += 1 }
        left = min(left, columns - 1)
        placed[member] = (left, row)
        taken.insert(row * columns + left)
        left += stride
      }
    }
    return placed
  }

  /// Draws the 3-D view of `state` into the map's part of `buffer`, `columns` × `rows`.
  static func drawSurface(
    _ state: FrameState, view: SurfaceView, into buffer: inout Buffer, columns: Int, rows: Int
  ) {
    let heat = state.heat
    let theme = state.theme
    let ramp = heat.ramp
    let mono = ramp.shadesWithGlyphs
    let pw = columns
    let ph = rows * 2
    guard
      let (camera, points, nx, ny) = surfaceGrid(state, view: view, columns: columns, rows: rows)
    else { return }
    let projected = points.map { camera.project($0.point, $0.t ?? 0) }

    // Pixel colour, depth and light; -inf depth where nothing is drawn.
    var depth = [Double](repeating: -.infinity, count: pw * ph)
    var level = [Int](repeating: -1, count: pw * ph)
    var light = [Double](repeating: 0, count: pw * ph)
    let lightDirection = normalize(SIMD3(-0.5, 0.6, 0.8))
    func fill(_ a: Int, _ b: Int, _ c: Int) {
      guard let ta = points[a].t, let tb = points[b].t, let tc = points[c].t else { return }
      let (pa, pb, pc) = (projected[a], projected[b], projected[c])
      // The triangle's normal in the box's own units, for the light.
      func box(_ k: Int, _ t: Double) -> SIMD3<Double> {
        SIMD3(
          (points[k].point.x - camera.centre.x) / camera.halfSpan,
          (points[k].point.y - camera.centre.y) / camera.halfSpan, t * SurfaceCamera.height)
      }
      let normal = cross(box(b, tb) - box(a, ta), box(c, tc) - box(a, ta))
      let length = (normal * normal).sum().squareRoot()
      let lit = length > 0 ? abs((normal / length * lightDirection).sum()) : 1
      let t = (ta + tb + tc) / 3
      let shade = 0.3 + 0.7 * lit
      let minX = max(0, Int(floor(min(pa.x, pb.x, pc.x))))
      let maxX = min(pw - 1, Int(ceil(max(pa.x, pb.x, pc.x))))
      let minY = max(0, Int(floor(min(pa.y, pb.y, pc.y))))
      let maxY = min(ph - 1, Int(ceil(max(pa.y, pb.y, pc.y))))
      guard minX <= maxX, minY <= maxY else { return }
      let area = (pb.x - pa.x) * (pc.y - pa.y) - (pc.x - pa.x) * (pb.y - pa.y)
      guard abs(area) > 1e-12 else { return }
      let levelHere = min(ramp.count - 1, max(0, Int(t * Double(ramp.count))))
      for y in minY...maxY {
        for x in minX...maxX {
          let (sx, sy) = (Double(x) + 0.5, Double(y) + 0.5)
          let w0 = ((pb.x - sx) * (pc.y - sy) - (pc.x - sx) * (pb.y - sy)) / area
          let w1 = ((pc.x - sx) * (pa.y - sy) - (pa.x - sx) * (pc.y - sy)) / area
          let w2 = 1 - w0 - w1
          guard w0 >= -1e-9, w1 >= -1e-9, w2 >= -1e-9 else { continue }
          let z = w0 * pa.depth + w1 * pb.depth + w2 * pc.depth
          let i = y * pw + x
          guard z > depth[i] else { continue }
          depth[i] = z
          level[i] = levelHere
          light[i] = shade
        }
      }
    }
    for j in 0..<(ny - 1) {
      for i in 0..<(nx - 1) {
        let a = j * nx + i
        fill(a, a + 1, a + nx)
        fill(a + 1, a + nx + 1, a + nx)
      }
    }

    func color(_ i: Int) -> Color {
      guard level[i] >= 0 else { return theme.hole }
      if theme.tier == .truecolor, level[i] < ramp.rgb.count {
        let rgb = ramp.rgb[level[i]]
        func scaled(_ c: UInt8) -> UInt8 { UInt8(min(255, Double(c) * light[i])) }
        return RGB(scaled(rgb.r), scaled(rgb.g), scaled(rgb.b)).color
      }
      return ramp.colors[level[i]]
    }

    // Paths on the surface: each trail point at the loss the heatmap has there, lifted a
    // little so the surface does not hide it, and hidden where the surface is nearer.
    let richColor = theme.tier == .truecolor || theme.tier == .xterm256
    let pixelPaths = richColor && state.unicode
    var pathPixel = [Color?](repeating: nil, count: pw * ph)
    var pathCell = [OptimizerKind?](repeating: nil, count: columns * rows)
    func onSurface(_ p: SIMD2<Double>) -> Projected? {
      Renderer.onSurface(p, state, camera: camera)
    }
    func visible(_ q: Projected, x: Int, y: Int) -> Bool {
      q.depth >= depth[y * pw + x] - 0.04
    }
    let brush = pixelPaths ? state.brush : [(0, 0)]
    for run in state.runs.reversed() {
      let color = theme.path(run.kind, shade: run.shade)
      var previous: Projected? = nil
      for point in state.trailPoints(run) {
        guard let p = onSurface(point) else {
          previous = nil
          continue
        }
        defer { previous = p }
        guard let q = previous else { continue }
        let steps = max(1, Int(max(abs(p.x - q.x), abs(p.y - q.y)).rounded(.up)))
        for k in 0...steps {
          let f = Double(k) / Double(steps)
          let s = Projected(
            x: q.x + (p.x - q.x) * f, y: q.y + (p.y - q.y) * f,
            depth: q.depth + (p.depth - q.depth) * f)
          let (x0, y0) = (Int(floor(s.x)), Int(floor(s.y)))
          guard x0 >= 0, y0 >= 0, x0 < pw, y0 < ph, visible(s, x: x0, y: y0) else { continue }
          for (dx, dy) in brush {
            let (x, y) = (x0 + dx, y0 + dy)
            guard x < pw, y < ph else { continue }
            if pixelPaths {
              pathPixel[y * pw + x] = color
            } else {
              pathCell[(y / 2) * columns + x] = run.kind
            }
          }
        }
      }
    }

    for row in 0..<rows {
      for column in 0..<columns {
        let top = 2 * row * pw + column
        let bottom = top + pw
        var cell: Cell
        if mono {
          let lit = max(level[top] >= 0 ? light[top] : 0, level[bottom] >= 0 ? light[bottom] : 0)
          let shades = HeatRamp.asciiShades
          let covered = level[top] >= 0 || level[bottom] >= 0
          cell = Cell(
            covered ? shades[max(1, min(shades.count - 1, Int(lit * Double(shades.count))))] : " ")
        } else if state.unicode {
          cell = Cell(
            "▀", foreground: pathPixel[top] ?? color(top),
            background: pathPixel[bottom] ?? color(bottom))
        } else {
          cell = Cell(" ", background: color(top))
        }
        if let kind = pathCell[row * columns + column] {
          cell.symbol = trailGlyph(state)
          cell.foreground = theme.path(kind)
        }
        buffer[column, row] = cell
      }
    }

    // Markers: start, minima, then the heads, each where its point is on the surface, drawn
    // even where a ridge in front hides that point: where an optimizer is matters most.
    func place(_ glyph: Character, at point: SIMD2<Double>, tint: Color, background: Color? = nil) {
      guard let p = onSurface(point) else { return }
      let (x, y) = (Int(floor(p.x)), Int(floor(p.y)))
      guard x >= 0, y >= 0, x < pw, y < ph else { return }
      let row = y / 2
      var cell = buffer[x, row]
      // Keep the colour of the cell's lower half as the glyph's background.
      if cell.symbol == "▀" {
        let below = (2 * row + 1) * pw + x
        cell.background = pathPixel[below] ?? color(below)
      }
      if let background { cell.background = background }
      cell.symbol = glyph
      cell.foreground = tint
      cell.attributes = [.bold]
      buffer[x, row] = cell
    }
    let u = state.unicode
    place(u ? "○" : "o", at: state.start, tint: theme.marker)
    for minimum in state.minima { place(u ? "★" : "*", at: minimum, tint: theme.marker) }
    let headCells = surfaceHeadCells(state, camera: camera, columns: columns, rows: rows)
    for (run, cell) in zip(state.runs, headCells) {
      guard let (x, row) = cell else { continue }
      let glyph: Character =
        richColor && u && run.shade.count == 1
        ? "●" : run.label ?? Renderer.label(of: run.kind)
      let tint = theme.path(run.kind, shade: run.shade)
      if state.style == .projector {
        drawHeadBlock(
          glyph, column: x, row: row, color: tint, state: state,
          into: &buffer, limit: (columns, rows)
        ) { c, r in
          let below = (2 * r + 1) * pw + c
          return mono ? nil : pathPixel[below] ?? color(below)
        }
      } else {
        var cell = buffer[x, row]
        cell.background = theme.headBackground
        cell.symbol = glyph
        cell.foreground = tint
        cell.attributes = [.bold]
        buffer[x, row] = cell
      }
    }
    if let cursor = state.cursor { place("+", at: cursor, tint: theme.cursor) }
  }
}

private func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
  SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}

private func normalize(_ v: SIMD3<Double>) -> SIMD3<Double> {
  v / (v * v).sum().squareRoot()
}
