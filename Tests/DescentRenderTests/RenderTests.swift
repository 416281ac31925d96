import DescentCore
import DescentRender
import Foundation
import Testing

/// A frame of a built-in scene after `steps` steps of `kinds`.
func frame(
  _ sceneName: String, kinds: [OptimizerKind], steps: Int, width: Int, height: Int,
  tier: ColorTier, unicode: Bool = true, colormap: Colormap = .viridis,
  configure: (inout FrameState) -> Void = { _ in }
) throws -> (Buffer, FrameState) {
  let scene = try #require(SceneLibrary.builtin(named: sceneName))
  let views = try kinds.map { kind in
    RunView.record(
      try kind.make(scene.settings(for: kind)), on: scene, from: scene.start, steps: steps)
  }
  let map = Renderer.mapSize(width: width, height: height)
  let viewport = Viewport(scene: scene, columns: map.columns, rows: map.rows)
  let heat = HeatLayer(
    heatmap: Heatmap(scene: scene, viewport: viewport), scale: scene.scale,
    ramp: HeatRamp.make(colormap, tier: tier))
  var state = FrameState(scene: scene, heat: heat, runs: views, theme: Theme(tier: tier))
  state.unicode = unicode
  configure(&state)
  return (Renderer.render(state, width: width, height: height), state)
}

@Suite struct SnapshotTests {
  @Test func bowlMonochrome() throws {
    let (buffer, _) = try frame(
      "bowl", kinds: [.gd, .adam], steps: 40, width: 60, height: 20, tier: .none)
    Snapshot.check(buffer, "bowl-none-60x20")
  }

  @Test func ravineEightColours() throws {
    let (buffer, _) = try frame(
      "ravine", kinds: [.gd, .momentum], steps: 30, width: 50, height: 16, tier: .ansi8)
    Snapshot.check(buffer, "ravine-8-50x16")
  }

  @Test func himmelblauAsciiWithContours() throws {
    let (buffer, _) = try frame(
      "himmelblau", kinds: [.adam], steps: 100, width: 64, height: 20, tier: .none,
      unicode: false
    ) { $0.contours = true }
    Snapshot.check(buffer, "himmelblau-ascii-contours-64x20")
  }

  @Test func helpOverlay() throws {
    let (buffer, _) = try frame(
      "bowl", kinds: [], steps: 0, width: 80, height: 26, tier: .none
    ) { $0.showHelp = true }
    Snapshot.check(buffer, "help-80x26")
  }

  @Test func compactHelpAt80x24() throws {
    let (buffer, _) = try frame(
      "bowl", kinds: [], steps: 0, width: 80, height: 24, tier: .none
    ) { $0.showHelp = true }
    Snapshot.check(buffer, "help-compact-80x24")
    for row in KeyTable.rows {
      #expect(buffer.plainText.contains(row.short), "compact help lacks \(row.keys)")
    }
  }

  @Test func tooSmall() throws {
    let (buffer, _) = try frame("bowl", kinds: [.gd], steps: 1, width: 39, height: 11, tier: .ansi8)
    Snapshot.check(buffer, "too-small-39x11")
  }
}

@Suite struct FrameContentTests {
  @Test func helpListsEveryRowOfTheKeyTable() throws {
    let (buffer, _) = try frame(
      "bowl", kinds: [], steps: 0, width: 100, height: 50, tier: .xterm256
    ) { $0.showHelp = true }
    let text = buffer.plainText
    for row in KeyTable.rows {
      #expect(text.contains(row.keys), "help lacks \(row.keys)")
      #expect(text.contains(row.help), "help lacks \(row.help)")
    }
  }

