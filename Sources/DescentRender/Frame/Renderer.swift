import DescentCore
import Foundation

/// Composes frames: a pure function from a `FrameState` and a size to a `Buffer`.
///
/// Layout: the map fills the screen above two lines, the status bar and the message line.
/// The legend sits in the map's top-right corner, and the help overlay in its middle.
public enum Renderer {
  public static let minimumWidth = 40
  public static let minimumHeight = 12

  /// The map area, in cells, of a frame of `width` × `height`.
  public static func mapSize(width: Int, height: Int) -> (columns: Int, rows: Int) {
    (max(1, width), max(1, height - 2))
  }

  public static func render(_ state: FrameState, width: Int, height: Int) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    guard width >= minimumWidth, height >= minimumHeight else {
      drawTooSmall(into: &buffer)
      return buffer
    }
    drawMap(state, into: &buffer)
    drawLegend(state, into: &buffer)
    drawInspector(state, into: &buffer)
    drawLossPlot(state, into: &buffer)
    drawModelPanel(state, into: &buffer)
    drawCaption(state, into: &buffer)
    drawStatus(state, into: &buffer, row: height - 2)
    drawMessage(state, into: &buffer, row: height - 1)
    if state.showHelp { drawHelp(state, into: &buffer) }
    return buffer
  }

  // MARK: - Too small

  static func drawTooSmall(into buffer: inout Buffer) {
    let lines = [
      "Terminal too small",
      "need \(minimumWidth)x\(minimumHeight), have \(buffer.width)x\(buffer.height)",
      "enlarge it, or q to quit",
    ]
    let top = max(0, (buffer.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
      let text = String(line.prefix(buffer.width))
      buffer.write(text, x: max(0, (buffer.width - text.count) / 2), y: top + i, style: Style())
    }
  }

  // MARK: - Map

  static func drawMap(_ state: FrameState, into buffer: inout Buffer) {
    let heat = state.heat
    let viewport = heat.heatmap.viewport
    let theme = state.theme
    let ramp = heat.ramp
    let pw = viewport.pixelWidth
    let ph = viewport.pixelHeight
    let columns = min(buffer.width, viewport.columns)
    let rows = min(buffer.height - 2, viewport.rows)
    let mono = theme.tier == .none

    // Pixel colours (or, without colour, pixel levels), contours included.
    var pixels = [Color](repeating: theme.hole, count: pw * ph)
    let shift = max(2, ramp.count / 8)
    if !mono {
      for i in 0..<pixels.count {
        var level = Int(heat.levels[i])
        guard level >= 0 else { continue }
        if state.contours && heat.contour[i] {
          level = level >= shift ? level - shift : min(ramp.count - 1, level + shift)
        }
        pixels[i] = ramp.colors[level]
      }
    }

    // Paths: connected segments at pixel resolution. Without colour (or without Unicode's
    // half blocks) a path marks whole cells instead.
    var trailCells = [OptimizerKind?](repeating: nil, count: columns * rows)
    // Few colours cannot tell a path from the heat beneath it, so those tiers draw paths as
    // glyphs in whole cells, and heads as the optimizer's number.
    let richColor = theme.tier == .truecolor || theme.tier == .xterm256
    let pixelPaths = richColor && state.unicode
    // Drawn last to first, so the first optimizer's path lies on top.
    for run in state.runs.reversed() {
      let color = theme.path(run.kind)
      var previous: SIMD2<Double>? = nil
      for point in run.trail.points {
        let p = viewport.pixel(of: point)
        defer { previous = p }
        guard let q = previous else { continue }
        Raster.segment(from: q, to: p, width: pw, height: ph) { x, y in
          if pixelPaths {
            pixels[y * pw + x] = color
          } else if x < columns && y / 2 < rows {
            trailCells[(y / 2) * columns + x] = run.kind
          }
        }
      }
    }

    // Cells.
    for row in 0..<rows {
      for column in 0..<columns {
        let top = (2 * row) * pw + column
        let bottom = top + pw
        var cell: Cell
        if mono {
          let a = heat.levels[top]
          let b = heat.levels[bottom]
          let level = a < 0 ? b : (b < 0 ? a : (a + b) / 2)
          let shades = HeatRamp.asciiShades
          var glyph: Character =
            level < 0 ? " " : shades[min(shades.count - 1, Int(level) * shades.count / ramp.count)]
          if state.contours && (heat.contour[top] || heat.contour[bottom]) {
            glyph = state.unicode ? "·" : "'"
          }
          cell = Cell(glyph)
        } else if state.unicode {
          cell = Cell("▀", foreground: pixels[top], background: pixels[bottom])
        } else {
          cell = Cell(" ", background: pixels[top])
        }
        if let kind = trailCells[row * columns + column] {
          cell.symbol = state.unicode ? "•" : "o"
          cell.foreground = theme.path(kind)
        }
        buffer[column, row] = cell
      }
    }

    func place(
      _ glyph: Character, at point: SIMD2<Double>, color: Color, background: Color? = nil
    ) {
      guard let (column, row) = viewport.cell(of: point), column < columns, row < rows else {
        return
      }
      var cell = buffer[column, row]
      // Keep the heat colour of the cell's lower half as the glyph's background.
      if cell.symbol == "▀" { cell.background = pixels[(2 * row + 1) * pw + column] }
      if let background { cell.background = background }
      cell.symbol = glyph
      cell.foreground = color
      cell.attributes = [.bold]
      buffer[column, row] = cell
    }

    let u = state.unicode
    place(u ? "○" : "o", at: state.start, color: theme.marker)
    for minimum in state.minima { place(u ? "★" : "*", at: minimum, color: theme.marker) }
    for saddle in state.saddles { place(u ? "✕" : "x", at: saddle, color: theme.marker) }
    for (index, run) in state.runs.enumerated() {
      let kindIndex = OptimizerKind.allCases.firstIndex(of: run.kind) ?? index
      let glyph: Character = richColor && u ? "●" : Character(String(kindIndex + 1))
      for member in run.swarm {
        place(richColor && u ? "•" : (u ? "∘" : "."), at: member, color: theme.path(run.kind))
      }
      if let head = run.head {
        place(glyph, at: head, color: theme.path(run.kind), background: theme.headBackground)
      }
      if state.arrows, let gradient = run.gradient, let head = run.head,
        let (column, row) = viewport.cell(of: head)
      {
        drawArrow(
          downhill: -gradient, fromColumn: column, row: row, viewport: viewport, unicode: u,
          color: theme.path(run.kind), into: &buffer, limit: (columns, rows), pixels: pixels)
      }
    }
    // The cursor yields to a head in the same cell: where an optimizer is matters more.
    let headCells = state.runs.compactMap { $0.head.flatMap { viewport.cell(of: $0) } }
    if let cursor = state.cursor, let cell = viewport.cell(of: cursor),
      !headCells.contains(where: { $0 == cell })
    {
      place("+", at: cursor, color: theme.cursor)
    }
  }

  /// An arrow glyph in the cell next to a head, pointing along `direction` (downhill).
  static func drawArrow(
    downhill direction: SIMD2<Double>, fromColumn column: Int, row: Int, viewport: Viewport,
    unicode: Bool, color: Color, into buffer: inout Buffer, limit: (columns: Int, rows: Int),
    pixels: [Color]
  ) {
    guard direction.x.isFinite, direction.y.isFinite, direction != .zero else { return }
    // World direction to cell space: columns grow with x, rows shrink with y.
    let sx = Double(viewport.pixelWidth) / (viewport.xRange.upperBound - viewport.xRange.lowerBound)
    let sy =
      Double(viewport.pixelHeight) / (viewport.yRange.upperBound - viewport.yRange.lowerBound)
    let angle = atan2(direction.y * sy / 2, direction.x * sx)
    let octant = (Int((angle / (Double.pi / 4)).rounded()) + 8) % 8
    let arrows: [Character] =
      unicode
      ? ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"] : [">", "/", "^", "\\", "<", "/", "v", "\\"]
    let steps = [(1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1)]
    let (dx, dy) = steps[octant]
    let (c, r) = (column + dx, row + dy)
    guard c >= 0, r >= 0, c < limit.columns, r < limit.rows else { return }
    var cell = buffer[c, r]
    if cell.symbol == "▀" { cell.background = pixels[(2 * r + 1) * viewport.pixelWidth + c] }
    cell.symbol = arrows[octant]
    cell.foreground = color
    cell.attributes = [.bold]
    buffer[c, r] = cell
  }

  // MARK: - Panels

  static func drawLegend(_ state: FrameState, into buffer: inout Buffer) {
    guard !state.runs.isEmpty else { return }
    let theme = state.theme
    // Wide terminals also show what each run has spent: gradient evaluations, or for a
    // gradient-free method, evaluations of f.
    let showCost = buffer.width >= 100
    let width = min(showCost ? 40 : 32, buffer.width / 2)
    let x = buffer.width - width
    for (i, run) in state.runs.enumerated() where i < buffer.height - 3 {
      buffer.fill(
        x: x, y: i, width: width, height: 1,
        with: Cell(" ", background: theme.panel.background))
      var style = theme.panel
      style.foreground = theme.path(run.kind)
      style.attributes = [.bold]
      let kindIndex = (OptimizerKind.allCases.firstIndex(of: run.kind) ?? i) + 1
      let richColor = theme.tier == .truecolor || theme.tier == .xterm256
      let bullet = state.unicode && richColor ? "●" : String(kindIndex)
      var column = buffer.write(" \(bullet) ", x: x, y: i, style: style)
      column = buffer.write(
        run.kind.rawValue.padding(to: 9), x: column, y: i, style: theme.panelTitle)
      if run.diverged {
        column = buffer.write(
          "diverged".padding(to: 15), x: column, y: i, style: theme.diverged,
          limit: buffer.width - column)
      } else {
        column = buffer.write(
          ("loss " + format(run.loss)).padding(to: 15), x: column, y: i, style: theme.panel,
          limit: buffer.width - column)
      }
      if showCost {
        buffer.write(
          costText(run.evaluations), x: column, y: i, style: theme.panel,
          limit: buffer.width - column)
      }
    }
    // Notes under the legend (a network scene's: what the paths are, what a gradient costs).
    let top = state.runs.count
    for (k, note) in state.legendNotes.enumerated() where top + k < buffer.height - 3 {
      buffer.fill(
        x: x, y: top + k, width: width, height: 1,
        with: Cell(" ", background: theme.panel.background))
      buffer.write(" " + note, x: x, y: top + k, style: theme.panel, limit: width)
    }
  }

  static func drawStatus(_ state: FrameState, into buffer: inout Buffer, row: Int) {
    let theme = state.theme
    buffer.fill(
      x: 0, y: row, width: buffer.width, height: 1,
      with: Cell(
        " ", background: theme.statusBar.background, attributes: theme.statusBar.attributes))
    let bar = state.unicode ? " │ " : " | "
    let runs = state.runs
    let step = runs.map(\.step).max() ?? 0
    let single = runs.count == 1 ? runs.first : nil
    let live = runs.filter { !$0.diverged && $0.loss.isFinite }
    // (priority, text): the lowest priorities are dropped first when the bar is too narrow.
    // Numbers are padded to a fixed width, so the fields after them stay put as they change,
    // unless the padding would cost a field.
    typealias Segment = (priority: Int, text: String)
    func segments(padded: Bool) -> [Segment] {
      func number(_ value: Double) -> String {
        padded ? format(value).padding(to: 9) : format(value)
      }
      var result: [Segment] = [
        (1, state.title),
        (9, runs.isEmpty ? "no optimizer" : runs.map(\.kind.rawValue).joined(separator: " ")),
        (8, "step " + (padded ? String(step).padding(to: 6) : String(step))),
      ]
      if let single {
        result.append((7, single.diverged ? "diverged" : "loss " + number(single.loss)))
        if let g = single.gradient {
          result.append((5, "|∇f| " + number((g * g).sum().squareRoot())))
        }
        if let lr = single.learningRate { result.append((4, "lr " + format(lr))) }
      } else if let best = live.min(by: { $0.loss < $1.loss }) {
        // Narrow bars drop the name: the legend says which optimizer it is.
        result.append((7, "best " + (padded ? "\(best.kind.rawValue) " : "") + number(best.loss)))
      }
      if state.finiteDifferences { result.append((6, "∇ by finite differences")) }
      if let speed = state.stepsPerSecond { result.append((3, "\(format(speed)) steps/s")) }
      return result
    }
    let stateText =
      state.paused
      ? (state.unicode ? "■ paused" : "|| paused") : (state.unicode ? "▶ running" : "> running")
    func length(_ parts: [Segment]) -> Int {
      parts.reduce(0) { $0 + $1.text.count + bar.count } + stateText.count + 2
    }
    func fitted(_ parts: [Segment]) -> [Segment] {
      var kept = parts
      while length(kept) > buffer.width,
        let lowest = kept.indices.min(by: { kept[$0].priority < kept[$1].priority })
      {
        kept.remove(at: lowest)
      }
      return kept
    }
    let padded = fitted(segments(padded: true))
    let plain = fitted(segments(padded: false))
    let kept = plain.count > padded.count ? plain : padded
    var column = buffer.write(" ", x: 0, y: row, style: theme.statusBar)
    for segment in kept {
      column = buffer.write(segment.text, x: column, y: row, style: theme.statusBar)
      column = buffer.write(bar, x: column, y: row, style: theme.statusBar)
    }
    buffer.write(
      stateText, x: column, y: row, style: state.paused ? theme.statusPaused : theme.statusRunning)
  }

  static func drawMessage(_ state: FrameState, into buffer: inout Buffer, row: Int) {
    let text = state.message.isEmpty ? "? help   q quit" : state.message
    buffer.write(String(text.prefix(buffer.width)), x: 0, y: row, style: state.theme.message)
  }

  static func drawHelp(_ state: FrameState, into buffer: inout Buffer) {
    let theme = state.theme
    let keyWidth = KeyTable.rows.map(\.keys.count).max() ?? 0
    let widest = keyWidth + 2 + (KeyTable.rows.map(\.help.count).max() ?? 0)
    let width = min(buffer.width - 2, widest + 4)
    let helpWidth = max(8, width - 4 - keyWidth - 2)
    // One line per key row, its help wrapped to the box.
    var lines: [(keys: String, help: String)] = []
    for row in KeyTable.rows {
      for (i, part) in wrap(row.help, width: helpWidth).enumerated() {
        lines.append(
          (i == 0 ? row.keys.padding(to: keyWidth) : String(repeating: " ", count: keyWidth), part))
      }
    }
    if lines.count + 2 > buffer.height - 4 {
      drawCompactHelp(state, into: &buffer)
      return
    }
    let height = min(buffer.height - 4, lines.count + 2)
    let (x, y) = drawHelpBox(width: width, height: height, theme: theme, into: &buffer)
    let shown = height - 2
    for (i, line) in lines.prefix(shown).enumerated() {
      let truncated = i == shown - 1 && shown < lines.count
      let column = buffer.write(line.keys, x: x + 2, y: y + 1 + i, style: theme.helpKey)
      buffer.write(
        "  " + (truncated ? "… (a taller terminal shows more)" : line.help), x: column,
        y: y + 1 + i, style: theme.panel, limit: x + width - 1 - column)
    }
  }

  /// The help overlay's panel, centred over the map; returns its top-left corner.
  static func drawHelpBox(width: Int, height: Int, theme: Theme, into buffer: inout Buffer)
    -> (x: Int, y: Int)
  {
    let x = max(0, (buffer.width - width) / 2)
    let y = max(0, (buffer.height - 2 - height) / 2)
    buffer.fill(
      x: x, y: y, width: width, height: height,
      with: Cell(" ", background: theme.panel.background))
    buffer.write(" keys ", x: x + 2, y: y, style: theme.panelTitle)
    return (x, y)
  }

  /// The key table in two columns of short descriptions, for terminals too short for the
  /// full list (80x24 among them).
  static func drawCompactHelp(_ state: FrameState, into buffer: inout Buffer) {
    let theme = state.theme
    let rows = KeyTable.rows
    let keyWidth = rows.map(\.keys.count).max() ?? 0
    let columnWidth = keyWidth + 2 + (rows.map(\.short.count).max() ?? 0)
    let half = (rows.count + 1) / 2
    let width = min(buffer.width - 2, 2 * columnWidth + 6)
    let height = min(buffer.height - 4, half + 2)
    let (x, y) = drawHelpBox(width: width, height: height, theme: theme, into: &buffer)
    for (index, row) in rows.enumerated() {
      let line = index % half
      guard line < height - 2 else { continue }
      let left = x + 2 + (index / half) * (columnWidth + 2)
      let column = buffer.write(
        row.keys.padding(to: keyWidth), x: left, y: y + 1 + line, style: theme.helpKey,
        limit: x + width - left)
      buffer.write(
        "  " + row.short, x: column, y: y + 1 + line, style: theme.panel,
        limit: max(0, x + width - 1 - column))
    }
  }

  /// What a run has spent, short: `51 ∇f`, `255 f`, or both.
  public static func costText(_ evaluations: EvaluationCount) -> String {
    switch (evaluations.gradients, evaluations.values) {
    case (0, let values): "\(values) f"
    case (let gradients, 0): "\(gradients) ∇f"
    case (let gradients, let values): "\(gradients) ∇f + \(values) f"
    }
  }

  /// Splits `text` into lines of at most `width` characters at spaces.
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if !current.isEmpty && current.count + 1 + word.count > width {
        lines.append(current)
        current = ""
      }
      current += (current.isEmpty ? "" : " ") + word
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
  }

  /// Four significant digits: `0.1235`, `1.235e-05`, `1.235e+04`.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    return String(format: "%.4g", value)
  }
}

extension String {
  fileprivate func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
