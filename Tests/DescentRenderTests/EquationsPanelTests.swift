import DescentCore
import Foundation
import Testing

@testable import DescentRender

/// The equations panel (`e`) and explain mode's vectors (`E`), drawn.
@Suite struct EquationsPanelTests {
  /// `kind` run `steps` steps on `scene` as `frame` runs it, and its equations view (with
  /// explain mode's vectors when `explain`).
  static func view(
    _ kind: OptimizerKind, on sceneName: String, steps: Int, explain: Bool = false
  ) throws -> EquationsView {
    let scene = try #require(SceneLibrary.builtin(named: sceneName))
    var objective = scene.objective()
    var run = Run(try kind.make(scene.settings(for: kind)), from: scene.start, on: &objective)
    var previous = run.state
    while run.state.step < steps {
      previous = run.state
      guard run.advance(on: &objective) else { break }
    }
    var view = EquationsView(
      kind: kind, step: run.state.step, equations: run.state.equations(after: previous))
    if explain {
      view.legend = ExplainVector.vectors(
        rows: run.state.rows, lr: run.optimizer.hyperparameters.lr, step: nil)
    }
    return view
  }

  /// The panel's rows of `buffer`, as text.
  static func panelText(_ buffer: Buffer, _ state: FrameState, width: Int, height: Int) throws
    -> [String]
  {
    let rect = try #require(Renderer.layout(state, width: width, height: height)[.equations])
    let rows = buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false)
    return (rect.y..<rect.maxY).map { String(Array(rows[$0])[rect.x..<rect.maxX]) }
  }

  /// Every optimizer's panel fits at 80x24 beside the legend, and shows each of its
  /// equations' symbols whole.
  @Test(arguments: OptimizerKind.allCases)
  func everyOptimizersEquationsFitAt80x24(kind: OptimizerKind) throws {
    let view = try Self.view(kind, on: "rosenbrock", steps: 5)
    #expect(!view.equations.isEmpty, "\(kind) shows no equations")
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [kind], steps: 5, width: 80, height: 24, tier: .xterm256
    ) { $0.equations = view }
    let text = try Self.panelText(buffer, state, width: 80, height: 24).joined(separator: " ")
    #expect(!buffer.plainText.contains("no room"), "\(kind):\n\(buffer.plainText)")
    for equation in view.equations {
      // Wrapped, a symbol may be split between lines, never dropped: compare without spaces.
      let symbols = equation.symbols.filter { $0 != " " }
      #expect(
        text.filter { $0 != " " }.contains(symbols) || text.contains(equation.symbols),
        "\(kind): \(equation.symbols) is missing from\n\(buffer.plainText)")
    }
  }

  /// At 200x60 each equation takes one line with four significant digits.
  @Test func wideTerminalsShowEachEquationOnOneLine() throws {
    let view = try Self.view(.adam, on: "rosenbrock", steps: 30)
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.adam], steps: 30, width: 200, height: 60, tier: .xterm256
    ) { $0.equations = view }
    let lines = try Self.panelText(buffer, state, width: 200, height: 60)
    #expect(lines.count == view.equations.count + 1)
    let m = try #require(view.equations.first)
    let shown = Renderer.format(LiveEquation.numbers(m.result)[0], digits: 4)
    #expect(lines[1].contains(m.symbols + " = ") && lines[1].contains(shown), "\(lines[1])")
  }

  // MARK: - Golden frames

  @Test func adamAt80x24() throws {
    let view = try Self.view(.adam, on: "rosenbrock", steps: 30)
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.adam], steps: 30, width: 80, height: 24, tier: .xterm256
    ) { $0.equations = view }
    Snapshot.check(buffer, "equations-adam-256-80x24")
  }

  /// Momentum on the ravine overshoots its floor: at step 4 the vectors are long, and −lr·g
  /// leaves the map.
  @Test func explainMomentumAt200x60() throws {
    let view = try Self.view(.momentum, on: "ravine", steps: 4, explain: true)
    let (buffer, _) = try frame(
      "ravine", kinds: [.momentum], steps: 4, width: 200, height: 60, tier: .xterm256
    ) { $0.equations = view }
    Snapshot.check(buffer, "explain-momentum-ravine-256-200x60")
  }

  @Test func explainMonochromeASCIIAt80x24() throws {
    let view = try Self.view(.momentum, on: "ravine", steps: 3, explain: true)
    let (buffer, _) = try frame(
      "ravine", kinds: [.momentum], steps: 3, width: 80, height: 24, tier: .none,
      unicode: false
    ) { $0.equations = view }
    Snapshot.check(buffer, "explain-momentum-ravine-ascii-80x24")
    #expect(buffer.plainText.allSatisfy { $0.isASCII })
    // Without colour the letters tell the vectors apart: each legend line starts with one.
    for letter in ["g", "b", "d"] {
      #expect(buffer.plainText.contains(" \(letter) "), "legend lacks \(letter)")
    }
  }

  // MARK: - Vectors

  /// A vector is drawn true length: its letter sits in the cell of head + vector.
  @Test func aVectorsTipIsWhereTheVectorEnds() throws {
    var view = try Self.view(.momentum, on: "rosenbrock", steps: 40)
    let vector = SIMD2(-1.3, 0.4)
    view.legend = [
      ExplainVector(.update, glyph: "Δ", name: "Δx", meaning: "the step taken", vector: vector)
    ]
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.momentum], steps: 40, width: 120, height: 40, tier: .xterm256
    ) { $0.equations = view }
    let head = try #require(state.runs[0].head)
    let viewport = state.heat.heatmap.viewport
    let tip = try #require(viewport.cell(of: head + vector))
    #expect(buffer[tip.column, tip.row].symbol == "Δ")
    #expect(buffer[tip.column, tip.row].foreground == state.theme.explain(.update))
    // Cells between the head and the tip carry the line.
    let middle = try #require(viewport.cell(of: head + vector / 2))
    #expect("─╱│╲".contains(buffer[middle.column, middle.row].symbol))
  }

  /// A vector that leaves the map stops at its edge with `»` and its length.
  @Test func aVectorLeavingTheMapIsClippedWithItsLength() throws {
    var view = try Self.view(.momentum, on: "rosenbrock", steps: 40)
    let vector = SIMD2(40.0, 0)
    view.legend = [
      ExplainVector(.gradient, glyph: "g", name: "−lr·g", meaning: "the gradient", vector: vector)
    ]
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.momentum], steps: 40, width: 120, height: 40, tier: .xterm256
    ) { $0.equations = view }
    #expect(buffer.plainText.contains("»40"), "\(buffer.plainText)")
  }

  /// On Rosenbrock at its learning rate the vectors are far under a cell: they are drawn
  /// scaled by a round factor, the smallest that makes the longest at least 3 cells, and
  /// the map and the panel both say by how much.
  @Test func shortVectorsAreDrawnScaledAndSaySo() throws {
    let view = try Self.view(.momentum, on: "rosenbrock", steps: 30, explain: true)
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.momentum], steps: 30, width: 80, height: 24, tier: .xterm256
    ) { $0.equations = view }
    let scale = Renderer.explainScale(state)
    #expect([2.0, 5, 10, 20, 50, 100, 200, 500, 1000].contains(scale), "\(scale)")
    let viewport = state.heat.heatmap.viewport
    let head = try #require(state.runs[0].head)
    func cells(_ v: SIMD2<Double>) -> Double {
      let d = viewport.pixel(of: head + v) - viewport.pixel(of: head)
      return max(abs(d.x), abs(d.y) / 2)
    }
    let longest = try #require(view.legend.map { cells($0.vector) }.max())
    #expect(longest < 3 && longest * scale >= 3, "\(longest) cells, ×\(scale)")
    if let smaller = Renderer.explainFactors.last(where: { $0 < scale }) {
      #expect(longest * smaller < 3)
    }
    let text = buffer.plainText
    #expect(text.contains("vectors ×\(Int(scale))"), "\(text)")
    let panel = try Self.panelText(buffer, state, width: 80, height: 24).joined()
    #expect(panel.contains("vectors drawn ×\(Int(scale))"), "\(panel)")
    // The gradient's letter is where head + scale·(−lr·g) is.
    let g = try #require(view.legend.first { $0.role == .gradient })
    let tip = try #require(viewport.cell(of: head + scale * g.vector))
    #expect(buffer[tip.column, tip.row].symbol == "g", "\(text)")
  }

  /// Vectors long enough to see are drawn true length, and nothing says otherwise.
  @Test func visibleVectorsStayTrueLength() throws {
    let view = try Self.view(.momentum, on: "ravine", steps: 4, explain: true)
    let (buffer, state) = try frame(
      "ravine", kinds: [.momentum], steps: 4, width: 200, height: 60, tier: .xterm256
    ) { $0.equations = view }
    #expect(Renderer.explainScale(state) == 1)
    #expect(!buffer.plainText.contains("vectors ×") && !buffer.plainText.contains("drawn ×"))
  }

  /// The factor is the smallest that reaches 3 cells, unless that takes a vector off the
  /// map that fitted on it: then the largest smaller one that keeps it on.
  @Test func theScaleIsTheSmallestRoundFactorThatKeepsVectorsOnTheMap() {
    // 20 columns a unit: 0.01 is a fifth of a cell.
    let viewport = Viewport(x: -1...1, y: -1...1, columns: 40, rows: 20)
    let v = SIMD2(0.01, 0.0)
    #expect(Renderer.explainScale([v], at: SIMD2(0, 0), viewport: viewport) == 20)
    #expect(Renderer.explainScale([v, -v / 2], at: SIMD2(0, 0), viewport: viewport) == 20)
    // ×20 would end at 1.05, off the map; ×10 ends at 0.95, two cells long.
    #expect(Renderer.explainScale([v], at: SIMD2(0.85, 0), viewport: viewport) == 10)
    #expect(Renderer.explainScale([v * 20], at: SIMD2(0, 0), viewport: viewport) == 1)
    #expect(Renderer.explainScale([.zero], at: SIMD2(0, 0), viewport: viewport) == 1)
  }

  /// Heavy-ball momentum steps by −lr·b: Δx and b are one vector. The map draws one line in
  /// both colours in turn, named `Δ=b` at its tip, and the panel says they are the same.
  @Test func momentumsStepAndBufferAreOneLineNamedByBoth() throws {
    let view = try Self.view(.momentum, on: "rosenbrock", steps: 30, explain: true)
    #expect(ExplainVector.coinciding(view.legend) == [[2, 1]])
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.momentum], steps: 30, width: 80, height: 24, tier: .xterm256
    ) { $0.equations = view }
    let text = buffer.plainText
    #expect(text.contains("Δ=b"), "\(text)")
    let panel = try Self.panelText(buffer, state, width: 80, height: 24).joined()
    #expect(panel.contains("Δx = −lr·b: the same vector, drawn as one line Δ=b"), "\(panel)")
    // The shared line shows both colours; the b and Δ letters each in their own.
    let scale = Renderer.explainScale(state)
    let viewport = state.heat.heatmap.viewport
    let head = try #require(state.runs[0].head)
    let b = view.legend[1].vector
    let line = (1...40).compactMap { viewport.cell(of: head + scale * b * Double($0) / 40) }
      .filter { "─╱│╲".contains(buffer[$0.column, $0.row].symbol) }
    let colours = Set(line.map { buffer[$0.column, $0.row].foreground })
    #expect(colours == [state.theme.explain(.memory), state.theme.explain(.update)])
    let name = try #require(
      buffer.plainText.split(separator: "\n").firstIndex { $0.contains("Δ=b") })
    let row = Array(buffer.plainText.split(separator: "\n")[name])
    let at = try #require((0..<(row.count - 2)).first { String(row[$0..<($0 + 3)]) == "Δ=b" })
    #expect(buffer[at, name].foreground == state.theme.explain(.update))
    #expect(buffer[at + 2, name].foreground == state.theme.explain(.memory))
  }

  /// Gradient descent steps by −lr·g: `Δ=g`; ASCII spells it `d=g`.
  @Test func gradientDescentsStepIsItsGradient() throws {
    let view = try Self.view(.gd, on: "himmelblau", steps: 3, explain: true)
    for unicode in [true, false] {
      let (buffer, _) = try frame(
        "himmelblau", kinds: [.gd], steps: 3, width: 100, height: 30, tier: .xterm256,
        unicode: unicode
      ) { $0.equations = view }
      #expect(buffer.plainText.contains(unicode ? "Δ=g" : "d=g"), "\(buffer.plainText)")
      #expect(buffer.plainText.contains("the same vector"))
    }
  }

  /// Two vectors along one direction: the longer is drawn first, so the shorter lies on top
  /// in its own colour and both tips show.
  @Test func aShorterParallelVectorLiesOnTopOfTheLonger() throws {
    var view = try Self.view(.momentum, on: "rosenbrock", steps: 40)
    view.legend = [
      ExplainVector(.gradient, glyph: "g", name: "−lr·g", meaning: "", vector: SIMD2(0.6, 0)),
      ExplainVector(.update, glyph: "Δ", name: "Δx", meaning: "", vector: SIMD2(1.2, 0)),
    ]
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.momentum], steps: 40, width: 120, height: 40, tier: .xterm256
    ) { $0.equations = view }
    let head = try #require(state.runs[0].head)
    let viewport = state.heat.heatmap.viewport
    let g = try #require(viewport.cell(of: head + SIMD2(0.6, 0)))
    let d = try #require(viewport.cell(of: head + SIMD2(1.2, 0)))
    #expect(buffer[g.column, g.row].symbol == "g" && buffer[d.column, d.row].symbol == "Δ")
    let middle = try #require(viewport.cell(of: head + SIMD2(0.3, 0)))
    #expect(buffer[middle.column, middle.row].foreground == state.theme.explain(.gradient))
    #expect(ExplainVector.coinciding(view.legend).isEmpty)
  }

  /// A label never lies under a marker drawn after it: on Himmelblau the scale's label
  /// sits beside the start `○`, whole, a cell apart.
  @Test func labelsKeepClearOfTheMarkers() throws {
    let view = try Self.view(.gd, on: "himmelblau", steps: 3, explain: true)
    let (buffer, state) = try frame(
      "himmelblau", kinds: [.gd], steps: 3, width: 80, height: 24, tier: .xterm256
    ) { $0.equations = view }
    let scale = Int(Renderer.explainScale(state))
    let label = Self.find("vectors ×\(scale)", in: buffer)
    #expect(label != nil, "\(buffer.plainText)")
    let start = try #require(state.heat.heatmap.viewport.cell(of: state.start))
    if let label, label.row == start.row {
      #expect(
        label.columns.upperBound < start.column || label.columns.lowerBound > start.column + 1)
    }
  }

  /// A tip on a marker shows its letter: what the vector is matters more there than the
  /// minimum `★` or the cursor `+` under it.
  @Test func aTipsLetterIsDrawnOverAMinimumAndTheCursor() throws {
    var view = try Self.view(.momentum, on: "rosenbrock", steps: 40)
    let (_, plain) = try frame(
      "rosenbrock", kinds: [.momentum], steps: 40, width: 120, height: 40, tier: .xterm256)
    let head = try #require(plain.runs[0].head)
    let minimum = try #require(plain.minima.first)
    view.legend = [
      ExplainVector(.gradient, glyph: "g", name: "−lr·g", meaning: "", vector: minimum - head)
    ]
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.momentum], steps: 40, width: 120, height: 40, tier: .xterm256
    ) {
      $0.equations = view
      $0.cursor = minimum
    }
    #expect(Renderer.explainScale(state) == 1)
    let cell = try #require(state.heat.heatmap.viewport.cell(of: minimum))
    #expect(buffer[cell.column, cell.row].symbol == "g", "\(buffer.plainText)")
  }

  /// A vector still under a cell when drawn is not silently missing: the panel says so.
  @Test func aVectorTooShortToDrawIsNamed() throws {
    let view = try Self.view(.adam, on: "rosenbrock", steps: 30, explain: true)
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.adam], steps: 30, width: 80, height: 24, tier: .xterm256
    ) { $0.equations = view }
    #expect(buffer.plainText.contains("Δx: under a cell, not drawn"), "\(buffer.plainText)")
  }

  /// Where `text` is in `buffer`: its row and columns, if it is there whole.
  static func find(_ text: String, in buffer: Buffer) -> (row: Int, columns: Range<Int>)? {
    let target = Array(text)
    for row in 0..<buffer.height {
      let cells = (0..<buffer.width).map { buffer[$0, row].symbol }
      for x in 0...(buffer.width - target.count)
      where Array(cells[x..<(x + target.count)]) == target {
        return (row, x..<(x + target.count))
      }
    }
    return nil
  }

  /// Two vectors that leave the map at the same spot: their labels lie along the edge they
  /// leave by, each whole, a cell apart at least, inside the map.
  @Test(arguments: [SIMD2(0.0, -1), SIMD2(1.0, 0), SIMD2(0.0, 1), SIMD2(-1.0, 0)])
  func clippedLabelsAtOneSpotShareTheEdge(direction: SIMD2<Double>) throws {
    var view = try Self.view(.momentum, on: "rosenbrock", steps: 40)
    view.legend = [
      ExplainVector(.gradient, glyph: "g", name: "−lr·g", meaning: "", vector: 40 * direction),
      ExplainVector(.update, glyph: "Δ", name: "Δx", meaning: "", vector: 30 * direction),
    ]
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.momentum], steps: 40, width: 120, height: 40, tier: .xterm256
    ) { $0.equations = view }
    let map = Renderer.mapSize(width: 120, height: 40)
    let text = buffer.plainText
    let found = (Self.find("g»40", in: buffer), Self.find("Δ»30", in: buffer))
    guard let g = found.0, let d = found.1 else {
      Issue.record("a label is missing or broken:\n\(text)")
      return
    }
    if direction.y != 0 {
      // Top or bottom: both on the edge's row, apart along it.
      let edge = direction.y < 0 ? map.rows - 1 : 0
      #expect(g.row == edge && d.row == edge, "\(text)")
      #expect(
        g.columns.upperBound < d.columns.lowerBound || d.columns.upperBound < g.columns.lowerBound,
        "\(text)")
    } else {
      // Left or right: both against that edge, on rows of their own.
      let right = direction.x > 0
      for label in [g, d] {
        #expect(right ? label.columns.upperBound == map.columns : label.columns.lowerBound == 0)
      }
      #expect(g.row != d.row)
    }
    // No label covers another, or the head.
    let drawing = try #require(
      Renderer.explainDrawing(state, columns: map.columns, rows: map.rows))
    let cells = drawing.labels.map { $0.row * map.columns + $0.column }
    #expect(Set(cells).count == cells.count)
    let point = try #require(state.runs[0].head)
    let head = try #require(state.heat.heatmap.viewport.cell(of: point))
    #expect(!drawing.labels.contains { $0.column == head.column && $0.row == head.row })
    #expect(drawing.labels.allSatisfy { $0.column < map.columns && $0.row < map.rows })
  }

  /// Labels are placed one by one: a second label that would land on the first, or right
  /// beside it on its row, goes elsewhere; nothing goes off the map.
  @Test func labelsNeverTouch() {
    var labels = ExplainLabels(columns: 20, rows: 5)
    let first = labels.place(6, candidates: labels.alongEdge(leaving: (8, 4), width: 6))
    let second = labels.place(6, candidates: labels.alongEdge(leaving: (8, 4), width: 6))
    #expect(first! == (8, 4))
    #expect(second!.y == 4 && (second!.x + 6 < 8 || second!.x > 14), "\(second!)")
    // At the right edge the label is pulled in so it ends at the edge.
    let edge = labels.place(6, candidates: labels.alongEdge(leaving: (19, 2), width: 6))
    #expect(edge! == (14, 2))
  }

  /// The explain vectors' colours stand off the heat and the paths: at least ΔE00 15 from
  /// every level of every colormap (256 colours and true colour), 9 from every path's
  /// colour, and 20 from each other.
  @Test func explainColoursStandOffTheHeatAndThePaths() {
    let ramps = Colormap.allCases.flatMap {
      HeatRamp.make($0, tier: .xterm256).rgb + HeatRamp.make($0, tier: .truecolor).rgb
    }
    let paths =
      OptimizerKind.allCases.map(Theme.pathRGB) + Theme.xterm256Paths.map { RGB.xterm[Int($0)] }
    let colours = Theme.explainXterm.map { RGB.xterm[Int($0)] }
    for (i, colour) in colours.enumerated() {
      #expect(ramps.allSatisfy { $0.deltaE2000(to: colour) >= 15 }, "vector \(i) on the heat")
      #expect(paths.allSatisfy { $0.deltaE2000(to: colour) >= 9 }, "vector \(i) on a path")
      for other in colours.indices where other > i {
        #expect(colour.deltaE2000(to: colours[other]) >= 20)
      }
    }
  }
}
