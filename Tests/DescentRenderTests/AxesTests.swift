import DescentCore
import Foundation
import Testing

@testable import DescentRender

@Suite struct AxesTests {
  @Test func ticksAreNiceNumbersInsideTheRange() {
    #expect(Renderer.ticks(-2...2, count: 4).values == [-2, -1, 0, 1, 2])
    #expect(Renderer.ticks(-0.3...1.27, count: 4).values == [0, 0.5, 1])
    let (values, step) = Renderer.ticks(-4.7...4.7, count: 6)
    #expect(step == 2 && values == [-4, -2, 0, 2, 4])
    // Rounding never prints -0 or 3e-17 for the tick at zero.
    let small = Renderer.ticks(-0.3...0.3, count: 6)
    #expect(small.values.contains(0) && small.values.allSatisfy { $0 == 0 || abs($0) >= 0.1 })
    #expect(Renderer.ticks(1...1, count: 4).values.isEmpty)
  }

  @Test func tickLabelsShowTheDecimalsTheStepNeeds() {
    #expect(Renderer.tickLabel(-1.5, step: 0.5) == "-1.5")
    #expect(Renderer.tickLabel(0, step: 0.5) == "0.0")
    #expect(Renderer.tickLabel(20, step: 10) == "20")
    #expect(Renderer.tickLabel(0.002, step: 0.001) == "0.002")
    #expect(Renderer.tickLabel(3e7, step: 1e7).count <= 7)
  }

  /// The colour bar's labels are the losses at those levels: the inverse of the scale.
  @Test(arguments: [Scene.Scale.linear, .log])
  func colourBarValuesInvertTheScale(scale: Scene.Scale) {
    let viewport = Viewport(x: 0...1, y: 0...1, columns: 4, rows: 2)
    let heatmap = Heatmap(viewport: viewport, values: [0.5, 3, 40, 1000, 7, 8, 9, 10])
    for v in [0.5, 2, 9, 20, 39] {
      let t = heatmap.position(v, scale: scale)!
      let back = Renderer.value(at: t, heatmap: heatmap, scale: scale)
      #expect(abs(back - v) <= 1e-9 * max(1, abs(v)), "\(v) → \(t) → \(back)")
    }
  }

  /// Each x tick's glyph is in the column of the map cell holding its value, and each y
  /// tick's in the row holding its value; the labels read back as those values.
  @Test(arguments: [(80, 24), (200, 60)])
  func ticksSitWhereTheirValuesAre(width: Int, height: Int) throws {
    let (buffer, state) = try frame(
      "himmelblau", kinds: [.gd], steps: 20, width: width, height: height, tier: .xterm256
    ) { $0.axes = true }
    let viewport = state.heat.heatmap.viewport
    let rows = buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false)
    let bottom = Array(rows[height - 3])
    var xs = 0
    for (x, glyph) in bottom.enumerated() where glyph == "┴" {
      let label = String(bottom[(x + 1)...].prefix { $0 != " " })
      let value = try #require(Double(label), "x tick label \(label)")
      #expect(viewport.cell(of: SIMD2(value, 0))?.column == x, "x = \(value) at column \(x)")
      xs += 1
    }
    #expect(xs >= (width >= 200 ? 6 : 3), "\(rows[height - 3])")
    var ys = 0
    for (y, row) in rows.prefix(height - 3).enumerated() {
      let cells = Array(row)
      guard let tick = cells.firstIndex(of: "┤"), tick < 8 else { continue }
      let label = String(cells[..<tick]).trimmingCharacters(in: .whitespaces)
      let value = try #require(Double(label), "y tick label \(label)")
      #expect(viewport.cell(of: SIMD2(0, value))?.row == y, "y = \(value) at row \(y)")
      ys += 1
    }
    #expect(ys >= 3)
    // The colour bar names the loss and labels its ends with the scale's ends.
    let text = buffer.plainText
    #expect(text.contains(" loss"))
    let high = try #require(Renderer.format(state.heat.heatmap.high, width: 8))
    #expect(text.contains("─" + high), "colour bar top \(high)")
  }

  @Test func logScaleNamesItselfOnTheColourBar() throws {
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [], steps: 0, width: 80, height: 24, tier: .truecolor
    ) {
      $0.axes = true
      $0.heat = HeatLayer(heatmap: $0.heat.heatmap, scale: .log, ramp: $0.heat.ramp)
    }
    #expect(buffer.plainText.contains("loss (log)"))
  }

  @Test func descriptionIsWrappedInAPanel() throws {
    let scene = try #require(SceneLibrary.builtin(named: "himmelblau"))
    let (buffer, state) = try frame(
      "himmelblau", kinds: [.gd], steps: 5, width: 80, height: 24, tier: .xterm256
    ) { $0.description = scene.description }
    let rect = try #require(Renderer.layout(state, width: 80, height: 24)[.description])
    #expect(rect.width <= 66)
    let text = buffer.plainText
    #expect(text.contains(scene.title))
    // Every word of the description shows, in order, inside the panel.
    let shown = text.split(separator: "\n").map { line in
      String(Array(line)[rect.x..<rect.maxX])
    }.joined(separator: " ")
    let words = scene.description.split(whereSeparator: \.isWhitespace)
    var rest = Substring(shown)
    for word in words {
      let found = try #require(rest.range(of: word), "\(word) missing from \(shown)")
      rest = rest[found.upperBound...]
    }
  }

  // MARK: - Golden frames

  @Test func axesAt80x24() throws {
    let (buffer, _) = try frame(
      "himmelblau", kinds: [.gd, .adam], steps: 60, width: 80, height: 24, tier: .xterm256
    ) { $0.axes = true }
    Snapshot.check(buffer, "axes-himmelblau-256-80x24")
  }

  @Test func axesLogAt200x60() throws {
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.gd, .momentum, .adam], steps: 200, width: 200, height: 60,
      tier: .xterm256
    ) {
      $0.axes = true
      $0.heat = HeatLayer(heatmap: $0.heat.heatmap, scale: .log, ramp: $0.heat.ramp)
    }
    Snapshot.check(buffer, "axes-rosenbrock-log-256-200x60")
  }

  @Test func axesMonochromeASCIIAt80x24() throws {
    let (buffer, _) = try frame(
      "himmelblau", kinds: [.gd], steps: 60, width: 80, height: 24, tier: .none, unicode: false
    ) { $0.axes = true }
    Snapshot.check(buffer, "axes-himmelblau-ascii-80x24")
    #expect(buffer.plainText.allSatisfy { $0.isASCII })
  }

  @Test func descriptionAt80x24() throws {
    let scene = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.gd], steps: 50, width: 80, height: 24, tier: .none
    ) {
      $0.description = scene.description
      $0.axes = true
    }
    Snapshot.check(buffer, "description-rosenbrock-80x24")
  }
}
