import DescentCore
import Foundation
import Testing

@Suite struct LessonTests {
  func load(_ text: String) -> Result<Lesson, SceneErrors> {
    LessonLoader.load(text: text, file: "test.toml", name: "test") { name in
      SceneLibrary.builtin(named: name).map { .success($0) }
        ?? .failure(.notFound("no built-in scene named '\(name)'"))
    }
  }

  @Test func builtInLessonsLoad() {
    #expect(LessonLibrary.builtinProblems.isEmpty, "\(LessonLibrary.builtinProblems)")
    #expect(LessonLibrary.builtins.count >= 9)
    #expect(LessonLibrary.builtins.map(\.number) == Array(1...LessonLibrary.builtins.count))
    for name in [
      "step-size", "ravines", "adaptive", "saddles", "local-minima", "backprop", "newton",
      "quasi-newton", "gradient-free",
    ] {
      #expect(LessonLibrary.builtin(named: name) != nil, "\(name)")
    }
  }

  /// The issue asks for captions of 1-4 sentences.
  @Test(arguments: LessonLibrary.builtins.map(\.name))
  func captionsAreOneToFourSentences(name: String) throws {
    let lesson = try #require(LessonLibrary.builtin(named: name))
    #expect(!lesson.summary.isEmpty)
    for (k, step) in lesson.steps.enumerated() {
      let words = step.caption.split(separator: " ")
      let sentences = words.filter { $0.hasSuffix(".") || $0.hasSuffix("?") || $0.hasSuffix("!") }
      #expect((1...4).contains(sentences.count), "\(name) step \(k + 1): \(sentences.count)")
      #expect(step.caption.count <= LessonLoader.maximumCaption)
    }
  }

  /// Numbers a caption quotes about a surface rather than a run, which no claim checks: the
  /// adaptive lesson's unscaled regression at its start, and the saddles lesson's plateau.
  @Test func theSurfaceNumbersCaptionsQuoteHold() throws {
    func caption(_ lesson: String, _ step: Int) throws -> String {
      try #require(LessonLibrary.builtin(named: lesson)).steps[step - 1].caption
    }
    let unscaled = try #require(SceneLibrary.builtin(named: "linreg-unscaled"))
    var f = unscaled.objective(fullBatch: true)
    let (_, g, h) = f.hessian(at: unscaled.start)
    #expect(try caption("adaptive", 4).contains("(−846, −78), is 11 to 1"))
    #expect(g.x.rounded() == -846 && g.y.rounded() == -78, "\(g)")
    #expect((g.x / g.y).rounded() == 11)
    #expect(try caption("adaptive", 4).contains("about 350 times more sharply in its steepest"))
    let (flattest, steepest) = h.eigenvalues
    #expect((340...360).contains(steepest / flattest), "\(steepest / flattest)")
    // The steepest direction is within 10° of the w axis: (h − λ)v = 0 gives v ∝ (xy, λ − xx).
    let angle = atan2(abs(steepest - h.xx), abs(h.xy)) * 180 / .pi
    #expect(angle < 10, "\(angle)")
    #expect(try caption("saddles", 4).contains("about 1/260 of its largest size"))
    let plateau = try #require(SceneLibrary.builtin(named: "plateau"))
    var p = plateau.objective()
    let atStart = p.valueAndGradient(at: plateau.start).gradient
    // |∇f| = 2r·exp(−r²) is largest at the rim, r = 1/√2.
    let rim = p.valueAndGradient(at: [(0.5 as Double).squareRoot(), 0]).gradient
    let ratio = (rim * rim).sum().squareRoot() / (atStart * atStart).sum().squareRoot()
    #expect((250...270).contains(ratio), "\(ratio)")
  }

  /// adaptive step 1: RMSProp "runs down without a zig-zag" where gradient descent (the
  /// ravines lesson) bounces from wall to wall: its y never changes sign, gd's does each step.
  @Test func rmspropRunsDownTheRavineWithoutAZigZag() throws {
    let lesson = try #require(LessonLibrary.builtin(named: "adaptive"))
    #expect(lesson.steps[0].caption.contains("It runs down without a zig-zag"))
    let initial = try #require(SceneLibrary.builtin(named: SceneLibrary.defaultName))
    let setup = lesson.setup(at: 0, initial: initial)
    func signChanges(_ kind: OptimizerKind) throws -> Int {
      var objective = setup.scene.objective()
      let optimizer = try setup.scene.optimizer(kind, overrides: setup.settings[kind] ?? .init())
      let ys = Trajectory.record(optimizer, from: setup.start, steps: 40, on: &objective).rows
        .map(\.position.y)
      return zip(ys, ys.dropFirst()).filter { $0 * $1 < 0 }.count
    }
    #expect(try signChanges(.rmsprop) == 0)
    #expect(try signChanges(.gd) == 40)
  }

  /// ravines step 4: at the same lr and μ Nesterov "brakes two steps sooner" than momentum:
  /// its speed along the floor (x) peaks at step 3, momentum's at step 5.
  @Test func nesterovBrakesTwoStepsSooner() throws {
    let lesson = try #require(LessonLibrary.builtin(named: "ravines"))
    #expect(lesson.steps[3].caption.contains("brakes two steps sooner"))
    let initial = try #require(SceneLibrary.builtin(named: SceneLibrary.defaultName))
    let setup = lesson.setup(at: 3, initial: initial)
    func fastestStep(_ kind: OptimizerKind) throws -> Int {
      var objective = setup.scene.objective()
      let optimizer = try setup.scene.optimizer(kind, overrides: setup.settings[kind] ?? .init())
      let xs = Trajectory.record(optimizer, from: setup.start, steps: 20, on: &objective).rows
        .map(\.position.x)
      let speeds = zip(xs, xs.dropFirst()).map { abs($1 - $0) }
      return speeds.indices.max { speeds[$0] < speeds[$1] }! + 1
    }
    #expect(try fastestStep(.momentum) == 5)
    #expect(try fastestStep(.nesterov) == 3)
  }

