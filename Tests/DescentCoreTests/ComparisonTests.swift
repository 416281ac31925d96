import DescentCore
import Foundation
import Testing

/// `descent compare`'s fairness: one budget for all, a tuned step size, fresh seeds.
@Suite struct ComparisonTests {
  @Test func gridsAreOneAndThreeTimesEachPowerOfTen() {
    #expect(
      Comparison.grid(for: "lr") == [
        1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1,
      ])
    #expect(Comparison.grid(for: "sigma") == [1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3])
  }

  /// Every run stops at the first step that reaches the budget: a gradient method after
  /// budget − 1 updates (the start costs one), a swarm of 30 after ⌈(budget − 30) / 30⌉.
  @Test func everyRunSpendsTheSameBudget() throws {
    let scene = try #require(SceneLibrary.builtin(named: "rastrigin"))
    let comparison = Comparison(
      scene: scene, kinds: [.gd, .anneal, .pso], budget: 300, seeds: 2, target: 1e-6)
    let entries = try comparison.run()
    #expect(entries.map(\.steps) == [299, 299, 9])
    #expect(entries[2].tuned == nil)
    #expect(entries[0].tuned?.name == "lr" && entries[1].tuned?.name == "sigma")
  }

  /// On a bowl every learning rate in the grid that converges does; the tuned one reaches
  /// the minimum on every seed, and a learning rate given is used as it is.
  @Test func aTunedLearningRateReachesTheMinimumOfABowl() throws {
    let scene = try Scene.expression("x^2 + 10*y^2")
    var comparison = Comparison(
      scene: scene, kinds: [.gd], budget: 500, seeds: 3, target: 1e-8)
    comparison.scene.start = SIMD2(1, 1)
    let tuned = try comparison.run()[0]
    #expect(tuned.successRate == 1)
    #expect(tuned.medianLoss <= 1e-8)
    // 0.1 is past the stability limit 2/λmax = 0.1 for λmax = 20; 0.03 is the best below it.
    #expect(tuned.tuned?.value == 0.03)
    comparison.overrides.lr = 1e-4
    let given = try comparison.run()[0]
    #expect(given.tuned?.value == 1e-4)
    #expect(given.successRate == 0 && given.medianEvaluationsToTarget == nil)
  }

  /// Stochastic methods are scored on seeds other than the ones that tuned them, and the
  /// same comparison gives the same table twice.
  @Test func comparisonsAreReproducible() throws {
    let scene = try #require(SceneLibrary.builtin(named: "himmelblau"))
    let comparison = Comparison(
      scene: scene, kinds: [.anneal, .ga], budget: 400, seeds: 4, target: 1e-3)
    let first = try comparison.run()
    #expect(first == (try comparison.run()))
    #expect(first.allSatisfy { $0.finalLosses.count == 4 })
  }

  @Test func defaultTargetIsTheLowestMarkedMinimumPlusAMillionth() throws {
    let scene = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    #expect(Comparison.defaultTarget(for: scene) == 1e-6)
    #expect(Comparison.defaultTarget(for: try Scene.expression("x^2")) == nil)
  }
}

/// A run whose steps stop spending ends instead of looping for ever short of its budget:
/// Nelder–Mead on a flat surface shrinks its simplex to one point, then spends nothing.
@Suite struct IdleRunTests {
  @Test func aRunThatStopsSpendingEnds() throws {
    let scene = try Scene.expression("0*x")
    let comparison = Comparison(
      scene: scene, kinds: [.nelderMead], budget: 5000, seeds: 1, target: 1)
    let entry = try comparison.run()[0]
    #expect(entry.successRate == 1)
    #expect(entry.steps < 5000)
  }
}