  @Test func statusBarNamesOptimizersStepAndLoss() throws {
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.adam], steps: 25, width: 120, height: 40, tier: .xterm256)
    let status = String(buffer.plainText.split(separator: "\n")[38])
    #expect(status.contains("adam"))
    #expect(status.contains("step 25"))
    #expect(status.contains("loss "))
    #expect(status.contains("lr 0.05"))
    #expect(status.contains("|∇f|"))
    #expect(status.contains("Rosenbrock"))
  }

  /// At 80 columns, a race of all six still shows every name, the step and the loss.
  @Test func narrowStatusBarKeepsNamesStepAndLoss() throws {
    let (buffer, _) = try frame(
      "rosenbrock", kinds: OptimizerKind.classic, steps: 85, width: 80, height: 24,
      tier: .xterm256)
    let status = String(buffer.plainText.split(separator: "\n")[22])
    #expect(status.contains("gd momentum nesterov rmsprop adam anneal"))
    #expect(status.contains("step 85"))
    #expect(status.contains("best "))
  }

  @Test func wideLegendsShowWhatEachRunSpent() throws {
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.adam, .anneal], steps: 40, width: 120, height: 30, tier: .xterm256)
    let lines = buffer.plainText.split(separator: "\n")
    #expect(lines[0].contains("adam") && lines[0].contains("41 ∇f"))
    #expect(lines[1].contains("anneal") && lines[1].contains("41 f"))
  }

  @Test func nesterovMarksNoPointWhereNothingIsEvaluated() throws {
    // torch's Nesterov takes its one gradient at the head itself (the classical look-ahead
    // point): the arrow there shows it, and no other point is marked. An older frame drew a
    // ◇ at x − lr·μ·b, where nothing is evaluated.
    // The head is hidden, so that a marker near it could not be covered by it.
    let (buffer, _) = try frame(
      "ravine", kinds: [.nesterov], steps: 5, width: 100, height: 30, tier: .xterm256
    ) {
      $0.arrows = true
      $0.runs[0].head = nil
    }
    #expect(!buffer.plainText.contains("◇"))
  }

  @Test func legendMarksDivergedRuns() throws {
    let (buffer, _) = try frame(
      "too-large-lr", kinds: [.gd, .adam], steps: 300, width: 100, height: 30, tier: .truecolor)
    let lines = buffer.plainText.split(separator: "\n")
    #expect(lines[0].contains("gd") && lines[0].contains("diverged"))
    #expect(lines[1].contains("adam") && lines[1].contains("loss"))
  }

  @Test(arguments: SceneLibrary.builtins.map(\.name))
  func everyMinimumIsDrawnInTheCellThatContainsIt(scene name: String) throws {
    let (buffer, state) = try frame(
      name, kinds: [], steps: 0, width: 101, height: 33, tier: .xterm256)
    let viewport = state.heat.heatmap.viewport
    for minimum in state.minima {
      let (column, row) = try #require(viewport.cell(of: minimum), "\(name): minimum off screen")
      let cell = buffer[column, row]
      #expect(cell.symbol == "★" || cell.symbol == "○", "\(name): \(minimum) shows \(cell.symbol)")
    }
  }

  @Test func pathsAreDrawnAtPixelResolution() throws {
    let (buffer, _) = try frame(
      "ravine", kinds: [.gd], steps: 20, width: 80, height: 24, tier: .truecolor)
    let red = Theme(tier: .truecolor).path(.gd)
    let upper = buffer.cells.filter { $0.symbol == "▀" && $0.foreground == red }.count
    let lower = buffer.cells.filter { $0.symbol == "▀" && $0.background == red }.count
    #expect(upper > 0 && lower > 0, "path pixels fill both halves of cells")
  }
}

@Suite struct ViewportTests {
  @Test func worldToPixelRoundTrips() {
    let viewport = Viewport(x: -2...2, y: -1...3, columns: 97, rows: 31)
    for p in [SIMD2(-1.9, 2.9), SIMD2(0.123, 0.456), SIMD2(1.5, -0.5)] {
      let back = viewport.world(at: viewport.pixel(of: p))
      #expect(abs(back.x - p.x) < 1e-12 && abs(back.y - p.y) < 1e-12)
    }
    let (column, row) = viewport.cell(of: SIMD2(0.123, 0.456))!
    let centre = viewport.world(column: column, row: row)
    #expect(viewport.cell(of: centre)! == (column, row))
  }

