import DescentCore
import Testing

@Suite struct OptimizerTests {
  func record(
    _ kind: OptimizerKind, _ settings: Hyperparameters, on expression: String,
    from start: SIMD2<Double>, steps: Int
  ) throws -> Trajectory {
    var objective = TapeEvaluator(try Tape(expression))
    return Trajectory.record(try kind.make(settings), from: start, steps: steps, on: &objective)
  }

  @Test(arguments: [OptimizerKind.momentum, .nesterov])
  func withoutMomentumIsGradientDescent(kind: OptimizerKind) throws {
    let f = "(1 - x)^2 + 100*(y - x^2)^2"
    let gd = try record(.gd, ["lr": 1e-3], on: f, from: [-1.5, 2], steps: 300)
    let other = try record(kind, ["lr": 1e-3, "momentum": 0], on: f, from: [-1.5, 2], steps: 300)
    #expect(gd.rows == other.rows)
  }

  @Test(arguments: OptimizerKind.allCases)
  func convergesOnAParabola(kind: OptimizerKind) throws {
    // AdaGrad's steps shrink as 1/√t: it needs a larger rate to cover the distance.
    let settings: Hyperparameters =
      kind == .anneal
      ? ["temperature": 0.1, "cooling": 0.98, "sigma": 0.05, "seed": 3]
      : ["lr": kind == .adagrad ? 0.5 : 0.05]
    let t = try record(kind, settings, on: "(x - 1)^2 + (y + 2)^2", from: [3, 1], steps: 600)
    let last = t.rows.last!
    #expect(t.divergedAt == nil)
    #expect(last.loss < 1e-2, "\(kind) ended at \(last.position), loss \(last.loss)")
  }

  @Test func adamConvergesOnRosenbrock() throws {
    let t = try record(
      .adam, ["lr": 0.02], on: "(1 - x)^2 + 100*(y - x^2)^2", from: [-1.5, 2], steps: 5000)
    #expect(t.rows.last!.loss < 1e-6)
  }

  @Test func gradientEvaluationsAreCounted() throws {
    let t = try record(.adam, .init(), on: "x^2 + y^2", from: [1, 1], steps: 10)
    #expect(t.evaluations == EvaluationCount(values: 0, gradients: 11))
    let a = try record(.anneal, .init(), on: "x^2 + y^2", from: [1, 1], steps: 10)
    #expect(a.evaluations == EvaluationCount(values: 11, gradients: 0))
  }

  @Test func largeLearningRateDivergesWithoutTrapping() throws {
    let t = try record(
      .gd, ["lr": 1e3], on: "(1 - x)^2 + 100*(y - x^2)^2", from: [-1.5, 2], steps: 100)
    let step = try #require(t.divergedAt)
    #expect(step < 100)
    #expect(t.rows.count == step + 1)
  }

  @Test func divergedRunStopsStepping() throws {
    var objective = TapeEvaluator(try Tape("x^2 + y^2"))
    var run = Run(try OptimizerKind.gd.make(["lr": 10]), from: [1, 1], on: &objective)
    while run.advance(on: &objective) {}
    #expect(run.isDiverged)
    #expect(run.advance(on: &objective) == false)
  }

  /// A run steps each optimizer through `surfaceStep` on an objective with its type erased,
  /// and keeps a gradient method's memory inline: the states it shows are those of stepping
  /// the optimizer itself, bit for bit, rows and marks included, with a schedule too.
  @Test(arguments: OptimizerKind.allCases)
  func aRunStepsAsTheOptimizerDoes(kind: OptimizerKind) throws {
    let f = "(1 - x)^2 + 100*(y - x^2)^2"
    let settings: Hyperparameters = kind.spec.stepSetting == "lr" ? ["lr": 1e-3] : [:]
    var optimizers = [try kind.make(settings)]
    if let scheduled = Scheduled(optimizers[0], schedule: .exponential(gamma: 0.9)) {
      optimizers.append(scheduled)
    }
    for optimizer in optimizers {
      var direct = TapeEvaluator(try Tape(f))
      var erased = TapeEvaluator(try Tape(f))
      var run = Run(optimizer, from: [-1.5, 2], on: &erased)
      direct.prepare(forUpdate: 1)
      var state = optimizer.start(at: [-1.5, 2], on: &direct)
      for _ in 0..<25 where run.advance(on: &erased) {
        direct.prepare(forUpdate: state.step + 2)
        state = optimizer.step(state, on: &direct)
        let shown = run.state
        #expect(shown.position == state.position && shown.loss.bitPattern == state.loss.bitPattern)
        #expect(shown.gradient == state.gradient && shown.evaluations == state.evaluations)
        #expect(shown.rows == optimizer.rows(of: state), "\(optimizer.kind) step \(state.step)")
        #expect(shown.members == state.members)
        #expect(shown.marks.map(\.name) == state.marks.map(\.name))
      }
      #expect(run.state.step == state.step && state.step > 0)
    }
  }

