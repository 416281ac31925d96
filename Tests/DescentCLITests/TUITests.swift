import Foundation
import Testing

/// End-to-end tests of the interactive view through tmux, in three colour environments.
@Suite(.serialized) struct TUITests {
  static let environments: [[String: String]] = [
    ["TERM": "xterm-256color", "LANG": "C.UTF-8"],
    ["TERM": "xterm", "LANG": "C.UTF-8"],
    ["TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1"],
    ["TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": "truecolor"],
  ]

  /// The shell command: record the terminal settings, run descent, record them again.
  func command(_ arguments: String, in session: Tmux) -> String {
    let before = session.folder.appendingPathComponent("before").path
    let after = session.folder.appendingPathComponent("after").path
    return "stty -g > \(before); \(descentBinary.path) \(arguments); status=$?; "
      + "stty -g > \(after); (exit $status)"
  }

  func settingsRestored(_ session: Tmux) throws -> Bool {
    let before = try String(
      contentsOf: session.folder.appendingPathComponent("before"), encoding: .utf8)
    let after = try String(
      contentsOf: session.folder.appendingPathComponent("after"), encoding: .utf8)
    return before == after && !before.isEmpty
  }

  @Test(arguments: environments)
  func aSessionFromLaunchToQuit(environment: [String: String]) throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let session = try Tmux(environment: environment)
    try session.run(command("", in: session))

    // Launch: the heatmap and the status bar.
    let first = try session.waitFor("the status bar") {
      $0.contains("step ") && $0.contains("running")
    }
    let heat = environment["NO_COLOR"] == nil ? "▀" : "@"
    #expect(first.contains(heat) || first.contains("%"), "no heatmap:\n\(first)")
    #expect(try session.statusBar().contains("gd momentum nesterov rmsprop adam anneal"))

    // 5 shows Adam alone.
    try session.send("5")
    try session.waitFor("adam in the status bar") { _ in
      (try? session.statusBar())?.contains(" adam │") == true
    }

    // Space pauses; . steps once.
    try session.send("Space")
    let paused = try session.waitFor("paused") { $0.contains("paused") }
    let step = try #require(Self.step(in: paused))
    try session.send(".")
    try session.waitFor("the next step") { Self.step(in: $0) == step + 1 }
    try session.send(".")
    try session.waitFor("another step") { Self.step(in: $0) == step + 2 }

    // Resizes relay out; below 40x12 the view says it is too small.
    try session.resize(60, 20)
    try session.waitFor("a 60x20 frame") { text in
      let lines = text.split(separator: "\n")
      return lines.count >= 19 && lines.contains { $0.contains("step ") }
        && !text.contains("too small")
    }
    try session.resize(30, 10)
    try session.waitFor("the too-small message") { $0.contains("Terminal too small") }
    try session.resize(120, 40)
    try session.waitFor("the map again") { !$0.contains("too small") && $0.contains("step ") }

