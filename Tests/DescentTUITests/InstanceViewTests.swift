import DescentCore
import DescentRender
import Foundation
import Testing

@testable import DescentTUI

/// The view with one optimizer at several settings: each instance is its own run, with its
/// shade, legend entry, digit, command-line address, `+`/`-` factor, rewind and save.
@Suite struct InstanceViewTests {
  static let bowl = try! Scene.expression("x^2 + 10*y^2")

  func model(
    _ texts: [String], tier: ColorTier = .xterm256, width: Int = 120, height: Int = 40
  ) throws -> Model {
    var scene = Self.bowl
    scene.start = SIMD2(1.5, 0.8)
    return Model(
      scenes: [scene], runs: try texts.map(RunSpec.parse), tier: tier, width: width,
      height: height)
  }

  @Test func eachInstanceRunsAtItsOwnSettings() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.09", "gd@lr=0.11"])
    #expect(m.runs.count == 3)
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.05, 0.09, 0.11])
    m.type(" ")
    for _ in 0..<200 { m.type(".") }
    // Around the stability limit 2/λ = 0.1: below it converges, past it diverges.
    #expect(!m.runs[0].isDiverged)
    #expect(!m.runs[1].isDiverged)
    #expect(m.runs[2].isDiverged)
    #expect(m.runs[1].state.loss < 1e-8)
  }

  /// The equations panel names the instance it writes out, not just its optimizer.
  @Test func theEquationsPanelNamesTheInstance() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.11"])
    m.type(" ")
    m.type(".")
    m.type("i")
    m.type("i")
    m.type("e")
    let frame = m.frame()
    let text = frame.plainText
    #expect(text.contains("gd lr=0.11, update "))
    #expect(text.contains("− 0.11·"))
    // Its header is in the run's shade, not in the first gd's colour.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let row = try #require(lines.firstIndex { $0.contains("gd lr=0.11, update ") })
    let column = try #require(lines[row].firstRange(of: "gd lr=0.11, update ")).lowerBound
    let x = lines[row].distance(from: lines[row].startIndex, to: column)
    let theme = Theme(tier: .xterm256)
    #expect(frame[x, row].foreground == theme.path(.gd, shade: Theme.Shade(1, of: 2)))
    #expect(frame[x, row].foreground != theme.path(.gd, shade: Theme.Shade(0, of: 2)))
    // The cross-section along its path names it too.
    m.type("e")
    m.type("X")
    m.type("X")
    #expect(m.frame().plainText.contains("loss along gd lr=0.11's path"))
  }

  /// Explain mode draws the inspected instance's vectors at its own head, not at the head
  /// of the first run of its optimizer: gradient descent's Δx = −lr·g, one line named
  /// `Δ=g`, ends at that run's head + Δx (times the factor the map states, if scaled).
  @Test func explainModeDrawsAtTheInspectedInstancesHead() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.09"], width: 200, height: 60)
    m.type(" ")
    for _ in 0..<5 { m.type(".") }
    m.type("iiE")
    let head = m.runs[1].state.position
    let before = try #require(m.trails[1].points.dropLast().last)
    let state = m.frameState()
    let scale = Renderer.explainScale(state)
    let tip = try #require(state.heat.heatmap.viewport.cell(of: head + scale * (head - before)))
    let text = m.frame().plainText
    if scale != 1 { #expect(text.contains("vectors ×\(Int(scale))")) }
    let line = Array(
      text.split(separator: "\n", omittingEmptySubsequences: false)[tip.row])
    // The name covers the tip: it starts or ends there.
    let starts = [tip.column, tip.column - 2].filter { $0 >= 0 && $0 + 3 <= line.count }
    #expect(
      starts.contains { String(line[$0..<($0 + 3)]) == "Δ=g" }, "tip \(tip) in\n\(text)")
  }

  @Test func theLegendNamesEachInstanceWithItsNumber() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.11", "adam"])
    let frame = m.frame()
    let text = frame.plainText
    #expect(text.contains(" 1 gd lr=0.05 "))
    #expect(text.contains(" 2 gd lr=0.11 "))
    // A run alone keeps its bullet.
    #expect(text.contains(" ● adam "))
    #expect(m.status.contains("gd lr=0.05 gd lr=0.11 adam"))
  }

  /// The two gd runs are drawn in two different shades of gd's red, on 256 colours and in
  /// true colour; adam keeps its own colour.
  @Test(arguments: [ColorTier.xterm256, .truecolor])
  func instancesAreDrawnInShadesOfTheirColour(tier: ColorTier) throws {
    let m = try model(["gd@lr=0.05", "gd@lr=0.11", "adam"], tier: tier)
    let frame = m.frame()
    let theme = Theme(tier: tier)
    let first = theme.path(.gd, shade: Theme.Shade(0, of: 2))
    let second = theme.path(.gd, shade: Theme.Shade(1, of: 2))
    #expect(first != second)
    let legend = (0..<3).map { row in
      (0..<frame.width).map { frame[$0, row] }.first {
        $0.symbol == "1" || $0.symbol == "2" || $0.symbol == "●"
      }
    }
    #expect(legend[0]?.foreground == first)
    #expect(legend[1]?.foreground == second)
    #expect(legend[2]?.foreground == theme.path(.adam))
  }

  @Test func theCommandLineAddressesAnInstanceByItsNumber() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.11"])
    m.type(":gd.lr 0.09")
    _ = m.press(.enter)
    #expect(m.message == "2 gd runs are shown: name one by its label (1, 2), e.g. :1.lr")
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.05, 0.11])
    m.type(":2.lr 0.09")
    _ = m.press(.enter)
    #expect(m.message == "2 (gd lr=0.11) lr 0.09 (r restarts with it)")
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.05, 0.09])
    m.type(":gd@lr=0.05.lr 0.06")
    _ = m.press(.enter)
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.06, 0.09])
    m.type(":3.lr 1")
    _ = m.press(.enter)
    #expect(m.message == "no run is labelled 3; the legend shows the labels")
    // Tab completes by number.
    _ = m.press(.character(":"))
    m.type("2.")
    _ = m.press(.tab)
    #expect(m.commandLine?.text == "2.l")
    #expect(m.commandWords.contains("1.lr"))
    _ = m.press(.escape)
  }

  @Test func oneGdAmongOthersIsStillAddressedByName() throws {
    var m = try model(["gd", "adam@lr=0.1"])
    m.type(":gd.lr 0.09")
    _ = m.press(.enter)
    #expect(m.message == "gd lr 0.09 (r restarts with it)")
    m.type(":adam.beta1 0.8")
    _ = m.press(.enter)
    #expect(m.runs[1].optimizer.hyperparameters.beta1 == 0.8)
    #expect(m.runs[1].optimizer.hyperparameters.lr == 0.1)
  }

  @Test func plusMinusDigitsAndRewindActOnEachInstance() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.11"])
    m.type("+")
    #expect(m.message == "gd lr=0.05 lr 0.1, gd lr=0.11 lr 0.22")
    m.type("-")
    m.type(" ")
    for _ in 0..<5 { m.type(".") }
    _ = m.press(.backspace)
    #expect(m.runs.map(\.state.step) == [4, 4])
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.05, 0.11])
    m.type("2")
    #expect(m.visible.map(\.name) == ["gd@lr=0.11"])
    #expect(m.message == "gd lr=0.11: gradient descent")
    m.type("a")
    #expect(m.visible.map(\.name) == ["gd@lr=0.05", "gd@lr=0.11"])
    m.type("i")
    #expect(m.message == "inspector: gd lr=0.05")
    m.type("i")
    #expect(m.frame().plainText.contains("gd lr=0.11 at step 0"))
  }

  /// The picker ticks optimizers: the instances of one that stays ticked stay.
  @Test func thePickerKeepsTheInstancesOfATickedOptimizer() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.11"])
    m.type("o")
    let order = PickerView.order
    let adam = try #require(order.firstIndex(of: .adam))
    for _ in 0..<adam { _ = m.update(.key(.down)) }
    m.type(" ")
    _ = m.press(.enter)
    #expect(m.visible.map(\.name) == ["gd@lr=0.05", "gd@lr=0.11", "adam"])
  }

  /// Saved with instances, the file holds `[[runs]]` and the command names them with `@`;
  /// the file reopens to the same settings and the same positions.
  @Test func aSaveWithInstancesReopensToTheSameRuns() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.11", "momentum"])
    m.type(":2.lr 0.09")
    _ = m.press(.enter)
    m.type(" ")
    for _ in 0..<12 { m.type(".") }
    let setup = m.savedSetup
    let optimizer = try #require(setup.arguments.firstIndex(of: "--optimizer"))
    #expect(setup.arguments[optimizer + 1] == "gd@lr=0.05,gd@lr=0.09,momentum")
    let toml = try setup.files(base: "descent-saved-1").toml
    #expect(toml.contains("[[runs]]\noptimizer = \"gd\"\nlr = 0.09"))
    let scene = try SceneLoader.load(text: toml, file: "saved.toml", name: "saved") { _ in
      .failure(.notFound("no data"))
    }.get()
    #expect(scene.runs.map(\.name) == ["gd@lr=0.05", "gd@lr=0.09", "momentum"])
    for named in [
      scene.runs,
      try setup.arguments[optimizer + 1].split(separator: ",").map {
        try RunSpec.parse(String($0))
      },
    ] {
      var again = Model(scenes: [scene], runs: named, tier: .xterm256, width: 120, height: 40)
      var screen = ScreenSetup()
      screen.step = 12
      again.open(screen)
      #expect(
        again.runs.map { $0.optimizer.hyperparameters }
          == m.runs.map { $0.optimizer.hyperparameters })
      #expect(again.runs.map(\.state.position) == m.runs.map(\.state.position))
    }
  }

  /// The loss plot draws each instance's curve in its shade.
  @Test func theLossPlotDrawsEachInstanceInItsShade() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.09"])
    m.type(" ")
    for _ in 0..<40 { m.type(".") }
    m.type("p")
    let braille = m.frame().cells.filter {
      (0x2800...0x28FF).contains($0.symbol.unicodeScalars.first!.value)
    }
    let theme = Theme(tier: .xterm256)
    #expect(braille.contains { $0.foreground == theme.path(.gd, shade: Theme.Shade(0, of: 2)) })
    #expect(braille.contains { $0.foreground == theme.path(.gd, shade: Theme.Shade(1, of: 2)) })
  }

  /// A scene's `[[runs]]` race by default; the legend shows a label, and `:` takes a
  /// one-word label.
  @Test func aScenesLabelledRunsAreAddressedByLabel() throws {
    var scene = Self.bowl
    scene.runs = [
      RunSpec(.gd, settings: ["lr": 0.01], label: "slow"), RunSpec(.gd, settings: ["lr": 0.09]),
    ]
    var m = Model(scenes: [scene], tier: .xterm256, width: 120, height: 40)
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.01, 0.09])
    #expect(m.frame().plainText.contains(" 1 slow "))
    m.type(":slow.lr 0.02")
    _ = m.press(.enter)
    #expect(m.message == "slow lr 0.02 (r restarts with it)")
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.02, 0.09])
  }

  /// A label of several words is addressed in quotes, on the command line (where Tab
  /// completes it) and by `--inspect` (as it is).
  @Test func aLabelOfSeveralWordsIsAddressedInQuotes() throws {
    var scene = Self.bowl
    scene.runs = [
      RunSpec(.gd, settings: ["lr": 0.05], label: "fast gd"),
      RunSpec(.gd, settings: ["lr": 0.11], label: "past 2/λ, lr 0.11"),
    ]
    var m = Model(scenes: [scene], tier: .xterm256, width: 120, height: 40)
    m.type(":\"fast gd\".lr 0.02")
    _ = m.press(.enter)
    #expect(m.message == "fast gd lr 0.02 (r restarts with it)")
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.02, 0.11])
    // Commas and dots inside the quotes belong to the label.
    m.type(":\"past 2/λ, lr 0.11\".lr 0.09")
    _ = m.press(.enter)
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.02, 0.09])
    // Tab completes a quoted label, spaces and all.
    _ = m.press(.character(":"))
    m.type("\"fa")
    _ = m.press(.tab)
    #expect(m.commandLine?.text == "\"fast gd\".l")
    m.type("r")
    _ = m.press(.tab)
    #expect(m.commandLine?.text == "\"fast gd\".lr ")
    _ = m.press(.escape)
    #expect(m.commandWords.contains("\"past 2/λ, lr 0.11\".lr"))
    // A label no run has, and a quote left open, are refused and change nothing.
    m.type(":\"slow gd\".lr 0.5")
    _ = m.press(.enter)
    #expect(m.message.hasPrefix("no run shown is labelled \"slow gd\": \"fast gd\""))
    m.type(":\"fast gd.lr 0.5")
    _ = m.press(.enter)
    #expect(m.message.hasPrefix("a quoted label ends with a quote"))
    #expect(m.runs.map { $0.optimizer.hyperparameters.lr } == [0.02, 0.09])
    // --inspect takes the label as it is.
    var screen = ScreenSetup()
    screen.inspect = "past 2/λ, lr 0.11"
    m.open(screen)
    #expect(m.inspectedIndex == 1)
  }

  /// The step-size lesson's side-by-side step races gd at three rates as three runs.
  @Test func theStepSizeLessonRacesThreeRatesSideBySide() throws {
    var m = Model(scenes: SceneLibrary.builtins, tier: .xterm256, width: 120, height: 40)
    let lesson = try #require(LessonLibrary.builtin(named: "step-size"))
    m.play(lesson)
    for _ in 0..<4 { _ = m.press(.right) }
    #expect(m.visible.map(\.name) == ["gd@lr=0.005", "gd@lr=0.25", "gd@lr=1.2"])
    for _ in 0..<200 where !m.paused { _ = m.update(.tick(0.5)) }
    #expect(m.maxStep == 80)
    #expect(m.runs.map(\.isDiverged) == [false, false, true])
    let text = m.frame().plainText
    for entry in ["1 gd lr=0.005", "2 gd lr=0.25", "3 gd lr=1.2"] {
      #expect(text.contains(entry), "\(text)")
    }
    #expect(m.showLossPlot)
  }

  /// `--inspect` names a run as well as an optimizer, or a run by its number in the race.
  @Test func theInspectorOpensOnARunByItsName() throws {
    for (name, index) in [("gd@lr=0.11", 1), ("gd", 0), ("adam", 2), ("2", 1), ("3", 2)] {
      var m = try model(["gd@lr=0.05", "gd@lr=0.11", "adam"])
      var screen = ScreenSetup()
      screen.inspect = name
      m.open(screen)
      #expect(m.inspectedIndex == index, "\(name)")
    }
  }

  /// A long name (an instance with two settings) pushes the legend's values past its cost,
  /// rather than over it.
  @Test func aLongNameKeepsTheLegendsColumnsApart() throws {
    var m = try model(["momentum@lr=0.01@momentum=0.95", "momentum"], width: 200, height: 60)
    m.type(" ")
    m.type(".")
    let rows = m.frame().plainText.split(separator: "\n").prefix(2).map(String.init)
    let first = try #require(rows.first { $0.contains("1 momentum lr=0.01 momentum=0.95 ") })
    #expect(
      first.contains(" ∇f lr 0.01 μ 0.95") || first.contains(" ∇f  lr 0.01 μ 0.95"), "\(first)")
    #expect(rows[1].contains("2 momentum "))
    #expect(rows[1].contains("lr 0.001 μ 0.9"))
  }

  /// Two runs set alike before a save are saved once: the file still loads.
  @Test func runsThatNowRunAlikeAreSavedOnce() throws {
    var m = try model(["gd@lr=0.05", "gd@lr=0.11"])
    m.type(":2.lr 0.05")
    _ = m.press(.enter)
    m.type("ii")
    let setup = m.savedSetup
    #expect(setup.scene.runs.map(\.name) == ["gd@lr=0.05"])
    #expect(setup.arguments.contains("--inspect"))
    let toml = try setup.files(base: "x").toml
    let scene = try SceneLoader.load(text: toml, file: "x.toml", name: "x") { _ in
      .failure(.notFound("no data"))
    }.get()
    #expect(scene.runs.count == 1)
  }

  /// A plain race saves as it always did: no `[[runs]]`.
  @Test func aPlainSaveHasNoRuns() throws {
    var m = try model(["gd", "adam"])
    m.type("+")
    let setup = m.savedSetup
    #expect(setup.scene.runs.isEmpty)
    #expect(setup.arguments.prefix(2) == ["--optimizer", "gd,adam"])
    #expect(try !setup.files(base: "x").toml.contains("[[runs]]"))
  }
}
