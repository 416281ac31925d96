import Benchmark
import DescentCore
import DescentRender

/// The network figures issues 7 and 16 ask for: one full-batch gradient of a 2-16-16-1
/// network on 200 samples by backprop, by forward mode and by central finite differences,
/// and the slice of the same network at 120×40 cells (9,600 pixels), as a preview and in
/// full on every core.
func networkBenchmarks() {
  let mlp = MLP(layers: [2, 16, 16, 1], activation: .tanh, loss: .bce)
  let data = NetworkData.generate(.moons, count: 200, seed: 1)
  let theta = mlp.initialParameters(seed: 1)

  Benchmark("network gradient 2-16-16-1, 200 samples, backprop") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(mlp.lossAndGradient(theta, inputs: data.inputs, targets: data.targets))
    }
  }

  Benchmark("network gradient 2-16-16-1, 200 samples, forward mode") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(mlp.forwardModeGradient(theta, inputs: data.inputs, targets: data.targets))
    }
  }

  Benchmark("network gradient 2-16-16-1, 200 samples, finite differences") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(NetworkObjective.finiteDifferences(mlp, theta, data))
    }
  }

  let (d1, d2) = Plane.randomDirections(for: mlp, at: theta, seed: 2)
  let network = NetworkScene(
    mlp: mlp, data: data, dataName: "moons", batch: nil, seed: 1,
    plane: Plane(origin: theta, d1: d1, d2: d2))
  var scene = Scene.expressionScene()
  scene.network = network
  // 120 × 40 cells of two pixels each: 9,600 pixels, each a forward pass over 200 samples.
  let viewport = Viewport(x: -1...1, y: -1...1, columns: 120, rows: 40, aspect: .fill)

  Benchmark("network slice 120x40 cells, preview (1/16 of the pixels)") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(Heatmap.preview(scene: scene, viewport: viewport, factor: 4))
    }
  }

  Benchmark(
    "network slice 120x40 cells, full, every core",
    configuration: .init(maxDuration: .seconds(10), maxIterations: 5)
  ) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(Heatmap(scene: scene, viewport: viewport)) }
  }
}

extension Scene {
  /// A placeholder scene to hang a network on.
  static func expressionScene() -> Scene { try! Scene.expression("0") }
}
