import DescentCore
import DescentRender
import Foundation
import Testing

@testable import DescentTUI

@Suite struct NetworkViewTests {
  func networkModel(_ name: String = "moons-small", width: Int = 120, height: Int = 40) throws
    -> Model
  {
    let scene = try #require(SceneLibrary.builtin(named: name))
    return Model(
      scenes: [scene] + SceneLibrary.builtins, sceneIndex: 0, tier: .xterm256, width: width,
      height: height)
  }

  /// A fixed gradient cost, so frames do not depend on the clock.
  static let cost = GradientTiming(
    parameters: 33, backprop: 0.0002, forward: 0.0001, finiteDifferences: 0.0066)

  /// Performs `effect` as the runtime would, at once and in order, sending each result back
  /// to the model: no threads, no clock, no sleeps. Returns the effects performed.
  @discardableResult
  func perform(_ effect: Effect, on m: inout Model) -> [Effect] {
    var done: [Effect] = []
    for effect in effect.all {
      done.append(effect)
      switch effect {
      case .computeSlice(let request):
        _ = m.update(.sliceProgress(request.key, 0.5))
        if let result = request.compute() {
          done += perform(m.update(.sliceComputed(result)), on: &m)
        }
      case .measureGradientCost(let scene, _):
        done += perform(m.update(.gradientCostMeasured(scene: scene, cost: Self.cost)), on: &m)
      case .none, .quit, .batch, .saveSetup:
        break
      }
    }
    return done
  }

  @Test func aPreviewFirstThenTheFullSlice() throws {
    var m = try networkModel()
    let first = m.frameState()
    #expect(m.sliceProgress == 0)
    #expect(first.message.contains("computing the slice: 0%"))
    // The model asks for the slice and the timing; it computes neither itself.
    let initial = m.initialEffect.all
    #expect(initial.contains { if case .computeSlice = $0 { true } else { false } })
    #expect(initial.contains { if case .measureGradientCost(0, _) = $0 { true } else { false } })
    let request = try #require(
      initial.compactMap { if case .computeSlice(let r) = $0 { r } else { nil } }.first)
    _ = m.update(.sliceProgress(request.key, 0.25))
    #expect(m.frameState().message.contains("computing the slice: 25%"))
    // A result for another view is ignored.
    var elsewhere = m
    let other = try #require(
      elsewhere.update(.key(.character("z"))).all.compactMap {
        if case .computeSlice(let r) = $0 { r } else { nil }
      }.first)
    _ = m.update(.sliceComputed(try #require(other.compute())))
    #expect(m.sliceProgress == 0.25)
    perform(m.initialEffect, on: &m)
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
    // Zooming asks for another slice; the keys keep working meanwhile.
    let zoom = m.update(.key(.character("z")))
    #expect(zoom.all.contains { if case .computeSlice = $0 { true } else { false } })
    #expect(m.sliceProgress == 0)
    m.type(" ")
    #expect(m.paused)
    perform(zoom, on: &m)
    #expect(m.sliceProgress == nil)
  }

  /// Frames are a pure function of the model: the same model and events give the same
  /// frame, cell for cell, and drawing one changes nothing.
  @Test func networkFramesAreDeterministic() throws {
    func drive() throws -> Model {
      var m = try networkModel(width: 80, height: 24)
      perform(m.initialEffect, on: &m)
      for key in ["5", "i", "n", "p"] {
        perform(m.update(.key(.character(Character(key)))), on: &m)
      }
      for _ in 0..<20 { perform(m.update(.tick(0.1)), on: &m) }
      return m
    }
    let a = try drive()
    let b = try drive()
    #expect(a.frame() == b.frame())
    #expect(a.frame() == a.frame())
    #expect(a.frame().plainText.contains("backprop 0.2 ms"))
  }

  /// At 80x24 the legend is 32 columns wide: every note fits it whole, none is cut mid-word
  /// ("on α-β; each loss is the true o" was).
  @Test func theLegendNotesFitTheNarrowLegend() throws {
    for name in ["moons-small", "spiral-large"] {
      let m = try networkModel(name, width: 80, height: 24)
      let state = m.frameState()
      let text = m.frame().plainText
      #expect(state.legendNotes.count == 6)
      for note in state.legendNotes {
        #expect(text.contains(note), "\(name): \(note) cut")
      }
    }
  }

  @Test func theLegendSaysWhatThePathsAreAndWhatAGradientCosts() throws {
    var m = try networkModel()
    var text = m.frame().plainText
    #expect(text.contains("paths: shadows of 33 weights"))
    #expect(text.contains("with their true loss"))
    #expect(text.contains("backprop timing…"))
    #expect(text.contains("(66 forward passes)"))
    perform(m.initialEffect, on: &m)
    text = m.frame().plainText
    #expect(text.contains("backprop 0.2 ms"))
    #expect(text.contains("finite diff. 6.6 ms"))
    m.type("d")
    #expect(m.message.contains("66 evaluations of f for 33 parameters"))
  }

  @Test func theNetworkPanelShowsTheInspectedOptimizersNetwork() throws {
    var m = try networkModel()
    m.type("5")  // adam alone
    for _ in 0..<30 { _ = m.update(.tick(1)) }
    m.type("n")
    #expect(m.showModelPanel)
    let state = m.frameState()
    let panel = try #require(state.modelPanel)
    let run = try #require(m.runs.first?.state)
    #expect(panel.title.hasPrefix("adam · "))
    #expect(panel.title.contains(Renderer.format((run.accuracy ?? 0) * 100) + "% right"))
    #expect(panel.points.count == 200)
    #expect(panel.outputs.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(m.frame().plainText.contains("adam · "))
    // Elsewhere the key explains itself.
    var surface = try model()
    surface.type("n")
    #expect(surface.message.contains("network scenes"))
  }

  /// Ticks until `done` holds or 60 s pass, giving the worker thread time.
  func tick(_ m: inout Model, until done: (Model) -> Bool) {
    let deadline = Date().addingTimeInterval(60)
    while !done(m) && Date() < deadline {
      _ = m.update(.tick(1.0 / 30))
      Thread.sleep(forTimeInterval: 0.02)
    }
  }

  /// `.` pressed while a step is being computed on a worker thread waits for it, and then
  /// takes its own step: three presses make three steps, however quickly they come. A pause
  /// drops the presses waiting with the step in flight.
  @Test func pressesOfDotWaitForTheStepInFlight() throws {
    var m = try networkModel()
    m.type("1 ")
    // Every step goes to the worker, as a network's slow steps do in the view.
    m.stepBudget = 1e-12
    let start = m.runs[0].state.step
    m.type("...")
    #expect(m.stepJob != nil && m.queuedSteps == 2, "\(m.message)")
    #expect(m.needsTicks)
    tick(&m) { $0.runs[0].state.step == start + 3 && $0.stepJob == nil && $0.queuedSteps == 0 }
    #expect(m.runs[0].state.step == start + 3)
    #expect(m.paused && m.queuedSteps == 0)
    // No more than one step a press.
    for _ in 0..<10 { _ = m.update(.tick(1.0 / 30)) }
    #expect(m.runs[0].state.step == start + 3)
    // The queue is bounded.
    m.type(String(repeating: ".", count: Model.maximumQueuedSteps + 5))
    #expect(m.queuedSteps == Model.maximumQueuedSteps)
    // Space drops the step in flight and the presses waiting for it.
    m.type(" ")
    #expect(m.stepJob == nil && m.queuedSteps == 0 && !m.paused)
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
