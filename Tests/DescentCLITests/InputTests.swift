import Foundation
import Testing

/// What the command line makes of values a user types: negative numbers, expressions that
/// start with a minus sign, parameters that cannot be, names in the wrong case, and flags the
/// interactive view shares with `run`.
@Suite struct InputTests {
  /// Every numeric flag reads a negative value, then refuses it with its range (65, as for
  /// any hyperparameter out of range), whichever optimizers run.
  @Test(arguments: [
    (["--lr", "-1"], "--lr must be greater than 0, got -1"),
    (["--momentum", "-0.5"], "--momentum must be in [0, 1), got -0.5"),
    (["--eps", "-1"], "--eps must be 0 or more, got -1"),
    (["--seed", "-1"], "--seed must be 0 or more, got -1"),
    (["--c1", "-2"], "--c1 must be 0 or more, got -2"),
    (["--blend", "-1"], "--blend must be 0 or more, got -1"),
    (["--population", "0"], "--population must be between 2 and 10000, got 0"),
    (["--population", "-3"], "--population must be between 2 and 10000, got -3"),
    (["--optimizer", "anneal", "--lr", "-1"], "--lr must be greater than 0, got -1"),
  ])
  func negativeValuesParseThenGetTheirRange(arguments: [String], message: String) throws {
    let result = try descent(arguments: ["run", "--steps", "1"] + arguments)
    #expect(result.status == 65, "\(arguments): \(result.stderr)")
    #expect(result.stderr == "descent: error: \(message)\n")
  }

  @Test func negativeStepsAndAutoplayGetTheirRange() throws {
    let run = try descent("run", "--steps", "-1")
    #expect(run.status == 64)
    #expect(run.stderr.contains("--steps must be between 0 and 10000000, got -1"))
    let render = try descent("render", "--steps", "-2", "--size", "40x12")
    #expect(render.status == 64)
    #expect(render.stderr.contains("--steps must be between 0 and 1000000, got -2"))
    let demo = try descent("demo", "ravines", "--autoplay", "-1")
    #expect(demo.status == 64)
    #expect(demo.stderr.contains("--autoplay must be a number of seconds in (0, 3600], got -1"))
  }

  /// Every command with --expr reads an expression that starts with a minus sign.
  @Test func expressionsMayStartWithAMinusSign() throws {
    let eval = try descent("eval", "--expr", "-x^2 + y^2", "--at", "1,2")
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(eval.stdout == "f(1.0, 2.0) = 3.0\n∇f(1.0, 2.0) = (-2.0, 4.0)\n")
    let run = try descent("run", "--expr", "-x^2 + y^2", "--steps", "1", "--optimizer", "gd")
    #expect(run.status == 0, "\(run.stderr)")
    let render = try descent(
      "render", "--expr", "-x^2 + y^2", "--size", "40x12", "--plain", "--steps", "1")
    #expect(render.status == 0, "\(render.stderr)")
    // The view parses it too: without a terminal it gets as far as refusing the terminal.
    let view = try descent("--expr", "-x^2 + y^2")
    #expect(view.status == 69, "\(view.stderr)")
  }

  @Test(arguments: [
    ("x=2", "`x` is a variable of the surface and cannot be a parameter"),
    ("a b=1", "`a b` is not an identifier"),
    ("π=1", "`π` is not an identifier"),
    ("sin=1", "`sin` is a built-in function or constant"),
    ("a=nan", "the value must be a finite number"),
    ("a=inf", "the value must be a finite number"),
    ("a=abc", "the value must be a number"),
  ])
  func parametersThatCannotBeAreRefused(parameter: String, message: String) throws {
    let result = try descent("run", "--expr", "a*x^2", "--param", parameter, "--steps", "1")
    #expect(result.status == 64, "\(parameter)")
    #expect(result.stderr.contains(message), "\(parameter): \(result.stderr)")
  }

  @Test func anEmptyOptimizerNameIsRefused() throws {
    for name in ["", ","] {
      let result = try descent("run", "--optimizer", name, "--steps", "1")
      #expect(result.status == 64, "'\(name)': \(result.stdout)")
      #expect(result.stderr.contains("--optimizer needs a name"))
    }
  }

