import DescentCore

extension Renderer {
  /// The inspector's lines: position, loss and gradient, then the optimizer's internals from
  /// its last update, with numbers to `digits` significant digits, in ASCII alone unless
  /// `unicode`.
  public static func inspectorLines(_ view: InspectorView, digits: Int = 4, unicode: Bool = true)
    -> [String]
  {
    func format(_ value: Double) -> String { Renderer.format(value, digits: digits) }
    // A label in a column of its own, 10 wide, spelled as it will show (∇f or grad f).
    func label(_ text: String) -> String {
      let shown = unicode ? text : ASCIIFallback.text(text)
      return shown + String(repeating: " ", count: max(1, 10 - shown.count))
    }
    func pair(_ v: SIMD2<Double>) -> String { "(\(format(v.x)), \(format(v.y)))" }
    var lines = [
      "\(view.name) at step \(view.step)",
      "(\(view.axes.0), \(view.axes.1))    " + pair(view.position),
      "loss      " + format(view.loss),
    ]
    if let g = view.gradient { lines.append(label("∇f") + pair(g)) }
    if view.rows.isEmpty { lines.append("no update yet") }
    for row in view.rows {
      let value =
        switch row.value {
        case .vector(let v) where v.count == 2: pair(SIMD2(v[0], v[1]))
        // A network's weights: their length, over all of them.
        case .vector(let v): "|" + format(v.map { $0 * $0 }.reduce(0, +).squareRoot()) + "|"
        case .number(let x): format(x)
        case .text(let words): words
        }
      lines.append(label(row.label) + value + row.suffix)
    }
    lines.append(
      "evals     \(view.evaluations.values) f, \(view.evaluations.gradients) ∇f")
    return lines
  }

  /// The inspector's request: as wide as its longest line, one row per line (or, when that
  /// fits nowhere, the first four), best in the map's bottom-left corner.
  static func inspectorRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard let view = state.inspected else { return nil }
    let lines = inspectorLines(view, unicode: state.unicode).map(state.text)
    let width = min(area.width - 2, (lines.map(DisplayWidth.of).max() ?? 0) + 2)
    let height = min(area.height - 1, lines.count)
    var sizes = [Layout.Size(width: width, height: height)]
    if height > 4 { sizes.append(Layout.Size(width: width, height: 4)) }
    return Layout.Request(
      .inspector, sizes: sizes, anchors: [.bottomLeft, .topLeft, .bottomRight, .topRight])
  }

  static func drawInspector(_ state: FrameState, into buffer: inout Buffer) {
    guard let view = state.inspected else { return }
    let lines = inspectorLines(view, unicode: state.unicode).map(state.text)
    let width = buffer.width
    buffer.fill(
      x: 0, y: 0, width: width, height: buffer.height,
      with: Cell(" ", background: state.theme.panel.background))
    // A line too long for the panel shows its numbers to fewer digits, never cut short.
    let shorter = (1...3).reversed().map {
      inspectorLines(view, digits: $0, unicode: state.unicode).map(state.text)
    }
    for (i, full) in lines.prefix(buffer.height).enumerated() {
      let line = ([full] + shorter.map { $0[i] }).first { DisplayWidth.of($0) + 1 <= width } ?? full
      var style = i == 0 ? state.theme.panelTitle : state.theme.panel
      if i == 0 { style.foreground = state.theme.path(view.kind, shade: view.shade) }
      buffer.write(" " + line, x: 0, y: i, style: style, limit: width)
    }
  }
}
