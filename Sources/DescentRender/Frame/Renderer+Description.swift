extension Renderer {
  /// The widths the description panel tries, widest first: up to 66 columns.
  static func descriptionWidths(_ areaWidth: Int) -> [Int] {
    var widths: [Int] = []
    for width in [66, 58, 50, 42, 34] where !widths.contains(min(areaWidth - 2, width)) {
      widths.append(min(areaWidth - 2, width))
    }
    return widths
  }

  /// The description's lines, wrapped to a panel `width` wide (two columns of padding
  /// each side), under its title line.
  static func descriptionLines(_ state: FrameState, width: Int) -> [String] {
    guard let text = state.description else { return [] }
    let body = text.isEmpty ? "This scene has no description." : state.text(text)
    var lines: [String] = []
    for paragraph in body.split(separator: "\n", omittingEmptySubsequences: false) {
      lines += wrap(String(paragraph), width: max(8, width - 4))
    }
    // Trailing blank lines of a TOML multi-line string say nothing.
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  /// The description's request: the whole text under a title, centred, as wide as it can
  /// be beside the other panels; where no width holds it whole, as much as fits (the last
  /// line then says it goes on).
  static func descriptionRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard state.description != nil else { return nil }
    var sizes: [Layout.Size] = []
    for width in descriptionWidths(area.width) {
      let height = descriptionLines(state, width: width).count + 2
      if height <= area.height - 2 { sizes.append(Layout.Size(width: width, height: height)) }
    }
    let narrowest = descriptionWidths(area.width).last ?? area.width - 2
    let tallest = min(area.height - 2, descriptionLines(state, width: narrowest).count + 2)
    guard tallest >= 3 else { return nil }
    for height in stride(from: tallest, through: 3, by: -1) {
      sizes.append(Layout.Size(width: narrowest, height: height))
    }
    return Layout.Request(.description, sizes: sizes, anchors: [.center, .top, .bottom])
  }

  /// The scene's title, then its description, in a box.
  static func drawDescription(_ state: FrameState, into buffer: inout Buffer) {
    let theme = state.theme
    buffer.fill(
      x: 0, y: 0, width: buffer.width, height: buffer.height,
      with: Cell(" ", background: theme.panel.background))
    buffer.write(
      " " + state.text(state.title) + " ", x: 1, y: 0, style: theme.panelTitle,
      limit: buffer.width - 2)
    let lines = descriptionLines(state, width: buffer.width)
    let room = buffer.height - 2
    for (i, line) in lines.prefix(room).enumerated() {
      let cut = i == room - 1 && lines.count > room
      buffer.write(
        cut ? "… (more in a taller terminal)" : line, x: 2, y: 1 + i, style: theme.panel,
        limit: buffer.width - 3)
    }
  }
}
