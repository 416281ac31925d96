import DescentCore

/// A 1-D cross-section of the loss, as a plot panel: along the line from one point to
/// another, or along a run's path.
public struct CrossSectionView: Sendable {
  public var title: String
  /// What the plot's left and right ends are (`start`, `cursor`; `step 0`, `step 120`).
  public var ends: (left: String, right: String)
  /// Each curve: (position along the section, loss) points, in the colour of `kind` (the
  /// marker colour when nil), drawn in order, the last on top.
  public var series: [(kind: OptimizerKind?, points: [SIMD2<Double>])]
  /// Which of the frame's runs its curves follow, for their shade; nil for a line.
  public var run: Int?

  public init(
    title: String, ends: (left: String, right: String),
    series: [(kind: OptimizerKind?, points: [SIMD2<Double>])]
  ) {
    self.title = title
    self.ends = ends
    self.series = series
  }

  /// The loss along the segment from `a` to `b`, at `samples` evenly spaced points, as
  /// (fraction of the way, loss).
  public static func line(
    on scene: Scene, from a: SIMD2<Double>, to b: SIMD2<Double>, samples: Int = 121
  ) -> [SIMD2<Double>] {
    let n = max(2, samples)
    return (0..<n).map { i in
      let t = Double(i) / Double(n - 1)
      let p = a + (b - a) * t
      return SIMD2(t, scene.values(xs: [p.x], ys: [p.y])[0])
    }
  }
}

extension Renderer {
  /// The cross-section's request: up to 64 × 14, best in the map's bottom-left corner, in
  /// the corner where it hides the fewest heads and landmarks; smaller (down to 20 × 5)
  /// only where the other panels leave no room, since a plot of five rows shows little.
  static func crossSectionRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard state.crossSection != nil else { return nil }
    let width = min(64, area.width / 2)
    let height = min(14, area.height / 2)
    var sizes: [Layout.Size] = []
    for size in [(width, height), (width, max(5, height * 2 / 3)), (max(20, width * 2 / 3), 5)]
    where size.0 >= 20 && size.1 >= 5 && !sizes.contains(Layout.Size(width: size.0, height: size.1))
    {
      sizes.append(Layout.Size(width: size.0, height: size.1))
    }
    guard !sizes.isEmpty else { return nil }
    return Layout.Request(
      .crossSection, sizes: sizes, anchors: [.bottomLeft, .topLeft, .bottomRight, .topRight])
  }

  /// The cross-section: its title, the loss on a linear scale between the lowest and highest
  /// finite values (labelled), braille curves (`*` without Unicode), and its ends named
  /// under the plot.
  static func drawCrossSection(_ state: FrameState, into buffer: inout Buffer) {
    guard let view = state.crossSection else { return }
    let theme = state.theme
    let (width, height) = (buffer.width, buffer.height)
    buffer.fill(
      x: 0, y: 0, width: width, height: height,
      with: Cell(" ", background: theme.panel.background))
    buffer.write(" " + state.text(view.title), x: 0, y: 0, style: theme.panelTitle, limit: width)
    let finite = view.series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
    guard let low = finite.map(\.y).min(), let high = finite.map(\.y).max(),
      let left = finite.map(\.x).min(), let right = finite.map(\.x).max(), right > left
    else {
      buffer.write(" nothing to plot yet", x: 0, y: 1, style: theme.panel, limit: width)
      return
    }
    let span = max(high - low, 1e-12 * max(1, abs(high)))
    let labelWidth = 9
    let plotLeft = labelWidth + 1
    let plotColumns = width - labelWidth - 2
    let plotRows = height - 2
    guard plotColumns >= 4, plotRows >= 2 else { return }
    buffer.write(
      format(high, width: labelWidth) ?? "", x: 1, y: 1,
      style: theme.panel)
    buffer.write(
      format(low, width: labelWidth) ?? "", x: 1, y: plotRows,
      style: theme.panel)
    // The right end in full (`cursor (x, y) = (1, 2)`), or its first word where that is
    // too long.
    let leftEnd = state.text(view.ends.left)
    let fullEnd = state.text(view.ends.right)
    let rightEnd = [fullEnd, String(fullEnd.prefix { $0 != " " })].first {
      leftEnd.count + $0.count + 1 <= plotColumns
    }
    buffer.write(leftEnd, x: plotLeft, y: height - 1, style: theme.panel, limit: plotColumns)
    if let rightEnd {
      buffer.write(
        rightEnd, x: plotLeft + plotColumns - rightEnd.count, y: height - 1, style: theme.panel)
    }
    var canvas = BrailleCanvas(columns: plotColumns, rows: plotRows)
    for (index, entry) in view.series.enumerated() {
      var previous: SIMD2<Double>? = nil
      for point in entry.points {
        guard point.x.isFinite, point.y.isFinite else {
          previous = nil
          continue
        }
        let p = SIMD2(
          (point.x - left) / (right - left) * Double(canvas.dotsWide - 1) + 0.5,
          (high - point.y) / span * Double(canvas.dotsHigh - 1) + 0.5)
        canvas.line(from: previous ?? p, to: p, series: index)
        previous = p
      }
    }
    for row in 0..<plotRows {
      for column in 0..<plotColumns {
        guard let (glyph, owner) = canvas.cell(column: column, row: row) else { continue }
        let kind = view.series[owner].kind
        buffer[plotLeft + column, 1 + row] = Cell(
          state.unicode ? glyph : "*",
          foreground: kind.map { theme.path($0, shade: state.shade(ofRun: view.run)) }
            ?? theme.marker,
          background: theme.panel.background)
      }
    }
  }
}
