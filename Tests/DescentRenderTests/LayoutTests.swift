import DescentCore
import Foundation
import Testing

@testable import DescentRender

/// The panels a frame can ask for, in every combination, over a fixed scene and runs.
struct PanelCase: CustomStringConvertible {
  var legend: Bool
  var inspector: Bool
  /// The loss plot and the cost curve.
  var lossPlot: Bool
  var network: Bool
  var help: Bool
  /// The axes and the colour bar.
  var axes = false
  /// The scene's description, and with it the cross-section plot.
  var about = false
  /// An index into `captions`, or nil for none.
  var caption: Int?

  static let captions = [
    "The global minimum ★ is at the centre.",
    "Gradient descent and Adam roll into the nearest dimple and stay there: a local minimum, "
      + "where the gradient is zero too.",
    "Simulated annealing uses no gradient. It proposes random moves and also accepts uphill "
      + "ones with probability exp(−Δf/T). Hot at first, it hops between dimples; as T falls "
      + "it settles near the global minimum. A particle swarm flies 30 particles over the "
      + "whole view; each is pulled towards its own best point and the swarm's, and both find "
      + "the global minimum at 30 evaluations of f per step.",
  ]

  static let all: [PanelCase] = (0..<(128 * (captions.count + 1))).map { n in
    let bits = n % 128
    let caption = n / 128
    return PanelCase(
      legend: bits & 1 != 0, inspector: bits & 2 != 0, lossPlot: bits & 4 != 0,
      network: bits & 8 != 0, help: bits & 16 != 0, axes: bits & 32 != 0,
      about: bits & 64 != 0, caption: caption == 0 ? nil : caption - 1)
  }

  var description: String {
    [
      legend ? "legend" : nil, inspector ? "inspector" : nil, lossPlot ? "plot" : nil,
      network ? "network" : nil, help ? "help" : nil, axes ? "axes" : nil,
      about ? "description" : nil, caption.map { "caption\($0)" },
    ].compactMap { $0 }.joined(separator: "+")
  }
}

/// Frames of the bowl with two recorded runs, built cheaply: the heat is computed here, not
/// sampled through the scene, so hundreds of sizes stay fast.
struct LayoutFixture {
  let scene: Scene
  let runs: [RunView]
  let inspected: InspectorView

  init() throws {
    let scene = try #require(SceneLibrary.builtin(named: "bowl"))
    self.scene = scene
    runs = try [OptimizerKind.gd, .adam].map { kind in
      RunView.record(
        try kind.make(scene.settings(for: kind)), on: scene, from: scene.start, steps: 40)
    }
    var objective = scene.objective()
    var run = Run(
      try OptimizerKind.adam.make(scene.settings(for: .adam)), from: scene.start,
      on: &objective)
    for _ in 0..<5 { run.advance(on: &objective) }
    inspected = InspectorView(run: run)
  }

  /// The frame at one size without panels: the costly part, shared by every combination.
  func base(width: Int, height: Int) -> FrameState {
    let map = Renderer.mapSize(width: width, height: height)
    let viewport = Viewport(scene: scene, columns: map.columns, rows: map.rows)
    var values: [Double] = []
    values.reserveCapacity(viewport.pixelWidth * viewport.pixelHeight)
    for py in 0..<viewport.pixelHeight {
      for px in 0..<viewport.pixelWidth {
        let p = viewport.world(pixelX: px, pixelY: py)
        values.append(p.x * p.x + p.y * p.y)
      }
    }
    let tier = ColorTier.xterm256
    let heat = HeatLayer(
      heatmap: Heatmap(viewport: viewport, values: values), scale: .linear,
      ramp: HeatRamp.make(.viridis, tier: tier))
    return FrameState(scene: scene, heat: heat, runs: runs, theme: Theme(tier: tier))
  }

