import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Composes frames: a pure function from a `FrameState` and a size to a `Buffer`.
///
/// Layout: the map fills the screen above two lines, the status bar and the message line.
/// The panels over the map (legend, help, caption, inspector, network panel, loss plot) get
/// their rectangles from one `Layout` (see `layout(_:width:height:)`), and each draws only
/// inside its own.
public enum Renderer {
  public static let minimumWidth = 40
  public static let minimumHeight = 12

  /// The map area, in cells, of a frame of `width` × `height`.
  public static func mapSize(width: Int, height: Int) -> (columns: Int, rows: Int) {
    (max(1, width), max(1, height - 2))
  }

  public static func render(_ state: FrameState, width: Int, height: Int) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    buffer.ascii = !state.unicode
    guard width >= minimumWidth, height >= minimumHeight else {
      drawTooSmall(into: &buffer)
      return buffer
    }
    let layout = layout(state, width: width, height: height)
    drawMap(state, into: &buffer, under: layout.placed.map(\.rect))
    for (panel, rect) in layout.placed {
      buffer.draw(in: rect) { draw(panel, state, rect: rect, into: &$0) }
    }
    drawStatus(state, into: &buffer, row: height - 2)
    drawMessage(state, note: droppedNote(layout), into: &buffer, row: height - 1)
    return buffer
  }

  /// Draws `panel` into a buffer that is exactly its rectangle, `rect` of the frame.
  static func draw(_ panel: Panel, _ state: FrameState, rect: Rect, into buffer: inout Buffer) {
    switch panel {
    case .yAxis: drawYAxis(state, rect: rect, into: &buffer)
    case .xAxis: drawXAxis(state, rect: rect, into: &buffer)
    case .colorBar: drawColorBar(state, into: &buffer)
    case .description: drawDescription(state, into: &buffer)
    case .legend: drawLegend(state, into: &buffer)
    case .help:
      if state.picker != nil {
        drawPicker(state, into: &buffer)
      } else {
        drawHelp(state, into: &buffer)
      }
    case .caption: drawCaption(state, into: &buffer)
    case .inspector: drawInspector(state, into: &buffer)
    case .equations: drawEquations(state, into: &buffer)
    case .network: drawModelPanel(state, into: &buffer)
    case .lossPlot: drawLossPlot(state, into: &buffer)
    case .costCurve: drawCostCurve(state, into: &buffer)
    case .crossSection: drawCrossSection(state, into: &buffer)
    }
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

  /// The map, and over it what belongs to it; `panels` are the rectangles the panels will
  /// cover, which explain mode's labels keep out of.
  static func drawMap(_ state: FrameState, into buffer: inout Buffer, under panels: [Rect] = []) {
    let heat = state.heat
    let viewport = heat.heatmap.viewport
    let theme = state.theme
    let ramp = heat.ramp
    let pw = viewport.pixelWidth
    let ph = viewport.pixelHeight
    let columns = min(buffer.width, viewport.columns)
    let rows = min(buffer.height - 2, viewport.rows)
    // No colour for the heat (no colour at all, or graphite on 16 or 8 colours): glyphs.
    let mono = ramp.shadesWithGlyphs
    if let surface = state.surface {
      drawSurface(state, view: surface, into: &buffer, columns: columns, rows: rows)
      return
    }

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
    var trailCells = [Color?](repeating: nil, count: columns * rows)
    // Few colours cannot tell a path from the heat beneath it, so those tiers draw paths as
    // glyphs in whole cells, and heads as the optimizer's number.
    let richColor = theme.tier == .truecolor || theme.tier == .xterm256
    let pixelPaths = richColor && state.unicode
    // Whole cells are heavy enough: only pixel paths are thickened.
    let brush = pixelPaths ? state.brush : [(0, 0)]
    // Drawn last to first, so the first optimizer's path lies on top.
    for run in state.runs.reversed() {
      let color = theme.path(run.kind, shade: run.shade)
      var previous: SIMD2<Double>? = nil
      for point in state.trailPoints(run) {
        let p = viewport.pixel(of: point)
        defer { previous = p }
        guard let q = previous else { continue }
        Raster.segment(from: q, to: p, width: pw, height: ph) { x0, y0 in
          for (dx, dy) in brush {
            let (x, y) = (x0 + dx, y0 + dy)
            guard x < pw, y < ph else { continue }
            if pixelPaths {
              pixels[y * pw + x] = color
            } else if x < columns && y / 2 < rows {
              trailCells[(y / 2) * columns + x] = color
            }
          }
        }
      }
    }

    // The inspected run's internals: segments and paths like trails, points as dots below.
    var markPoints: [(SIMD2<Double>, Color)] = []
    for run in state.runs
    where run.kind == state.inspected?.kind && run.name == state.inspected?.name {
      let color = theme.path(run.kind, shade: run.shade)
      func line(_ a: SIMD2<Double>, _ b: SIMD2<Double>) {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        Raster.segment(
          from: viewport.pixel(of: a), to: viewport.pixel(of: b), width: pw, height: ph
        ) { x, y in
          if pixelPaths {
            pixels[y * pw + x] = color
          } else if x < columns && y / 2 < rows {
            trailCells[(y / 2) * columns + x] = color
          }
        }
      }
      for mark in run.marks {
        switch mark.shape {
        case .segment(let a, let b): line(a, b)
        case .path(let points, let closed):
          for (a, b) in zip(points, points.dropFirst()) { line(a, b) }
          if closed, let first = points.first, let last = points.last { line(last, first) }
        case .points(let points): markPoints += points.map { ($0, color) }
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
        if let color = trailCells[row * columns + column] {
          cell.symbol = trailGlyph(state)
          cell.foreground = color
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

    let explain = explainDrawing(state, columns: columns, rows: rows, under: panels)
    drawExplainLines(explain, into: &buffer, columns: columns, rows: rows)

    let u = state.unicode
    let projector = state.style == .projector
    // Runs that share a colour's shades carry their numbers even in rich colour.
    func headGlyph(_ run: RunView) -> Character {
      richColor && u && run.shade.count == 1 ? "●" : run.label ?? Renderer.label(of: run.kind)
    }
    // A projector's heads are blocks, drawn before the markers so that a block's sides
    // never hide a minimum or the start.
    if projector {
      for run in state.runs.reversed() {
        guard let head = run.head, let (column, row) = viewport.cell(of: head) else { continue }
        drawHeadBlock(
          headGlyph(run), column: column, row: row, color: theme.path(run.kind, shade: run.shade),
          state: state,
          into: &buffer, limit: (columns, rows)
        ) { c, r in mono ? nil : pixels[(2 * r + 1) * pw + c] }
      }
    }
    place(u ? "○" : "o", at: state.start, color: theme.marker)
    for minimum in state.minima { place(u ? "★" : "*", at: minimum, color: theme.marker) }
    for saddle in state.saddles { place(u ? "✕" : "x", at: saddle, color: theme.marker) }
    for (point, color) in markPoints { place(u ? "∘" : ".", at: point, color: color) }
    drawExplainNames(explain, state, into: &buffer, columns: columns, rows: rows)
    for run in state.runs {
      let glyph = headGlyph(run)
      let color = theme.path(run.kind, shade: run.shade)
      for member in run.swarm {
        place(richColor && u ? "•" : (u ? "∘" : "."), at: member, color: color)
      }
      if let head = run.head {
        if projector, let (column, row) = viewport.cell(of: head) {
          // The centre again, over any marker or member drawn since.
          drawHeadBlock(
            glyph, column: column, row: row, color: color, state: state,
            into: &buffer, limit: (columns, rows), sides: false
          ) { _, _ in nil }
        } else {
          place(glyph, at: head, color: color, background: theme.headBackground)
        }
      }
      if state.arrows, let gradient = run.gradient, let head = run.head,
        let (column, row) = viewport.cell(of: head)
      {
        drawArrow(
          downhill: -gradient, fromColumn: column, row: row, viewport: viewport, unicode: u,
          color: color, into: &buffer, limit: (columns, rows), pixels: pixels)
      }
    }
    // The cursor yields to a head in the same cell: where an optimizer is matters more; and
    // to explain mode's letters and labels.
    let headCells = state.runs.compactMap { $0.head.flatMap { viewport.cell(of: $0) } }
    if let cursor = state.cursor, let cell = viewport.cell(of: cursor),
      !headCells.contains(where: { $0 == cell }),
      !((explain?.letters ?? []) + (explain?.labels ?? [])).contains(where: {
        $0.column == cell.column && $0.row == cell.row
      })
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
    guard let (glyph, (dx, dy)) = arrow(downhill: direction, viewport: viewport, unicode: unicode)
    else { return }
    let (c, r) = (column + dx, row + dy)
    guard c >= 0, r >= 0, c < limit.columns, r < limit.rows else { return }
    var cell = buffer[c, r]
    if cell.symbol == "▀" { cell.background = pixels[(2 * r + 1) * viewport.pixelWidth + c] }
    cell.symbol = glyph
    cell.foreground = color
    cell.attributes = [.bold]
    buffer[c, r] = cell
  }

  /// The arrow glyph for a world direction, and the neighbouring cell (column and row
  /// offsets) to draw it in.
  ///
  /// A heatmap pixel is half a cell and cells are about twice as tall as wide, so pixels are
  /// square: the glyph's direction is the direction in pixels, `(dx·sx, dy·sy)`. The
  /// neighbour is the cell whose centre lies nearest that direction on screen (a row is two
  /// pixels, so the diagonal neighbours sit at about 63°, not 45°).
  static func arrow(downhill direction: SIMD2<Double>, viewport: Viewport, unicode: Bool)
    -> (glyph: Character, offset: (Int, Int))?
  {
    guard direction.x.isFinite, direction.y.isFinite, direction != .zero else { return nil }
    // World direction to pixels: columns grow with x, rows shrink with y.
    let sx = Double(viewport.pixelWidth) / (viewport.xRange.upperBound - viewport.xRange.lowerBound)
    let sy =
      Double(viewport.pixelHeight) / (viewport.yRange.upperBound - viewport.yRange.lowerBound)
    let angle = atan2(direction.y * sy, direction.x * sx)
    let octant = (Int((angle / (Double.pi / 4)).rounded()) + 8) % 8
    let arrows: [Character] =
      unicode
      ? ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"] : [">", "/", "^", "\\", "<", "/", "v", "\\"]
    let steps = [(1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1)]
    // A neighbour's centre is (dx, −2·dy) pixels away.
    func gap(_ step: (Int, Int)) -> Double {
      let d = abs(atan2(Double(-2 * step.1), Double(step.0)) - angle)
      return min(d, 2 * Double.pi - d)
    }
    return (arrows[octant], steps.min { gap($0) < gap($1) }!)
  }

  // MARK: - Panels

  /// The legend's request: one line per run and per note, in the map's top-right corner.
  static func legendRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard !state.runs.isEmpty else { return nil }
    // Wide terminals also show what each run has spent: gradient evaluations, or for a
    // gradient-free method, evaluations of f.
    let showCost = area.width >= 80
    // Wider still, the settings' values follow, when half the screen holds them.
    let settings = state.runs.map { state.text($0.settings).count }.max() ?? 0
    let extra = legendNameWidth(state) - 9
    let withSettings = legendWideWidth + extra + 1 + settings
    let width =
      showCost && settings > 0 && withSettings <= area.width / 2
      ? withSettings : (showCost ? legendWideWidth : 32) + extra
    let size = Layout.Size(
      width: min(width, area.width / 2),
      height: min(state.runs.count + state.legendNotes.count, area.height - 1))
    return Layout.Request(.legend, sizes: [size], anchors: [.topRight])
  }

  static let legendWideWidth = 40

  /// The legend's name column: 9, or one more than the longest name shown (`nelder-mead`).
  static func legendNameWidth(_ state: FrameState) -> Int {
    max(9, (state.runs.map { DisplayWidth.of(state.text($0.name)) }.max() ?? 0) + 1)
  }

  static func drawLegend(_ state: FrameState, into buffer: inout Buffer) {
    let theme = state.theme
    // Only a frame 80 columns wide or more gives the legend room for the costs.
    let nameWidth = legendNameWidth(state)
    let showCost = buffer.width >= legendWideWidth + nameWidth - 9
    let width = buffer.width
    let x = 0
    for (i, run) in state.runs.enumerated() where i < buffer.height {
      buffer.fill(
        x: x, y: i, width: width, height: 1,
        with: Cell(" ", background: theme.panel.background))
      var style = theme.panel
      style.foreground = theme.path(run.kind, shade: run.shade)
      style.attributes = [.bold]
      let richColor = theme.tier == .truecolor || theme.tier == .xterm256
      let bullet =
        state.unicode && richColor && run.shade.count == 1
        ? "●" : String(run.label ?? Renderer.label(of: run.kind))
      var column = buffer.write(" \(bullet) ", x: x, y: i, style: style)
      column = buffer.write(
        state.text(run.name).padding(to: nameWidth), x: column, y: i, style: theme.panelTitle)
      if run.diverged {
        column = buffer.write(
          "diverged".padding(to: 15), x: column, y: i, style: theme.diverged,
          limit: buffer.width - column)
      } else {
        // "loss 6829", or the number alone where the label leaves it no room, or nothing.
        let room = min(15, buffer.width - column)
        let text =
          format(run.loss, width: room - 5).map { "loss " + $0 }
          ?? format(run.loss, width: room) ?? ""
        column = buffer.write(
          text.padding(to: 15), x: column, y: i, style: theme.panel, limit: room)
      }
      // The spend in a budget race; a scheduled run's current rate; else the cost.
      let cost = state.text(
        spendText(run, mode: state.raceMode)
          ?? (run.scheduled
            ? run.learningRate.map { "lr " + format($0) } ?? "" : costText(run.evaluations)))
      if showCost && cost.count <= buffer.width - column {
        column = buffer.write(cost, x: column, y: i, style: theme.panel)
      }
      let settings = state.text(run.settings)
      // After a long name (an instance's settings, a label), past where the cost ended.
      let settingsColumn = max(x + legendWideWidth, column + 1)
      if !settings.isEmpty && settingsColumn + settings.count <= buffer.width {
        buffer.write(settings, x: settingsColumn, y: i, style: theme.panel)
      }
    }
    // Notes under the legend (a network scene's: what the paths are, what a gradient costs).
    let top = state.runs.count
    for (k, note) in state.legendNotes.enumerated() where top + k < buffer.height {
      buffer.fill(
        x: x, y: top + k, width: width, height: 1,
        with: Cell(" ", background: theme.panel.background))
      buffer.write(" " + state.text(note), x: x, y: top + k, style: theme.panel, limit: width)
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
    // In a race by budget the runs have spent the same, not taken the same steps: the bar
    // gives the range of their steps.
    let fewest = state.raceMode == .steps ? step : runs.map(\.step).min() ?? 0
    let single = runs.count == 1 ? runs.first : nil
    let live = runs.filter { !$0.diverged && $0.loss.isFinite }
    // (priority, text, shorter forms): when the bar is too narrow, the lowest priority is
    // shortened if it can be, else dropped. The step and the loss outlast the optimizers'
    // names, which shorten first (the legend names them in full). Numbers are padded to a
    // fixed width, so the fields after them stay put as they change, unless the padding
    // would cost a field.
    typealias Segment = (priority: Int, text: String, shorter: [String])
    func segments(padded: Bool) -> [Segment] {
      func number(_ value: Double) -> String {
        padded ? format(value).padding(to: 9) : format(value)
      }
      let names = runs.map(\.name)
      var result: [Segment] = [
        (1, state.title, []),
        (
          7, names.isEmpty ? "no optimizer" : names.joined(separator: " "),
          names.count > 1
            ? [
              names.map { String($0.prefix(3)) }.joined(separator: " "),
              "\(names.count) optimizers",
            ]
            : []
        ),
        fewest == step
          ? (9, "step " + (padded ? String(step).padding(to: 6) : String(step)), [])
          : (
            9,
            "steps " + (padded ? "\(fewest)–\(step)".padding(to: 13) : "\(fewest)–\(step)"),
            []
          ),
      ]
      if let single {
        result.append((8, single.diverged ? "diverged" : "loss " + number(single.loss), []))
        if let g = single.gradient {
          result.append((5, "|∇f| " + number((g * g).sum().squareRoot()), []))
        }
        if let lr = single.learningRate { result.append((4, "lr " + format(lr), [])) }
      } else if let best = live.min(by: { $0.loss < $1.loss }) {
        // Narrow bars drop the name: the legend says which optimizer it is.
        result.append(
          (8, "best " + (padded ? "\(best.name) " : "") + number(best.loss), []))
      }
      if state.finiteDifferences { result.append((6, "∇ by finite differences", [])) }
      if let speed = state.stepsPerSecond { result.append((3, "\(format(speed)) steps/s", [])) }
      return result.map { ($0.priority, state.text($0.text), $0.shorter.map(state.text)) }
    }
    let stateText =
      state.paused
      ? (state.unicode ? "■ paused" : "|| paused") : (state.unicode ? "▶ running" : "> running")
    func length(_ parts: [Segment]) -> Int {
      parts.reduce(0) { $0 + DisplayWidth.of($1.text) + bar.count } + stateText.count + 2
    }
    func fitted(_ parts: [Segment]) -> [Segment] {
      var kept = parts
      while length(kept) > buffer.width,
        let lowest = kept.indices.min(by: { kept[$0].priority < kept[$1].priority })
      {
        if kept[lowest].shorter.isEmpty {
          kept.remove(at: lowest)
        } else {
          kept[lowest].text = kept[lowest].shorter.removeFirst()
        }
      }
      return kept
    }
    let padded = fitted(segments(padded: true))
    let plain = fitted(segments(padded: false))
    // The one that keeps more fields, then the one that shortened less, then padding.
    func score(_ parts: [Segment]) -> Int {
      parts.count * 10 + parts.map(\.shorter.count).reduce(0, +)
    }
    let kept = score(plain) > score(padded) ? plain : padded
    var column = buffer.write(" ", x: 0, y: row, style: theme.statusBar)
    for segment in kept {
      column = buffer.write(segment.text, x: column, y: row, style: theme.statusBar)
      column = buffer.write(bar, x: column, y: row, style: theme.statusBar)
    }
    buffer.write(
      stateText, x: column, y: row, style: state.paused ? theme.statusPaused : theme.statusRunning)
  }

  static func drawMessage(_ state: FrameState, note: String?, into buffer: inout Buffer, row: Int) {
    if let line = state.commandLine {
      // The end of a long line stays in sight, where the typing is.
      let text = state.text(line)
      buffer.write(
        String(text.suffix(buffer.width)), x: 0, y: row, style: state.theme.message)
      return
    }
    var text = state.message.isEmpty ? "? help   q quit" : state.text(state.message)
    if let note {
      // A narrow line shows the note first: the message says again what changes, the note
      // explains what is missing.
      let full = text + "   (" + note + ")"
      text = full.count <= buffer.width ? full : "(" + note + ")  " + text
    }
    buffer.write(String(text.prefix(buffer.width)), x: 0, y: row, style: state.theme.message)
  }

  // MARK: - Help

  /// The help overlay's request: the full key table if the map is tall enough for it, else
  /// two columns of short descriptions (80x24 among them), cut short as a last resort.
  static func helpRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard state.showHelp else { return nil }
    let full = fullHelpLines(width: fullHelpWidth(area.width), text: state.text)
    var sizes: [Layout.Size] = []
    if full.count + 2 <= area.height - 2 {
      sizes.append(Layout.Size(width: fullHelpWidth(area.width), height: full.count + 2))
    }
    let compactWidth = min(area.width - 2, 2 * compactHelpColumnWidth + 6)
    let compactHeight = min(area.height - 2, (KeyTable.rows.count + 1) / 2 + 2)
    for height in stride(from: compactHeight, through: 3, by: -1) {
      sizes.append(Layout.Size(width: compactWidth, height: height))
    }
    return Layout.Request(.help, sizes: sizes, anchors: [.center])
  }

  static let helpKeyWidth = KeyTable.rows.map(\.keys.count).max() ?? 0
  static let widestHelp = helpKeyWidth + 2 + (KeyTable.rows.map(\.help.count).max() ?? 0)

  static func fullHelpWidth(_ areaWidth: Int) -> Int {
    min(areaWidth - 2, widestHelp + 4)
  }

  /// One line per key row, its help wrapped to a box `width` wide.
  static func fullHelpLines(width: Int, text: (String) -> String) -> [(
    keys: String, help: String
  )] {
    let keyWidth = helpKeyWidth
    let helpWidth = max(8, width - 4 - keyWidth - 2)
    var lines: [(keys: String, help: String)] = []
    for row in KeyTable.rows {
      for (i, part) in wrap(text(row.help), width: helpWidth).enumerated() {
        lines.append(
          (i == 0 ? row.keys.padding(to: keyWidth) : String(repeating: " ", count: keyWidth), part))
      }
    }
    return lines
  }

  static let compactHelpColumnWidth =
    helpKeyWidth + 2 + (KeyTable.rows.map(\.short.count).max() ?? 0)

  /// The full key table if the box holds it, else the compact one.
  static func drawHelp(_ state: FrameState, into buffer: inout Buffer) {
    let theme = state.theme
    let lines = fullHelpLines(width: buffer.width, text: state.text)
    guard lines.count + 2 <= buffer.height else {
      drawCompactHelp(state, into: &buffer)
      return
    }
    drawHelpBox(theme: theme, into: &buffer)
    let width = buffer.width
    for (i, line) in lines.enumerated() {
      let column = buffer.write(line.keys, x: 2, y: 1 + i, style: theme.helpKey)
      buffer.write(
        "  " + line.help, x: column, y: 1 + i, style: theme.panel, limit: width - 1 - column)
    }
  }

  /// The help overlay's panel and title.
  static func drawHelpBox(theme: Theme, into buffer: inout Buffer) {
    buffer.fill(
      x: 0, y: 0, width: buffer.width, height: buffer.height,
      with: Cell(" ", background: theme.panel.background))
    buffer.write(" keys ", x: 2, y: 0, style: theme.panelTitle)
  }

  /// The key table in two columns of short descriptions, for terminals too short for the
  /// full list.
  static func drawCompactHelp(_ state: FrameState, into buffer: inout Buffer) {
    let theme = state.theme
    let rows = KeyTable.rows
    let keyWidth = helpKeyWidth
    let columnWidth = compactHelpColumnWidth
    let half = (rows.count + 1) / 2
    let (width, height) = (buffer.width, buffer.height)
    drawHelpBox(theme: theme, into: &buffer)
    // A box cut short by the panels around it says so on its last line.
    let shown = half > height - 2 ? height - 3 : height - 2
    if shown < half {
      buffer.write(
        "… (more keys in a larger terminal)", x: 2, y: height - 2, style: theme.panel,
        limit: width - 3)
    }
    for (index, row) in rows.enumerated() {
      let line = index % half
      guard line < shown else { continue }
      let left = 2 + (index / half) * (columnWidth + 2)
      let column = buffer.write(
        row.keys.padding(to: keyWidth), x: left, y: 1 + line, style: theme.helpKey,
        limit: width - left)
      buffer.write(
        "  " + state.text(row.short), x: column, y: 1 + line, style: theme.panel,
        limit: max(0, width - 1 - column))
    }
  }

  /// What a run has spent in a race by budget, short: `3000 evals` (evaluations of f, a
  /// gradient at its measured cost), `12.5 ms`; nil when racing by step.
  public static func spendText(_ run: RunView, mode: RaceMode) -> String? {
    guard let spend = run.spend else { return nil }
    switch mode {
    case .steps:
      return nil
    case .evaluations:
      return (spend < 1e6 ? String(Int(spend.rounded())) : format(spend, width: 7) ?? "")
        + " evals"
    case .seconds:
      let (value, unit) =
        spend < 1e-3 ? (spend * 1e6, "µs") : spend < 1 ? (spend * 1e3, "ms") : (spend, "s")
      return (format(value, width: 7) ?? "") + " " + unit
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

  /// Splits `text` into lines of at most `width` columns at spaces, measured by display
  /// width (a CJK character takes two). A word wider than a line, such as a sentence of
  /// Japanese, which has no spaces, is broken between its characters.
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    var used = 0
    for word in text.split(separator: " ") {
      var word = Substring(word)
      var size = DisplayWidth.of(word)
      if !current.isEmpty && used + 1 + size > width {
        lines.append(current)
        (current, used) = ("", 0)
      }
      // Whole lines of an overlong word.
      while size > width - used - (current.isEmpty ? 0 : 1), width > 1 {
        if !current.isEmpty {
          current += " "
          used += 1
        }
        var piece = 0
        var end = word.startIndex
        while end < word.endIndex, used + piece + DisplayWidth.of(word[end]) <= width {
          piece += DisplayWidth.of(word[end])
          end = word.index(after: end)
        }
        if end == word.startIndex { break }
        lines.append(current + word[..<end])
        (current, used) = ("", 0)
        word = word[end...]
        size -= piece
      }
      if word.isEmpty { continue }
      if !current.isEmpty {
        current += " "
        used += 1
      }
      current += word
      used += size
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
  }

  /// Four significant digits: `0.1235`, `1.235e-05`, `1.235e+04`.
  public static func format(_ value: Double) -> String { format(value, digits: 4) }
}

extension String {
  fileprivate func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}

extension Renderer {
  /// How a head and its legend entry are labelled without colour: the optimizer's place in
  /// the registry, 1 to 9 (its key), then A to Z, then `*`.
  public static func label(of kind: OptimizerKind) -> Character {
    RunSpec.number(at: kind.index)
  }
}
