import DescentCore

/// A lesson's caption, as a frame shows it.
public struct CaptionView: Sendable, Equatable {
  /// The lesson's title.
  public var title: String
  public var text: String
  /// 0-based index of the step shown, and how many steps there are.
  public var index: Int
  public var count: Int

  public init(title: String, text: String, index: Int, count: Int) {
    self.title = title
    self.text = text
    self.index = index
    self.count = count
  }
}

extension Renderer {
  /// The caption box: the lesson's title and step, the caption wrapped, and the keys. It goes
  /// where it hides the least: of six places along the map's top and bottom edges, the one
  /// covering the fewest cells of any path, head or landmark, then the fewest panel cells.
  static func drawCaption(_ state: FrameState, into buffer: inout Buffer) {
    guard let caption = state.caption else { return }
    let viewport = state.heat.heatmap.viewport
    let columns = min(buffer.width, viewport.columns)
    let rows = min(buffer.height - 2, viewport.rows)
    let width = min(columns - 2, max(40, min(72, columns * 3 / 5)))
    let lines = wrap(state.text(caption.text), width: width - 2)
    let height = min(rows - 2, lines.count + 2)
    guard width >= 20, height >= 3 else { return }

    // What the box must not hide, weighted: paths and heads most, then markers.
    var weight = [Int](repeating: 0, count: columns * rows)
    func mark(_ point: SIMD2<Double>, _ w: Int) {
      guard let (c, r) = viewport.cell(of: point), c < columns, r < rows else { return }
      weight[r * columns + c] = max(weight[r * columns + c], w)
    }
    for run in state.runs {
      for p in run.trail.points { mark(p, 100) }
      for p in run.swarm { mark(p, 100) }
      if let head = run.head { mark(head, 1000) }
    }
    for p in state.minima + state.saddles + [state.start] { mark(p, 50) }
    let panel = state.theme.panel.background
    let mono = state.theme.tier == .none

    let xs = [1, (columns - width) / 2, columns - width - 1]
    let ys = [rows - height - 1, 1]
    var best: (score: Int, x: Int, y: Int)? = nil
    for y in ys {
      for x in xs where x >= 0 && y >= 0 {
        var score = 0
        for r in y..<(y + height) {
          for c in x..<(x + width) {
            score += weight[r * columns + c]
            if !mono && buffer[c, r].background == panel { score += 1 }
          }
        }
        if best == nil || score < best!.score { best = (score, x, y) }
      }
    }
    guard let (_, x, y) = best else { return }

    let theme = state.theme
    buffer.fill(
      x: x, y: y, width: width, height: height, with: Cell(" ", background: panel))
    let counter = " \(caption.index + 1)/\(caption.count) "
    buffer.write(
      " " + state.text(caption.title), x: x, y: y, style: theme.panelTitle,
      limit: width - counter.count)
    buffer.write(counter, x: x + width - counter.count, y: y, style: theme.helpKey)
    for (i, line) in lines.prefix(height - 2).enumerated() {
      buffer.write(" " + line, x: x, y: y + 1 + i, style: theme.panel, limit: width)
    }
    let arrows = state.unicode ? "→ next  ← back" : "PgDn next  PgUp back"
    let hint = caption.index + 1 == caption.count ? "end of the lesson  ← back  q quit" : arrows
    buffer.write(
      hint, x: x + width - hint.count - 1, y: y + height - 1, style: theme.helpKey, limit: width)
  }
}
