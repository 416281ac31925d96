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
