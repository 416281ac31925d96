import DescentCore
import DescentRender
import Foundation
import Testing

@testable import DescentTUI

/// The keys that make the map read as a plot: `x` (axes and colour bar) and `D` (what the
/// scene is about).
@Suite struct PlotKeysTests {
  @Test func xTogglesTheAxesAndTheColourBar() throws {
    var m = try model("himmelblau", width: 80, height: 24)
    #expect(!m.frame().plainText.contains("┴"))
    m.type("x")
    #expect(m.axes && m.message.contains("axes"))
    let layout = Renderer.layout(m.frameState(), width: 80, height: 24)
    #expect(layout[.xAxis] != nil && layout[.yAxis] != nil && layout[.colorBar] != nil)
    let text = m.frame().plainText
    #expect(text.contains("┴0") && text.contains(" 0┤") && text.contains("loss"), "\(text)")
    // L switches the bar to the log scale with the map.
    m.type("L")
    #expect(m.frame().plainText.contains("loss (log)") == (m.scale == .log))
    m.type("x")
    #expect(!m.frame().plainText.contains("┴"))
  }

  @Test func capitalDShowsTheScenesDescription() throws {
    var m = try model("himmelblau", width: 80, height: 24)
    m.type("D")
    #expect(m.frameState().description == m.scene.description)
    let text = m.frame().plainText
    #expect(text.contains(m.scene.title) && text.contains("Four minima"), "\(text)")
    // It stays open while the runs go on, and D closes it.
    _ = m.update(.tick(0.2))
    #expect(m.frameState().description != nil)
    m.type("D")
    #expect(m.frameState().description == nil)
  }
}

/// The 3-D view (`v`, `[ ] { }`) and the cross-section (`X`).
@Suite struct SurfaceKeysTests {
  @Test func vShowsTheHeightFieldAndTheBracketsTurnAndTiltIt() throws {
    var m = try model("himmelblau", width: 80, height: 24)
    m.type("[")
    #expect(m.surfaceView == nil && m.message.contains("v shows it"))
    m.type("v")
    let start = try #require(m.surfaceView)
    #expect(m.frameState().surface == start)
    m.type("]]")
    #expect(m.surfaceView?.yaw == start.yaw + 30)
    m.type("}")
    #expect(m.surfaceView?.pitch == start.pitch + 10)
    for _ in 0..<10 { m.type("}") }
    #expect(m.surfaceView?.pitch == 90)
    // A click on the 3-D view does not restart the runs at a point of the flat map.
    let before = m.runs.map(\.state.position)
    _ = m.update(.click(column: 5, row: 5))
    #expect(m.runs.map(\.state.position) == before && m.message.contains("flat map"))
    // v returns to the map and keeps the angles for the next time.
    m.type("v")
    #expect(m.frameState().surface == nil)
    m.type("v")
    #expect(m.surfaceView?.pitch == 90)
  }

  /// Dragging with the mouse turns the 3-D view (3° a column, right as `]`) and tilts it
  /// (3° a row, down as `}`), from wherever the mouse last was; the runs stay put. On the
  /// flat map a drag does nothing and a click still restarts the runs there.
  @Test func draggingTurnsAndTiltsTheThreeDView() throws {
    var m = try model("himmelblau", width: 80, height: 24)
    m.type(".....")
    let before = m.runs.map(\.state.position)
    m.type("v")
    let start = try #require(m.surfaceView)
    _ = m.update(.click(column: 40, row: 10))
    #expect(m.surfaceView == start)
    _ = m.update(.drag(column: 45, row: 10))
    #expect(m.surfaceView == SurfaceView(yaw: start.yaw + 15, pitch: start.pitch))
    _ = m.update(.drag(column: 43, row: 12))
    #expect(m.surfaceView == SurfaceView(yaw: start.yaw + 9, pitch: start.pitch + 6))
    #expect(m.message == "turned to -21°, seen from 41° above the horizon")
    #expect(m.frameState().surface == m.surfaceView)
    // Far: the turn wraps into -180..<180, the tilt stops at 90°.
    _ = m.update(.drag(column: 43 + 70, row: 12 + 30))
    let far = try #require(m.surfaceView)
    #expect(far.yaw == start.yaw + 9 + 210 - 360)
    #expect(far.pitch == 90)
    // A new press starts a new drag from there, not from the last drag's end.
    _ = m.update(.click(column: 10, row: 10))
    _ = m.update(.drag(column: 9, row: 10))
    #expect(m.surfaceView == SurfaceView(yaw: far.yaw - 3, pitch: 90))
    #expect(m.runs.map(\.state.position) == before)
    // The angles stay for the next v; on the flat map a drag changes nothing.
    m.type("v")
    let angles = m.surfaceAngles
    _ = m.update(.click(column: 30, row: 10))
    let restarted = m.runs.map(\.state.position)
    #expect(restarted != before)
    _ = m.update(.drag(column: 50, row: 14))
    #expect(m.surfaceView == nil && m.surfaceAngles == angles)
    #expect(m.runs.map(\.state.position) == restarted)
    m.type("v")
    #expect(m.surfaceView == angles)
  }

