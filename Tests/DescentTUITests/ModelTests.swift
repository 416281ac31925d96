import DescentCore
import DescentRender
import Foundation
import Testing

@testable import DescentTUI

func model(
  _ scene: String = "rosenbrock", visible: [OptimizerKind] = [],
  width: Int = 120, height: Int = 40, tier: ColorTier = .xterm256
) throws -> Model {
  let scenes = SceneLibrary.builtins
  let index = try #require(scenes.firstIndex { $0.name == scene })
  return Model(
    scenes: scenes, sceneIndex: index, visible: visible, tier: tier, width: width, height: height)
}

extension Model {
  mutating func press(_ key: Key) -> Effect { update(.key(key)) }
  mutating func type(_ text: String) { for c in text { _ = update(.key(.character(c))) } }
  var status: String {
    mutating get { String(frame().plainText.split(separator: "\n")[height - 2]) }
  }
  var maxStep: Int { runs.map(\.state.step).max() ?? 0 }
}

@Suite struct KeyTests {
  @Test func everyKeyInTheTableHasAnAction() {
    for row in KeyTable.rows where row.keys != "click" {
      #expect(!row.bindings.isEmpty, "\(row.keys) has no binding")
      for binding in row.bindings { #expect(KeyTable.action(for: binding.key) == binding.action) }
    }
  }

  @Test func digitsShowOneOptimizerOfTheRaceAndAShowsAll() throws {
    var m = try model()
    for (index, kind) in m.raceRuns.map(\.kind).enumerated() {
      m.type(String(index + 1))
      #expect(m.visible.map(\.kind) == [kind])
      #expect(m.runs.map(\.kind) == [kind])
      #expect(m.status.contains(" \(kind.rawValue) "))
    }
    m.type("a")
    #expect(m.visible.map(\.kind) == OptimizerKind.classic)
    #expect(m.runs.count == 6)
  }

  /// A scene that enables the swarm and the genetic algorithm races eight, each drawn as a
  /// swarm of dots around its best point.
  @Test func populationMethodsJoinTheRaceWhereTheSceneEnablesThem() throws {
    var m = try model("rastrigin")
    #expect(m.visible.map(\.kind) == OptimizerKind.classic + [.pso, .ga])
    m.type("7")
    #expect(m.runs.map(\.kind) == [.pso])
    m.type(".")
    let frame = m.frame().plainText
    #expect(frame.filter { $0 == "•" }.count >= 10)
    #expect(frame.contains("●"))
    m.type("+")
    #expect(m.message == "pso has no step size")
    m.type("8")
    m.type("+")
    #expect(m.message == "ga sigma 0.6")
    _ = m.press(.tab)  // the next scene does not enable them
    #expect(!m.visible.map(\.kind).contains(.pso))
  }

  @Test func spacePausesAndDotSteps() throws {
    var m = try model(visible: [.adam])
    _ = m.update(.tick(0.5))
    let before = m.maxStep
    #expect(before > 0, "running by default")
    m.type(" ")
    #expect(m.paused)
    _ = m.update(.tick(5))
    #expect(m.maxStep == before, "paused runs do not move")
    m.type(".")
    #expect(m.maxStep == before + 1)
    #expect(m.status.contains("step \(before + 1)"))
    m.type(" ")
    #expect(!m.paused)
  }

  @Test func dotPausesARunningApp() throws {
    var m = try model(visible: [.gd])
    m.type(".")
    #expect(m.paused && m.maxStep == 1)
  }

  @Test func speedKeysMoveAlongTheScaleAndClamp() throws {
    var m = try model()
    let start = m.stepsPerSecond
    m.type(">")
    #expect(m.stepsPerSecond > start)
    m.type("<<")
    #expect(m.stepsPerSecond < start)
    for _ in 0..<30 { m.type("<") }
    #expect(m.stepsPerSecond == 1)
    for _ in 0..<30 { m.type(">") }
    #expect(m.stepsPerSecond == 1000)
    // Steps follow the speed: 1000 steps/s for 0.1 s is 100 steps.
    m.type(" ")
    m.type("r")
    m.type(" ")
    _ = m.update(.tick(0.1))
    #expect(m.maxStep == 100)
  }

  @Test func plusAndMinusScaleTheLearningRateOfTheShownOptimizers() throws {
    var m = try model(visible: [.adam])
    m.type("+")
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.1)  // the scene's 0.05, doubled
    m.type("--")
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.025)
    #expect(m.message.contains("adam lr 0.025"))
    var a = try model(visible: [.anneal])
    a.type("+")
    #expect(a.runs[0].optimizer.hyperparameters.sigma == 0.2)  // annealing's step is σ
  }

  @Test func changingTheLearningRateKeepsTheRunGoing() throws {
    var m = try model(visible: [.momentum])
    m.type(" ")
    for _ in 0..<10 { m.type(".") }
    m.type("+")
    #expect(m.maxStep == 10)
    m.type(".")
    #expect(m.maxStep == 11)
  }

  @Test func cursorKeysAndHjklMoveTheCursor() throws {
    var m = try model()
    let origin = m.cursor
    m.type("l")
    #expect(m.cursor.x > origin.x && m.cursor.y == origin.y)
    _ = m.press(.left)
    #expect(abs(m.cursor.x - origin.x) < 1e-12)
    m.type("k")
    #expect(m.cursor.y > origin.y)
    _ = m.press(.down)
    #expect(abs(m.cursor.y - origin.y) < 1e-12)
    m.type("h")
    _ = m.press(.right)
    m.type("j")
    _ = m.press(.up)
    #expect(abs(m.cursor.x - origin.x) < 1e-12 && abs(m.cursor.y - origin.y) < 1e-12)
    for _ in 0..<500 { m.type("h") }
    #expect(m.currentViewport.xRange.contains(m.cursor.x), "the cursor stays on the map")
  }

  @Test func enterRestartsFromTheCursor() throws {
    var m = try model(visible: [.gd])
    m.type("lllkk")
    _ = m.press(.enter)
    #expect(m.start == m.cursor)
    #expect(m.runs[0].state.position == m.cursor)
    #expect(m.maxStep == 0)
  }

  @Test func clickRestartsFromTheClickedPoint() throws {
    var m = try model(visible: [.gd, .adam])
    _ = m.update(.click(column: 30, row: 10))
    let expected = m.currentViewport.world(column: 30, row: 10)
    #expect(m.start == expected && m.cursor == expected)
    #expect(m.runs.allSatisfy { $0.state.position == expected })
    // A click on the status bar is not on the map.
    _ = m.update(.click(column: 30, row: 38))
    #expect(m.start == expected)
  }

  @Test func resetReturnsToTheScenesStart() throws {
    var m = try model()
    _ = m.update(.click(column: 10, row: 5))
    m.type("r")
    #expect(m.start == m.scene.start && m.cursor == m.scene.start)
  }

  @Test func tabCyclesScenesBothWays() throws {
    var m = try model()
    let first = m.scene.name
    _ = m.press(.tab)
    #expect(m.scene.name != first)
    #expect(m.message.contains(m.scene.name))
    _ = m.press(.backTab)
    #expect(m.scene.name == first)
    _ = m.press(.backTab)
    #expect(
      m.sceneIndex == (m.scenes.firstIndex { $0.name == first }! + m.scenes.count - 1)
        % m.scenes.count)
  }

  @Test func zoomKeys() throws {
    var m = try model()
    let width = m.xRange.upperBound - m.xRange.lowerBound
    m.type("z")
    #expect(abs((m.xRange.upperBound - m.xRange.lowerBound) - width / 2) < 1e-9)
    #expect(abs((m.xRange.lowerBound + m.xRange.upperBound) / 2 - m.cursor.x) < 1e-9)
    m.type("ZZ")
    #expect(abs((m.xRange.upperBound - m.xRange.lowerBound) - width * 2) < 1e-9)
    m.type("0")
    #expect(m.xRange == m.scene.xRange && m.yRange == m.scene.yRange)
  }

  @Test func displayToggles() throws {
    var m = try model()
    let map = m.colormap
    m.type("m")
    #expect(m.colormap == map.next)
    let scale = m.scale
    m.type("L")
    #expect(m.scale != scale)
    m.type("c")
    #expect(m.contours)
    m.type("g")
    #expect(m.arrows)
    m.type("?")
    #expect(m.showHelp)
    #expect(m.frame().plainText.contains("restart at cursor/click"))
    m.type("?")
    #expect(!m.showHelp)
  }

  @Test func qAndEscQuit() throws {
    var m = try model()
    #expect(m.press(.character("q")) == .quit)
    #expect(m.press(.escape) == .quit)
    #expect(m.press(.character("Q")) == .none)
    #expect(m.message.contains("?"))
  }

  @Test func resizeRelaysOutAndTooSmallSaysSo() throws {
    var m = try model()
    _ = m.update(.resize(width: 60, height: 20))
    let frame = m.frame()
    #expect(frame.width == 60 && frame.height == 20)
    _ = m.update(.resize(width: 30, height: 10))
    #expect(m.frame().plainText.contains("Terminal too small"))
    // Keys still work while too small, and the map comes back when it grows.
    m.type("5")
    _ = m.update(.resize(width: 100, height: 30))
    #expect(m.status.contains("adam"))
  }

  @Test func divergenceIsReportedAndOtherRunsGoOn() throws {
    var m = try model("too-large-lr")
    for _ in 0..<20 { _ = m.update(.tick(1)) }
    #expect(m.runs.first { $0.kind == .gd }!.isDiverged)
    #expect(m.runs.first { $0.kind == .adam }!.state.step > 100, "adam goes on")
    #expect(m.frame().plainText.contains("diverged"))
  }

  @Test func longTicksAreCapped() throws {
    var m = try model(visible: [.gd])
    _ = m.update(.tick(1e9))
    #expect(m.maxStep == Model.maximumStepsPerTick)
  }
}

