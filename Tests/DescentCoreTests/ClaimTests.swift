import DescentCore
import Testing

/// Claims: every built-in one holds, false ones are caught with their numbers, and a badly
/// written one is a load error at its position.
@Suite struct ClaimTests {
  func lesson(_ text: String) -> Result<Lesson, SceneErrors> {
    LessonLoader.load(text: text, file: "test.toml", name: "test") { name in
      SceneLibrary.builtin(named: name).map { .success($0) }
        ?? .failure(.notFound("no built-in scene named '\(name)'"))
    }
  }

  func scene(_ text: String) -> Result<Scene, SceneErrors> {
    SceneLoader.load(text: text, file: "test.toml", name: "test") { _ in
      .failure(.notFound("no data"))
    }
  }

  func messages(_ result: Result<Lesson, SceneErrors>) -> [String] {
    guard case .failure(let errors) = result else { return ["loaded"] }
    return errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" }
  }

  // MARK: - The built-in files

  static let sceneNames = (SceneLibrary.builtins + SceneLibrary.networks).map(\.name)

  /// CI fails on a false claim: every claim of every built-in scene holds.
  @Test(arguments: sceneNames)
  func everyClaimOfABuiltInSceneHolds(name: String) throws {
    let scene = try #require(SceneLibrary.builtin(named: name))
    let results = ClaimChecker.check(scene)
    #expect(!results.isEmpty, "scene \(name)'s description carries no claim")
    for result in results where !result.holds { Issue.record("\(result.diagnostic)") }
  }

  /// Every claim of every built-in lesson holds, and every step carries at least one.
  @Test(arguments: LessonLibrary.builtins.map(\.name))
  func everyClaimOfABuiltInLessonHolds(name: String) throws {
    let lesson = try #require(LessonLibrary.builtin(named: name))
    for (k, step) in lesson.steps.enumerated() {
      #expect(!step.claims.isEmpty, "\(name) step \(k + 1) carries no claim")
    }
    for result in ClaimChecker.check(lesson) where !result.holds {
      Issue.record("\(result.diagnostic)")
    }
  }

  // MARK: - False claims

  @Test func aFalseClaimNamesItsPositionAndTheNumbersAgainstIt() throws {
    let text = """
      format = 1
      title = "t"
      [[step]]
      caption = "Gradient descent beats momentum here."
      scene = "ravine"
      [[step.claim]]
      faster = ["gd", "momentum"]
      loss = 1e-8
      """
    let lesson = try lesson(text).get()
    let results = ClaimChecker.check(lesson)
    #expect(results.count == 1)
    let result = try #require(results.first)
    #expect(!result.holds)
    #expect(result.measured == "gd reached loss ≤ 1e-08 at step 106, momentum at step 30")
    let d = result.diagnostic
    #expect("\(d.file):\(d.line ?? 0):\(d.column ?? 0)" == "test.toml:6:8")
    #expect(d.description.contains("false claim: gd reached loss ≤ 1e-08 at step 106"))
    #expect(d.description.contains("[[step.claim]]\n         ^^^^^"))
  }

  /// One false claim of each kind, on scenes whose behaviour the true claims pin down.
  @Test func falseClaimsOfEveryKindAreCaught() throws {
    let text = """
      format = 1
      title = "t"
      [[step]]
      caption = "Every claim below is false."
      scene = "too-large-lr"
      [[step.claim]]
      diverges = "adam"
      [[step.claim]]
      stable = "momentum"
      [[step.claim]]
      reaches = "gd"
      distance = 0.1
      [[step.claim]]
      misses = "adam"
      distance = 0.1
      [[step.claim]]
      stalls = "rmsprop"
      steps = 10
      epsilon = 0.01
      [[step.claim]]
      counts = "gd"
      values = 1
      [[step.claim]]
      faster = ["gd", "adam"]
      distance = 0.1
      [[step]]
      caption = "Annealing always finds the global minimum."
      scene = "rastrigin"
      [[step.claim]]
      basin = "anneal"
      distance = 0.5
      seeds = 20
      least = 20
      """
    let lesson = try lesson(text).get()
    let results = ClaimChecker.check(lesson)
    #expect(results.count == 8)
    #expect(results.filter(\.holds).isEmpty, "\(results.filter(\.holds).map(\.measured))")
    #expect(results[0].measured.hasPrefix("adam did not diverge within 300 steps"))
    #expect(results[1].measured == "momentum diverged at step 54")
    #expect(results[5].measured.hasPrefix("gd spent 0 f and 1 ∇f at step 1"))
    #expect(results[7].measured.hasPrefix("anneal ended within 0.5 of global minimum in 7 of 20"))
  }