  /// Every step's setup can be built: its optimizers accept their settings, its start lies in
  /// its view, its inspector shows an optimizer that is shown, and it names what it runs.
  @Test(arguments: LessonLibrary.builtins.map(\.name))
  func everyStepApplies(name: String) throws {
    let lesson = try #require(LessonLibrary.builtin(named: name))
    let initial = try #require(SceneLibrary.builtin(named: SceneLibrary.defaultName))
    #expect(lesson.steps.first?.scene != nil, "a lesson should open on a scene of its own")
    for k in lesson.steps.indices {
      let setup = lesson.setup(at: k, initial: initial)
      #expect(!setup.kinds.isEmpty)
      for kind in setup.kinds {
        #expect(throws: Never.self, "\(name) step \(k + 1) \(kind)") {
          try setup.scene.optimizer(kind, overrides: setup.settings[kind] ?? .init())
        }
      }
      #expect(setup.view.x.contains(setup.start.x) && setup.view.y.contains(setup.start.y))
      if let inspector = setup.inspector {
        #expect(
          setup.runs.index(named: inspector) != nil, "\(name) step \(k + 1): inspector \(inspector)"
        )
      }
    }
  }

  @Test func stepsAreCumulativeAndASceneResetsItsSettings() throws {
    let text = """
      format = 1
      title = "T"
      [[step]]
      caption = "One."
      scene = "bowl"
      show = ["gd"]
      plot = true
      [step.optimizers.gd]
      lr = 0.3
      [[step]]
      caption = "Two."
      run = 10
      [[step]]
      caption = "Three."
      scene = "ravine"
      start = [1.0, 1.0]
      """
    let lesson = try load(text).get()
    let initial = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    let second = lesson.setup(at: 1, initial: initial)
    #expect(second.scene.name == "bowl")
    #expect(second.kinds == [.gd])
    #expect(second.settings(for: .gd).lr == 0.3)
    #expect(second.plot)
    #expect(second.run == 10)
    let third = lesson.setup(at: 2, initial: initial)
    #expect(third.scene.name == "ravine")
    #expect(third.kinds == [.gd])  // kept
    #expect(third.plot)  // kept
    #expect(third.settings(for: .gd).lr == third.scene.settings(for: .gd).lr)  // reset
    #expect(third.start == [1, 1])
    #expect(third.run == nil)  // a step's own
  }

  /// `race` (and `curve`) carry over, across a change of scene too; a bad race is an error
  /// at it.
  @Test func raceCarriesOverAndAnUnknownMeasureIsAnError() throws {
    let text = """
      format = 1
      title = "T"
      [[step]]
      caption = "One."
      scene = "bowl"
      race = "evaluations"
      [[step]]
      caption = "Two."
      scene = "ravine"
      [[step]]
      caption = "Three."
      race = "seconds"
      curve = true
      """
    let lesson = try load(text).get()
    let initial = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    #expect(
      (0..<3).map { lesson.setup(at: $0, initial: initial).race } == [
        .evaluations, .evaluations, .seconds,
      ])
    #expect((0..<3).map { lesson.setup(at: $0, initial: initial).curve } == [false, false, true])
    let bad = text.replacingOccurrences(of: "\"seconds\"", with: "\"budget\"")
    guard case .failure(let errors) = load(bad) else {
      Issue.record("a race by budget loaded")
      return
    }
    #expect(
      errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" } == [
        "12:8: race must be \"steps\", \"evaluations\" or \"seconds\", not \"budget\""
      ])
  }

  @Test(arguments: ["\n", "\r\n"])
  func errorsNameTheLineAndColumn(lineEnding: String) {
    let text = """
      format = 1
      title = "Broken"
      [[step]]
      caption = "Fine."
      [[step]]
      captoin = "Typo."
      scene = "no-such-scene"
      inspector = "sideways"
      show = ["gd", "sgd"]
      view = { x = [1.0, 0.0], y = [0.0, 1.0] }
      [step.optimizers.gd]
      momentum = 0.9
      """.replacingOccurrences(of: "\n", with: lineEnding)
    guard case .failure(let errors) = load(text) else {
      Issue.record("the lesson should not load")
      return
    }
    let messages = errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" }
    #expect(
      messages == [
        "5:3: missing required key `caption`",
        "6:1: unknown key `captoin` in a [[step]] (did you mean `caption`?)",
        "7:9: no built-in scene named 'no-such-scene'",
        "8:13: inspector must be \"off\", an optimizer name or a run's label, not \"sideways\"",
        "9:15: unknown optimizer `sgd` (known: \(OptimizerRegistry.names))",
        // Inside the inline table: at x's value.
        "10:14: view x = [1.0, 0.0] is empty: x[0] must be less than x[1]",
        // Found under [step.optimizers.gd], which belongs to the second step.
        "12:1: unknown key `momentum` for gd (it reads lr, line-search)",
      ])
    #expect(errors.description.contains("captoin = \"Typo.\"\n  ^^^^^^^"))
  }

  /// Found by fuzzing the lesson loader: a table name starting with `+` made TOMLKit's
  /// parser assert and abort the process. It is a syntax error with a position now.
  @Test func aTableNameTheParserAssertedOn() {
    guard case .failure(let errors) = load("format = 1\n[[+step]]\ncaption = \"x.\"\n") else {
      Issue.record("the lesson should not load")
      return
    }
    #expect(errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["2:3"])
  }
}
