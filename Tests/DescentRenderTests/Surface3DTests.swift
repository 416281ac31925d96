import DescentCore
import Foundation
import Testing

@testable import DescentRender

@Suite struct Surface3DTests {
  let viewport = Viewport(x: -1...1, y: -1...1, columns: 40, rows: 20)

  /// Straight down (90°, unturned) the height field is the map: +x to the right, +y up
  /// the screen, and higher ground nearer the eye.
  @Test func lookingStraightDownIsTheMap() {
    let camera = Renderer.SurfaceCamera(viewport: viewport, view: SurfaceView(yaw: 0, pitch: 90))
    let centre = camera.unit(SIMD2(0, 0), 0.5)
    #expect(camera.unit(SIMD2(0.5, 0), 0.5).x > centre.x)
    #expect(camera.unit(SIMD2(0, 0.5), 0.5).y < centre.y)
    #expect(camera.unit(SIMD2(0, 0), 1).depth > camera.unit(SIMD2(0, 0), 0).depth)
  }

  /// From low down the far side rises up the screen and the near side is nearer; turning
  /// by 180° swaps them.
  @Test func tiltAndTurn() {
    let low = Renderer.SurfaceCamera(viewport: viewport, view: SurfaceView(yaw: 0, pitch: 20))
    let far = low.unit(SIMD2(0, 1), 0)
    let near = low.unit(SIMD2(0, -1), 0)
    #expect(far.y < near.y && far.depth < near.depth)
    // Higher ground shows higher on the screen.
    #expect(low.unit(SIMD2(0, 0), 1).y < low.unit(SIMD2(0, 0), 0).y)
    let turned = Renderer.SurfaceCamera(
      viewport: viewport, view: SurfaceView(yaw: 180, pitch: 20))
    #expect(turned.unit(SIMD2(0, 1), 0).depth > turned.unit(SIMD2(0, -1), 0).depth)
    #expect(SurfaceView(pitch: 200).pitch == 90 && SurfaceView(pitch: -5).pitch == 10)
  }

  /// Every head is drawn as a marker, in its colour, and the paths lie on the surface.
  @Test func headsAndPathsAreOnTheSurface() throws {
    let (buffer, state) = try frame(
      "himmelblau", kinds: [.gd, .adam, .momentum], steps: 40, width: 100, height: 30,
      tier: .xterm256
    ) { $0.surface = SurfaceView() }
    let heads = buffer.cells.filter { $0.symbol == "●" }
    // One in the legend and one on the surface for each run.
    #expect(heads.count == 2 * state.runs.count)
    for run in state.runs {
      #expect(heads.contains { $0.foreground == state.theme.path(run.kind) }, "\(run.kind)")
    }
    // No map cell is drawn where the map would be: the flat map's cells differ.
    var flat = state
    flat.surface = nil
    #expect(Renderer.render(flat, width: 100, height: 30) != buffer)
  }

