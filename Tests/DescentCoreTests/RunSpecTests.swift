import DescentCore
import Testing

/// Runs as instances: one optimizer at several settings (`gd@lr=0.05`), from the command
/// line's text, a scene's `[[runs]]` and a lesson's `[[step.runs]]`, to the runs and claims
/// they make.
@Suite struct RunSpecTests {
  // MARK: - Parsing

  @Test func aPlainNameIsTheOptimizerAsItWas() throws {
    let run = try RunSpec.parse("gd")
    #expect(run.kind == .gd)
    #expect(run.settings.isEmpty)
    #expect(run.isPlain)
    #expect(run.name == "gd")
    #expect(run.displayName == "gd")
  }

  @Test(arguments: [
    ("gd@lr=0.05", "gd@lr=0.05", "gd lr=0.05"),
    ("gd@lr=0.050", "gd@lr=0.05", "gd lr=0.05"),
    ("gd@lr=5e-2", "gd@lr=0.05", "gd lr=0.05"),
    ("gd@lr=1", "gd@lr=1", "gd lr=1"),
    // Settings in the order the optimizer declares them, whatever the order written.
    (
      "momentum@momentum=0.95@lr=0.01", "momentum@lr=0.01@momentum=0.95",
      "momentum lr=0.01 momentum=0.95"
    ),
    ("gd@line-search=armijo", "gd@line-search=armijo", "gd line-search=armijo"),
    ("ga@population=40@seed=3", "ga@population=40@seed=3", "ga population=40 seed=3"),
  ])
  func anInstanceIsNamedByItsCanonicalText(text: String, name: String, shown: String) throws {
    let run = try RunSpec.parse(text)
    #expect(run.name == name)
    #expect(run.displayName == shown)
    #expect(!run.isPlain)
    #expect(try RunSpec.parse(run.name) == run)
  }

  @Test func momentumsSettingIsItsOwnName() throws {
    let run = try RunSpec.parse("momentum@lr=0.01@momentum=0.95")
    #expect(run.settings.lr == 0.01)
    #expect(run.settings.momentum == 0.95)
  }

  /// Hostile text: each is refused with a message that names the run, as a usage error
  /// (malformed) or bad data (a value out of its range, as `--lr -1` is).
  @Test(arguments: [
    (
      "gd@", false,
      "'gd@': an empty setting after @; write gd@SETTING=VALUE, gd has lr, line-search"
    ),
    ("gd@lr", false, "'gd@lr': lr needs a value: gd@lr=VALUE"),
    ("gd@lr=abc", false, "'gd@lr=abc': the value 'abc' is invalid for lr"),
    ("gd@lr=", false, "'gd@lr=': the value '' is invalid for lr"),
    ("gd@lr=-1", true, "gd@lr=-1: lr must be greater than 0, got -1"),
    ("gd@lr=nan", true, "gd@lr=nan: lr must be greater than 0, got nan"),
    ("gd@lr=inf", true, "gd@lr=inf: lr must be greater than 0, got inf"),
    (
      "gd@@lr=1", false,
      "'gd@@lr=1': an empty setting after @; write gd@SETTING=VALUE, gd has lr, line-search"
    ),
    ("gd@lr=1@lr=2", false, "'gd@lr=1@lr=2': lr is set twice"),
    (
      "gd@momentum=0.9", false,
      "'gd@momentum=0.9': gd has no setting 'momentum'; it has lr, line-search"
    ),
    ("gd@=1", false, "'gd@=1': gd has no setting ''; it has lr, line-search"),
    (
      "nelder-mead@lr=1", false,
      "'nelder-mead@lr=1': nelder-mead has no setting 'lr'; it has no settings"
    ),
    (
      "gd@line-search=sideways", true,
      "gd@line-search=sideways: line-search must be one of none, armijo, strong-wolfe, got sideways"
    ),
    ("ga@population=2.5", true, "ga@population=2.5: population must be a whole number, got 2.5"),
  ])
  func hostileTextIsRefused(text: String, outOfRange: Bool, message: String) {
    #expect(throws: RunSpec.ParseError.self) { try RunSpec.parse(text) }
    do {
      _ = try RunSpec.parse(text)
    } catch {
      #expect(error.description == message)
      #expect(error.outOfRange == outOfRange)
      #expect(!error.unknownOptimizer)
    }
  }

