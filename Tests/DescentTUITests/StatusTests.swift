import DescentCore
import DescentRender
import Testing

@testable import DescentTUI

/// The status bar and the message line say what is so, at every width.
@Suite struct StatusTests {
  /// At 60 columns the step and the loss stay; the optimizers' names shorten first (the
  /// legend names them in full).
  @Test(arguments: [(60, "gd mom nes rms ada ann"), (50, "6 optimizers"), (120, "gd momentum")])
  func narrowBarsKeepTheNumbers(width: Int, names: String) throws {
    var m = try model(width: width, height: 20)
    _ = m.update(.tick(0.5))
    let status = m.status
    #expect(status.contains("step \(m.maxStep)"), "\(status)")
    #expect(status.contains("best "), "\(status)")
    #expect(status.contains(names), "\(status)")
  }

  @Test func oneStepPerSecondIsSingular() throws {
    var m = try model()
    for _ in 0..<Model.speeds.count { m.type("<") }
    #expect(m.stepsPerSecond == 1)
    #expect(m.message == "1 step per second")
    m.type(">")
    #expect(m.message == "2 steps per second")
  }

  /// While running, the numbers shown refresh ten times a second; the legend's evaluation
  /// counts come from the same snapshot as the status bar's step, not from the live runs.
  @Test func theLegendsCountsAgreeWithTheStatusBarsStep() throws {
    var m = try model(visible: [.gd, .adam])
    _ = m.update(.tick(0.5))
    let shown = m.runs.map { ($0.state.step, $0.state.evaluations) }
    _ = m.update(.tick(0.04))
    _ = m.update(.tick(0.04))
    #expect(m.runs[0].state.step > shown[0].0, "the runs went on")
    let state = m.frameState()
    for (index, run) in state.runs.enumerated() {
      #expect(run.step == shown[index].0)
      #expect(run.evaluations == shown[index].1, "\(run.kind)")
    }
  }

  /// `+` then `u`: rewind restores the positions and the optimizer's state but keeps the
  /// doubled lr, and says so.
  @Test func rewindKeepsAChangedStepSize() throws {
    var m = try model(visible: [.adam])
    _ = m.update(.tick(0.5))
    m.type("+")
    let lr = try #require(m.runs[0].optimizer.hyperparameters.lr)
    let step = m.maxStep
    m.type("u")
    #expect(m.maxStep == step - 1)
    #expect(m.runs[0].optimizer.hyperparameters.lr == lr)
    #expect(m.message.contains("kept adam lr \(Renderer.format(lr))"), "\(m.message)")
    m.type(".")
    #expect(m.runs[0].optimizer.hyperparameters.lr == lr)
  }
}
