// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "descent",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "descent", targets: ["descent"]),
    .library(name: "DescentCore", targets: ["DescentCore"]),
    // For the benchmarks package in Benchmarks/, which depends on this one by path.
    .library(name: "DescentRender", targets: ["DescentRender"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // Expression language, tape autodiff, optimizers. FoundationEssentials only (not all of
    // Foundation, whose ICU would triple the static binary): no terminal code.
    .target(name: "DescentCore", plugins: ["EmbedScenesPlugin"]),
    // Compiles scenes/ into DescentCore at build time.
    .plugin(
      name: "EmbedScenesPlugin", capability: .buildTool(), dependencies: ["EmbedScenes"],
      path: "Plugins/EmbedScenesPlugin"),
    .executableTarget(name: "EmbedScenes", path: "Plugins/EmbedScenesTool"),
    // Writes the version `descent --version` prints, from `git describe`, on every build.
    .plugin(name: "VersionPlugin", capability: .buildTool(), path: "Plugins/VersionPlugin"),
    // Pure: app state and a size in, a grid of cells out. No terminal code.
    .target(name: "DescentRender", dependencies: ["DescentCore"]),
    .testTarget(name: "DescentRenderTests", dependencies: ["DescentRender"], resources: [.copy("Snapshots")]),
    // The only C: ncurses macros and globals wrapped for Swift, and signal handling.
    .target(name: "CNCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
    // The interactive terminal UI: the only code that calls ncurses.
    .target(name: "DescentTUI", dependencies: ["DescentCore", "DescentRender", "CNCurses"]),
    .testTarget(name: "DescentTUITests", dependencies: ["DescentTUI"]),
    // The executable: argument parsing and output formatting only.
    .executableTarget(
      name: "descent",
      dependencies: [
        "DescentCore", "DescentRender", "DescentTUI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      plugins: ["VersionPlugin"]),
    .testTarget(
      name: "DescentCoreTests",
      dependencies: ["DescentCore"],
      exclude: ["Scripts"],
      resources: [.copy("Fixtures"), .copy("BrokenScenes")]),
    .testTarget(
      name: "DescentCLITests",
      dependencies: ["descent", "DescentRender"],
      exclude: ["Scripts", "Golden"]),
    // libFuzzer targets (Fuzz/run.sh); built normally, a replayer of the corpus.
    .executableTarget(name: "FuzzDescent", dependencies: ["DescentCore"], path: "Fuzz/Sources"),
  ]
)