  @Test(arguments: ["nope@lr=1", "nope", "@lr=1", "GD@lr=1", ""])
  func anUnknownOptimizerIsSaidSo(text: String) {
    do {
      _ = try RunSpec.parse(text)
      Issue.record("\(text) parsed")
    } catch {
      #expect(error.unknownOptimizer)
      #expect(error.description.contains(OptimizerRegistry.names))
    }
  }

  /// Ten thousand runs, most of them the same: each name once, in the registry's order of
  /// their optimizers, quickly.
  @Test func veryLongListsAreOrderedAndEachRunOnce() throws {
    var texts: [String] = []
    for i in 0..<10_000 {
      texts.append(i % 3 == 0 ? "adam@lr=0.\(i % 7 + 1)" : "gd@lr=0.0\(i % 5 + 1)")
    }
    texts.append("gd")
    let runs = RunSpec.ordered(try texts.map(RunSpec.parse))
    #expect(runs.count == 5 + 7 + 1)
    #expect(runs.prefix(6).allSatisfy { $0.kind == .gd })
    // Runs of one optimizer keep the order they were first given in.
    #expect(runs.map(\.name).prefix(2) == ["gd@lr=0.02", "gd@lr=0.03"])
    #expect(runs[5].name == "gd")
    #expect(runs.suffix(7).allSatisfy { $0.kind == .adam })
  }

  // MARK: - Scenes

  static let stability = """
    format = 1
    title = "The stability limit"
    f = "x^2 + 10*y^2"
    steps = 300
    [start]
    at = [1.5, 0.8]
    [optimizers.gd]
    line-search = "none"
    [[runs]]
    optimizer = "gd"
    lr = 0.05
    [[runs]]
    optimizer = "gd"
    lr = 0.09
    [[runs]]
    optimizer = "gd"
    lr = 0.11
    label = "past 2/λ"
    [[claim]]
    faster = ["gd@lr=0.09", "gd@lr=0.05"]
    loss = 1e-8
    [[claim]]
    diverges = "past 2/λ"
    [[claim]]
    stable = ["gd@lr=0.05", "gd@lr=0.09"]
    """

  func scene(_ text: String) -> Result<Scene, SceneErrors> {
    SceneLoader.load(text: text, file: "test.toml", name: "test") { _ in
      .failure(.notFound("no data"))
    }
  }