  func state(_ panels: PanelCase, base: FrameState) -> FrameState {
    var state = base
    let (width, height) = (base.heat.heatmap.viewport.columns, base.heat.heatmap.viewport.rows + 2)
    if !panels.legend { state.runs = [] }
    if panels.legend {
      state.legendNotes = ["paths: a shadow of the weights", "1 ∇f costs 2 passes"]
    }
    if panels.inspector { state.inspected = inspected }
    if panels.lossPlot {
      let points: [SIMD2<Double>] = (0...40).map { step in
        SIMD2(Double(step), 2 * exp(-Double(step) / 8))
      }
      state.lossPlot = runs.map { run in (kind: run.kind, points: points) }
      // The cost curve comes with the loss plot: two plots to place.
      state.costCurve = CostCurveView(
        networks: GradientCost.family(widths: GradientCost.defaultWidths, depth: 2))
    }
    if panels.network {
      let size = ModelPanelView.size(width: width, height: height)
      state.modelPanel = ModelPanelView(
        title: "adam: 93% right", columns: size.columns, rows: size.rows,
        outputs: (0..<(size.columns * size.rows * 2)).map { Double($0 % 7) / 6 },
        points: [(1, 1, 0), (size.columns - 2, 2 * size.rows - 2, 1)])
    }
    state.showHelp = panels.help
    state.axes = panels.axes
    if panels.about {
      state.description = scene.description
      let parabola: [SIMD2<Double>] = (0...40).map { i in
        let t = Double(i) / 40
        return SIMD2(t, (t - 0.5) * (t - 0.5))
      }
      state.crossSection = CrossSectionView(
        title: "loss from the start ○ to the cursor +", ends: ("start", "cursor"),
        series: [(nil, parabola)])
    }
    if let caption = panels.caption {
      state.caption = CaptionView(
        title: "Local minima", text: PanelCase.captions[caption], index: 2, count: 5)
    }
    return state
  }
}