  /// B is run until it has spent what A spent, not just for A's horizon: annealing spends
  /// one f a step and the swarm thirty, so annealing is cheaper to a loss of 0.4 although
  /// it needs more steps than the claim's 10.
  @Test func fasterByEvaluationsRunsTheOtherUntilItHasSpentAsMuch() throws {
    let text = """
      format = 1
      title = "t"
      [[step]]
      caption = "The swarm costs less than annealing."
      scene = "logistic"
      [[step.claim]]
      faster = ["pso", "anneal"]
      loss = 0.4
      by = "evaluations"
      steps = 10
      """
    let result = try #require(ClaimChecker.check(try lesson(text).get()).first)
    #expect(!result.holds)
    #expect(
      result.measured
        == "pso reached loss ≤ 0.4 at step 7 (240 evaluations), anneal at step 105 (106 evaluations)"
    )
  }

  /// A gradient counted as several evaluations of f: annealing reaches a loss of 0.4 at
  /// step 105 (106 evaluations of f) and gd at step 52 (53 gradients); gd is twice as cheap
  /// counting a gradient as one evaluation, and dearer counting it as 2.5.
  @Test func fasterByEvaluationsCountsAGradientAtItsCost() throws {
    func claim(_ cost: Double) throws -> ClaimChecker.Result {
      let text = """
        format = 1
        title = "t"
        [[step]]
        caption = "gd costs less than annealing."
        scene = "logistic"
        [[step.claim]]
        faster = ["gd", "anneal"]
        loss = 0.4
        by = "evaluations"
        ratio = 1.5
        gradient-cost = \(cost)
        """
      return try #require(ClaimChecker.check(try lesson(text).get()).first)
    }
    let one = try claim(1)
    #expect(one.holds, "\(one.measured)")
    let two = try claim(2.5)
    #expect(!two.holds)
    #expect(
      two.measured
        == "gd reached loss ≤ 0.4 at step 52 (132.5 evaluations), anneal at step 105 (106 evaluations) (0.8x the evaluations, claimed at least 1.5x)"
    )
  }

  /// `price` claims count multiply-adds as `descent cost` does: backprop's passes on the
  /// step's network or a family of them, and the weights at its ends.
  @Test func priceClaimsCheckTheMultiplyAdds() throws {
    let text = """
      format = 1
      title = "t"
      [[step]]
      caption = "Every claim but the first is false."
      scene = "moons-small"
      [[step.claim]]
      price = "backprop"
      passes = [2.3, 2.4]
      [[step.claim]]
      price = "backprop"
      passes = [1, 2]
      [[step.claim]]
      price = "finite-differences"
      per-weight = [1, 1.5]
      [[step.claim]]
      price = "backprop"
      passes = [2.6, 3]
      widths = [2, 128]
      weights = [15, 17000]
      [[step.claim]]
      price = "forward-mode"
      passes = [1, 100]
      widths = [2, 128]
      """
    let results = ClaimChecker.check(try lesson(text).get())
    #expect(results.map(\.holds) == [true, false, false, false, false])
    #expect(
      results[1].measured
        == "backprop costs, in forward passes' multiply-adds, P = 33: 2.333 (claimed 1 to 2)")
    #expect(results[2].measured.contains("P = 33: 66 (2 per weight)"))
    #expect(results[3].measured.contains("P = 15: 2.6, P = 17025: 2.985"))
    #expect(results[4].measured.contains("P = 17025: 51075"))
  }

  @Test func priceClaimsAreLoadErrorsAtTheirPosition() {
    let text = """
      format = 1
      title = "t"
      [[step]]
      caption = "c."
      scene = "moons-small"
      [[step.claim]]
      price = "adam"
      passes = [2, 3]
      [[step.claim]]
      price = "backprop"
      [[step.claim]]
      price = "backprop"
      passes = [3, 2]
      widths = [0]
      [[step.claim]]
      faster = ["adam", "gd"]
      loss = 0.1
      gradient-cost = 3
      """
    #expect(
      messages(lesson(text)) == [
        "7:9: `price` must be one of \"backprop\", \"forward-mode\", \"finite-differences\", not \"adam\"",
        "10:1: `price` needs `passes = [lo, hi]` or `per-weight = [lo, hi]`",
        "13:10: `passes` must be [lo, hi] with 0 < lo ≤ hi, not [3, 2]",
        "14:10: `widths` must be a list of 1 to 16 integers between 1 and 256",
        "18:1: `gradient-cost` counts a gradient's evaluations: it needs `by = \"evaluations\"`",
      ])
  }

  @Test func aClaimsOwnSettingsApplyToItAlone() throws {
    let text = """
      format = 1
      title = "t"
      [[step]]
      caption = "On the bowl lr = 0.5 lands in one step; the step's lr does not."
      scene = "bowl"
      [step.optimizers.gd]
      lr = 0.1
      [[step.claim]]
      reaches = "gd"
      distance = 1e-12
      steps = 1
      [step.claim.optimizers.gd]
      lr = 0.5
      [[step.claim]]
      misses = "gd"
      distance = 1e-12
      steps = 1
      """
    let results = ClaimChecker.check(try lesson(text).get())
    #expect(results.map(\.holds) == [true, true])
  }

  // MARK: - Load errors

  @Test func badClaimsAreLoadErrorsAtTheirPosition() {
    let text = """
      format = 1
      title = "t"
      [[step]]
      caption = "c."
      scene = "ravine"
      [[step.claim]]
      quicker = ["momentum", "gd"]
      [[step.claim]]
      faster = ["momentum", "sgd"]
      loss = 1e-4
      [[step.claim]]
      reaches = "gd"
      distance = -1
      [[step.claim]]
      reaches = "gd"
      distance = 0.1
      to = "saddle"
      [[step.claim]]
      stalls = "gd"
      steps = 10
      [[step.claim]]
      diverges = "gd"
      epsilon = 0.1
      """
    #expect(
      messages(lesson(text))
        == [
          "6:8: a claim needs one kind: one of faster, reaches, misses, stalls, diverges, stable, basin, counts, price",
          "7:1: unknown key `quicker` in a claim",
          "9:10: unknown optimizer `sgd` (known: \(OptimizerRegistry.names))",
          "13:12: `distance` must be positive",
          "12:1: `reaches` needs a target: `loss = ...` or `distance = ...`",
          "17:6: scene `ravine` marks no \"saddle\" (it marks \"global minimum\")",
          "19:1: `stalls` needs `epsilon`, the most the run may move",
          "23:1: `epsilon` belongs to `stalls` claims, not `diverges`",
        ].sorted { Int($0.prefix { $0 != ":" })! < Int($1.prefix { $0 != ":" })! })
  }

  @Test func aClaimBeforeAnySceneIsAnError() {
    let text = """
      format = 1
      title = "t"
      [[step]]
      caption = "No scene yet: {weights}."
      [[step.claim]]
      stable = "gd"
      """
    #expect(
      messages(lesson(text)) == [
        "5:8: a claim needs a scene: name one in this step or an earlier one"
      ])
  }

  @Test func aSceneFileCarriesClaims() throws {
    let text = """
      format = 1
      title = "Bowl"
      description = "Gradient descent gets there."
      f = "x^2 + y^2"
      [start]
      at = [1.0, 1.0]
      [[minima]]
      at = [0.0, 0.0]
      [optimizers.gd]
      lr = 0.1
      [[claim]]
      reaches = "gd"
      distance = 1e-3
      steps = 40
      [[claim]]
      reaches = "gd"
      distance = 1e-3
      steps = 20
      """
    let results = ClaimChecker.check(try scene(text).get())
    #expect(results.map(\.holds) == [true, false])
    #expect(results[1].diagnostic.line == 15)
    #expect(
      results[1].measured.hasPrefix("gd did not reach within 0.001 of minimum within 20 steps"))
  }

  // MARK: - Placeholders

  @Test func placeholdersAreFilledFromTheStepsScene() throws {
    let text = """
      format = 1
      title = "t"
      [[step]]
      caption = "{rows} students; lr {lr.gd}."
      scene = "logistic"
      [[step]]
      caption = "The GA spends {evals.ga} of {population.ga}; {{braces}}."
      scene = "rastrigin"
      [[step]]
      caption = "{weights} weights, {passes.fd} passes, {grads.adam} gradient."
      scene = "moons-small"
      [[step]]
      caption = "{weights} weights, {passes.fd} passes."
      scene = "spiral-large"
      """
    let lesson = try lesson(text).get()
    #expect(
      lesson.steps.map(\.caption) == [
        "60 students; lr 0.5.",
        "The GA spends 28 of 30; {braces}.",
        "33 weights, 66 passes, 1 gradient.",
        "593 weights, 1,186 passes.",
      ])
  }

  /// Each optimizer is measured once per setting, not once per placeholder: 400
  /// placeholders that each cost two finite-difference gradients of 33 weights (about 50 ms
  /// apiece in a debug build) load in far less than the 20 s they once took.
  @Test func measuredPlaceholdersAreMeasuredOncePerSetting() throws {
    var text = "format = 1\ntitle = \"t\"\n"
    let caption = Array(repeating: "{evals.adam}", count: 10).joined(separator: " ")
    for k in 0..<40 {
      text += "[[step]]\ncaption = \"\(caption).\"\n"
      if k == 0 { text += "scene = \"moons-small\"\ngradient = \"finite-differences\"\n" }
    }
    _ = SceneLibrary.builtin(named: "moons-small")  // loaded once, outside the clock
    let clock = ContinuousClock()
    var loaded: Lesson? = nil
    let elapsed = try clock.measure { loaded = try lesson(text).get() }
    #expect(loaded?.steps.last?.caption.hasPrefix("66 66") == true)
    #expect(elapsed < .seconds(5), "\(elapsed)")
  }

  /// cmaes's population has no number when the scene leaves it out: the placeholder says
  /// what it is and how to quote it, rather than that cmaes has no such setting.
  @Test func aSettingLeftToTheOptimizerCannotBeQuoted() {
    let text = """
      format = 1
      title = "t"
      [[step]]
      scene = "bowl"
      caption = "CMA-ES samples {population.cmaes} points."
      """
    #expect(
      messages(lesson(text)) == [
        "5:11: `{population.cmaes}`: cmaes works out its population (4 + ⌊3 ln n⌋) unless the scene sets it; set it to quote it"
      ])
  }

  @Test func anUnknownPlaceholderIsAnError() {
    let text = """
      format = 1
      title = "t"
      [[step]]
      scene = "bowl"
      caption = "There are {weigths} weights and {rows} rows."
      """
    #expect(
      messages(lesson(text)) == [
        "5:11: unknown placeholder `{weigths}` (known: {weights}, {rows}, {passes.fd}, {evals.NAME}, {grads.NAME}, {SETTING.NAME})"
      ])
  }
}