  @Test func equalAspectKeepsCirclesRound() {
    // 100 columns × 25 rows is 100 × 50 pixels: a 4 × 4 view widens to 8 × 4.
    let viewport = Viewport(x: -2...2, y: -2...2, columns: 100, rows: 25)
    #expect(viewport.xRange == -4...4)
    #expect(viewport.yRange == -2...2)
    let stretched = Viewport(x: -2...2, y: -2...2, columns: 100, rows: 25, aspect: .fill)
    #expect(stretched.xRange == -2...2)
  }

  @Test func hugeCoordinatesAreClippedNotWalked() {
    var count = 0
    // A diverging run's last segment: a million-fold beyond the map on both sides.
    Raster.segmentForTesting(from: SIMD2(-1e8, 5), to: SIMD2(1e8, 5), width: 50, height: 20) {
      _, _ in count += 1
    }
    #expect(count == 50)
    Raster.segmentForTesting(from: SIMD2(.nan, 0), to: SIMD2(1, 1), width: 50, height: 20) { _, _ in
      count += 1000
    }
    #expect(count == 50)
  }

  @Test func trailsAreBoundedAndKeepTheirEnds() {
    var trail = Trail(capacity: 64)
    for i in 0..<100_000 { trail.append(SIMD2(Double(i), 0)) }
    #expect(trail.points.count <= 64)
    #expect(trail.points.first == SIMD2(0, 0))
    #expect(trail.points.last == SIMD2(99_999, 0))
    #expect(trail.points.map(\.x) == trail.points.map(\.x).sorted())
  }
}

@Suite struct ColorTests {
  @Test(arguments: Colormap.allCases)
  func everyRampGetsLighter(colormap: Colormap) {
    for tier in [ColorTier.truecolor, .xterm256, .ansi16, .ansi8] {
      let ramp = HeatRamp.make(colormap, tier: tier)
      let lightness = ramp.rgb.map(\.lightness)
      #expect(ramp.count >= 8)
      for (a, b) in zip(lightness, lightness.dropFirst()) {
        #expect(b > a, "\(colormap) on \(tier): L* \(a) then \(b)")
      }
    }
    #expect(HeatRamp.make(colormap, tier: .none).glyphs == Array(" .:-=+*#%@"))
  }

  @Test func the256RampFollowsTheColormap() {
    let ramp = HeatRamp.make(.viridis, tier: .xterm256)
    #expect(ramp.count == 24)
    for (i, rgb) in ramp.rgb.enumerated() {
      // Close, though not nearest: keeping L* increasing costs some accuracy.
      #expect(rgb.distance(to: Colormap.viridis.color(at: Double(i) / 23)) < 35)
    }
  }

  @Test func pathColoursStandOutFromEveryColormap() {
    for kind in OptimizerKind.allCases {
      let path = Theme.pathRGB(kind)
      for colormap in Colormap.allCases {
        let nearest = (0...100).map { path.distance(to: colormap.color(at: Double($0) / 100)) }
          .min()!
        #expect(nearest > 20, "\(kind) over \(colormap): ΔE \(nearest)")
      }
    }
  }

  @Test(
    arguments: [
      (nil, nil, nil, nil, ColorTier.none),
      ("dumb", nil, nil, nil, .none),
      ("", nil, nil, nil, .none),
      ("xterm-256color", nil, "1", 256, .none),
      ("xterm-256color", nil, "", 256, .xterm256),
      ("xterm-256color", "truecolor", nil, 256, .truecolor),
      ("xterm-256color", "24bit", nil, 256, .truecolor),
      ("xterm-direct", nil, nil, 16_777_216, .truecolor),
      ("xterm-256color", nil, nil, 256, .xterm256),
      ("tmux-256color", nil, nil, 256, .xterm256),
      ("screen", nil, nil, 8, .ansi8),
      ("xterm", nil, nil, 8, .ansi8),
      ("xterm-16color", nil, nil, 16, .ansi16),
      ("vt100", nil, nil, 0, .none),
      ("xterm-256color", nil, nil, nil, .xterm256),
      ("xterm", nil, nil, nil, .ansi8),
    ] as [(String?, String?, String?, Int?, ColorTier)])
  func tierFollowsTheEnvironment(
    term: String?, colorTerm: String?, noColor: String?, colors: Int?, expected: ColorTier
  ) {
    #expect(
      ColorTier.detect(term: term, colorTerm: colorTerm, noColor: noColor, colors: colors)
        == expected)
  }
}