/// A fixed-seed generator (SplitMix64), so the random sizes are the same on every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct LayoutTests {
  /// A grid of sizes from the smallest frame to 250x80, and random ones with a fixed seed.
  static let sizes: [(width: Int, height: Int)] = {
    var sizes: [(Int, Int)] = []
    for width in [40, 47, 60, 64, 80, 100, 120, 160, 200, 250] {
      for height in [12, 15, 20, 24, 30, 40, 60, 80] { sizes.append((width, height)) }
    }
    var random = SplitMix64(state: 14)
    for _ in 0..<24 {
      sizes.append(
        (Int.random(in: 40...250, using: &random), Int.random(in: 12...80, using: &random)))
    }
    return sizes
  }()

  static func requested(_ panels: PanelCase) -> Set<Panel> {
    var set = Set<Panel>()
    if panels.legend { set.insert(.legend) }
    if panels.inspector { set.insert(.inspector) }
    if panels.lossPlot { set.formUnion([.lossPlot, .costCurve]) }
    if panels.network { set.insert(.network) }
    if panels.help { set.insert(.help) }
    if panels.caption != nil { set.insert(.caption) }
    if panels.axes { set.formUnion([.yAxis, .xAxis, .colorBar]) }
    if panels.about { set.formUnion([.description, .crossSection]) }
    return set
  }

  /// Every size, every combination: the rectangles lie inside the map and never overlap,
  /// and every panel asked for is either placed or reported dropped.
  ///
  /// `Renderer.layout` is `Layout(area, requests, keepClear)` over the shown panels'
  /// requests, and each request depends only on its own panel, so the requests are built once
  /// per size and each combination solves its own subset, in order: the same layouts, fast.
  @Test func panelsNeverOverlapAtAnySize() throws {
    let fixture = try LayoutFixture()
    var checked = 0
    for (width, height) in Self.sizes {
      let frame = Rect(x: 0, y: 0, width: width, height: height)
      let area = Renderer.mapArea(width: width, height: height)
      let base = fixture.base(width: width, height: height)
      // One request per panel, and one per caption length.
      var everything = fixture.state(PanelCase.all.last!, base: base)
      let requests = Renderer.requests(everything, area: area)
      let captions = PanelCase.captions.indices.map { index in
        everything.caption?.text = PanelCase.captions[index]
        return Renderer.captionRequest(everything, area: area)
      }
      let withRuns = Renderer.keepClear(everything, area: area)
      everything.runs = []
      let withoutRuns = Renderer.keepClear(everything, area: area)
      for panels in PanelCase.all {
        let wanted = Self.requested(panels)
        let chosen = requests.compactMap { request -> Layout.Request? in
          guard wanted.contains(request.panel) else { return nil }
          return request.panel == .caption ? captions[panels.caption!]! : request
        }
        let layout = Layout(
          area: area, requests: chosen, keepClear: panels.legend ? withRuns : withoutRuns)
        let placed = layout.placed
        for (i, a) in placed.enumerated() {
          #expect(
            frame.contains(a.rect) && area.contains(a.rect),
            "\(width)x\(height) \(panels): \(a.panel) at \(a.rect)")
          for b in placed[(i + 1)...] {
            #expect(
              !a.rect.intersects(b.rect),
              "\(width)x\(height) \(panels): \(a.panel) \(a.rect) overlaps \(b.panel) \(b.rect)")
          }
        }
        let shown = Set(placed.map(\.panel)).union(layout.dropped)
        #expect(shown == wanted, "\(width)x\(height) \(panels)")
        checked += 1
      }
    }
    #expect(checked == Self.sizes.count * PanelCase.all.count)
  }

  /// The rendered buffer: outside the panels' rectangles (and the two bottom lines) every
  /// cell is the map's, so no panel drew outside its own rectangle; a dropped panel is named
  /// on the message line. Rendering is the slow part, so every combination at the small
  /// sizes, where panels crowd, and a sample of them elsewhere.
  @Test func panelsDrawOnlyInsideTheirRectangles() throws {
    let fixture = try LayoutFixture()
    var random = SplitMix64(state: 12)
    var cases: [(width: Int, height: Int, panels: [PanelCase])] = [
      (40, 12, PanelCase.all), (60, 20, PanelCase.all),
      (80, 24, (0..<12).map { _ in PanelCase.all.randomElement(using: &random)! }),
      (120, 40, [PanelCase.all[31], PanelCase.all[127], PanelCase.all.last!]),
      (250, 80, [PanelCase.all.last!]),
    ]
    for (width, height) in Self.sizes.suffix(24) where width * height < 4000 {
      cases.append((width, height, [PanelCase.all.randomElement(using: &random)!]))
    }
    for (width, height, combinations) in cases {
      let base = fixture.base(width: width, height: height)
      var maps: [Bool: Buffer] = [:]
      for legend in [false, true] {
        var map = Buffer(width: width, height: height)
        var state = base
        if !legend { state.runs = [] }
        Renderer.drawMap(state, into: &map)
        maps[legend] = map
      }
      for panels in combinations {
        let state = fixture.state(panels, base: base)
        let buffer = Renderer.render(state, width: width, height: height)
        let map = maps[panels.legend]!
        let layout = Renderer.layout(state, width: width, height: height)
        var outside: [(Int, Int)] = []
        for y in 0..<(height - 2) {
          for x in 0..<width where !layout.placed.contains(where: { $0.rect.contains(x: x, y: y) })
          {
            if buffer[x, y] != map[x, y] { outside.append((x, y)) }
          }
        }
        #expect(
          outside.isEmpty,
          "\(width)x\(height) \(panels): cells written outside every panel: \(outside.prefix(5))")
        let message = buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false)[
          height - 1]
        if let note = Renderer.droppedNote(layout) {
          #expect(
            message.contains("(no room for "), "\(width)x\(height) \(panels): \(message)")
          for panel in layout.dropped where note.count + 2 <= width {
            #expect(
              message.contains(panel.rawValue),
              "\(width)x\(height) \(panels): \(panel) dropped silently: \(message)")
          }
        }
      }
    }
  }

  /// Where there is room, nothing is dropped: a layout that dropped everything would pass
  /// the overlap checks.
  @Test func everyPanelFitsInARoomyFrame() throws {
    let fixture = try LayoutFixture()
    for (width, height) in [(120, 40), (250, 80)] {
      let base = fixture.base(width: width, height: height)
      // The help and the description are big overlays to read and close; at 120x40 the
      // description may leave the cross-section no room beside five other panels.
      for panels in PanelCase.all where !panels.help && (width >= 250 || !panels.about) {
        let layout = Renderer.layout(
          fixture.state(panels, base: base), width: width, height: height)
        // At 120x40 the cost curve (40x8 at least) may find no room beside six other panels,
        // and beside the scene's description (a big overlay to read and close) neither may
        // the cross-section.
        let allowed: [Panel] =
          (width >= 250 ? [] : [.costCurve]) + (panels.about ? [.costCurve, .crossSection] : [])
        #expect(
          layout.dropped.allSatisfy(allowed.contains),
          "\(width)x\(height) \(panels): dropped \(layout.dropped)")
      }
    }
  }
}

