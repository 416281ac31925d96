import DescentCore
import Foundation

// Steps one registered optimizer on Rosenbrock from (−1.5, 2) through `Run`, as the
// benchmarks' "KIND step, Rosenbrock" do (a run restarts if it diverges), for callgrind:
//   valgrind --tool=callgrind .build-release/release/StepCost cmaes 10000
// counts the instructions of 10,000 steps and the start; `StepCost cmaes 0` counts the start
// alone, so the difference over the steps is one step's cost. With `--blocks` it prints the
// wall-clock time of each block of a tenth of the steps instead, to see whether a step's cost
// drifts as the run goes on.
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count >= 2, let kind = OptimizerKind(rawValue: arguments.first!),
  let steps = Int(arguments.dropFirst().first!)
else {
  print("usage: StepCost KIND STEPS [--blocks]")
  exit(64)
}
let blocks = arguments.contains("--blocks")
var objective = TapeEvaluator(try! Tape("(1 - x)^2 + 100*(y - x^2)^2"))
let spec = kind.spec
let optimizer = try! spec.make(spec.stepSetting == "lr" ? ["lr": 1e-4] : [:])
var run = Run(optimizer, from: SIMD2(-1.5, 2), on: &objective)
let clock = ContinuousClock()
let block = max(1, steps / 10)
var started = clock.now
for i in 0..<steps {
  if !run.advance(on: &objective) {
    run = Run(optimizer, from: SIMD2(-1.5, 2), on: &objective)
  }
  if blocks && (i + 1) % block == 0 {
    let elapsed = clock.now - started
    print("steps \(i + 1 - block)..<\(i + 1): \(elapsed / block) per step, loss \(run.state.loss)")
    started = clock.now
  }
}
print("\(kind.rawValue): \(steps) steps, loss \(run.state.loss)")