  @Test func capitalXCyclesTheCrossSection() throws {
    var m = try model("bowl", width: 100, height: 30)
    m.type("X")
    let line = try #require(m.frameState().crossSection)
    let points = try #require(line.series.first?.points)
    #expect(points.first?.y == m.scene.values(xs: [m.start.x], ys: [m.start.y])[0])
    #expect(points.last?.y == m.scene.values(xs: [m.cursor.x], ys: [m.cursor.y])[0])
    #expect(m.frame().plainText.contains("loss from the start"))
    // Along the path: the loss at each point the path went through, step 0 first.
    _ = m.update(.tick(1))
    m.type("X")
    let path = try #require(m.frameState().crossSection)
    let trail = m.trails[0].points
    let first = try #require(path.series.first?.points.first)
    #expect(first.x == 0 && first.y == m.scene.values(xs: [trail[0].x], ys: [trail[0].y])[0])
    #expect(path.title.contains(m.runs[0].kind.rawValue))
    m.type("X")
    #expect(m.frameState().crossSection == nil)
  }
}

/// The network panel (`n`) grows with the terminal and keeps its pixels square.
@Suite struct NetworkPanelSizeTests {
  @Test(arguments: [(80, 24), (120, 40), (200, 60), (250, 80)])
  func growsWithTheTerminal(width: Int, height: Int) {
    let size = ModelPanelView.size(width: width, height: height)
    #expect(size.columns == 2 * size.rows)
    #expect(size.columns <= width * 45 / 100 && size.rows <= (height - 4) / 2)
    // Half the map's height, or near it when the width allows.
    #expect(size.rows >= min((height - 4) / 2, width * 45 / 200) - 1)
  }

  @Test func aProjectorSizedTerminalShowsABigPanel() throws {
    #expect(ModelPanelView.size(width: 200, height: 60).rows >= 28)
    #expect(ModelPanelView.size(width: 80, height: 24).rows == 10)
    // The smallest frames keep a legible minimum.
    #expect(ModelPanelView.size(width: 40, height: 12).rows == 5)
  }
}

extension NetworkViewTests {
  /// On a projector-sized terminal the spiral's panel is placed at its full, larger size.
  @Test func theNetworkPanelIsLargeOnALargeTerminal() throws {
    var m = try networkModel("spiral-large", width: 200, height: 60)
    m.type("n")
    let panel = try #require(m.frameState().modelPanel)
    #expect(panel.columns >= 56 && panel.rows >= 28)
    let rect = try #require(Renderer.layout(m.frameState(), width: 200, height: 60)[.network])
    #expect(rect.width == panel.columns + 2 && rect.height == panel.rows + 2)
    #expect(panel.outputs.count == panel.columns * panel.rows * 2)
  }

  /// Where it is turned on, the axes of a network's plane are α and β.
  @Test func theAxesOfANetworkPlaneAreAlphaAndBeta() throws {
    var m = try networkModel(width: 100, height: 30)
    m.type("x")
    let names = m.frameState().axisNames
    #expect(names.0 == "α" && names.1 == "β")
  }
}