  @Test func aSceneRacesItsRunsAndItsClaimsNameThem() throws {
    let scene = try scene(Self.stability).get()
    #expect(scene.runs.map(\.name) == ["gd@lr=0.05", "gd@lr=0.09", "gd@lr=0.11"])
    #expect(scene.runs.map(\.displayName) == ["gd lr=0.05", "gd lr=0.09", "past 2/λ"])
    #expect(scene.raceRuns == scene.runs)
    // The [optimizers.gd] table gives defaults; each run's own lr is laid over it.
    let rates = try scene.raceRuns.map { try scene.optimizer($0).hyperparameters.lr }
    #expect(rates == [0.05, 0.09, 0.11])
    // The flags are laid under a run's own settings.
    #expect(try scene.optimizer(scene.runs[0], overrides: ["lr": 0.3]).hyperparameters.lr == 0.05)
    let results = ClaimChecker.check(scene)
    #expect(results.count == 3)
    for result in results { #expect(result.holds, "\(result.measured)") }
    #expect(results[1].measured.contains("gd@lr=0.11 diverged at step"))
  }

  /// The same claims about the wrong runs are false: the instances really are run with their
  /// own settings.
  @Test func claimsAboutTheWrongRunsAreFalse() throws {
    let text = Self.stability
      .replacingOccurrences(of: "diverges = \"past 2/λ\"", with: "diverges = \"gd@lr=0.09\"")
      .replacingOccurrences(
        of: "faster = [\"gd@lr=0.09\", \"gd@lr=0.05\"]",
        with: "faster = [\"gd@lr=0.05\", \"gd@lr=0.09\"]")
    let results = ClaimChecker.check(try scene(text).get())
    #expect(!results[0].holds)
    #expect(!results[1].holds)
    #expect(results[1].measured.contains("gd@lr=0.09 did not diverge"))
  }

  @Test func aSceneHasAtMost64Runs() {
    var text = "format = 1\ntitle = \"Many\"\nf = \"x^2\"\n"
    for i in 1...65 { text += "[[runs]]\noptimizer = \"gd\"\nlr = 0.\(i)\n" }
    guard case .failure(let errors) = scene(text) else {
      Issue.record("loaded")
      return
    }
    #expect(
      errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" } == [
        "4:3: 65 runs; a race has at most 64"
      ])
  }

  @Test func aSceneWithoutRunsRacesItsOptimizersOnce() throws {
    let scene = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    #expect(scene.runs.isEmpty)
    #expect(scene.raceRuns.map(\.name) == scene.raceKinds.map(\.rawValue))
  }

  @Test func aClaimNamingAnUnknownRunIsALoadErrorAtItsValue() {
    let text = Self.stability.replacingOccurrences(
      of: "diverges = \"past 2/λ\"", with: "diverges = \"gd@lr=-1\"")
    guard case .failure(let errors) = scene(text) else {
      Issue.record("loaded")
      return
    }
    let messages = errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" }
    #expect(messages == ["23:12: gd@lr=-1: lr must be greater than 0, got -1"])
    #expect(errors.description.contains("diverges = \"gd@lr=-1\"\n             ^"))
  }

  // MARK: - Lessons

  func lesson(_ text: String) -> Result<Lesson, SceneErrors> {
    LessonLoader.load(text: text, file: "test.toml", name: "test") { name in
      SceneLibrary.builtin(named: name).map { .success($0) }
        ?? .failure(.notFound("no built-in scene named '\(name)'"))
    }
  }

  @Test func aLessonStepShowsItsRunsAndItsClaimsAndInspectorNameThem() throws {
    let lesson = try lesson(
      """
      format = 1
      title = "Instances"
      [[step]]
      caption = "Two step sizes."
      scene = "bowl"
      inspector = "slow"
      [[step.runs]]
      optimizer = "gd"
      lr = 0.01
      label = "slow"
      [[step.runs]]
      optimizer = "gd"
      lr = 0.3
      [[step.claim]]
      faster = ["gd@lr=0.3", "slow"]
      loss = 1e-6
      [[step]]
      caption = "And by show."
      show = ["gd@lr=0.2", "adam", "gd"]
      inspector = "gd@lr=0.2"
      """
    ).get()
    let first = lesson.setup(at: 0, initial: lesson.steps[0].scene!)
    #expect(first.runs.map(\.displayName) == ["slow", "gd lr=0.3"])
    #expect(first.inspector == "slow")
    let second = lesson.setup(at: 1, initial: lesson.steps[0].scene!)
    #expect(second.runs.map(\.name) == ["gd@lr=0.2", "gd", "adam"])
    let results = ClaimChecker.check(lesson)
    #expect(results.count == 1)
    #expect(results.allSatisfy { $0.holds }, "\(results.map(\.measured))")
  }

  @Test func stepRunsErrorsCarryTheirPosition() {
    guard
      case .failure(let errors) = lesson(
        """
        format = 1
        title = "Broken"
        [[step]]
        caption = "Both."
        scene = "bowl"
        show = ["gd@lr=abc", "gd@lr=0.1"]
        inspector = "fast"
        [[step.runs]]
        optimizer = "gd"
        lr = 0.5
        lrr = 1
        """)
    else {
      Issue.record("loaded")
      return
    }
    let messages = errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" }
    #expect(
      messages == [
        "6:9: 'gd@lr=abc': the value 'abc' is invalid for lr",
        "7:13: inspector must be \"off\", an optimizer name or a run's label, not \"fast\"",
        "8:8: a step names its runs with `show` or [[step.runs]], not both",
        "11:1: unknown key `lrr` in [[step.runs]] for gd (it has lr, line-search, and `label`) (did you mean `lr`?)",
      ])
  }
}
