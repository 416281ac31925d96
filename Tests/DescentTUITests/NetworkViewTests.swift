import DescentCore
import DescentRender
import Foundation
import Testing

@testable import DescentTUI

@Suite struct NetworkViewTests {
  func networkModel(_ name: String = "moons-small") throws -> Model {
    let scene = try #require(SceneLibrary.builtin(named: name))
    return Model(
      scenes: [scene] + SceneLibrary.builtins, sceneIndex: 0, tier: .xterm256, width: 120,
      height: 40)
  }

  /// Draws frames until the background slice is done (at most 60 s).
  func waitForSlice(_ m: inout Model) {
    let deadline = Date().addingTimeInterval(60)
    _ = m.frame()
    while m.sliceProgress != nil && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
      _ = m.frame()
    }
  }

  @Test func aPreviewFirstThenTheFullSlice() throws {
    var m = try networkModel()
    let first = m.frameState()
    #expect(m.sliceProgress != nil)
    #expect(first.message.contains("computing the slice"))
    waitForSlice(&m)
    #expect(m.sliceProgress == nil)
    let state = m.frameState()
    #expect(!state.message.contains("computing the slice"))
    // The full slice: every pixel is the loss at its (α, β).
    let heatmap = state.heat.heatmap
    let (xs, ys) = heatmap.viewport.pixelCentres
    let network = try #require(m.scene.network)
    for (i, j) in [(0, 0), (xs.count / 2, ys.count / 3), (xs.count - 1, ys.count - 1)] {
      #expect(heatmap.values[j * xs.count + i] == network.loss(at: SIMD2(xs[i], ys[j])))
    }
    // Zooming starts another preview; the keys keep working meanwhile.
    m.type("z")
    _ = m.frame()
    #expect(m.sliceProgress != nil)
    m.type(" ")
    #expect(m.paused)
    waitForSlice(&m)
  }

  @Test func theLegendSaysWhatThePathsAreAndWhatAGradientCosts() throws {
    var m = try networkModel()
    let text = m.frame().plainText
    #expect(text.contains("paths: shadows of 33 weights"))
    #expect(text.contains("each loss is the true one"))
    #expect(text.contains("backprop"))
    #expect(text.contains("(66 forward passes)"))
    m.type("d")
    #expect(m.message.contains("66 evaluations of f for 33 parameters"))
    waitForSlice(&m)
  }

  @Test func theNetworkPanelShowsTheInspectedOptimizersNetwork() throws {
    var m = try networkModel()
    m.type("5")  // adam alone
    for _ in 0..<30 { _ = m.update(.tick(1)) }
    m.type("n")
    #expect(m.showModelPanel)
    let state = m.frameState()
    let panel = try #require(state.modelPanel)
    let run = try #require(m.runs.first?.state as? NetworkOptimizer.State)
    #expect(panel.title.hasPrefix("adam · "))
    #expect(panel.title.contains(Renderer.format((run.accuracy ?? 0) * 100) + "% right"))
    #expect(panel.points.count == 200)
    #expect(panel.outputs.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(m.frame().plainText.contains("adam · "))
    waitForSlice(&m)
    // Elsewhere the key explains itself.
    var surface = try model()
    surface.type("n")
    #expect(surface.message.contains("network scenes"))
  }
}
