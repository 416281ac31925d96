import DescentCore

/// The optimizer picker: every registered optimizer, grouped by family, each with its
/// one-line summary, those in the race ticked, one under the cursor.
public struct PickerView: Sendable {
  public var chosen: Set<OptimizerKind>
  /// The optimizer under the cursor.
  public var cursor: OptimizerKind

  public init(chosen: Set<OptimizerKind>, cursor: OptimizerKind) {
    self.chosen = chosen
    self.cursor = cursor
  }

  /// The picker's lines: a heading per family, then a line per optimizer, with the
  /// optimizer (nil for a heading).
  public func lines(unicode: Bool) -> [(kind: OptimizerKind?, text: String)] {
    var lines: [(OptimizerKind?, String)] = []
    for family in OptimizerSpec.Family.allCases {
      let specs = OptimizerRegistry.all.filter { $0.family == family }
      guard !specs.isEmpty else { continue }
      lines.append((nil, family.title))
      for spec in specs {
        let tick = chosen.contains(spec.kind) ? (unicode ? "[✓]" : "[x]") : "[ ]"
        let raw = spec.kind.rawValue
        let name = raw + String(repeating: " ", count: max(1, 12 - raw.count))
        lines.append((spec.kind, " \(tick) \(name)\(spec.summary)"))
      }
    }
    return lines
  }

  /// The order the cursor moves in: the registry's, grouped by family as shown.
  public static var order: [OptimizerKind] {
    OptimizerSpec.Family.allCases.flatMap { family in
      OptimizerRegistry.all.filter { $0.family == family }.map(\.kind)
    }
  }
}

extension Renderer {
  static let pickerFooter = "↑↓ move · space choose · enter race them · esc cancel"

  /// The picker's request: as wide as its longest line, as tall as it can be (it scrolls
  /// to keep the cursor in view), in the middle of the map.
  static func pickerRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard let picker = state.picker else { return nil }
    let lines = picker.lines(unicode: state.unicode).map { state.text($0.text) }
    let widest = max(
      DisplayWidth.of(state.text(pickerFooter)), lines.map(DisplayWidth.of).max() ?? 0)
    let width = min(area.width - 2, widest + 4)
    let tallest = min(area.height - 2, lines.count + 3)
    let sizes = stride(from: tallest, through: min(tallest, 4), by: -1).map {
      Layout.Size(width: width, height: $0)
    }
    return Layout.Request(.help, sizes: sizes, anchors: [.center])
  }

  static func drawPicker(_ state: FrameState, into buffer: inout Buffer) {
    guard let picker = state.picker else { return }
    let theme = state.theme
    buffer.fill(
      x: 0, y: 0, width: buffer.width, height: buffer.height,
      with: Cell(" ", background: theme.panel.background))
    buffer.write(" optimizers ", x: 2, y: 0, style: theme.panelTitle)
    let lines = picker.lines(unicode: state.unicode)
    let room = max(1, buffer.height - 3)
    let cursorLine = lines.firstIndex { $0.kind == picker.cursor } ?? 0
    // Scroll so that the cursor's line is in view, with its heading when there is room.
    let first = max(0, min(cursorLine - room / 2, lines.count - room))
    for (i, line) in lines.dropFirst(first).prefix(room).enumerated() {
      var style = line.kind == nil ? theme.panelTitle : theme.panel
      if let kind = line.kind {
        style.foreground = theme.path(kind)
        if kind == picker.cursor { style.attributes = [.reverse] }
      }
      buffer.write(state.text(line.text), x: 2, y: 1 + i, style: style, limit: buffer.width - 3)
    }
    buffer.write(
      state.text(pickerFooter), x: 2, y: buffer.height - 1, style: theme.helpKey,
      limit: buffer.width - 3)
  }
}
