import Benchmark
import DescentCore
import DescentRender

/// The transcendental-heavy surface the heatmap benchmark samples next to Rosenbrock.
let transcendental = "sin(3*x)*cos(3*y)*exp(-(x^2 + y^2)/4) + log(1 + x^2 + y^2) + tanh(x*y)"

/// A 200×60 frame of Rosenbrock with all six optimizers after 1,000 steps each.
func raceFrameState() -> (FrameState, Int, Int) {
  let scene = SceneLibrary.builtin(named: "rosenbrock")!
  let runs = OptimizerKind.allCases.map { kind in
    RunView.record(
      try! kind.make(scene.settings(for: kind)), on: scene, from: scene.start, steps: 1000)
  }
  let map = Renderer.mapSize(width: 200, height: 60)
  let viewport = Viewport(scene: scene, columns: map.columns, rows: map.rows)
  let heat = HeatLayer(
    heatmap: Heatmap(scene: scene, viewport: viewport), scale: .log,
    ramp: HeatRamp.make(.viridis, tier: .xterm256))
  var state = FrameState(scene: scene, heat: heat, runs: runs, theme: Theme(tier: .xterm256))
  state.contours = true
  state.arrows = true
  return (state, 200, 60)
}

func registerRenderBenchmarks() {
  Benchmark("frame 200x60, six paths of 1000 steps") { benchmark in
    let (state, width, height) = raceFrameState()
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(Renderer.render(state, width: width, height: height))
    }
  }

  // 200×60 cells are 200×120 pixels: 24,000 samples, the same grid as numpy_grid.py.
  let xs = (0..<200).map { -2 + 4 * Double($0) / 199 }
  let ys = (0..<120).map { -1 + 4 * Double($0) / 119 }
  Benchmark("heatmap 200x60 cells, Rosenbrock") { benchmark in
    let tape = try! Tape(rosenbrock)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(tape.values(xs: xs, ys: ys)) }
  }
  Benchmark("heatmap 200x60 cells, transcendental") { benchmark in
    let tape = try! Tape(transcendental)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(tape.values(xs: xs, ys: ys)) }
  }
}
