import DescentCore
import Testing

/// Particle swarms and genetic algorithms: reproducible, honest about their cost, and global.
@Suite struct PopulationTests {
  static let kinds: [OptimizerKind] = [.pso, .ga]

  func record(_ kind: OptimizerKind, scene name: String, seed: UInt64, steps: Int) throws
    -> Trajectory
  {
    let scene = try #require(SceneLibrary.builtin(named: name))
    var objective = scene.objective()
    let optimizer = try scene.optimizer(kind, overrides: ["seed": Double(seed)])
    return Trajectory.record(optimizer, from: scene.start, steps: steps, on: &objective)
  }

  @Test(arguments: kinds)
  func sameSeedSameRunOtherSeedOtherRun(kind: OptimizerKind) throws {
    let a = try record(kind, scene: "rastrigin", seed: 7, steps: 60)
    let b = try record(kind, scene: "rastrigin", seed: 7, steps: 60)
    let c = try record(kind, scene: "rastrigin", seed: 8, steps: 60)
    #expect(a.rows == b.rows)
    #expect(a.rows != c.rows)
  }

  /// The issue asks for "most seeds": at least 16 of 20, from the scene's own start, within
  /// the scene's step budget.
  @Test(arguments: kinds, ["rastrigin", "ackley"])
  func findsTheGlobalMinimumInMostSeeds(kind: OptimizerKind, scene name: String) throws {
    let scene = try #require(SceneLibrary.builtin(named: name))
    var found = 0
    var misses: [SIMD2<Double>] = []
    for seed in UInt64(0)..<20 {
      let end = try record(kind, scene: name, seed: seed, steps: scene.steps).rows.last!
      let distance =
        ((end.position - scene.minima[0].position) * (end.position - scene.minima[0].position))
        .sum().squareRoot()
      if distance < 0.05 { found += 1 } else { misses.append(end.position) }
    }
    #expect(found >= 16, "\(kind) on \(name): \(found)/20; missed at \(misses)")
  }

  @Test(arguments: kinds)
  func bestSoFarNeverGetsWorse(kind: OptimizerKind) throws {
    let t = try record(kind, scene: "himmelblau", seed: 3, steps: 100)
    for (a, b) in zip(t.rows, t.rows.dropFirst()) { #expect(b.loss <= a.loss) }
    #expect(t.rows.allSatisfy { $0.population?.count == 30 })
  }

  @Test func evaluationsAreExact() throws {
    let pso = try record(.pso, scene: "rastrigin", seed: 1, steps: 10)
    #expect(pso.evaluations == EvaluationCount(values: 30 * 11, gradients: 0))
    // The two elite members are not evaluated again.
    let ga = try record(.ga, scene: "rastrigin", seed: 1, steps: 10)
    #expect(ga.evaluations == EvaluationCount(values: 30 + 28 * 10, gradients: 0))
  }

  @Test func firstGenerationIsTheStartAndTheView() throws {
    let scene = try #require(SceneLibrary.builtin(named: "rastrigin"))
    var objective = scene.objective()
    for kind in Self.kinds {
      let run = Run(try scene.optimizer(kind), from: scene.start, on: &objective)
      let points = run.state.points
      #expect(points[0] == scene.start)
      #expect(points.allSatisfy { scene.xRange.contains($0.x) && scene.yRange.contains($0.y) })
    }
  }

  @Test func invalidSettingsAreRefused() {
    #expect(throws: HyperparameterError.self) { try OptimizerKind.pso.make(["inertia": 1.5]) }
    #expect(throws: HyperparameterError.self) { try OptimizerKind.ga.make(["population": 1]) }
    #expect(throws: HyperparameterError.self) {
      try OptimizerKind.ga.make(["population": 10, "elite": 10])
    }
    #expect(throws: HyperparameterError.self) { try OptimizerKind.ga.make(["mutation": 2]) }
  }

  /// A swarm flung apart by a huge inertia still reports a finite best and never traps.
  @Test func survivesWildSettings() throws {
    var objective = TapeEvaluator(try Tape("x^2 + y^2"))
    let t = Trajectory.record(
      try OptimizerKind.pso.make(["inertia": 1, "c1": 1e6, "c2": 1e6]), from: [1, 1], steps: 200,
      on: &objective)
    #expect(t.rows.last!.loss.isFinite)
    #expect(t.divergedAt == nil)
  }
}