  @Test func monochromeShadesWithASCIIGlyphs() throws {
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.gd], steps: 100, width: 80, height: 24, tier: .none,
      unicode: false
    ) { $0.surface = SurfaceView() }
    let text = buffer.plainText
    #expect(text.allSatisfy { $0.isASCII })
    #expect(text.contains("@") && text.contains("=") && text.contains("1"), "\(text)")
  }

  @Test func theLineSectionOfABowlIsAParabola() throws {
    let scene = try #require(SceneLibrary.builtin(named: "bowl"))
    let points = CrossSectionView.line(on: scene, from: SIMD2(-1, 0), to: SIMD2(1, 0), samples: 5)
    let f = scene.values(xs: [-1, -0.5, 0, 0.5, 1], ys: [0])
    #expect(points.map(\.x) == [0, 0.25, 0.5, 0.75, 1])
    #expect(points.map(\.y) == f)
    #expect(f[2] < f[1] && f[1] < f[0] && f[0] == f[4])
  }

  @Test func theCrossSectionIsAPlotPanel() throws {
    let scene = try #require(SceneLibrary.builtin(named: "himmelblau"))
    let (buffer, state) = try frame(
      "himmelblau", kinds: [.gd], steps: 20, width: 80, height: 24, tier: .xterm256
    ) {
      $0.crossSection = CrossSectionView(
        title: "loss from the start ○ to the cursor +", ends: ("start", "cursor"),
        series: [(nil, CrossSectionView.line(on: scene, from: scene.start, to: SIMD2(3, 2)))])
    }
    let rect = try #require(Renderer.layout(state, width: 80, height: 24)[.crossSection])
    let text = buffer.plainText
    #expect(text.contains("loss from the start") && text.contains("start"))
    let braille = buffer.cells.filter {
      ("\u{2801}"..."\u{28FF}").contains(String($0.symbol))
    }
    #expect(braille.count >= rect.width / 2)
  }

  /// Gradient descent, momentum and Adam all end at the bowl's minimum: their heads stand
  /// side by side on its row, centred on it in the legend's order, each in its colour.
  @Test func headsThatMeetStandSideBySide() throws {
    let (buffer, state) = try Self.converged(width: 80, height: 24)
    let map = Renderer.mapSize(width: 80, height: 24)
    let view = try #require(state.surface)
    let camera = try #require(
      Renderer.surfaceGrid(state, view: view, columns: map.columns, rows: map.rows)?.camera)
    let minimum = try #require(
      Renderer.surfaceCell(
        SIMD2(0, 0), state, camera: camera, columns: map.columns, rows: map.rows))
    let heads = Renderer.surfaceHeadCells(
      state, camera: camera, columns: map.columns, rows: map.rows
    ).compactMap { $0 }
    #expect(heads.count == 3)
    #expect(heads.allSatisfy { $0.row == minimum.row })
    #expect(heads.map(\.column) == [minimum.column - 1, minimum.column, minimum.column + 1])
    for (run, head) in zip(state.runs, heads) {
      #expect(buffer[head.column, head.row].symbol == "●")
      #expect(buffer[head.column, head.row].foreground == state.theme.path(run.kind))
    }
    // Without colour the heads are their numbers, in the legend's order.
    let (mono, _) = try frame(
      "bowl", kinds: [.gd, .momentum, .adam], steps: 300, width: 80, height: 24, tier: .none,
      unicode: false
    ) { $0.surface = SurfaceView(yaw: -30, pitch: 35) }
    #expect(mono.plainText.contains("125"), "\(mono.plainText)")
  }

  /// The panels keep clear of the heads where the 3-D view draws them, not where the flat
  /// map has them: on the bowl turned by -30° the loss plot's corner holds the heads.
  @Test func panelsAvoidTheHeadsWhereTheSurfaceHasThem() throws {
    let (_, state) = try Self.converged(width: 80, height: 24)
    let map = Renderer.mapSize(width: 80, height: 24)
    let view = try #require(state.surface)
    let camera = try #require(
      Renderer.surfaceGrid(state, view: view, columns: map.columns, rows: map.rows)?.camera)
    let heads = Renderer.surfaceHeadCells(
      state, camera: camera, columns: map.columns, rows: map.rows
    ).compactMap { $0 }
    func covered(_ layout: Layout) -> Bool {
      layout.placed.contains { _, rect in heads.contains { rect.contains(x: $0.column, y: $0.row) }
      }
    }
    let layout = Renderer.layout(state, width: 80, height: 24)
    #expect(layout[.lossPlot] != nil)
    #expect(!covered(layout), "\(layout.placed)")
    // Placed by the flat map's heads, a panel covers them: the case is a real one.
    var flat = state
    flat.surface = nil
    let area = Renderer.mapArea(width: 80, height: 24)
    let byFlatHeads = Layout(
      area: area, requests: Renderer.requests(state, area: area),
      keepClear: Renderer.keepClear(flat, area: area))
    #expect(covered(byFlatHeads))
  }

  /// Three runs that all reach the bowl's minimum, seen in 3-D, with the loss plot.
  static func converged(width: Int, height: Int) throws -> (Buffer, FrameState) {
    try frame(
      "bowl", kinds: [.gd, .momentum, .adam], steps: 300, width: width, height: height,
      tier: .xterm256
    ) {
      $0.surface = SurfaceView(yaw: -30, pitch: 35)
      $0.lossPlot = $0.runs.map { run in
        (run.kind, [SIMD2(0, 1), SIMD2(Double(run.step), max(run.loss, 1e-30))])
      }
    }
  }

  // MARK: - Golden frames

  @Test func surfaceAt80x24() throws {
    let (buffer, _) = try frame(
      "himmelblau", kinds: [.gd, .adam], steps: 60, width: 80, height: 24, tier: .xterm256
    ) { $0.surface = SurfaceView() }
    Snapshot.check(buffer, "surface-himmelblau-256-80x24")
  }

  @Test func surfaceAt200x60() throws {
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.gd, .momentum, .adam], steps: 300, width: 200, height: 60,
      tier: .xterm256
    ) { $0.surface = SurfaceView(yaw: -40, pitch: 40) }
    Snapshot.check(buffer, "surface-rosenbrock-256-200x60")
  }

  @Test func convergedHeadsAt80x24() throws {
    Snapshot.check(try Self.converged(width: 80, height: 24).0, "surface-bowl-met-256-80x24")
  }

  @Test func convergedHeadsAt200x60() throws {
    Snapshot.check(try Self.converged(width: 200, height: 60).0, "surface-bowl-met-256-200x60")
  }

  @Test func surfaceMonochromeAt80x24() throws {
    let (buffer, _) = try frame(
      "himmelblau", kinds: [.gd], steps: 60, width: 80, height: 24, tier: .none
    ) { $0.surface = SurfaceView(yaw: 30, pitch: 50) }
    Snapshot.check(buffer, "surface-himmelblau-none-80x24")
  }
}