@Suite struct PanelPlacementTests {
  /// At 60x20 the inspector and the loss plot both want the bottom of the map; each shows
  /// whole, where the plot used to print over the inspector.
  @Test func inspectorAndLossPlotShareA60x20Frame() throws {
    let fixture = try LayoutFixture()
    let panels = PanelCase(
      legend: true, inspector: true, lossPlot: true, network: false, help: false, caption: nil)
    var state = fixture.state(panels, base: fixture.base(width: 60, height: 20))
    state.costCurve = nil
    let text = Renderer.render(state, width: 60, height: 20).plainText
    for line in Renderer.inspectorLines(fixture.inspected) {
      #expect(text.contains(String(line.prefix(26))), "inspector line lost: \(line)\n\(text)")
    }
    #expect(text.contains("loss (log)"))
    let layout = Renderer.layout(state, width: 60, height: 20)
    #expect(layout.dropped.isEmpty)
  }

  /// A panel moves off a head: with the head in the inspector's corner, it takes another.
  @Test func panelsAvoidHeads() {
    let area = Rect(x: 0, y: 0, width: 80, height: 22)
    let request = Layout.Request(
      .inspector, sizes: [Layout.Size(width: 30, height: 8)],
      anchors: [.bottomLeft, .topLeft, .bottomRight, .topRight])
    let free = Layout(area: area, requests: [request])
    #expect(free[.inspector] == Rect(x: 0, y: 14, width: 30, height: 8))
    let crowded = Layout(
      area: area, requests: [request],
      keepClear: [
        Layout.KeepClear(x: 3, y: 20, kind: .head), Layout.KeepClear(x: 5, y: 2, kind: .landmark),
      ])
    #expect(crowded[.inspector] == Rect(x: 50, y: 14, width: 30, height: 8))
    // A path alone does not move it: only the caption avoids paths.
    let path = Layout(
      area: area, requests: [request], keepClear: [Layout.KeepClear(x: 3, y: 20, kind: .path)])
    #expect(path[.inspector] == Rect(x: 0, y: 14, width: 30, height: 8))
  }

  /// A panel slides past one in its way, and one that fits nowhere is dropped and named.
  @Test func panelsSlideAndDrop() {
    let area = Rect(x: 0, y: 0, width: 40, height: 10)
    let legend = Layout.Request(
      .legend, sizes: [Layout.Size(width: 20, height: 3)], anchors: [.topRight])
    let plot = Layout.Request(
      .lossPlot, sizes: [Layout.Size(width: 20, height: 7)], anchors: [.topRight])
    let slid = Layout(area: area, requests: [legend, plot])
    #expect(slid[.lossPlot] == Rect(x: 20, y: 3, width: 20, height: 7))
    let big = Layout.Request(
      .inspector, sizes: [Layout.Size(width: 30, height: 8)], anchors: [.bottomLeft])
    let full = Layout(area: area, requests: [legend, plot, big])
    #expect(full.dropped == [.inspector])
    #expect(full[.inspector] == nil)
  }
}
