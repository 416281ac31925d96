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

  /// Finite differences on a 593-weight network take far longer than a frame per step: with
  /// a step budget (as the view sets), every tick returns within a frame or so while a worker
  /// computes the step, the steps still come, pausing and quitting act at once, and the
  /// speed reported is the one achieved.
  @Test func slowStepsLeaveEveryTickShort() throws {
    var m = try networkModel("spiral-large")
    m.type("1")  // gd alone
    m.stepBudget = 1.0 / 60
    m.type("d")
    #expect(m.gradientMode == .finiteDifferences)
    var longest = 0.0
    let deadline = Date().addingTimeInterval(120)
    var ticks = 0
    while (m.runs.first?.state.step ?? 0) < 2 && Date() < deadline {
      let start = Date()
      _ = m.update(.tick(1.0 / 30))
      longest = max(longest, Date().timeIntervalSince(start))
      ticks += 1
      Thread.sleep(forTimeInterval: 1.0 / 30)
    }
    #expect((m.runs.first?.state.step ?? 0) >= 2, "the steps still come")
    // A step takes seconds here; a tick never waits for one.
    #expect(longest < 0.25, "a tick took \(longest) s")
    #expect(ticks > 10)
    let achieved = try #require(m.achievedStepsPerSecond)
    #expect(achieved < 10)
    #expect(m.frameState().stepsPerSecond == achieved)
    // Space acts at once and drops the step in flight.
    m.type(" ")
    #expect(m.paused)
    let step = m.runs[0].state.step
    Thread.sleep(forTimeInterval: 0.2)
    _ = m.update(.tick(0.2))
    #expect(m.runs[0].state.step == step)
    #expect(m.press(.character("q")) == .quit)
  }
}