/// The gradient arrow next to a head points along −∇f as the screen shows it.
@Suite struct ArrowTests {
  /// Starts on the bowl x² + y² (an equal-aspect view, so the screen direction is the world
  /// direction −(x, y)), the arrow expected, and what the old cell-as-square rule drew.
  static let table: [(start: SIMD2<Double>, glyph: Character, ascii: Character)] = [
    ([2, -1], "↖", "\\"),  // 153°; was ←
    ([2, 1], "↙", "/"),  // 207°; was ←
    ([0.5, -2], "↑", "^"),  // 104°; was ↖
    ([-2, -1.2], "↗", "/"),  // 31°; was →
    ([-1, -1], "↗", "/"),  // 45°
    ([-2, 0.1], "→", ">"),  // 357°
    ([0.1, 2], "↓", "v"),  // 267°
    ([-1, 2.2], "↘", "\\"),  // 294°
    ([-0.5, 2], "↓", "v"),  // 284°; was ↘
  ]

  @Test(arguments: 0..<table.count)
  func arrowPointsDownhillOnScreen(index: Int) throws {
    let (start, glyph, ascii) = Self.table[index]
    let expected = atan2(-start.y, -start.x) * 180 / .pi
    for unicode in [true, false] {
      let scene = try #require(SceneLibrary.builtin(named: "bowl"))
      let run = RunView.record(
        try OptimizerKind.gd.make(scene.settings(for: .gd)), on: scene, from: start, steps: 0)
      let map = Renderer.mapSize(width: 80, height: 24)
      let viewport = Viewport(scene: scene, columns: map.columns, rows: map.rows)
      let heat = HeatLayer(
        heatmap: Heatmap(scene: scene, viewport: viewport), scale: scene.scale,
        ramp: HeatRamp.make(.viridis, tier: .none))
      var state = FrameState(scene: scene, heat: heat, runs: [run], theme: Theme(tier: .none))
      state.unicode = unicode
      state.arrows = true
      let buffer = Renderer.render(state, width: 80, height: 24)
      let (column, row) = try #require(viewport.cell(of: start))
      let around = (-1...1).flatMap { dy in (-1...1).map { dx in buffer[column + dx, row + dy] } }
      let want = unicode ? glyph : ascii
      #expect(
        around.contains { $0.symbol == want && $0.attributes.contains(.bold) },
        "start \(start) (downhill \(Int(expected.rounded()))°): want \(want) around the head, got \(around.map(\.symbol))"
      )
    }
  }
}

/// Numbers fitted into a width lose precision, never digits or the exponent.
@Suite struct NumberFitTests {
  static let table: [(value: Double, fits: [Int: String?])] = [
    (6829.04, [10: "6829", 4: "6829", 3: "7e3", 2: nil]),
    (
      573456,
      [
        10: "5.735e+05", 9: "5.735e+05", 8: "573456", 6: "573456", 5: "5.7e5", 4: "6e5",
        3: "6e5", 2: nil,
      ]
    ),
    (3.14159e-7, [9: "3.142e-07", 8: "3.142e-7", 7: "3.14e-7", 6: "3.1e-7", 4: "3e-7", 3: nil]),
    (
      123_456_789,
      [9: "1.235e+08", 8: "1.235e8", 7: "1.235e8", 6: "1.23e8", 5: "1.2e8", 3: "1e8", 2: nil]
    ),
    (-42.5, [6: "-42.5", 5: "-42.5", 4: "-42", 3: "-42", 2: nil]),
    (0.1234567, [6: "0.1235", 5: "0.123", 4: "0.12", 3: "0.1", 2: nil]),
    (1e300, [9: "1e+300", 6: "1e+300", 5: "1e300", 4: nil]),
    (0, [1: "0", 0: nil]),
    (.infinity, [3: "inf", 2: nil]),
    (-.infinity, [4: "-inf", 3: nil]),
  ]