@Suite struct InspectorAndRewindTests {
  @Test func inspectorCyclesThroughTheShownOptimizersAndShowsTheCoresNumbers() throws {
    var m = try model(visible: [.momentum, .adam])
    m.type(" ")
    for _ in 0..<5 { m.type(".") }
    m.type("i")
    #expect(m.inspectedIndex == 0)
    m.type("i")
    #expect(m.inspectedIndex == 1)
    let text = m.frame().plainText
    let adam = m.runs[1].state
    guard let mo = adam.pair("m"), let v = adam.pair("v"), let mHat = adam.pair("m̂"),
      let vHat = adam.pair("v̂")
    else {
      Issue.record("adam's state")
      return
    }
    // m̂ and v̂ are m and v divided by 1 − β₁⁵ and 1 − β₂⁵.
    #expect(mHat.x == mo.x / (1 - pow(0.9, 5.0)))
    #expect(vHat.y == v.y / (1 - pow(0.999, 5.0)))
    for value in [mo.x, v.y, mHat.x, vHat.y, m.runs[1].state.loss] {
      #expect(text.contains(Renderer.format(value)), "inspector lacks \(Renderer.format(value))")
    }
    #expect(text.contains("adam at step 5"))
    m.type("i")
    #expect(m.inspectedIndex == nil)
  }