    // q quits with status 0 and the terminal as it was.
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
    #expect(try settingsRestored(session))
    let colored = try session.screen(colors: true)
    let exitLine = colored.split(separator: "\n").first { $0.contains("EXIT=") } ?? ""
    #expect(!exitLine.contains("\u{1B}["), "no colour left over: \(exitLine)")
  }

  /// `COLORTERM=truecolor` (or `24bit`) with `TERM=xterm-256color`, whose terminfo entry has
  /// no direct colour: the view draws in true colour (SGR 38;2 and 48;2), as vim and btop
  /// do, rather than falling back to the 256-colour palette.
  @Test(arguments: ["truecolor", "24bit"])
  func trueColourWithoutADirectColourTerminfo(colorTerm: String) throws {
    try #require(Tmux.available)
    let session = try Tmux(
      environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": colorTerm])
    try session.run(command("bowl", in: session))
    try session.waitFor("the view") { $0.contains("running") }
    let colored = try session.screen(colors: true)
    #expect(colored.contains("48;2;"), "no direct-colour background")
    #expect(!colored.contains("48;5;"), "palette colours")
    // The heads and paths in their own RGB colours: gd's red, 0xFF2D2D.
    try session.send("1")
    try session.waitFor("gd alone") { _ in (try? session.statusBar())?.contains(" gd │") == true }
    Thread.sleep(forTimeInterval: 0.3)
    #expect(try session.screen(colors: true).contains("38;2;255;45;45"))
    // A resize repaints the whole frame at the new size, still in true colour.
    try session.resize(80, 24)
    try session.waitFor("an 80x24 frame") { text in
      text.split(separator: "\n", omittingEmptySubsequences: false).count >= 23
        && (try? session.statusBar())?.contains("step ") == true
    }
    #expect(try session.screen(colors: true).contains("48;2;"))
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
    #expect(try settingsRestored(session))
    #expect(try session.modesLeftOn() == [])
    let exitLine =
      try session.screen(colors: true).split(separator: "\n").first { $0.contains("EXIT=") }
      ?? ""
    #expect(!exitLine.contains("\u{1B}["), "no colour left over: \(exitLine)")
  }

  @Test func escapeQuitsAtOnce() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run(command("bowl", in: session))
    try session.waitFor("the view") { $0.contains("running") }
    let pressed = Date()
    try session.send("Escape")
    let end = try session.waitFor("the exit status", seconds: 5) { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
    // Without set_escdelay, ncurses waits a full second to tell Esc from an escape sequence.
    #expect(Date().timeIntervalSince(pressed) < 0.9)
    #expect(try settingsRestored(session))
  }

  /// Escape sequences a terminal or a hostile user sends: none quits the view (only a lone
  /// Esc does); cursor keys work in normal cursor mode too; what means nothing is said on
  /// the message line.
  @Test func escapeSequencesDoNotQuit() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run(command("bowl", in: session))
    try session.waitFor("the view") { $0.contains("running") }
    try session.send("Space")
    try session.waitFor("paused") { $0.contains("paused") }
    let cases: [(name: String, bytes: String, shows: String?)] = [
      ("a bracketed paste", "\u{1B}[200~qq\u{1B}[201~", "pasted text is ignored"),
      ("focus in", "\u{1B}[I", nil),
      ("focus out", "\u{1B}[O", nil),
      ("a cursor position report", "\u{1B}[12;40R", nil),
      ("Alt+a", "\u{1B}a", "Alt+a does nothing here"),
      ("Home", "\u{1B}[H", "Home does nothing here"),
      ("End", "\u{1B}[F", "End does nothing here"),
      ("up in normal cursor mode", "\u{1B}[A", "cursor at"),
      ("down in application mode", "\u{1B}OB", "cursor at"),
      ("an X10 mouse click", "\u{1B}[M !!", nil),
    ]
    for (name, bytes, shows) in cases {
      try session.sendBytes(bytes)
      if let shows {
        try session.waitFor("\(name): \(shows)") { $0.contains(shows) }
      } else {
        Thread.sleep(forTimeInterval: 0.3)
      }
      let screen = try session.screen()
      #expect(!screen.contains("EXIT="), "\(name) ended the view:\n\(screen)")
      #expect(screen.contains("paused"), "\(name):\n\(screen)")
      // Clear the message line for the next case.
      try session.send("c")
      try session.send("c")
    }
    try session.sendBytes("\u{1B}")
    let end = try session.waitFor("the exit status", seconds: 5) { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
    #expect(try settingsRestored(session))
  }

  /// `descent spiral-large`, then `d`: a step (finite differences on 593 weights) takes
  /// seconds, yet space and `q` act within a frame or two.
  @Test func slowStepsLeaveKeysLive() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run(command("spiral-large", in: session))
    try session.waitFor("the view", seconds: 60) { $0.contains("running") }
    try session.send("d")
    try session.waitFor("finite differences") { $0.contains("finite differences") }
    Thread.sleep(forTimeInterval: 3)
    var pressed = Date()
    try session.send("Space")
    try session.waitFor("paused", seconds: 5) { $0.contains("paused") }
    #expect(Date().timeIntervalSince(pressed) < 1.5)
    try session.send("Space")
    try session.waitFor("running") { $0.contains("running") }
    Thread.sleep(forTimeInterval: 2)
    pressed = Date()
    try session.send("q")
    let end = try session.waitFor("the exit status", seconds: 10) { $0.contains("EXIT=") }
    #expect(Date().timeIntervalSince(pressed) < 1.5)
    #expect(end.contains("EXIT=0"))
    #expect(try settingsRestored(session))
  }

  /// `b` races by evaluations: the legend shows each run's spend, within one step of each
  /// other, the loss plot counts evaluations, and `?` lists the key.
  @Test func bRacesByEvaluations() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run(command("rastrigin --optimizer gd,pso", in: session))
    try session.waitFor("the view") { $0.contains("running") }
    try session.send("?")
    try session.waitFor("the help") { $0.contains("race by step / by evaluations of f") }
    try session.send("?")
    try session.send("p")
    try session.send("b")
    let racing = try session.waitFor("the race by evaluations") {
      $0.contains("evaluations ") && $0.contains(" evals")
    }
    let message = racing.split(separator: "\n").last.map(String.init) ?? ""
    let cost = try #require(
      message.split(separator: " ").last {
        Double($0.trimmingCharacters(in: .punctuationCharacters)) != nil
      }
      .flatMap { Double($0.trimmingCharacters(in: .punctuationCharacters)) },
      "no gradient cost in: \(message)")
    #expect(cost >= 1)
    Thread.sleep(forTimeInterval: 1)
    try session.send("Space")
    let paused = try session.waitFor("paused") { $0.contains("paused") }
    func spend(_ name: String) -> Double? {
      let line = paused.split(separator: "\n").first { $0.contains("● \(name) ") }
      let words = line?.split(separator: " ") ?? []
      guard let index = words.firstIndex(of: "evals"), index > 0 else { return nil }
      return Double(words[index - 1])
    }
    let gd = try #require(spend("gd"), "no gd spend:\n\(paused)")
    let pso = try #require(spend("pso"), "no pso spend:\n\(paused)")
    #expect(pso >= 60, "pso spent \(pso)")
    // Within one step of the dearer (pso's 30 evaluations), plus the legend's rounding.
    #expect(abs(gd - pso) < max(30, cost) + 1, "gd spent \(gd), pso \(pso)")
    try session.send("q")
    try session.waitFor("the exit status") { $0.contains("EXIT=0") }
  }

  /// `descent demo --autoplay`: ← on the last step, after the view has waited idle, stays
  /// on the step before for the autoplay delay. The idle wait used to count as run time,
  /// and the page turned back within a frame.
  @Test func backOnTheLastAutoplayedStepStays() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    let lesson = session.folder.appendingPathComponent("pages.toml")
    try """
    format = 1
    title = "Three pages"

    [[step]]
    caption = "First page."
    scene = "bowl"
    show = ["gd"]
    pause = true

    [[step]]
    caption = "Second page."
    run = 10
    speed = 100

    [[step]]
    caption = "Third page."
    run = 10
    speed = 100
    """.write(to: lesson, atomically: true, encoding: .utf8)
    try session.run(command("demo \(lesson.path) --autoplay 1", in: session))
    try session.waitFor("the last page", seconds: 30) { $0.contains("Third page.") }
    Thread.sleep(forTimeInterval: 2)  // idle: the lesson is at its end
    try session.send("Left")
    let back = Date()
    try session.waitFor("the second page") { $0.contains("Second page.") }
    // The second page's run (0.1 s) and its autoplay delay (1 s) come first.
    while Date().timeIntervalSince(back) < 0.8 {
      let screen = try session.screen()
      #expect(screen.contains("Second page."), "the page turned back at once:\n\(screen)")
      if !screen.contains("Second page.") { break }
      Thread.sleep(forTimeInterval: 0.05)
    }
    // Then autoplay goes on to the last page again.
    try session.waitFor("the last page again", seconds: 5) { $0.contains("Third page.") }
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
  }

  @Test(arguments: [
    ("SIGTERM", SIGTERM), ("SIGHUP", SIGHUP), ("SIGINT", SIGINT), ("SIGQUIT", SIGQUIT),
  ])
  func signalsRestoreTheTerminal(name: String, signal: Int32) throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run("unset SWIFT_BACKTRACE; " + command("ravine", in: session))
    try session.waitFor("the view") { $0.contains("running") }
    if signal == SIGINT {
      try session.send("C-c")
    } else {
      let pid = try #require(try session.descentPID())
      kill(pid, signal)
    }
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=\(128 + signal)"), "\(name): \(end)")
    // SIGQUIT must not reach Swift's backtracer, which paints a crash report and waits.
    #expect(!end.contains("Program crashed") && !end.contains("Press space"), "\(end)")
    #expect(try settingsRestored(session))
    #expect(try session.modesLeftOn() == [])
    let colored = try session.screen(colors: true)
    let exitLine = colored.split(separator: "\n").first { $0.contains("EXIT=") } ?? ""
    #expect(!exitLine.contains("\u{1B}["), "no colour left over: \(exitLine)")
  }

  /// A crash (a Swift trap, or SIGSEGV or SIGABRT from outside) with Swift's backtracer on
  /// as by default: the report is printed on the restored terminal, and the process ends at
  /// once instead of asking "Press space to interact" and waiting 30 s for a key.
  /// (Not under AddressSanitizer, which catches these signals itself and ends with its own
  /// report and status.)
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["ASAN_OPTIONS"] == nil,
      "AddressSanitizer handles crashes itself"),
    arguments: [("trap", SIGILL), ("SIGSEGV", SIGSEGV), ("SIGABRT", SIGABRT)])
  func crashesRestoreTheTerminalAndDoNotWait(name: String, signal: Int32) throws {
    try #require(Tmux.available)
    var environment = Self.environments[0]
    if name == "trap" { environment["DESCENT_TEST_CRASH"] = "1" }
    let session = try Tmux(environment: environment)
    try session.run("unset SWIFT_BACKTRACE; " + command("ravine", in: session))
    if name != "trap" {
      try session.waitFor("the view") { $0.contains("running") }
      let pid = try #require(try session.descentPID())
      kill(pid, signal)
    }
    let end = try session.waitFor("the exit status", seconds: 20) { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=\(128 + signal)"), "\(name): \(end)")
    #expect(!end.contains("Press space"), "\(end)")
    #expect(try settingsRestored(session))
    #expect(try session.modesLeftOn() == [], "\(name)")
  }

  @Test(arguments: [
    (["TERM": "dumb"], "cannot move the cursor"),
    (["TERM": "no-such-terminal"], "unknown terminal type 'no-such-terminal'"),
    ([String: String](), "TERM is not set"),
  ])
  func unusableTerminalsExit69WithAMessage(environment: [String: String], message: String) throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: ["LANG": "C.UTF-8"])
    var line = "unset TERM; "
    for (key, value) in environment { line += "export \(key)=\(value); " }
    try session.run(line + descentBinary.path)
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=69"))
    #expect(end.contains(message), "\(end)")
  }

  @Test func aCrashStillRestoresTheTerminal() throws {
    try #require(Tmux.available)
    var environment = Self.environments[0]
    environment["DESCENT_TEST_CRASH"] = "1"
    environment["SWIFT_BACKTRACE"] = "enable=no"
    let session = try Tmux(environment: environment)
    try session.run(command("", in: session))
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=132"), "a Swift trap is SIGILL: \(end)")
    #expect(end.contains("crash requested by DESCENT_TEST_CRASH"))
    #expect(try settingsRestored(session))
  }

  /// A lesson in Japanese, with m̂ and v̂ in its caption: the view (through ncurses) and its
  /// recording (replayed by pyte) show every character whole, none as `?`.
  @Test func aJapaneseLessonWithCombiningMarks() throws {
    try #require(Tmux.available)
    try #require(RecordingTests.pyteAvailable, "pyte is needed for this test: pip install pyte")
    let session = try Tmux(environment: Self.environments[0])
    let lesson = session.folder.appendingPathComponent("ja.toml")
    let cast = session.folder.appendingPathComponent("ja.cast")
    try #"""
    format = 1
    number = 9
    title = "勾配降下法の入門"
    summary = "日本語のレッスン。"

    [[step]]
    caption = """
    勾配降下法は、関数の勾配の逆方向に少しずつ進むことで最小値を探します。Adam keeps m\#u{302}     and v\#u{302}, cafe\#u{301}."""
    scene = "bowl"
    show = ["adam"]
    inspector = "adam"
    run = 3
    speed = 20
    """#.write(to: lesson, atomically: true, encoding: .utf8)
    try session.run("\(descentBinary.path) demo \(lesson.path) --record \(cast.path)")
    let screen = try session.waitFor("the caption, paused") {
      $0.contains("勾配降下法の入門") && $0.contains("paused")
    }
    for text in [
      "勾配降下法は、関数の勾配の逆方向に少しずつ進むことで最小値を探します。",
      "Adam keeps m\u{302} and v\u{302}, cafe\u{301}.", "勾配降下法の入門: step 1 of 1",
    ] {
      #expect(screen.contains(text), "\(text) is not on the screen:\n\(screen)")
    }
    #expect(!screen.contains("?"), "\(screen)")
    try session.send("q")
    try session.waitFor("the exit status") { $0.contains("EXIT=0") }
    let replayed = try python("replay_cast.py", [cast.path])
    #expect(replayed.status == 0, "\(replayed.stderr)")
    #expect(replayed.stdout.contains("進むことで最小値を探します。"), "\(replayed.stdout)")
    #expect(replayed.stdout.contains("Adam keeps m\u{302} and v\u{302}"), "\(replayed.stdout)")
  }

  /// Over a `LANG=C` session (no UTF-8 locale) the view spells everything in ASCII: the
  /// legend's "174 grad f", not "174  f" with ∇ drawn as a blank.
  @Test func aPlainCLocaleShowsASCIISpellings() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: ["TERM": "xterm-256color", "LANG": "C"])
    try session.run(command("bowl", in: session))
    try session.waitFor("the legend's gradient count") { $0.contains(" grad f") }
    try session.send("i")
    let screen = try session.waitFor("the inspector") {
      $0.contains("grad f    (") && $0.contains("inspector: ")
    }
    let status = try session.statusBar()
    #expect(status.contains(" | ") && status.contains("> running"), "\(status)")
    #expect(screen.allSatisfy { $0.isASCII }, "\(screen)")
    #expect(!screen.contains("  f\n") && !screen.contains(" ? "), "\(screen)")
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
  }

  /// `x` shows the axes and the colour bar, `D` the scene's description, and `?` lists
  /// both keys.
  @Test func axesAndTheScenesDescription() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run(command("himmelblau", in: session))
    try session.waitFor("the view") { $0.contains("running") }
    try session.send("x")
    let axes = try session.waitFor("the axes") {
      $0.contains("┴0") && $0.contains(" 0┤") && $0.contains(" loss")
    }
    #expect(axes.contains("axes and colour bar on"), "\(axes)")
    try session.send("D")
    try session.waitFor("the description") {
      $0.contains("Himmelblau's four minima ") && $0.contains("Four minima, all with f = 0")
    }
    try session.send("D")
    try session.waitFor("the description closed") { !$0.contains("Four minima, all with") }
    try session.send("?")
    try session.waitFor("the keys") { $0.contains("about this scene") && $0.contains("axes") }
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
  }

  /// `v` shows the 3-D view, `]` turns it, `}` tilts it, and `X` adds the cross-section.
  @Test func theThreeDViewAndTheCrossSection() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run(command("himmelblau", in: session))
    let map = try session.waitFor("the view") { $0.contains("running") }
    try session.send("Space")
    try session.waitFor("paused") { $0.contains("paused") }
    try session.send("v")
    let surface = try session.waitFor("the 3-D view") { $0.contains("3-D view: [ ] turn") }
    #expect(surface != map)
    try session.send("]")
    try session.waitFor("turned") { $0.contains("turned to -15°") }
    try session.send("}")
    try session.waitFor("tilted") { $0.contains("seen from 45° above the horizon") }
    try session.send("X")
    try session.waitFor("the cross-section") {
      $0.contains("loss from the start") && $0.contains("cursor (x, y) = ")
    }
    try session.send("X")
    try session.waitFor("the path's cross-section") { $0.contains("loss along gd's path") }
    try session.send("v")
    try session.waitFor("the map") { $0.contains("map view") }
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
  }

  /// A mouse drag turns and tilts the 3-D view. The view asks the terminal for button-event
  /// tracking in SGR encoding (tmux's flags say so) and turns it off at exit. tmux cannot
  /// move a mouse itself (send-keys -M only passes on a mouse event it is handling), so the
  /// reports a terminal sends for a drag are typed into the pane as bytes: a press at
  /// column 40, row 10, motion to 50, 12 with the button held, and the release.
  @Test func aMouseDragTurnsTheThreeDView() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run(command("himmelblau --step 5", in: session))
    try session.waitFor("the view") { $0.contains("paused") }
    let flags = try session.tmux([
      "display-message", "-p", "-t", "t", "#{mouse_button_flag} #{mouse_sgr_flag}",
    ])
    #expect(flags.trimmingCharacters(in: .whitespacesAndNewlines) == "1 1", "\(flags)")
    try session.send("v")
    try session.waitFor("the 3-D view") { $0.contains("3-D view: [ ] turn") }
    try session.sendBytes("\u{1B}[<0;40;10M")
    try session.waitFor("the press") { $0.contains("drag to turn and tilt") }
    try session.sendBytes("\u{1B}[<32;45;10M\u{1B}[<32;50;12M\u{1B}[<0;50;12m")
    try session.waitFor("turned and tilted") {
      $0.contains("turned to 0°, seen from 41° above the horizon")
    }
    // Back on the map, a click still restarts the runs at the clicked point.
    try session.send("v")
    try session.waitFor("the map") { $0.contains("map view") }
    try session.sendBytes("\u{1B}[<0;20;8M\u{1B}[<0;20;8m")
    try session.waitFor("restarted") { $0.contains("restarted at the clicked point") }
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
    let modes = try session.modesLeftOn()
    #expect(modes.isEmpty, "\(modes)")
    let after = try session.tmux([
      "display-message", "-p", "-t", "t", "#{mouse_button_flag} #{mouse_sgr_flag}",
    ])
    #expect(after.trimmingCharacters(in: .whitespacesAndNewlines) == "0 0", "\(after)")
  }

  /// `P` turns the projector style on (block heads, the graphite ramp) and off; `t` thins
  /// and hides annealing's trail, its head staying.
  @Test func theProjectorStyleAndTheNoisyTrails() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run(command("rosenbrock --optimizer gd,anneal --step 300", in: session))
    let map = try session.waitFor("the view") { $0.contains("paused") }
    #expect(!map.contains("▐●▌"))
    try session.send("P")
    let projector = try session.waitFor("the projector style") {
      $0.contains("projector style") && $0.contains("▐●▌")
    }
    #expect(projector.contains("graphite"))
    try session.send("t")
    try session.waitFor("recent trails") { $0.contains("the last 40 steps only") }
    try session.send("t")
    let hidden = try session.waitFor("hidden trails") { $0.contains("noisy trails hidden") }
    #expect(hidden.components(separatedBy: "▐●▌").count == 3, "two heads:\n\(hidden)")
    try session.send("P")
    try session.waitFor("the screen style") {
      $0.contains("screen style, colormap viridis") && !$0.contains("▐●▌")
    }
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
  }

  static func step(in screen: String) -> Int? {
    guard let range = screen.range(of: #"step (\d+)"#, options: .regularExpression) else {
      return nil
    }
    return Int(screen[range].dropFirst(5))
  }
}