  @Test func table() {
    for (value, fits) in Self.table {
      for (width, expected) in fits {
        #expect(Renderer.format(value, width: width) == expected, "\(value) in \(width) columns")
      }
    }
  }

  /// Whatever fits is at most `width` columns and reads back within one significant digit:
  /// no digit of the integer part and no exponent is ever dropped.
  @Test func everyFitReadsBackCloseToTheValue() {
    let values = (-12...12).flatMap { e in
      [1.0, 1.5, 6.829, 9.9996, -2.345].map { $0 * pow(10, Double(e * 13)) }
    }
    for value in values {
      for width in 0...12 {
        guard let text = Renderer.format(value, width: width) else { continue }
        #expect(text.count <= width)
        let back = try! #require(Double(text), "\(text) is not a number")
        #expect(abs(back - value) <= 0.5 * abs(value), "\(value) in \(width) columns: \(text)")
      }
      #expect(Renderer.format(value, width: 12) != nil)
    }
  }
}

/// Japanese, combining marks and emoji in a lesson's title and caption show as written.
@Suite struct WideTextTests {
  static let title = "勾配降下法の入門"
  static let text =
    "勾配降下法は、関数の勾配の逆方向に少しずつ進むことで最小値を探します。"
    + "学習率が大きすぎると発散します。 Adam keeps m̂ and v̂, cafe\u{301} 😀"

  @Test(arguments: [80, 120])
  func japaneseCaptionAndTitle(width: Int) throws {
    let (buffer, _) = try frame(
      "bowl", kinds: [.gd], steps: 10, width: width, height: 24, tier: .xterm256
    ) {
      $0.title = Self.title
      $0.caption = CaptionView(title: Self.title, text: Self.text, index: 0, count: 3)
    }
    let lines = buffer.plainText.split(separator: "\n")
    for line in lines { #expect(DisplayWidth.of(line) == width, "\(line)") }
    // The title heads the caption box (and the status bar, where there is room).
    #expect(lines.contains { $0.contains(Self.title + "  ") })
    // The caption's lines, read in order without the map's half blocks and the spaces, are
    // the caption: nothing lost, nothing shown as `?`.
    let read = lines.dropLast(2).joined().filter { $0 != "▀" && $0 != " " }
    #expect(read.contains(Self.text.filter { $0 != " " }), "\(read)")
    // e + U+0301 and m + U+0302 are one cell each.
    let cells = buffer.cells.map(\.symbol)
    #expect(cells.contains("e\u{301}") && cells.contains("m\u{302}") && cells.contains("v\u{302}"))
    #expect(cells.contains("😀") && cells.contains("勾"))
  }
}

/// An inspector line too long for a narrow frame shows its numbers to fewer digits instead
/// of losing its end.
@Suite struct NarrowInspectorTests {
  @Test func numbersLosePrecisionNotTheirEnd() throws {
    let scene = try #require(SceneLibrary.builtin(named: "bowl"))
    var objective = scene.objective()
    let run = Run(
      try OptimizerKind.anneal.make(scene.settings(for: .anneal)), from: scene.start,
      on: &objective)
    var view = InspectorView(run: run)
    view.rows = [
      .number("T", 0.5), .vector("proposal", SIMD2(-123456.7, 98765.4), " accepted"),
      .number("f there", 2), .number("accepted", 50, "% of the last 50"),
    ]
    let (buffer, _) = try frame(
      "bowl", kinds: [.anneal], steps: 0, width: 40, height: 20,
      tier: .none
    ) { $0.inspected = view }
    let lines = buffer.plainText.split(separator: "\n")
    let proposal = try #require(lines.first { $0.contains("proposal") })
    #expect(proposal.contains("proposal  (-1e+05, 1e+05) accepted"), "\(proposal)")
    // Wide enough, the same line keeps four digits.
    let (wide, _) = try frame(
      "bowl", kinds: [.anneal], steps: 0, width: 100, height: 30,
      tier: .none
    ) { $0.inspected = view }
    #expect(wide.plainText.contains("proposal  (-1.235e+05, 9.877e+04) accepted"))
  }
}

/// The loss plot's step count is shown whole or without its label, never cut.
@Suite struct NarrowLossPlotTests {
  @Test(arguments: [(40, "12345 "), (60, "step 12345")])
  func stepCountIsWhole(width: Int, expected: String) throws {
    let points = (0...12345).map { SIMD2(Double($0), 1 / Double($0 + 1)) }
    let (buffer, _) = try frame(
      "bowl", kinds: [.gd], steps: 0, width: width, height: 24,
      tier: .none
    ) { $0.lossPlot = [(.gd, points)] }
    let text = buffer.plainText
    #expect(text.contains(expected), "\(text)")
    #expect(!text.contains("step 1234 ") && !text.contains("step 123 "))
  }
}

/// In a race by budget the loss plot's x-axis counts what was spent, and says which.
@Suite struct BudgetAxisTests {
  @Test(arguments: [
    (RaceMode.steps, 100, "step 3000"), (.evaluations, 100, "evaluations 3000"),
    (.evaluations, 40, "3000 "), (.seconds, 100, "seconds 3000"),
  ])
  func theAxisSaysWhatItCounts(mode: RaceMode, width: Int, expected: String) throws {
    let points = (0...100).map { SIMD2(Double($0) * 30, 1 / Double($0 + 1)) }
    let (buffer, _) = try frame(
      "bowl", kinds: [.gd], steps: 0, width: width, height: 30, tier: .none
    ) {
      $0.lossPlot = [(.gd, points)]
      $0.raceMode = mode
    }
    let text = buffer.plainText
    #expect(text.contains(expected), "\(text)")
    for other in ["step ", "evaluations ", "seconds "] where !expected.hasPrefix(other) {
      #expect(!text.contains(other + "3"), "\(text)")
    }
  }