  @Test func inspectorShowsTheSwarmAndTheGeneration() throws {
    var m = try model("rastrigin", visible: [.pso, .ga])
    m.type(" ")
    for _ in 0..<3 { m.type(".") }
    m.type("i")
    let swarm = m.runs[0].state
    let size = 30
    let spread =
      swarm.members.map { ($0 - swarm.position) }.map { ($0 * $0).sum().squareRoot() }
      .reduce(0, +) / Double(size)
    guard case .text(let words) = swarm.row("improved"),
      let improved = Int(words.prefix { $0.isNumber })
    else {
      Issue.record("the swarm's state")
      return
    }
    #expect((0...size).contains(improved))
    var text = m.frame().plainText
    #expect(text.contains("swarm     \(size) particles"))
    #expect(text.contains("improved  \(improved) personal bests"))
    #expect(text.contains(Renderer.format(spread)))
    #expect(text.contains("evals     \(30 * 4) f, 0 ∇f"))
    m.type("i")
    let generation = m.runs[1].state
    let elite = 2
    guard case .text(let words) = generation.row("mutated"),
      let mutated = Int(words.prefix { $0.isNumber }), let meanLoss = generation.number("mean f")
    else {
      Issue.record("the generation's state")
      return
    }
    #expect(mutated >= 0)
    text = m.frame().plainText
    #expect(text.contains("\(elite) elite kept"))
    #expect(text.contains("mutated   \(mutated) coordinates"))
    #expect(text.contains(Renderer.format(meanLoss)))
    #expect(text.contains("evals     \(30 + 28 * 3) f, 0 ∇f"))
  }

