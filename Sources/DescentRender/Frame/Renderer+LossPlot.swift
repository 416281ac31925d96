import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Renderer {
  /// The loss plot's request: up to 64 × 14, best in the map's bottom-right corner. It
  /// shrinks, down to 16 × 5, rather than hide a head or a landmark.
  static func lossPlotRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard state.lossPlot != nil else { return nil }
    let width = min(64, area.width / 2)
    let height = min(14, area.height / 2)
    var sizes: [Layout.Size] = []
    for size in [
      (width, height), (width, max(5, height * 2 / 3)), (max(16, width * 2 / 3), 5), (16, 5),
    ] where !sizes.contains(Layout.Size(width: size.0, height: size.1)) {
      sizes.append(Layout.Size(width: size.0, height: size.1))
    }
    return Layout.Request(
      .lossPlot, sizes: sizes, anchors: [.bottomRight, .topRight, .bottomLeft, .topLeft],
      shrinksToAvoid: true)
  }

  /// The label at the end of the loss plot's x-axis, at most `room` columns: "step 500",
  /// "evaluations 3000", "seconds 0.0123", or the number alone.
  static func axisEnd(_ value: Double, mode: RaceMode, room: Int) -> String? {
    let name: String
    let number: String?
    switch mode {
    case .steps:
      name = "step"
      number = String(Int(value))
    case .evaluations:
      name = "evaluations"
      number = value < 1e7 ? String(Int(value.rounded())) : format(value, width: 9)
    case .seconds:
      name = "seconds"
      number = format(value, width: 9)
    }
    guard let number else { return nil }
    return [name + " " + number, number].first { $0.count <= room }
  }

  /// The loss plot: loss against step for every shown run, in its colour, on a log scale,
  /// drawn with braille dots (2 × 4 per cell) or, without Unicode, `*`.
  static func drawLossPlot(_ state: FrameState, into buffer: inout Buffer) {
    guard let series = state.lossPlot else { return }
    let theme = state.theme
    let width = buffer.width
    let height = buffer.height
    let left = 0
    let top = 0
    buffer.fill(
      x: left, y: top, width: width, height: height,
      with: Cell(" ", background: theme.panel.background))

    let finite = series.flatMap(\.points).filter { $0.y.isFinite && $0.x.isFinite }
    let lowest = finite.map(\.y).min() ?? 1
    // Log of the loss, or of the loss above its minimum when some losses are not positive.
    let shift = lowest > 0 ? 0 : lowest - 1e-12 * max(1, abs(lowest))
    func transform(_ loss: Double) -> Double? {
      guard loss.isFinite, loss - shift > 0 else { return nil }
      return log10(loss - shift)
    }
    let ys = finite.compactMap { transform($0.y) }
    let label = shift == 0 ? "loss (log)" : "loss − min (log)"
    buffer.write(" " + label, x: left, y: top, style: theme.panelTitle, limit: width)
    guard let yMin = ys.min(), let yMax = ys.max(),
      let stepMax = finite.map(\.x).max(), stepMax > 0
    else {
      buffer.write(" no steps yet", x: left, y: top + 1, style: theme.panel, limit: width)
      return
    }
    let span = max(yMax - yMin, 1e-9)
    let labelWidth = 9
    let plotLeft = left + labelWidth + 1
    let plotColumns = width - labelWidth - 2
    let plotRows = height - 2
    buffer.write(
      (format(pow(10, yMax) + shift, width: labelWidth) ?? "")
        .padding(toWidth: labelWidth),
      x: left + 1, y: top + 1, style: theme.panel)
    buffer.write(
      (format(pow(10, yMin) + shift, width: labelWidth) ?? "")
        .padding(toWidth: labelWidth),
      x: left + 1, y: top + plotRows, style: theme.panel)
    // The x-axis's end, with what it counts (steps, evaluations or seconds), or the number
    // alone, or not at all: never cut.
    let end = axisEnd(stepMax, mode: state.raceMode, room: plotColumns)
    buffer.write(
      end ?? "", x: plotLeft, y: top + height - 1, style: theme.panel, limit: plotColumns)

    // Dots: 2 across and 4 down per cell; each remembers the last run that drew it.
    var canvas = BrailleCanvas(columns: plotColumns, rows: plotRows)
    for (index, entry) in series.enumerated() {
      var previous: SIMD2<Double>? = nil
      for point in entry.points {
        guard let y = transform(point.y) else {
          previous = nil
          continue
        }
        let p = SIMD2(
          point.x / stepMax * Double(canvas.dotsWide - 1) + 0.5,
          (yMax - y) / span * Double(canvas.dotsHigh - 1) + 0.5)
        canvas.line(from: previous ?? p, to: p, series: index)
        previous = p
      }
    }
    for row in 0..<plotRows {
      for column in 0..<plotColumns {
        guard let (glyph, owner) = canvas.cell(column: column, row: row) else { continue }
        buffer[plotLeft + column, top + 1 + row] = Cell(
          state.unicode ? glyph : "*",
          // The series are the runs', in order: each in its run's shade.
          foreground: theme.path(
            series[owner].kind,
            shade: owner < state.runs.count && state.runs[owner].kind == series[owner].kind
              ? state.runs[owner].shade : .only),
          background: theme.panel.background)
      }
    }
  }
}