  /// The legend shows each run's spend in the race's unit.
  @Test func theLegendShowsTheSpend() throws {
    let (evaluations, _) = try frame(
      "bowl", kinds: [.gd, .anneal], steps: 10, width: 100, height: 30, tier: .none
    ) {
      $0.raceMode = .evaluations
      $0.runs[0].spend = 27.5
      $0.runs[1].spend = 28
    }
    #expect(evaluations.plainText.contains("28 evals"))
    #expect(!evaluations.plainText.contains("∇f"))
    let (seconds, _) = try frame(
      "bowl", kinds: [.gd], steps: 10, width: 100, height: 30, tier: .none
    ) {
      $0.raceMode = .seconds
      $0.runs[0].spend = 0.0125
    }
    #expect(seconds.plainText.contains("12.5 ms"))
    let (micro, _) = try frame(
      "bowl", kinds: [.gd], steps: 10, width: 100, height: 30, tier: .none, unicode: false
    ) {
      $0.raceMode = .seconds
      $0.runs[0].spend = 2.5e-5
    }
    #expect(micro.plainText.contains("25 us"))
  }
}

/// The cost curve draws `descent cost`'s chart from the layer sizes: each method named at
/// the end of its line, P at both ends of the axis.
@Suite struct CostCurveTests {
  static let curve = CostCurveView(
    networks: GradientCost.family(widths: GradientCost.defaultWidths, depth: 2))

  @Test func theCurvesAreCountedFromTheLayers() throws {
    let names = Self.curve.series.map(\.name)
    #expect(names == ["finite diff.", "forward mode", "backprop"])
    let backprop = try #require(Self.curve.series.last).points
    #expect(backprop.first == SIMD2(15, 2.6))
    #expect(backprop.map(\.y).allSatisfy { (2.6...3).contains($0) })
    let finite = try #require(Self.curve.series.first).points
    #expect(finite.allSatisfy { $0.y == 2 * $0.x })
  }

