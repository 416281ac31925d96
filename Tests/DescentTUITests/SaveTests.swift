import DescentCore
import DescentRender
import Foundation
import Testing

@testable import DescentTUI

/// The save key (`w`): the setup written as a scene file, which loads back to the same runs.
@Suite struct SaveTests {
  func folder() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-save-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  /// The model the saved command reopens: the saved file's scene, the optimizers of
  /// `--optimizer`, and the screen of the other flags, read back from the arguments.
  func reopen(_ file: String, _ setup: SavedSetup) throws -> Model {
    let scene = try SceneLibrary.load(path: file)
    let arguments = setup.arguments
    func value(_ flag: String) -> String? {
      arguments.firstIndex(of: flag).map { arguments[$0 + 1] }
    }
    let kinds = try #require(value("--optimizer")).split(separator: ",").map {
      try #require(OptimizerKind(rawValue: String($0)))
    }
    func point(_ flag: String) -> SIMD2<Double>? {
      value(flag).map { text in
        let parts = text.split(separator: ",").map { Double(String($0))! }
        return SIMD2(parts[0], parts[1])
      }
    }
    var screen = ScreenSetup()
    screen.style = value("--style").flatMap(FrameStyle.init(rawValue:)) ?? .screen
    let colormap = value("--colormap").flatMap(Colormap.init(rawValue:))
    var m = Model(
      scenes: [scene], sceneIndex: 0, visible: kinds, tier: .xterm256,
      colormap: colormap ?? screen.style.defaultColormap, width: 120, height: 40)
    screen.step = value("--step").flatMap { Int($0) }
    screen.speed = value("--speed").flatMap { Double($0) }
    screen.lossPlot = arguments.contains("--loss-plot")
    screen.contours = arguments.contains("--contours")
    screen.arrows = arguments.contains("--arrows")
    screen.inspect = value("--inspect")
    screen.trails = value("--trails").flatMap(TrailMode.init(rawValue:)) ?? .full
    screen.axes = arguments.contains("--axes")
    screen.description = arguments.contains("--description")
    screen.surface = point("--3d").map { SurfaceView(yaw: $0.x, pitch: $0.y) }
    screen.crossSection = value("--cross-section").map { $0 == "line" ? .line : .path }
    screen.cursor = point("--cursor")
    screen.equations = arguments.contains("--equations")
    screen.explain = arguments.contains("--explain")
    m.open(screen)
    return m
  }

  /// Every line of the frame but the message line.
  func screen(_ m: Model) -> [String] {
    Array(m.frame().plainText.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2))
      .map(String.init)
  }

  /// The view's state beyond the runs comes back too: the axes, the description, the 3-D
  /// view at its angles, the cross-section, the cursor, the colormap, the projector style
  /// and the trails. The reopened frame is the saved one, cell for cell (but the message).
  @Test func theViewStateComesBack() throws {
    var m = try model("himmelblau", visible: [.gd, .anneal])
    for _ in 0..<40 { m.type(".") }
    m.type("xDPtmkkkhhXv]]}")
    #expect(m.surfaceView == SurfaceView(yaw: 0, pitch: 45))
    let setup = m.savedSetup
    for flag in ["--axes", "--description", "--3d", "--cross-section", "--cursor", "--style"] {
      #expect(setup.arguments.contains(flag), "no \(flag) in \(setup.arguments)")
    }
    #expect(setup.arguments.contains("--trails") && setup.arguments.contains("recent"))
    let dir = try folder()
    let saved = try setup.save(in: dir)
    let again = try reopen(saved.file, setup)
    #expect(again.axes && again.showDescription)
    #expect(again.surfaceView == m.surfaceView)
    #expect(again.crossSection == .line)
    #expect(again.cursor == m.cursor)
    #expect(again.colormap == m.colormap && again.colormap != .graphite)
    #expect(again.style == .projector && again.noisyTrails == .recent)
    let before = screen(m)
    let after = screen(again)
    #expect(
      before == after,
      "saved:\n\(before.joined(separator: "\n"))\nreopened:\n\(after.joined(separator: "\n"))")
    let cells = m.frame().cells.dropLast(m.width)
    #expect(Array(cells) == Array(again.frame().cells.dropLast(again.width)))
  }

  /// The equations panel comes back, and so does explain mode, with the speed it returns to
  /// when it ends (not its own one step a second).
  @Test func theEquationsAndExplainModeComeBack() throws {
    var m = try model("ravine", visible: [.momentum])
    m.type(">>")
    let speed = m.stepsPerSecond
    for _ in 0..<3 { m.type(".") }
    m.type("e")
    var setup = m.savedSetup
    #expect(setup.arguments.contains("--equations") && !setup.arguments.contains("--explain"))
    let dir = try folder()
    var again = try reopen(try setup.save(in: dir).file, setup)
    #expect(again.showEquations && again.explainSpeed == nil)
    #expect(screen(again) == screen(m))
    m.type("E")
    #expect(m.stepsPerSecond == Model.explainStepsPerSecond)
    setup = m.savedSetup
    #expect(setup.arguments.contains("--explain") && !setup.arguments.contains("--equations"))
    #expect(setup.arguments.contains(Renderer.format(speed)))
    again = try reopen(try setup.save(in: dir).file, setup)
    #expect(again.showEquations && again.explainSpeed == speed)
    #expect(again.stepsPerSecond == Model.explainStepsPerSecond)
    again.type("E")
    #expect(again.stepsPerSecond == speed)
  }

  /// Saved after a restart elsewhere, a zoom, `+` and some steps, the file reopens to the
  /// same runs: the same settings and every position bit for bit.
  @Test func aSavedSetupReopensToTheSameTrajectories() throws {
    var m = try model("rosenbrock", visible: [.gd, .momentum, .adam])
    m.type("kkkkhhh")
    _ = m.press(.enter)
    m.type("z+>pic")
    for _ in 0..<57 { m.type(".") }
    let setup = m.savedSetup
    #expect(setup.arguments.contains("--loss-plot"))
    #expect(setup.arguments.contains("--contours"))
    let dir = try folder()
    let saved = try setup.save(in: dir)
    #expect(saved.file == dir + "/descent-saved-1.toml")
    #expect(
      saved.command.hasPrefix("descent \(dir)/descent-saved-1.toml --optimizer gd,momentum,adam"))
    #expect(saved.command.contains("--step 57"))
    let text = try String(contentsOfFile: saved.file, encoding: .utf8)
    #expect(text.contains("# Reopen this screen with: descent descent-saved-1.toml"))

    let again = try reopen(saved.file, setup)
    #expect(again.start == m.start)
    #expect(again.xRange == m.xRange && again.yRange == m.yRange)
    #expect(again.stepsPerSecond == m.stepsPerSecond)
    #expect(again.showLossPlot && again.contours && again.paused)
    #expect(again.inspectedIndex == 0)
    #expect(again.runs.count == 3)
    for (a, b) in zip(again.runs, m.runs) {
      #expect(a.kind == b.kind)
      #expect(a.optimizer.hyperparameters == b.optimizer.hyperparameters)
      #expect(a.state.step == 57)
      #expect(a.state.position == b.state.position)
      #expect(a.state.loss == b.state.loss)
    }
    // And they go on alike.
    var before = m
    var after = again
    for _ in 0..<20 {
      before.type(".")
      after.type(".")
    }
    #expect(after.runs.map(\.state.position) == before.runs.map(\.state.position))
  }

  /// `+` doubled gd's lr: the file holds the doubled value, not the scene's.
  @Test func theFileHoldsTheSettingsAsScaled() throws {
    var m = try model("rosenbrock", visible: [.gd])
    let lr = try #require(m.runs[0].optimizer.hyperparameters.lr)
    m.type("+")
    let toml = try m.savedSetup.files(base: "x").toml
    #expect(toml.contains("[optimizers.gd]\nlr = \(2 * lr)\n"))
  }

  /// CMA-ES left at its own λ is saved without a population (0 is no longer a valid one):
  /// the file loads, and the run replays to the same point.
  @Test func cmaesAtItsOwnPopulationSavesWithoutOne() throws {
    var m = try model("rosenbrock", visible: [.cmaes])
    for _ in 0..<5 { m.type(".") }
    let setup = m.savedSetup
    let toml = try setup.files(base: "x").toml
    #expect(toml.contains("[optimizers.cmaes]") && !toml.contains("population"), "\(toml)")
    let again = try reopen(try setup.save(in: try folder()).file, setup)
    #expect(again.runs.map(\.state.position) == m.runs.map(\.state.position))
  }

  /// A data scene's rows go to a CSV beside the scene file; mini-batches replay the same.
  @Test func aDataSceneSavesItsDataToo() throws {
    var m = try model("linreg-minibatch", visible: [.gd, .adam])
    for _ in 0..<25 { m.type(".") }
    let dir = try folder()
    let saved = try m.savedSetup.save(in: dir)
    #expect(FileManager.default.fileExists(atPath: dir + "/descent-saved-1.csv"))
    let again = try reopen(saved.file, m.savedSetup)
    #expect(again.runs.map(\.state.position) == m.runs.map(\.state.position))
  }

  /// Nothing is overwritten: taken names are skipped, and what was there stays.
  @Test func savingNeverOverwrites() throws {
    let m = try model("bowl")
    let dir = try folder()
    try "mine".write(toFile: dir + "/descent-saved-1.toml", atomically: true, encoding: .utf8)
    let first = try m.savedSetup.save(in: dir)
    let second = try m.savedSetup.save(in: dir)
    #expect(first.file.hasSuffix("descent-saved-2.toml"))
    #expect(second.file.hasSuffix("descent-saved-3.toml"))
    #expect(try String(contentsOfFile: dir + "/descent-saved-1.toml", encoding: .utf8) == "mine")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
      $0.hasPrefix(".")
    }
    #expect(leftovers.isEmpty)
  }

  /// The key asks the runtime to save, and the message says where it went and the command.
  @Test func theKeyAsksToSaveAndTheMessageSaysWhere() throws {
    var m = try model("bowl", visible: [.gd])
    let effect = m.press(.character("w"))
    guard case .saveSetup(let setup) = effect else {
      Issue.record("w gave \(effect)")
      return
    }
    #expect(setup.arguments.first == "--optimizer")
    _ = m.update(.setupSaved(file: "descent-saved-4.toml", command: "descent descent-saved-4.toml"))
    #expect(m.message == "saved descent-saved-4.toml; reopen: descent descent-saved-4.toml")
    #expect(m.frame().plainText.contains("saved descent-saved-4.toml"))
  }

  /// A network scene saves too: its [model] as it was read and its plane in full (origin,
  /// d1, d2, exactly), so the reopened runs train the same weights bit for bit and the map
  /// is the same slice.
  @Test func aNetworkSceneSavesAndReopens() throws {
    let scene = try #require(SceneLibrary.builtin(named: "moons-small"))
    var m = Model(
      scenes: [scene], visible: [.gd, .adam], tier: .xterm256, width: 120, height: 40)
    m.type("+n")
    for _ in 0..<12 { m.type(".") }
    let effect = m.press(.character("w"))
    guard case .saveSetup(let setup) = effect else {
      Issue.record("w gave \(effect): \(m.message)")
      return
    }
    #expect(setup.arguments.contains("--network-panel"))
    let dir = try folder()
    let saved = try setup.save(in: dir)
    let text = try String(contentsOfFile: saved.file, encoding: .utf8)
    #expect(text.contains("[model]\nlayers = [2, 8, 1]\nactivation = \"tanh\""))
    #expect(text.contains("dataset = \"moons\"\nsamples = 200\nseed = 1"))
    #expect(!text.contains("\nf = "))
    let again = try reopen(saved.file, setup)
    let network = try #require(again.scene.network)
    let original = try #require(scene.network)
    #expect(network.plane.origin == original.plane.origin)
    #expect(network.plane.d1 == original.plane.d1)
    #expect(network.plane.d2 == original.plane.d2)
    #expect(network.data == original.data)
    #expect(again.runs.count == 2)
    for (a, b) in zip(again.runs, m.runs) {
      #expect(a.optimizer.hyperparameters == b.optimizer.hyperparameters)
      #expect(a.state.step == 12)
      #expect(a.state.position == b.state.position)
      #expect(a.state.loss == b.state.loss)
    }
  }

  /// A network scene trained on a CSV file writes the rows beside the scene file, and the
  /// data and the plane (here PCA's about a trained centre, from a reference run) read back
  /// the same.
  @Test func aNetworkSceneOnACSVFileSavesItsData() throws {
    let dir = try folder()
    var csv = "x1,x2,label\n"
    for i in 0..<24 {
      let t = Double(i) / 24
      csv += "\(t),\(1 - t * t),\(i % 2)\n"
    }
    try csv.write(toFile: dir + "/points.csv", atomically: true, encoding: .utf8)
    let toml = [
      "format = 1", "title = \"Points\"", "steps = 20", "[model]", "layers = [2, 3, 1]",
      "dataset = \"points.csv\"", "seed = 4", "[slice]", "directions = \"pca\"",
      "center = \"trained\"", "[view]", "x = [-1.0, 1.0]", "y = [-1.0, 1.0]",
    ].joined(separator: "\n")
    try toml.write(toFile: dir + "/points.toml", atomically: true, encoding: .utf8)
    let scene = try SceneLibrary.load(path: dir + "/points.toml")
    var m = Model(scenes: [scene], visible: [.adam], tier: .xterm256, width: 100, height: 30)
    for _ in 0..<5 { m.type(".") }
    let saved = try m.savedSetup.save(in: dir)
    #expect(FileManager.default.fileExists(atPath: dir + "/descent-saved-1.csv"))
    let again = try reopen(saved.file, m.savedSetup)
    let a = try #require(again.scene.network)
    let b = try #require(scene.network)
    #expect(a.data == b.data)
    #expect(a.plane.origin == b.plane.origin && a.plane.d1 == b.plane.d1)
    #expect(a.plane.d2 == b.plane.d2)
    #expect(again.runs.map(\.state.position) == m.runs.map(\.state.position))
  }
}
