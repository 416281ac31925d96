import DescentCore

/// What a network does, as the model panel shows it: its output over the input plane (the
/// probability of class 1, or the regression value), and the data.
public struct ModelPanelView: Sendable {
  /// Whose network this is, and how it does.
  public var title: String
  /// The panel's map in cells; its pixels are `columns` × 2·`rows`, row-major from the top.
  public var columns: Int
  public var rows: Int
  /// The output at each pixel, in [0, 1] (clipped).
  public var outputs: [Double]
  /// The samples, in pixel coordinates, with their class (0 or 1).
  public var points: [(x: Int, y: Int, label: Int)]

  public init(
    title: String, columns: Int, rows: Int, outputs: [Double],
    points: [(x: Int, y: Int, label: Int)]
  ) {
    self.title = title
    self.columns = columns
    self.rows = rows
    self.outputs = outputs
    self.points = points
  }

  /// The panel's size in cells for a frame of `width` × `height`: it grows with the
  /// terminal, to about half the map's height and at most 45% of its width, and keeps its
  /// pixels square (two columns a row), so a spiral stays round on a projector.
  public static func size(width: Int, height: Int) -> (columns: Int, rows: Int) {
    let rows = max(5, min((height - 4) / 2, width * 45 / 100 / 2))
    return (max(12, 2 * rows), rows)
  }
}

extension Renderer {
  static let classColors = (RGB(hex: 0x3C78FF), RGB(hex: 0xFF9600))

  /// The model panel's request: its map and a border, best in the map's top-left corner,
  /// or cut to half the map's height when that fits nowhere.
  static func modelPanelRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard let panel = state.modelPanel else { return nil }
    let width = min(area.width - 2, panel.columns + 2)
    let height = min(area.height - 2, panel.rows + 2)
    var sizes = [Layout.Size(width: width, height: height)]
    if height / 2 > 3 { sizes.append(Layout.Size(width: width, height: height / 2)) }
    return Layout.Request(
      .network, sizes: sizes, anchors: [.topLeft, .bottomLeft, .topRight, .bottomRight])
  }

  /// The model panel: decision regions as half-block pixels shading from class 0 (blue) to
  /// class 1 (orange), the data as dots in their class's colour.
  static func drawModelPanel(_ state: FrameState, into buffer: inout Buffer) {
    guard let panel = state.modelPanel else { return }
    let theme = state.theme
    let width = buffer.width
    let height = buffer.height
    buffer.fill(
      x: 0, y: 0, width: width, height: height, with: Cell(" ", background: theme.panel.background))
    buffer.write(" " + panel.title, x: 0, y: 0, style: theme.panelTitle, limit: width)
    let mono = theme.tier == .none
    func color(_ output: Double) -> Color {
      Theme.resolve(
        classColors.0.mixed(with: classColors.1, min(1, max(0, output))), tier: theme.tier)
    }
    let ramp = Array(" .:-=+*#%@")
    for row in 0..<min(panel.rows, height - 2) {
      for column in 0..<min(panel.columns, width - 2) {
        let top = panel.outputs[(2 * row) * panel.columns + column]
        let bottom = panel.outputs[(2 * row + 1) * panel.columns + column]
        let cell: Cell
        if mono || !state.unicode {
          let level = Int((min(1, max(0, (top + bottom) / 2)) * Double(ramp.count - 1)).rounded())
          cell = Cell(ramp[level], background: theme.panel.background)
        } else {
          cell = Cell("▀", foreground: color(top), background: color(bottom))
        }
        buffer[1 + column, 1 + row] = cell
      }
    }
    for point in panel.points
    where point.x < panel.columns && point.y / 2 < min(panel.rows, height - 2) {
      let (column, row) = (1 + point.x, 1 + point.y / 2)
      var cell = buffer[column, row]
      let rgb = point.label == 0 ? classColors.0 : classColors.1
      cell.symbol = mono || !state.unicode ? (point.label == 0 ? "o" : "x") : "•"
      cell.foreground =
        mono ? .default : Theme.resolve(rgb.mixed(with: RGB(hex: 0x000000), 0.45), tier: theme.tier)
      if cell.background == theme.panel.background || mono {
        cell.background = mono ? .default : Theme.resolve(rgb, tier: theme.tier)
      }
      buffer[column, row] = cell
    }
  }
}
