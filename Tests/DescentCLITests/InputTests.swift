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
    let size = try descent("render", "--size", "-40x12")
    #expect(size.status == 64)
    #expect(size.stderr.contains("The value '-40x12' is invalid for '--size"))
    #expect(size.stderr.contains("write WxH, W from 1 to 2000 and H from 1 to 1000"))
    // Each says why, not only that the value is invalid.
    let huge = try descent("run", "--steps", "99999999999999999999")
    #expect(huge.status == 64)
    #expect(huge.stderr.contains("a number of steps is a whole number, at most 10000000"))
    let nan = try descent("run", "--start", "nan,0")
    #expect(nan.status == 64)
    #expect(nan.stderr.contains("X and Y must be finite numbers"))
    let one = try descent("eval", "--at", "1")
    #expect(one.status == 64)
    #expect(one.stderr.contains("write two numbers X,Y, e.g. -1.5,2"))
    let demo = try descent("demo", "ravines", "--autoplay", "-1")
    #expect(demo.status == 64)
    #expect(demo.stderr.contains("--autoplay must be a number of seconds in (0, 3600], got -1"))
  }

  /// Every command with --expr reads an expression that starts with a minus sign.
  @Test func expressionsMayStartWithAMinusSign() throws {
    let eval = try descent("eval", "--expr", "-x^2 + y^2", "--at", "1,2")
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(
      eval.stdout
        == "f(1.0, 2.0) = 3.0\n∇f(1.0, 2.0) = (-2.0, 4.0)\n∇²f(1.0, 2.0) = [[-2.0, 0.0], [0.0, 2.0]]\n"
    )
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
      let pair = try #require(lines.first { $0.hasPrefix("∇f") }?.split(separator: " = ").last)
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

  /// A path that exists but is not a regular file is named for what it is, as a scene, a
  /// data file, a lesson or weights; nothing is read from it (a FIFO or /dev/zero would
  /// block or never end).
  @Test func pathsThatExistButCannotBeRead() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-paths-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    try FileManager.default.createDirectory(
      atPath: path("dir.toml"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: path("loop"), withDestinationPath: "loop")
    try FileManager.default.createSymbolicLink(
      atPath: path("dangling.toml"), withDestinationPath: "nowhere.toml")
    try FileManager.default.createSymbolicLink(
      atPath: path("zero.toml"), withDestinationPath: "/dev/zero")
    #expect(mkfifo(path("fifo.toml"), 0o600) == 0)
    #expect(mkfifo(path("fifo.csv"), 0o600) == 0)
    try "format = 1\ntitle = \"d\"\nf = \"(x*u - v)^2\"\n[data]\nfile = \"fifo.csv\"\n".write(
      toFile: path("data.toml"), atomically: true, encoding: .utf8)

    let cases: [([String], String)] = [
      (["run", path("dir.toml")], "scene file '\(path("dir.toml"))' is a directory"),
      (["run", "loop"], "scene file 'loop' is a symbolic link that loops"),
      (["run", "dangling.toml"], "is a symbolic link to a file that does not exist"),
      (["eval", "fifo.toml", "--at", "0,0"], "scene file 'fifo.toml' is a FIFO"),
      (["render", "zero.toml"], "scene file 'zero.toml' is a character device"),
      (["check", "/dev/zero"], "scene file '/dev/zero' is a character device"),
      (["demo", "fifo.toml"], "lesson file 'fifo.toml' is a FIFO"),
      (
        ["eval", "moons-small", "--weights", "/dev/zero"], "weights file '/dev/zero' is a character"
      ),
      (["eval", "moons-small", "--weights", "fifo.toml"], "weights file 'fifo.toml' is a FIFO"),
      (["eval", "moons-small", "--weights", "."], "weights file '.' is a directory"),
      (
        ["eval", "moons-small", "--weights", "loop"],
        "weights file 'loop' is a symbolic link that loops"
      ),
    ]
    for (arguments, message) in cases {
      let result = try descent(arguments: arguments, in: folder)
      #expect(result.status == 66, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(!result.stderr.contains("not found"), "\(arguments): \(result.stderr)")
    }
    let data = try descent("run", "data.toml", in: folder)
    #expect(data.status == 65)
    #expect(data.stderr.contains("data.toml:5:8: data file '\(path("fifo.csv"))' is a FIFO"))
  }

  /// Weights saved for a relu network are not evaluated as the scene's tanh network.
  @Test func weightsForAnotherActivationAreRefused() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-weights-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("w.json").path
    let run = try descent(
      "run", "moons-small", "--optimizer", "adam", "--steps", "2", "--save-weights", path)
    #expect(run.status == 0, "\(run.stderr)")
    let saved = try String(contentsOfFile: path, encoding: .utf8)
    try saved.replacingOccurrences(of: "\"tanh\"", with: "\"relu\"").write(
      toFile: path, atomically: true, encoding: .utf8)
    let eval = try descent("eval", "moons-small", "--weights", path)
    #expect(eval.status == 65)
    #expect(
      eval.stderr.contains(
        "the weights are for activation \"relu\", the scene's network has activation \"tanh\""))
  }

  /// A data scene whose CSV has CRLF line ends runs as with LF ones.
  @Test func crlfCsvDataScenes() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-crlf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let scene = "format = 1\ntitle = \"d\"\nf = \"(x*u + y - v)^2\"\n[data]\nfile = \"d.csv\"\n"
    try scene.write(
      to: folder.appendingPathComponent("d.toml"), atomically: true, encoding: .utf8)
    let csv = "u,v\n1,2\n2,3.5\n3,5\n"
    try csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let lf = try descent("run", "d.toml", "--steps", "3", "--optimizer", "gd", in: folder)
    #expect(lf.status == 0, "\(lf.stderr)")
    try csv.replacingOccurrences(of: "\n", with: "\r\n").write(
      to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let crlf = try descent("run", "d.toml", "--steps", "3", "--optimizer", "gd", in: folder)
    #expect(crlf.status == 0, "\(crlf.stderr)")
    #expect(crlf.stdout == lf.stdout)
    try "u,v\r\n1,2\r\n2,x\r\n".write(
      to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let bad = try descent("run", "d.toml", in: folder)
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("d.csv:3:3: `x` in column `v` is not a finite number"))
  }

  /// A data file's errors name it by a path that leads to it from where descent ran (the
  /// scene's folder joined with the name the scene gives), not by the bare name in the scene.
  @Test func dataFileErrorsNameAPathThatLeadsToTheFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-datapath-\(UUID().uuidString)")
    let sub = folder.appendingPathComponent("sub")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let scene = "format = 1\ntitle = \"d\"\nf = \"(x*u + y - v)^2\"\n[data]\nfile = \"d.csv\"\n"
    try scene.write(to: sub.appendingPathComponent("d.toml"), atomically: true, encoding: .utf8)
    try "u,v\n1,2\n2,x\n".write(
      to: sub.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let bad = try descent("run", "sub/d.toml", in: folder)
    #expect(bad.status == 65)
    #expect(
      bad.stderr.contains("sub/d.csv:3:3: `x` in column `v` is not a finite number"),
      "\(bad.stderr)")
    let net = "format = 1\ntitle = \"n\"\n[model]\nlayers = [2, 2, 1]\ndataset = \"n.csv\"\n"
    try net.write(to: sub.appendingPathComponent("n.toml"), atomically: true, encoding: .utf8)
    try "x1,x2,label\n0,0,0\n1,1,2\n".write(
      to: sub.appendingPathComponent("n.csv"), atomically: true, encoding: .utf8)
    let labels = try descent("check", "sub/n.toml", in: folder)
    #expect(labels.status == 65)
    #expect(labels.stderr.contains("sub/n.csv:3:5: `2` in column `label`"), "\(labels.stderr)")
  }

  /// In tmux: the view opened with --start and --gradient starts there (r returns there:
  /// f(1, 1) = 2) with finite differences on.
  @Test(.enabled(if: Tmux.available)) func theViewStartsAtTheGivenStart() throws {
    let session = try Tmux(
      width: 100, height: 30, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
    try session.run(
      "\(descentBinary.path) --expr 'abs(x)+abs(y)' --start 1,1 --optimizer gd --gradient finite-differences"
    )
    try session.waitFor("the view") { $0.contains("running") }
    try session.send("Space")
    try session.send("r")
    let screen = try session.waitFor("the reset") { $0.contains("step 0 ") }
    let status = try session.statusBar()
    #expect(status.contains("loss 2 "), "\(screen)")
    #expect(status.contains("finite differences"), "\(screen)")
    try session.send("q")
    try session.waitFor("the exit status", seconds: 5) { $0.contains("EXIT=0") }
  }
}
