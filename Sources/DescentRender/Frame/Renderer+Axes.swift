import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The map's axes and colour bar, so the heatmap reads as a plot: tick labels in data units
/// down the left edge (y) and along the bottom edge (x), and a vertical bar of the colour
/// ramp with the loss at its levels, in the scale the map uses (linear or log).
///
/// They are panels like the others: the y axis takes a column strip on the left, the x axis
/// the bottom row to its right, and the colour bar a strip on the right, under the legend.
/// They cover the map's edge cells rather than shrink the map, so the map's cells stay where
/// clicks and the cursor expect them.
extension Renderer {
  // MARK: - Ticks

  /// "Nice" tick values (1, 2 or 5 times a power of ten apart) inside `range`, about
  /// `count` of them, and the spacing between them.
  public static func ticks(_ range: ClosedRange<Double>, count: Int) -> (
    values: [Double], step: Double
  ) {
    let span = range.upperBound - range.lowerBound
    guard span.isFinite, span > 0, count > 0 else { return ([], 0) }
    let raw = span / Double(count)
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw * 0.999 } ?? 10 * magnitude
    var values: [Double] = []
    var k = ceil(range.lowerBound / step)
    while k * step <= range.upperBound + step * 1e-9, values.count < 1000 {
      let value = k * step
      // -0 and rounding noise (3e-17 for 0) print as 0.
      values.append(abs(value) < step * 1e-9 ? 0 : value)
      k += 1
    }
    return (values, step)
  }

  /// A tick's label: as many decimals as the spacing needs (`-1.5`, `0`, `2.5`), or the
  /// general form for very large or small numbers, in at most `width` columns.
  static func tickLabel(_ value: Double, step: Double, width: Int = 7) -> String {
    let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
    if abs(value) < 1e5, decimals <= 4 {
      let text = String(printf: "%.\(decimals)f", value)
      if text.count <= width { return text }
    }
    return format(value, width: width) ?? format(value, digits: 2)
  }

  /// The y ticks shown on a map of `rows` rows: their values and labels.
  static func yTicks(_ state: FrameState, rows: Int) -> [(value: Double, label: String)] {
    let viewport = state.heat.heatmap.viewport
    let (values, step) = ticks(viewport.yRange, count: max(2, rows / 4))
    return values.map { ($0, tickLabel($0, step: step)) }
  }

  /// The x ticks shown on a map of `columns` columns.
  static func xTicks(_ state: FrameState, columns: Int) -> [(value: Double, label: String)] {
    let viewport = state.heat.heatmap.viewport
    let (values, step) = ticks(viewport.xRange, count: max(2, columns / 10))
    return values.map { ($0, tickLabel($0, step: step)) }
  }

  // MARK: - Y axis

  /// The y axis's width: its longest label and the tick glyph.
  static func yAxisWidth(_ state: FrameState) -> Int {
    let rows = state.heat.heatmap.viewport.rows
    let labels = yTicks(state, rows: rows).map(\.label) + [state.axisNames.1]
    return (labels.map(\.count).max() ?? 1) + 1
  }

  /// The y axis's request: a strip down the left edge, above the x axis's row.
  static func yAxisRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard state.axes, state.surface == nil else { return nil }
    let size = Layout.Size(width: yAxisWidth(state), height: area.height - 1)
    return Layout.Request(.yAxis, sizes: [size], anchors: [.topLeft], avoids: [])
  }

  static func drawYAxis(_ state: FrameState, rect: Rect, into buffer: inout Buffer) {
    let theme = state.theme
    let viewport = state.heat.heatmap.viewport
    buffer.fill(
      x: 0, y: 0, width: buffer.width, height: buffer.height,
      with: Cell(" ", background: theme.panel.background))
    let tick: Character = state.unicode ? "┤" : "-"
    var taken = Set<Int>()
    for (value, label) in yTicks(state, rows: viewport.rows) {
      let row = Int(floor(viewport.pixel(of: SIMD2(viewport.xRange.lowerBound, value)).y / 2))
      let y = row - rect.y
      // The top row names the axis.
      guard y >= 1, y < buffer.height, taken.insert(y).inserted else { continue }
      let text = String(repeating: " ", count: max(0, buffer.width - 1 - label.count)) + label
      buffer.write(text, x: 0, y: y, style: theme.panel, limit: buffer.width - 1)
      buffer[buffer.width - 1, y] = Cell(
        tick, foreground: theme.panel.foreground, background: theme.panel.background)
    }
    buffer.write(state.axisNames.1, x: buffer.width - 2, y: 0, style: theme.panelTitle)
  }

  // MARK: - X axis

  /// The x axis's request: the bottom row, under the y axis too.
  static func xAxisRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard state.axes, state.surface == nil else { return nil }
    let size = Layout.Size(width: area.width, height: 1)
    return Layout.Request(.xAxis, sizes: [size], anchors: [.bottomLeft], avoids: [])
  }

  static func drawXAxis(_ state: FrameState, rect: Rect, into buffer: inout Buffer) {
    let theme = state.theme
    let viewport = state.heat.heatmap.viewport
    buffer.fill(
      x: 0, y: 0, width: buffer.width, height: 1,
      with: Cell(" ", background: theme.panel.background))
    let tick: Character = state.unicode ? "┴" : "^"
    // The axis's name at the right end; the labels stop short of it.
    let name = state.axisNames.0
    let nameX = buffer.width - name.count - 1
    buffer.write(name, x: nameX, y: 0, style: theme.panelTitle)
    // Labels start right of the y axis's strip.
    var free = yAxisWidth(state)
    for (value, label) in xTicks(state, columns: viewport.columns) {
      let column = Int(floor(viewport.pixel(of: SIMD2(value, viewport.yRange.lowerBound)).x))
      let x = column - rect.x
      guard x >= free, x + label.count + 1 < nameX else { continue }
      buffer[x, 0] = Cell(
        tick, foreground: theme.panel.foreground, background: theme.panel.background)
      buffer.write(label, x: x + 1, y: 0, style: theme.panel)
      free = x + label.count + 2
    }
  }

  // MARK: - Colour bar

  static let colorBarLabelWidth = 8
  static let colorBarWidth = colorBarLabelWidth + 5

  /// The colour bar's request: a strip on the right edge, up to 16 rows, above the x axis
  /// and under the legend; it shrinks to 4 rows rather than be dropped.
  static func colorBarRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard state.axes else { return nil }
    let tallest = min(16, area.height - 1)
    guard tallest >= 4 else { return nil }
    let sizes = stride(from: tallest, through: 4, by: -2).map {
      Layout.Size(width: colorBarWidth, height: $0)
    }
    // Only against the right edge: slid into the map it would read as part of it.
    return Layout.Request(.colorBar, sizes: sizes, anchors: [.bottomRight], avoids: [])
  }

  /// The loss at `t` in [0, 1] along the colour scale: the inverse of
  /// `Heatmap.position(_:scale:)`.
  static func value(at t: Double, heatmap: Heatmap, scale: Scene.Scale) -> Double {
    let span = heatmap.high - heatmap.low
    switch scale {
    case .linear: return heatmap.low + t * span
    case .log:
      let epsilon = span * 1e-4
      return heatmap.low + epsilon * pow((span + epsilon) / epsilon, t) - epsilon
    }
  }

  /// The colour bar: a title, then the ramp from the top (the highest loss shown) down,
  /// two levels a row with half blocks, with the loss written beside some rows. Without
  /// colour the ramp is the map's shading glyphs.
  static func drawColorBar(_ state: FrameState, into buffer: inout Buffer) {
    let theme = state.theme
    let heat = state.heat
    let ramp = heat.ramp
    let mono = ramp.shadesWithGlyphs
    buffer.fill(
      x: 0, y: 0, width: buffer.width, height: buffer.height,
      with: Cell(" ", background: theme.panel.background))
    buffer.write(
      heat.scale == .log ? " loss (log)" : " loss", x: 0, y: 0, style: theme.panelTitle,
      limit: buffer.width)
    let n = buffer.height - 1
    guard n > 0 else { return }
    func level(_ t: Double) -> Int { min(ramp.count - 1, max(0, Int(t * Double(ramp.count)))) }
    // Labels on the first and last rows, and every fourth row between when there is room.
    let every = n >= 9 ? 4 : max(1, n - 1)
    for r in 0..<n {
      let y = r + 1
      let top = 1 - (Double(2 * r) + 0.5) / Double(2 * n)
      let bottom = 1 - (Double(2 * r) + 1.5) / Double(2 * n)
      for x in 1...2 {
        if mono {
          let shades = HeatRamp.asciiShades
          let glyph = shades[
            min(shades.count - 1, level((top + bottom) / 2) * shades.count / ramp.count)]
          buffer[x, y] = Cell(glyph == " " && x == 1 ? (state.unicode ? "·" : ".") : glyph)
        } else if state.unicode {
          buffer[x, y] = Cell(
            "▀", foreground: ramp.colors[level(top)], background: ramp.colors[level(bottom)])
        } else {
          buffer[x, y] = Cell(" ", background: ramp.colors[level((top + bottom) / 2)])
        }
      }
      guard r == 0 || r == n - 1 || (r % every == 0 && n - 1 - r >= 2) else { continue }
      let t = r == 0 ? 1 : (r == n - 1 ? 0 : (top + bottom) / 2)
      let value = value(at: t, heatmap: heat.heatmap, scale: heat.scale)
      let label = format(value, width: colorBarLabelWidth) ?? ""
      buffer.write(
        (state.unicode ? "─" : "-") + label, x: 3, y: y, style: theme.panel,
        limit: buffer.width - 3)
    }
  }
}