  @Test func rewindThenStepReproducesTheSameStatesBitForBit() throws {
    for scene in ["rosenbrock", "linreg-minibatch"] {
      var m = try model(scene, visible: OptimizerKind.allCases)
      m.type(" ")
      for _ in 0..<40 { m.type(".") }
      let positions = m.runs.map(\.state.position)
      let losses = m.runs.map(\.state.loss)
      let trailLengths = m.trails.map(\.points.count)
      for _ in 0..<15 { _ = m.press(.backspace) }
      #expect(m.runs.allSatisfy { $0.state.step == 25 })
      #expect(m.trails.map(\.points.count) == trailLengths.map { $0 - 15 })
      m.type("u")
      #expect(m.runs.allSatisfy { $0.state.step == 24 })
      for _ in 0..<16 { m.type(".") }
      #expect(m.runs.map(\.state.position) == positions, "\(scene)")
      #expect(m.runs.map(\.state.loss) == losses, "\(scene)")
    }
  }

  @Test func rewindPausesAndStopsAtTheBeginning() throws {
    var m = try model(visible: [.gd])
    _ = m.update(.tick(0.1))
    #expect(!m.paused)
    for _ in 0..<100 { m.type("u") }
    #expect(m.paused)
    #expect(m.runs[0].state.step == 0)
    #expect(m.message.contains("nothing to rewind"))
  }

  @Test func historyIsBounded() {
    var history = History<Int>(capacity: 5)
    for i in 0..<1000 { history.push(i) }
    #expect(history.count == 5)
    #expect((0..<5).map { _ in history.pop()! } == [999, 998, 997, 996, 995])
    #expect(history.pop() == nil)
  }
}

@Suite struct LossPlotTests {
  @Test func plotShowsEveryRunsLossInItsColour() throws {
    var m = try model(visible: [.gd, .adam])
    m.type(" ")
    for _ in 0..<60 { m.type(".") }
    m.type("p")
    #expect(m.showLossPlot)
    let frame = m.frame()
    let braille = frame.cells.filter {
      $0.symbol.unicodeScalars.first!.value >= 0x2800
        && $0.symbol.unicodeScalars.first!.value <= 0x28FF
    }
    let theme = Theme(tier: .xterm256)
    #expect(braille.contains { $0.foreground == theme.path(.gd) })
    #expect(braille.contains { $0.foreground == theme.path(.adam) })
    #expect(frame.plainText.contains("loss (log)"))
    #expect(frame.plainText.contains("step 60"))
    #expect(m.lossHistories.map(\.points.count) == [61, 61])
    m.type("u")
    #expect(m.lossHistories.map(\.points.count) == [60, 60])
    m.type("p")
    #expect(!m.frame().plainText.contains("loss (log)"))
  }

  @Test func negativeLossesPlotAboveTheirMinimum() throws {
    var m = try model("saddle", visible: [.gd])
    m.type(" ")
    for _ in 0..<200 { m.type(".") }
    #expect(m.runs[0].state.loss < 0)
    m.type("p")
    #expect(m.frame().plainText.contains("loss − min (log)"))
  }
}

@Suite struct FiniteDifferenceKeyTests {
  @Test func dSwitchesEveryGradientOptimizerAndTheCountersShowThePrice() throws {
    var m = try model(visible: [.gd, .anneal])
    m.type(" ")
    m.type("d")
    #expect(m.gradientMode == .finiteDifferences)
    #expect(m.status.contains("∇ by finite differences"))
    let before = m.runs[0].state.evaluations
    m.type(".")
    #expect(m.runs[0].state.evaluations == before + EvaluationCount(values: 5))
    m.type("d")
    m.type(".")
    #expect(m.runs[0].state.evaluations == before + EvaluationCount(values: 5, gradients: 1))
    #expect(!m.status.contains("finite"))
    // Restarted runs keep the mode.
    m.type("d1")
    #expect(m.runs[0].state.evaluations == EvaluationCount(values: 5))
  }
}

