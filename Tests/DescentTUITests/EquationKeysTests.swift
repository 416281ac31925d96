import DescentCore
import DescentRender
import Foundation
import Testing

@testable import DescentTUI

/// `e` (the equations panel) and `E` (explain mode).
@Suite struct EquationKeysTests {
  @Test func eShowsTheInspectedRunsUpdateWithItsNumbers() throws {
    var m = try model("rosenbrock", visible: [.gd, .momentum], width: 120, height: 40)
    m.type(" ..")
    m.type("e")
    #expect(m.showEquations)
    // With the inspector off, the first run; i picks another.
    var view = try #require(m.frameState().equations)
    #expect(view.kind == .gd && view.step == 2)
    #expect(
      LiveEquation.numbers(try #require(view.equations.last).result)
        == [m.runs[0].state.position.x, m.runs[0].state.position.y])
    m.type("ii")
    view = try #require(m.frameState().equations)
    #expect(view.kind == .momentum)
    let text = m.frame().plainText
    #expect(text.contains("momentum, update 2") && text.contains("b ← μ·b + g = 0.9·("), "\(text)")
    // The panel follows each step.
    m.type(".")
    #expect(m.frameState().equations?.step == 3)
    let last = try #require(m.frameState().equations?.equations.last)
    #expect(
      LiveEquation.numbers(last.result) == [m.runs[1].state.position.x, m.runs[1].state.position.y])
    m.type("e")
    #expect(m.frameState().equations == nil && m.message == "equations off")
  }

  @Test func capitalEStepsOnceASecondDrawsTheVectorsAndGivesTheSpeedBack() throws {
    var m = try model("rosenbrock", visible: [.momentum], width: 120, height: 40)
    let speed = m.stepsPerSecond
    m.type("E")
    #expect(m.stepsPerSecond == 1 && m.showEquations && m.message.contains("explain"))
    // One step a second: 0.5 s takes none, another 0.6 s takes one.
    let step = m.runs[0].state.step
    _ = m.update(.tick(0.5))
    #expect(m.runs[0].state.step == step)
    _ = m.update(.tick(0.6))
    #expect(m.runs[0].state.step == step + 1)
    // . still steps, and the vectors of that step are drawn: −lr·g, −lr·b and Δx, whose tip
    // is where the run went.
    m.type(" .")
    let view = try #require(m.frameState().equations)
    #expect(view.legend.map(\.glyph) == ["g", "b", "Δ"])
    let run = m.runs[0]
    let lr = try #require(run.optimizer.hyperparameters.lr)
    let b = try #require(run.state.pair("buffer b"))
    #expect(view.legend[1].vector == -lr * b)
    let step2 = try #require(run.state.pair("step"))
    #expect(view.legend[2].vector == step2)
    let text = m.frame().plainText
    #expect(text.contains("Δ Δx = (") && text.contains("g −lr·g = ("), "\(text)")
    // E again ends it, at the speed it had.
    m.type("E")
    #expect(m.stepsPerSecond == speed && m.message.contains("explain mode off"))
    #expect(m.frameState().equations?.legend.isEmpty == true)
  }

  /// A teacher presses E to see it step: explain mode runs even if the view was paused;
  /// space still pauses and resumes it, and . still takes one step.
  @Test func capitalEStartsSteppingFromAPausedView() throws {
    var m = try model("rosenbrock", visible: [.momentum], width: 120, height: 40)
    m.type(" ")
    #expect(m.paused)
    let step = m.runs[0].state.step
    m.type("E")
    #expect(!m.paused && m.message.contains("space pauses"))
    _ = m.update(.tick(1.05))
    #expect(m.runs[0].state.step == step + 1)
    // Space pauses within explain mode: time passes and nothing steps.
    m.type(" ")
    _ = m.update(.tick(3))
    #expect(m.paused && m.explainSpeed != nil && m.runs[0].state.step == step + 1)
    m.type(".")
    #expect(m.runs[0].state.step == step + 2 && m.paused)
    m.type(" ")
    _ = m.update(.tick(1.05))
    #expect(m.runs[0].state.step == step + 3)
  }

  /// Adam's v is in squared units: explain mode says so rather than draw it.
  @Test func explainModeSaysVIsNotDrawn() throws {
    var m = try model("rosenbrock", visible: [.adam], width: 120, height: 40)
    m.type("E .")
    let view = try #require(m.frameState().equations)
    #expect(view.legend.map(\.glyph) == ["g", "m", "Δ"])
    #expect(view.notes.contains { $0.contains("v is in squared units") })
  }
}

/// In a network scene the equations are over all the weights, shown by their length.
@Suite struct NetworkEquationsTests {
  @Test func aNetworksEquationsShowTheWeightsByTheirLength() throws {
    let scene = try #require(SceneLibrary.builtin(named: "moons-small"))
    var m = Model(scenes: [scene], visible: [.momentum], tier: .xterm256, width: 120, height: 40)
    m.type(" ..e")
    let view = try #require(m.frameState().equations)
    #expect(view.kind == .momentum && view.step == 2)
    let weights = try #require(m.runs[0].weights).count
    guard case .vector(let b)? = view.equations.first?.result.first else {
      Issue.record("no buffer in \(view.equations)")
      return
    }
    #expect(b.count == weights)
    let text = m.frame().plainText
    #expect(text.contains("b ← μ·b + g = 0.9·|"), "\(text)")
  }
}

/// The equations panel finds the state a step before in the rewind history, which may lie
/// behind the newest entry.
@Suite struct HistoryLookBackTests {
  @Test func newestFindsTheLatestMatchAcrossTheWrap() {
    var history = History<Int>(capacity: 5)
    for i in 1...7 { history.push(i) }
    #expect(history.last == 7)
    #expect(history.newest { $0 % 2 == 0 } == 6)
    #expect(history.newest { $0 <= 3 } == 3)
    #expect(history.newest { $0 < 3 } == nil)  // pushed out
    #expect(history.newest(within: 2) { $0 == 5 } == nil)
    #expect(history.newest(within: 3) { $0 == 5 } == 5)
  }
}

/// In a race by budget a dear run moves less often than a cheap one; its panel still shows
/// its last update, found further back in the history.
@Suite struct BudgetRaceEquationsTests {
  @Test func aDearRunShowsItsLastUpdateBetweenItsSteps() throws {
    var m = try model("rastrigin", visible: [.gd, .pso], width: 120, height: 40)
    for effect in m.press(.character("b")).all {
      if case .measureGradientCost(let scene, _) = effect {
        _ = m.update(.gradientCostMeasured(scene: scene, cost: BudgetRaceTests.timing))
      }
    }
    m.type(" ")
    // gd (2.5 evaluations a step) steps many times for each step of the swarm (30).
    for _ in 0..<40 { m.type(".") }
    let pso = try #require(m.runs.firstIndex { $0.kind == .pso })
    let gd = try #require(m.runs.firstIndex { $0.kind == .gd })
    #expect(m.runs[pso].state.step >= 1 && m.runs[gd].state.step > m.runs[pso].state.step + 3)
    m.type("e")
    for _ in 0...pso { m.type("i") }
    let view = try #require(m.frameState().equations)
    #expect(view.kind == .pso && view.step == m.runs[pso].state.step)
    #expect(view.equations.contains { $0.symbols.hasPrefix("v ← w·v") }, "\(view.equations)")
  }
}
