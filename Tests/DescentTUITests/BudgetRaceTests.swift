import DescentCore
import DescentRender
import Testing

@testable import DescentTUI

/// Races by budget (`b`): every run has spent the same, within one of its steps, at every
/// frame.
@Suite struct BudgetRaceTests {
  /// A gradient that costs 2.5 forward passes, as the runtime might measure it.
  static let timing = GradientTiming(
    parameters: 2, backprop: 2.5e-6, forward: 1e-6, finiteDifferences: 4e-6)

  /// `m` with the race switched `presses` times by `b`, the gradient's cost measured as
  /// `timing` (the effect performed as the runtime does).
  func racing(_ m: inout Model, presses: Int, timing: GradientTiming = Self.timing) {
    for _ in 0..<presses {
      for effect in m.press(.character("b")).all {
        if case .measureGradientCost(let scene, _) = effect {
          _ = m.update(.gradientCostMeasured(scene: scene, cost: timing))
        }
      }
    }
  }

  /// What each run has spent by the model's measure, and the most one of its steps costs.
  func spends(_ m: Model) -> [(spend: Double, perStep: Double)] {
    m.runs.map { run in
      let spend = m.spend(run)!
      return (spend, spend / Double(run.state.step + 1))
    }
  }

  @Test func bCyclesStepsEvaluationsSecondsAndAsksForTheGradientsCost() throws {
    var m = try model("rastrigin")
    #expect(m.raceMode == .steps)
    _ = m.update(.tick(1))
    #expect(m.maxStep > 0)
    let effect = m.press(.character("b"))
    #expect(m.raceMode == .evaluations)
    // The race starts over.
    #expect(m.maxStep == 0)
    #expect(effect.all.contains { if case .measureGradientCost = $0 { true } else { false } })
    _ = m.update(.gradientCostMeasured(scene: m.sceneIndex, cost: Self.timing))
    #expect(m.message == "race by evaluations of f: a gradient counts as 2.5, as measured")
    m.type("b")
    #expect(m.raceMode == .seconds)
    m.type("b")
    #expect(m.raceMode == .steps)
  }

  /// Until the runtime has measured what a gradient costs, a race by budget waits.
  @Test func aRaceByBudgetWaitsForTheGradientsCost() throws {
    var m = try model("rastrigin")
    m.type("b")
    _ = m.update(.tick(1))
    #expect(m.maxStep == 0)
    _ = m.update(.gradientCostMeasured(scene: m.sceneIndex, cost: Self.timing))
    _ = m.update(.tick(1))
    #expect(m.maxStep > 0)
  }

  @Test(arguments: [1, 2])
  func afterEveryFrameTheSpendsDifferByLessThanOneStep(presses: Int) throws {
    var m = try model("rastrigin")
    racing(&m, presses: presses)
    for _ in 0..<60 {
      _ = m.update(.tick(1.0 / 30))
      let spent = spends(m)
      let dearest = try #require(spent.map(\.perStep).max())
      let range = try #require(spent.map(\.spend).max()) - spent.map(\.spend).min()!
      #expect(range < dearest, "spends \(spent.map(\.spend)) differ by a step or more")
    }
    // Two seconds at 30 steps per second: the cheapest step (annealing's, one evaluation)
    // sets the pace, gd's costs 2.5 evaluations, pso's 30.
    func steps(_ kind: OptimizerKind) throws -> Int {
      try #require(m.runs.first { $0.kind == kind }).state.step
    }
    #expect(try steps(.anneal) == 60)
    #expect(try steps(.gd) == 24)
    #expect(try steps(.pso) == 2)
  }

  /// With a gradient as cheap as an evaluation of f, pso moves 30 times slower than gd.
  @Test func onRastriginTheSwarmMovesThirtyTimesSlowerThanGradientDescent() throws {
    var m = try model("rastrigin", visible: [.gd, .pso])
    racing(
      &m, presses: 1,
      timing: GradientTiming(parameters: 2, backprop: 1e-6, forward: 1e-6, finiteDifferences: 0))
    m.type(" ")
    for _ in 0..<300 { m.type(".") }
    #expect(m.runs.map(\.state.step) == [300, 10])
    #expect(
      m.runs.map(\.state.evaluations) == [
        EvaluationCount(gradients: 301), EvaluationCount(values: 330),
      ])
  }

  /// Rewinding undoes one race step, and stepping again gives the same states.
  @Test func rewindThenStepAgainRacesTheSame() throws {
    var m = try model("rastrigin")
    racing(&m, presses: 1)
    m.type(" ")
    for _ in 0..<45 { m.type(".") }
    let ahead = m.runs.map(\.state.position)
    let steps = m.runs.map(\.state.step)
    for _ in 0..<20 { m.type("u") }
    for _ in 0..<20 { m.type(".") }
    #expect(m.runs.map(\.state.position) == ahead)
    #expect(m.runs.map(\.state.step) == steps)
    #expect(m.lossHistories.map(\.points.count) == m.runs.map { $0.state.step + 1 })
  }

  /// The loss plot puts each run's loss against what it has spent, and the legend says it.
  @Test func thePlotAndTheLegendFollowTheRaceMode() throws {
    var m = try model("rastrigin", visible: [.gd, .pso])
    m.type("p")
    racing(&m, presses: 1)
    m.type(" ")
    for _ in 0..<60 { m.type(".") }
    m.refreshShownNumbers()
    let state = m.frameState()
    #expect(state.raceMode == .evaluations)
    let plot = try #require(state.lossPlot)
    // gd: 61 gradients at 2.5 evaluations each.
    #expect(abs(try #require(plot[0].points.last?.x) - 152.5) < 1e-9)
    #expect(abs(try #require(state.runs[0].spend) - 152.5) < 1e-9)
    #expect(state.runs[1].spend == 180)
    let text = m.frame().plainText
    #expect(text.contains("153 evals"))
    #expect(text.contains("180 evals"))
    #expect(text.contains("evaluations 180"))
  }

  /// In a race by budget the runs have spent the same, not taken the same steps: the status
  /// bar gives the range of their steps, not the furthest run's as though all had taken it.
  @Test func theStatusBarGivesTheRangeOfStepsInARaceByBudget() throws {
    var m = try model("rastrigin", visible: [.gd, .pso])
    racing(&m, presses: 1)
    m.type(" ")
    for _ in 0..<60 { m.type(".") }
    m.refreshShownNumbers()
    let steps = m.runs.map(\.state.step)
    let (fewest, most) = (steps.min()!, steps.max()!)
    #expect(fewest < most)
    #expect(m.status.contains("steps \(fewest)–\(most)"), "\(m.status)")
    #expect(!m.status.contains("step \(most)"), "\(m.status)")
    // Racing by step again, every run takes each step.
    racing(&m, presses: 2)
    m.type(".")
    m.refreshShownNumbers()
    #expect(m.status.contains("step 1 "), "\(m.status)")
  }

  /// `C` opens the cost curve, and the frame draws it.
  @Test func capitalCOpensTheCostCurve() throws {
    var m = try model("bowl")
    #expect(!m.frame().plainText.contains("forward passes per gradient"))
    m.type("C")
    #expect(m.showCostCurve)
    #expect(m.message == "cost curve on")
    #expect(m.frame().plainText.contains("forward passes per gradient"))
    m.type("C")
    #expect(!m.frame().plainText.contains("forward passes per gradient"))
  }
}
