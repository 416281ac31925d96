import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a gradient costs as a network grows, as `descent cost` charts it: forward passes per
/// gradient by each method against the number of weights P, both on log scales, counted in
/// multiply-adds (the machine-independent part of the measurement).
public struct CostCurveView: Sendable, Equatable {
  /// One method's curve: its name and (P, forward passes per gradient) points, P growing.
  public struct Series: Sendable, Equatable {
    public var name: String
    public var points: [SIMD2<Double>]

    public init(name: String, points: [SIMD2<Double>]) {
      self.name = name
      self.points = points
    }
  }

  public var series: [Series]

  public init(series: [Series]) { self.series = series }

  /// The curves of `networks` (smallest first), by backprop, forward mode and central finite
  /// differences.
  public init(networks: [MLP]) {
    let costs = networks.map { ($0.parameterCount, GradientCost.operations($0, samples: 1)) }
    func curve(_ name: String, _ cost: (GradientCost.Operations) -> Int) -> Series {
      Series(
        name: name,
        points: costs.map { SIMD2(Double($0.0), Double(cost($0.1)) / Double($0.1.forward)) })
    }
    self.init(series: [
      curve("finite diff.", \.finiteDifferences), curve("forward mode", \.forwardMode),
      curve("backprop", \.backprop),
    ])
  }
}

extension Renderer {
  /// The cost curve's request: up to 60 × 14, best in the map's bottom-left corner; it
  /// shrinks, down to 40 × 8, rather than hide a head or a landmark.
  static func costCurveRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard state.costCurve != nil else { return nil }
    let width = max(40, min(60, area.width / 2))
    let height = max(8, min(14, area.height / 2))
    var sizes: [Layout.Size] = []
    for size in [(width, height), (width, max(8, height * 2 / 3)), (40, 8)]
    where !sizes.contains(Layout.Size(width: size.0, height: size.1)) {
      sizes.append(Layout.Size(width: size.0, height: size.1))
    }
    return Layout.Request(
      .costCurve, sizes: sizes, anchors: [.bottomLeft, .topLeft, .bottomRight, .topRight],
      shrinksToAvoid: true)
  }

  /// The colour of the cost curve's `index`-th series: the colours of three paths.
  static func costCurveColor(_ index: Int, theme: Theme) -> Color {
    theme.path([OptimizerKind.gd, .nesterov, .rmsprop][index % 3])
  }

  /// Each method's forward passes per gradient against P, on log-log scales, in braille
  /// (or `*` without Unicode), each curve named at its right end.
  static func drawCostCurve(_ state: FrameState, into buffer: inout Buffer) {
    guard let curve = state.costCurve else { return }
    let theme = state.theme
    let (width, height) = (buffer.width, buffer.height)
    buffer.fill(
      x: 0, y: 0, width: width, height: height,
      with: Cell(" ", background: theme.panel.background))
    buffer.write(
      " forward passes per gradient, by multiply-adds", x: 0, y: 0, style: theme.panelTitle,
      limit: width)
    let all = curve.series.flatMap(\.points).filter { $0.x > 0 && $0.y > 0 }
    guard let pLow = all.map(\.x).min(), let pHigh = all.map(\.x).max(), pHigh > pLow,
      let low = all.map(\.y).min(), let high = all.map(\.y).max()
    else { return }
    let (yLow, yHigh) = (floor(log10(low)), max(ceil(log10(high)), floor(log10(low)) + 1))
    let (xLow, xHigh) = (log10(pLow), log10(pHigh))
    let labelWidth = 6
    let nameWidth = curve.series.map(\.name.count).max() ?? 0
    let plotLeft = labelWidth + 1
    let columns = width - plotLeft - nameWidth - 2
    let rows = height - 2
    guard columns >= 8, rows >= 3 else { return }
    var canvas = BrailleCanvas(columns: columns, rows: rows)
    var names: [Int: [Int]] = [:]
    for (index, series) in curve.series.enumerated() {
      var previous: SIMD2<Double>?
      for point in series.points where point.x > 0 && point.y > 0 {
        let p = SIMD2(
          (log10(point.x) - xLow) / (xHigh - xLow) * Double(canvas.dotsWide - 1),
          (yHigh - log10(point.y)) / (yHigh - yLow) * Double(canvas.dotsHigh - 1))
        canvas.line(from: previous ?? p, to: p, series: index)
        previous = p
      }
      if let previous { names[Int(previous.y) / 4, default: []].append(index) }
    }
    func passes(_ exponent: Double) -> String {
      exponent < 4 ? String(Int(pow(10, exponent))) + "x" : "1e\(Int(exponent))x"
    }
    buffer.write(
      passes(yHigh).leftPadded(to: labelWidth), x: 0, y: 1, style: theme.panel)
    buffer.write(
      passes(yLow).leftPadded(to: labelWidth), x: 0, y: rows, style: theme.panel)
    for row in 0..<rows {
      for column in 0..<columns {
        guard let (glyph, owner) = canvas.cell(column: column, row: row) else { continue }
        buffer[plotLeft + column, 1 + row] = Cell(
          state.unicode ? glyph : "*", foreground: costCurveColor(owner, theme: theme),
          background: theme.panel.background)
      }
    }
    // Each curve's name at its right end, moved down a row where two end together.
    var taken = Set<Int>()
    for row in names.keys.sorted() {
      for index in names[row]! {
        var line = row
        while taken.contains(line) && line + 1 < rows { line += 1 }
        taken.insert(line)
        var style = theme.panel
        style.foreground = costCurveColor(index, theme: theme)
        buffer.write(
          curve.series[index].name, x: plotLeft + columns + 1, y: 1 + line, style: style,
          limit: nameWidth)
      }
    }
    let left = "P = \(Int(pLow))"
    let right = "P = \(Int(pHigh))"
    buffer.write(left, x: plotLeft, y: height - 1, style: theme.panel, limit: columns)
    if left.count + right.count + 1 <= columns {
      buffer.write(
        right, x: plotLeft + columns - right.count, y: height - 1, style: theme.panel)
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