  @Test(arguments: [(120, 40), (80, 24)])
  func thePanelNamesItsLinesAndItsAxis(width: Int, height: Int) throws {
    let (buffer, state) = try frame(
      "bowl", kinds: [.gd], steps: 5, width: width, height: height, tier: .xterm256
    ) { $0.costCurve = Self.curve }
    let rect = try #require(
      Renderer.layout(state, width: width, height: height).placed.first { $0.0 == .costCurve }?.1)
    let lines = buffer.plainText.split(separator: "\n").map(Array.init)
    let panel = lines[rect.y..<(rect.y + rect.height)].map {
      String($0[rect.x..<(rect.x + rect.width)])
    }.joined(separator: "\n")
    for text in [
      "forward passes per gradient", "backprop", "forward mode", "finite diff.", "P = 15",
      "P = 17025", "1e5x", "1x",
    ] {
      #expect(panel.contains(text), "no \(text) in\n\(panel)")
    }
    #expect(panel.contains("⠉") || panel.contains("⠒") || panel.contains("⣀"), "\(panel)")
  }
}

@Suite struct HeatmapScaleTests {
  /// A map flat to the last bit of a Double (f = 1e30 + 1e-20·x: adding 1 changes nothing)
  /// and one whose values span more than the largest Double are coloured, not a trap on
  /// Int(0 / 0) in HeatLayer (it crashed `render --expr '1e30+x*1e-20'`).
  @Test func extremeSpansGiveLevelsInRange() {
    let viewport = Viewport(x: -1...1, y: -1...1, columns: 8, rows: 4)
    let count = viewport.pixelWidth * viewport.pixelHeight
    let cases: [[Double]] = [
      [Double](repeating: 1e30, count: count),
      [Double](repeating: .greatestFiniteMagnitude, count: count),
      (0..<count).map { $0 % 2 == 0 ? -1e308 : 1e308 },
    ]
    for values in cases {
      let heatmap = Heatmap(viewport: viewport, values: values)
      for scale in [Scene.Scale.linear, .log] {
        for value in values + [0, 1e30, -1e308, 1e308] {
          let t = heatmap.position(value, scale: scale)
          #expect(
            t.map { (0...1).contains($0) } == true, "\(value) \(scale): \(String(describing: t))")
        }
        let layer = HeatLayer(
          heatmap: heatmap, scale: scale, ramp: HeatRamp.make(.viridis, tier: .xterm256))
        #expect(layer.levels.allSatisfy { $0 >= 0 })
      }
    }
  }
}

@Suite struct ScheduledRunTests {
  /// A scheduled run's legend entry and the status bar show the rate of its last update:
  /// 0.1, then 0.05 and 0.025 under an exponential schedule halving it.
  @Test func legendAndStatusShowTheCurrentRate() throws {
    var scene = try #require(SceneLibrary.builtin(named: "bowl"))
    scene.schedule = .exponential(gamma: 0.5)
    let view = RunView.record(
      try scene.optimizer(.adam, overrides: ["lr": 0.1]), on: scene, from: scene.start, steps: 3)
    #expect(view.scheduled && view.learningRate == 0.025)
    let map = Renderer.mapSize(width: 100, height: 24)
    let viewport = Viewport(scene: scene, columns: map.columns, rows: map.rows)
    let heat = HeatLayer(
      heatmap: Heatmap(scene: scene, viewport: viewport), scale: scene.scale,
      ramp: HeatRamp.make(.viridis, tier: .none))
    let state = FrameState(scene: scene, heat: heat, runs: [view], theme: Theme(tier: .none))
    let lines = Renderer.render(state, width: 100, height: 24).plainText.split(separator: "\n")
    #expect(lines[0].contains("adam") && lines[0].contains("lr 0.025"), "\(lines[0])")
    #expect(lines.contains { $0.contains("│ lr 0.025") }, "\(lines.last!)")
    // Without a schedule the legend shows the cost, as before.
    let plain = RunView.record(
      try SceneLibrary.builtin(named: "bowl")!.optimizer(.adam, overrides: ["lr": 0.1]),
      on: scene, from: scene.start, steps: 3)
    #expect(!plain.scheduled && plain.learningRate == 0.1)
  }
}