  /// The view takes --start (and --gradient) as `run` does, and a value it cannot place is
  /// named for what it is.
  @Test func theViewTakesAStart() throws {
    // Accepted: without a terminal it gets as far as refusing the terminal (69), not 64.
    let start = try descent("--expr", "abs(x)+abs(y)", "--start", "1,1")
    #expect(start.status == 69, "\(start.stderr)")
    let negative = try descent(
      "rosenbrock", "--start", "-1,2", "--gradient", "finite-differences", "--lr", "0.001")
    #expect(negative.status == 69, "\(negative.stderr)")
    // An --expr view grows to hold the start; a scene's view does not.
    #expect(try descent("--expr", "x^2+y^2", "--start", "30,-40").status == 69)
    let outside = try descent("rosenbrock", "--start", "50,50")
    #expect(outside.status == 64)
    #expect(outside.stderr.contains("--start 50.0,50.0 is outside the view of rosenbrock"))
    let bad = try descent("--lr", "-1")
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("--lr must be greater than 0, got -1"))
    // A flag the view does not take leaves its value behind as a SCENE: the message says so.
    let steps = try descent("--expr", "x^2", "--steps", "10")
    #expect(steps.status == 64)
    #expect(steps.stderr.contains("'10' was read as the SCENE"))
    #expect(steps.stderr.contains("looks like the value of a flag"))
  }

  @Test func renderTakesTheSharedStartAndGradientFlags() throws {
    let backprop = try descent(
      "render", "bowl", "--steps", "20", "--size", "120x16", "--plain", "--optimizer", "gd",
      "--start", "-1,1")
    let differences = try descent(
      "render", "bowl", "--steps", "20", "--size", "120x16", "--plain", "--optimizer", "gd",
      "--start", "-1,1", "--gradient", "finite-differences")
    #expect(backprop.status == 0 && differences.status == 0, "\(differences.stderr)")
    // The same path; the legend counts 21 gradients, or 5 evaluations of f a step.
    #expect(backprop.stdout.contains("21 ∇f"))
    #expect(differences.stdout.contains("105 f"))
  }

  /// eval on a network scene reports the loss run reports at the same point (the weights
  /// θ₀ + α·d₁ + β·d₂), not the placeholder surface's 0.
  @Test func evalOnANetworkSceneIsRunsLoss() throws {
    let run = try descent("run", "moons-small", "--optimizer", "gd", "--steps", "0")
    #expect(run.status == 0)
    let row = try #require(csvRows(run.stdout).rows.first)
    let (alpha, beta, loss) = (row[2], row[3], try #require(Double(row[4])))
    // Text, whose numbers print exactly (Foundation's JSON reader may round the last digit).
    func evaluate(_ point: String) throws -> (value: Double, gradient: [Double]) {
      let eval = try descent("eval", "moons-small", "--at", point)
      #expect(eval.status == 0, "\(eval.stderr)")
      let lines = eval.stdout.split(separator: "\n")
      let text = try #require(lines.first?.split(separator: " = ").last)
      let value = try #require(Double(text))
      let pair = try #require(lines.last?.split(separator: " = ").last)
      let gradient = pair.dropFirst().dropLast().split(separator: ", ").compactMap { Double($0) }
      return (value, gradient)
    }
    let (value, gradient) = try evaluate("\(alpha),\(beta)")
    #expect(value == loss)
    #expect(loss > 0.5)
    #expect(gradient.count == 2 && gradient.contains { $0 != 0 })
    // Elsewhere on the plane too: the step-0 loss of a run started there.
    let moved = try descent(
      "run", "moons-small", "--optimizer", "gd", "--steps", "0", "--start", "0.5,-0.25")
    let movedRow = try #require(csvRows(moved.stdout).rows.first)
    #expect(try evaluate("0.5,-0.25").value == Double(movedRow[4]))
  }

  /// Scene and lesson names are case-insensitive everywhere, and a near miss is suggested.
  @Test func namesAreCaseInsensitive() throws {
    let run = try descent("run", "Rosenbrock", "--steps", "1", "--optimizer", "gd")
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == (try descent("run", "rosenbrock", "--steps", "1", "--optimizer", "gd")).stdout)
    #expect(try descent("eval", "BOWL", "--at", "1,1").status == 0)
    #expect(try descent("eval", "Moons-Small", "--at", "0,0").status == 0)
    #expect(try descent("render", "Bowl", "--size", "40x12", "--plain", "--steps", "1").status == 0)
    let check = try descent("check", "Bowl")
    #expect(check.status == 0)
    #expect(check.stdout == "Bowl: ok (the built-in scene bowl)\n")
    // The view and demo get past the name to the terminal check (69), not 66.
    #expect(try descent("Rosenbrock").status == 69)
    #expect(try descent("demo", "RAVINES").status == 69)
    let typo = try descent("run", "Rosenbrok")
    #expect(typo.status == 66)
    #expect(typo.stderr.contains("(did you mean `rosenbrock`?)"))
    let lesson = try descent("demo", "ravine")
    #expect(lesson.status == 66)
    #expect(lesson.stderr.contains("(did you mean `ravines`?)"))
  }
}
