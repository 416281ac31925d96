// swift-tools-version: 6.1
// descent's benchmarks, in a package of their own so that building descent never resolves or
// compiles package-benchmark and its dependencies. Run from this folder:
//   swift package benchmark --target DescentBenchmarks
import PackageDescription

let package = Package(
  name: "DescentBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "descent", path: ".."),
    .package(
      url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1",
      traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "DescentBenchmarks",
      dependencies: [
        .product(name: "DescentCore", package: "descent"),
        .product(name: "DescentRender", package: "descent"),
        .product(name: "Benchmark", package: "package-benchmark"),
      ],
      path: "Benchmarks/DescentBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]),
    // One optimizer's steps through `Run`, with nothing else in the process: for callgrind.
    .executableTarget(
      name: "StepCost", dependencies: [.product(name: "DescentCore", package: "descent")],
      path: "Benchmarks/StepCost"),
  ]
)