  @Test func invalidSettingsAreRejected() {
    #expect(throws: HyperparameterError.self) { try OptimizerKind.gd.make(["lr": -1]) }
    #expect(throws: HyperparameterError.self) { try OptimizerKind.adam.make(["beta1": 1]) }
    #expect(throws: HyperparameterError.self) {
      try OptimizerKind.anneal.make(["temperature": .nan])
    }
    // Settings an optimizer does not read are ignored, so flags can configure a race.
    #expect(throws: Never.self) { try OptimizerKind.gd.make(["lr": 0.1, "beta1": 7]) }
  }

  @Test func statesReportTheInternalsOfTheLastUpdate() throws {
    var objective = TapeEvaluator(try Tape("x^2 + 10*y^2"))
    let adam = Adam(lr: 0.1)
    let state = adam.step(adam.start(at: [1, 1], on: &objective), on: &objective)
    func pair(_ label: String) -> SIMD2<Double> {
      guard case .vector(let v) = adam.rows(of: state).first(where: { $0.label == label })?.value
      else {
        Issue.record("no row \(label)")
        return .zero
      }
      return SIMD2(v[0], v[1])
    }
    // Worked out when asked: the step itself stores none.
    #expect(state.rows.isEmpty)
    #expect(adam.rows(of: state).map(\.label) == ["used g", "m", "v", "m̂", "v̂", "step"])
    let (g, m, v, mHat, vHat, update) = (
      pair("used g"), pair("m"), pair("v"), pair("m̂"), pair("v̂"), pair("step")
    )
    #expect(g == [2, 20])
    #expect(close(m.x, 0.2) && close(v.y, 0.4))
    // After one step the bias corrections make m̂ = g and v̂ = g².
    #expect(close(mHat.x, 2) && close(vHat.y, 400))
    #expect(close(update.x, -0.1, relative: 1e-6))
  }
}

/// Simulated annealing on a tilted double well: f = (x² − 1)² + 0.3x + y², with a local
/// minimum near x = 0.96 and the global one near x = −1.04.
@Suite struct AnnealingTests {
  let doubleWell = "(x^2 - 1)^2 + 0.3*x + y^2"

  func run(seed: UInt64, steps: Int = 800) throws -> [Iterate<SIMD2<Double>>] {
    var objective = TapeEvaluator(try Tape(doubleWell))
    let annealing = Annealing(temperature: 1, cooling: 0.995, sigma: 0.3, seed: seed)
    var states = [annealing.start(at: [0.96, 0], on: &objective)]
    for _ in 0..<steps { states.append(annealing.step(states.last!, on: &objective)) }
    return states
  }

  @Test func sameSeedSameRun() throws {
    let a = try run(seed: 42).map(\.position)
    let b = try run(seed: 42).map(\.position)
    let c = try run(seed: 43).map(\.position)
    #expect(a == b)
    #expect(a != c)
  }

  @Test func generatorIsTheSpecifiedXoshiro() {
    // xoshiro256** seeded by SplitMix64 from 0: the first outputs are fixed by the algorithm.
    var g = Xoshiro256StarStar(seed: 0)
    let first = (0..<3).map { _ in g.next() }
    var h = Xoshiro256StarStar(seed: 0)
    #expect(first == (0..<3).map { _ in h.next() })
    #expect(first[0] == 0x99EC_5F36_CB75_F2B4)
  }

  @Test func acceptanceFallsAsTemperatureFalls() throws {
    var early = 0
    var late = 0
    let annealing = Annealing()
    for seed in 0..<10 {
      let states = try run(seed: UInt64(seed))
      for state in states[1...100] {
        if annealing.rows(of: state)[1].suffix == " accepted" { early += 1 }
      }
      for state in states[701...800] {
        if annealing.rows(of: state)[1].suffix == " accepted" { late += 1 }
      }
    }
    #expect(early > 2 * late, "accepted \(early) early, \(late) late")
  }

  @Test func escapesTheLocalMinimumForMostSeeds() throws {
    var reached = 0
    for seed in 0..<20 {
      let final = try run(seed: UInt64(seed)).last!
      if final.position.x < 0 { reached += 1 }
    }
    #expect(reached >= 14, "\(reached) of 20 seeds reached the global basin")
  }

  @Test func neverMovesToANonFinitePoint() throws {
    var objective = TapeEvaluator(try Tape("log(x)"))
    let annealing = Annealing(temperature: 100, cooling: 1, sigma: 5, seed: 1)
    var state = annealing.start(at: [1, 0], on: &objective)
    for _ in 0..<500 {
      state = annealing.step(state, on: &objective)
      #expect(state.loss.isFinite)
    }
  }
}