/// The optimizer picker (`o`) chooses the race; digits pick within it.
@Suite struct PickerTests {
  @Test func thePickerChoosesTheRaceAndDigitsPickWithinIt() throws {
    var m = try model(visible: [])
    let scene = m.scene.raceKinds
    m.type("o")
    let picker = try #require(m.picker)
    #expect(picker.chosen == Set(scene))
    #expect(m.frame().plainText.contains("optimizers"))
    // Untick gd (the cursor starts on it), tick pso two lines below anneal.
    m.type(" ")
    let order = PickerView.order
    let pso = try #require(order.firstIndex(of: .pso))
    for _ in 0..<pso { _ = m.update(.key(.down)) }
    m.type(" ")
    _ = m.update(.key(.enter))
    #expect(m.picker == nil)
    let race = OptimizerKind.allCases.filter { ($0 != .gd && scene.contains($0)) || $0 == .pso }
    #expect(m.visible.map(\.kind) == race)
    #expect(m.runs.map(\.kind) == race)
    // Digit 1 is now the race's first, not gd.
    m.type("1")
    #expect(m.visible.map(\.kind) == [race[0]])
    m.type("a")
    #expect(m.visible.map(\.kind) == race)
    // A digit past the race says so and changes nothing.
    m.type("9")
    #expect(m.visible.map(\.kind) == race)
    #expect(m.message.contains("the race has \(race.count)"))
  }

  @Test func escapeLeavesTheRaceAndAnEmptyChoiceIsRefused() throws {
    var m = try model(visible: [])
    let before = m.visible
    m.type("o")
    for _ in 0..<OptimizerKind.allCases.count {
      if let picker = m.picker, picker.chosen.contains(picker.cursor) { m.type(" ") }
      _ = m.update(.key(.down))
    }
    #expect(m.picker?.chosen.isEmpty == true)
    _ = m.update(.key(.enter))
    #expect(m.picker != nil)
    #expect(m.message.contains("at least one"))
    _ = m.update(.key(.escape))
    #expect(m.picker == nil)
    #expect(m.visible == before)
  }
}

/// Any number of optimizers works: every registered one (more than ten) races in one view,
/// steps, inspects and draws at a small and a large size without a crash, each head with its
/// own label and colour.
@Suite struct EveryOptimizerTests {
  @Test(arguments: [(80, 24), (200, 60)])
  func everyOptimizerRacesInOneView(size: (Int, Int)) throws {
    #expect(OptimizerKind.allCases.count > 10)
    let scenes = SceneLibrary.builtins
    let index = try #require(scenes.firstIndex { $0.name == "himmelblau" })
    var m = Model(
      scenes: scenes, sceneIndex: index, visible: OptimizerKind.allCases, tier: .xterm256,
      width: size.0, height: size.1)
    #expect(m.runs.map(\.kind) == OptimizerKind.allCases)
    m.type(" ")
    for _ in 0..<5 { m.type(".") }
    for _ in 0..<OptimizerKind.allCases.count {
      m.type("i")
      _ = m.frame()
    }
    m.type("p")
    let frame = m.frame().plainText
    #expect(frame.contains("step"))
    #expect(m.runs.allSatisfy { $0.state.step == 5 || $0.isDiverged })
    // The digits pick within the race of all of them; past nine they are out of reach but
    // the picker still shows every one.
    m.type("9")
    #expect(m.visible.map(\.kind) == [OptimizerKind.allCases[8]])
    m.type("o")
    #expect(m.picker != nil)
    // Modal: drawn even where the legend of every optimizer fills half the map.
    let picker = m.frame().plainText
    #expect(picker.contains(" optimizers ") && picker.contains("[✓] cg"), "\(picker)")
    #expect(!m.frame().plainText.contains("no room"))
    _ = m.update(.key(.escape))
  }

  @Test func everyOptimizerHasItsOwnColourAndLabel() {
    let theme = Theme(tier: .truecolor)
    let colours = OptimizerKind.allCases.map { theme.path($0) }
    #expect(Set(colours.map { "\($0)" }).count == colours.count)
    let labels = OptimizerKind.allCases.map { Renderer.label(of: $0) }
    #expect(Set(labels).count == labels.count)
  }
}
