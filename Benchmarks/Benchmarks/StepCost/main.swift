import DescentCore
import Foundation

// Steps one registered optimizer on Rosenbrock from (−1.5, 2) through `Run`, as the
// benchmarks' "KIND step, Rosenbrock" do (a run restarts if it diverges), for callgrind:
//   valgrind --tool=callgrind .build-release/release/StepCost cmaes 2000
// counts the instructions of 2,000 steps and the start; `StepCost cmaes 0` counts the start
// alone, so the difference over the steps is one step's cost (Benchmarks/step_cost.sh does
// the arithmetic). `--scene NAME` steps on a built-in scene instead, from its start with its
// settings (`--scene moons-small`: a network's 33 weights). With `--blocks` it prints the
// wall-clock time of each block of a tenth of the steps, to see whether a step's cost drifts
// as the run goes on.
var arguments = Array(CommandLine.arguments.dropFirst())
let blocks = arguments.contains("--blocks")
arguments.removeAll { $0 == "--blocks" }
var sceneName: String? = nil
if let i = arguments.firstIndex(of: "--scene"), i + 1 < arguments.count {
  sceneName = arguments[i + 1]
  arguments.removeSubrange(i...(i + 1))
}
guard arguments.count == 2, let kind = OptimizerKind(rawValue: arguments[0]),
  let steps = Int(arguments[1])
else {
  print("usage: StepCost KIND STEPS [--scene NAME] [--blocks]")
  exit(64)
}

/// Steps `optimizer` from `start` on `objective`, restarting a run that diverges.
func stepRuns(
  _ optimizer: any Optimizer, from start: SIMD2<Double>,
  on objective: inout some Objective<SIMD2<Double>>
) {
  var run = Run(optimizer, from: start, on: &objective)
  let clock = ContinuousClock()
  let block = max(1, steps / 10)
  var started = clock.now
  for i in 0..<steps {
    if !run.advance(on: &objective) { run = Run(optimizer, from: start, on: &objective) }
    if blocks && (i + 1) % block == 0 {
      let elapsed = clock.now - started
      print(
        "steps \(i + 1 - block)..<\(i + 1): \(elapsed / block) per step, loss \(run.state.loss)")
      started = clock.now
    }
  }
  print("\(kind.rawValue): \(steps) steps, loss \(run.state.loss)")
}

if let sceneName {
  guard let scene = SceneLibrary.builtin(named: sceneName) else {
    print("no built-in scene \(sceneName)")
    exit(64)
  }
  var objective = scene.objective()
  stepRuns(try! scene.optimizer(kind), from: scene.start, on: &objective)
} else {
  var objective = TapeEvaluator(try! Tape("(1 - x)^2 + 100*(y - x^2)^2"))
  let spec = kind.spec
  stepRuns(
    try! spec.make(spec.stepSetting == "lr" ? ["lr": 1e-4] : [:]), from: SIMD2(-1.5, 2),
    on: &objective)
}
