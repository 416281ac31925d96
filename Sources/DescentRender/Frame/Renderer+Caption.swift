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
  /// The caption box's request: up to 72 columns, as tall as its wrapped text. Of six places
  /// along the map's top and bottom edges it takes the one hiding the fewest heads, landmarks
  /// and path cells; where none has room, it spans the map's width, and as a last resort it
  /// is cut short.
  static func captionRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard let caption = state.caption else { return nil }
    let width = min(area.width - 2, max(40, min(72, area.width * 3 / 5)))
    let height = min(area.height - 2, captionLines(state, caption, width: width).count + 2)
    var sizes = [Layout.Size(width: width, height: height)]
    let wide = area.width - 2
    let wideHeight = min(area.height - 2, captionLines(state, caption, width: wide).count + 2)
    if wide > width && wideHeight < height {
      sizes.append(Layout.Size(width: wide, height: wideHeight))
    }
    for cut in stride(from: min(height, wideHeight) - 1, through: 3, by: -1) {
      sizes.append(Layout.Size(width: wide, height: cut))
    }
    return Layout.Request(
      .caption, sizes: sizes,
      anchors: [.bottomLeft, .bottom, .bottomRight, .topLeft, .top, .topRight],
      margin: 1, avoids: [.head, .landmark, .path])
  }

  static func captionLines(_ state: FrameState, _ caption: CaptionView, width: Int) -> [String] {
    wrap(state.text(caption.text), width: width - 2)
  }

  /// The caption box: the lesson's title and step, the caption wrapped, and the keys.
  static func drawCaption(_ state: FrameState, into buffer: inout Buffer) {
    guard let caption = state.caption else { return }
    let theme = state.theme
    let (width, height) = (buffer.width, buffer.height)
    let lines = captionLines(state, caption, width: width)
    buffer.fill(
      x: 0, y: 0, width: width, height: height,
      with: Cell(" ", background: theme.panel.background))
    let counter = " \(caption.index + 1)/\(caption.count) "
    buffer.write(
      " " + state.text(caption.title), x: 0, y: 0, style: theme.panelTitle,
      limit: width - counter.count)
    buffer.write(counter, x: width - counter.count, y: 0, style: theme.helpKey)
    for (i, line) in lines.prefix(height - 2).enumerated() {
      buffer.write(" " + line, x: 0, y: 1 + i, style: theme.panel, limit: width)
    }
    let arrows = state.unicode ? "→ next  ← back" : "PgDn next  PgUp back"
    let back = state.unicode ? "← back" : "PgUp back"
    let hint = caption.index + 1 == caption.count ? "end of the lesson  \(back)  q quit" : arrows
    buffer.write(
      hint, x: width - hint.count - 1, y: height - 1, style: theme.helpKey, limit: width)
  }
}
