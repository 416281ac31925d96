import Benchmark
import DescentCore

/// Rosenbrock's value and gradient written out by hand: the limit the tape is measured against.
struct HandWrittenRosenbrock: Objective {
  mutating func value(at p: SIMD2<Double>) -> Double {
    let a = 1 - p.x
    let b = p.y - p.x * p.x
    return a * a + 100 * b * b
  }

  mutating func valueAndGradient(at p: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>
  ) {
    let a = 1 - p.x
    let b = p.y - p.x * p.x
    return (a * a + 100 * b * b, SIMD2(-2 * a - 400 * p.x * b, 200 * b))
  }
}

let rosenbrock = "(1 - x)^2 + 100*(y - x^2)^2"

/// Runs `iterations` Adam steps from a start inside Rosenbrock's valley, with a learning rate
/// small enough that the run stays finite however long it goes.
@inline(never)
func adamSteps(_ iterations: Int, on objective: inout some Objective<SIMD2<Double>>) -> Double {
  let adam = Adam(lr: 1e-4)
  var state = adam.start(at: SIMD2(-1.5, 2), on: &objective)
  for _ in 0..<iterations { state = adam.step(state, on: &objective) }
  return state.loss
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .instructions], maxDuration: .seconds(2))
  networkBenchmarks()

  Benchmark("adam step, Rosenbrock, tape", configuration: .init(scalingFactor: .kilo)) {
    benchmark in
    var objective = TapeEvaluator(try! Tape(rosenbrock))
    benchmark.startMeasurement()
    blackHole(adamSteps(benchmark.scaledIterations.count, on: &objective))
  }

  Benchmark(
    "adam step, Rosenbrock, hand-written gradient", configuration: .init(scalingFactor: .kilo)
  ) {
    benchmark in
    var objective = HandWrittenRosenbrock()
    benchmark.startMeasurement()
    blackHole(adamSteps(benchmark.scaledIterations.count, on: &objective))
  }

  // One gradient and one exact Hessian (forward over reverse) at the same points: what a
  // Hessian costs in gradients (issue 15's target: at most 4), and one Newton step with it.
  let points: [SIMD2<Double>] = (0..<64).map { (i: Int) -> SIMD2<Double> in
    let t = Double(i)
    return SIMD2<Double>(-1.5 + 0.05 * t, 2 - 0.03 * t)
  }
  Benchmark("gradient, Rosenbrock, tape", configuration: .init(scalingFactor: .kilo)) {
    benchmark in
    var evaluator = TapeEvaluator(try! Tape(rosenbrock))
    benchmark.startMeasurement()
    for i in benchmark.scaledIterations {
      blackHole(evaluator.valueAndGradient(at: points[i & 63]))
    }
  }

  Benchmark("Hessian, Rosenbrock, tape", configuration: .init(scalingFactor: .kilo)) {
    benchmark in
    var evaluator = TapeEvaluator(try! Tape(rosenbrock))
    _ = evaluator.hessian(at: points[0])  // the Hessian's scratch is allocated by its first call
    benchmark.startMeasurement()
    for i in benchmark.scaledIterations { blackHole(evaluator.hessian(at: points[i & 63])) }
  }

  Benchmark("newton step, Rosenbrock, tape", configuration: .init(scalingFactor: .kilo)) {
    benchmark in
    var evaluator = TapeEvaluator(try! Tape(rosenbrock))
    _ = evaluator.hessian(at: points[0])
    benchmark.startMeasurement()
    for i in benchmark.scaledIterations {
      let x = points[i & 63]
      let (_, gradient, hessian) = evaluator.hessian(at: x)
      blackHole(newtonStep(position: x, gradient: gradient, hessian: hessian, lr: 1, damping: 0))
    }
  }

  // One step of every registered optimizer on Rosenbrock, from the scene's start, through
  // `Run` as the view and `descent run` take it (a run restarts if it diverges or ends).
  // Each step spends what its method spends: a population's evaluations, a line search's.
  for spec in OptimizerRegistry.all {
    Benchmark("\(spec.kind.rawValue) step, Rosenbrock") { benchmark in
      var objective = TapeEvaluator(try! Tape(rosenbrock))
      let optimizer = try! spec.make(spec.stepSetting == "lr" ? ["lr": 1e-4] : [:])
      var run = Run(optimizer, from: SIMD2(-1.5, 2), on: &objective)
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        if !run.advance(on: &objective) {
          run = Run(optimizer, from: SIMD2(-1.5, 2), on: &objective)
        }
      }
      blackHole(run.state.loss)
    }
  }

  // CMA-ES on a network's 33 weights (the built-in moons-small scene): C is 33 × 33 and is
  // decomposed every generation, and a generation evaluates the network 14 times.
  Benchmark("cmaes step, moons-small network (33 weights)") { benchmark in
    let scene = SceneLibrary.builtin(named: "moons-small")!
    var objective = scene.objective()
    let optimizer = try! scene.optimizer(.cmaes)
    var run = Run(optimizer, from: scene.start, on: &objective)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      if !run.advance(on: &objective) { run = Run(optimizer, from: scene.start, on: &objective) }
    }
    blackHole(run.state.loss)
  }

  // The same grid as Benchmarks/numpy_grid.py: 240 × 140 points over [-2, 2] × [-1, 3].
  let xs = (0..<240).map { -2 + 4 * Double($0) / 239 }
  let ys = (0..<140).map { -1 + 4 * Double($0) / 139 }
  Benchmark("grid 240x140, Rosenbrock values") { benchmark in
    let tape = try! Tape(rosenbrock)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(tape.values(xs: xs, ys: ys)) }
  }

  registerRenderBenchmarks()
}
