import Foundation
import Testing

/// End-to-end tests, through tmux, of saving the view's setup (`w`) and of the view's
/// command line (`:`).
@Suite(.serialized) struct ViewCommandLineTests {
  static let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8"]

  /// The screen without its last line (the message line).
  static func withoutMessage(_ screen: String) -> String {
    var lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
    while lines.last == "" { lines.removeLast() }
    return lines.dropLast().joined(separator: "\n")
  }

  /// The screen's flags are checked before the terminal is touched (without one, a good
  /// command gets as far as refusing the terminal, 69).
  @Test func theScreenFlagsAreChecked() throws {
    let good = try descent(
      "rosenbrock", "--view", "-1,1,0,2", "--start", "0.5,1.5", "--speed", "60", "--step", "3",
      "--contours", "--arrows", "--loss-plot", "--inspect", "adam", "--axes", "--description",
      "--3d", "-30,35", "--cross-section", "path", "--cursor", "-0.5,0.5", "--style",
      "projector", "--trails", "hidden", "--colormap", "graphite")
    #expect(good.status == 69, "\(good.stderr)")
    // descent demo takes the style and the trails too.
    let demo = try descent("demo", "step-size", "--style", "projector", "--trails", "recent")
    #expect(demo.status == 69, "\(demo.stderr)")
    #expect(try descent("demo", "step-size", "--style", "beamer").status == 64)
    let cursor = try descent("rosenbrock", "--view", "-1,1,0,2", "--cursor", "3,3")
    #expect(cursor.status == 64)
    #expect(cursor.stderr.contains("--cursor 3.0,3.0 is outside the view"), "\(cursor.stderr)")
    // --start is checked against --view, not the scene's view.
    #expect(try descent("rosenbrock", "--view", "5,9,5,9", "--start", "6,6").status == 69)
    let outside = try descent("rosenbrock", "--view", "5,9,5,9")
    #expect(outside.status == 64)
    #expect(outside.stderr.contains("is outside --view"), "\(outside.stderr)")
    for bad in [
      ["--view", "1,0,0,1"], ["--view", "0,1,0"], ["--speed", "0"], ["--speed", "2000"],
      ["--step", "-1"], ["--step", "1000001"], ["--inspect", "adma"], ["--3d", "30"],
      ["--cross-section", "diagonal"], ["--style", "beamer"], ["--trails", "some"],
      ["--cursor", "1"],
    ] {
      let outcome = try descent(arguments: bad)
      #expect(outcome.status == 64, "\(bad): \(outcome.stderr)")
    }
  }

  /// `w` writes descent-saved-1.toml in the current folder and says so; after `q` the
  /// command is printed, and running it shows the same screen.
  @Test func saveAndReopenTheSameScreen() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let session = try Tmux(environment: Self.environment)
    let folder = session.folder.path
    // --step 0 opens paused at the start.
    try session.run("cd \(folder) && \(descentBinary.path) --optimizer gd,adam --step 0")
    try session.waitFor("the view") { $0.contains("step 0, paused") }
    try session.send("+")
    for _ in 0..<7 { try session.send(".") }
    try session.send("p")
    try session.waitFor("step 7 and the loss plot") {
      TUITests.step(in: $0) == 7 && $0.contains("loss plot on")
    }
    try session.send("w")
    let saved = try session.waitFor("the saved message") {
      $0.contains("saved descent-saved-1.toml; reopen: descent descent-saved-1.toml")
    }
    #expect(FileManager.default.fileExists(atPath: folder + "/descent-saved-1.toml"))
    try session.send("q")
    let end = try session.waitFor("the exit") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
    let line = try #require(
      end.split(separator: "\n").first { $0.hasPrefix("descent: saved; reopen with: ") })
    let command = line.dropFirst("descent: saved; reopen with: ".count)
    #expect(command.hasPrefix("descent descent-saved-1.toml --optimizer gd,adam --step 7"))
    #expect(command.contains("--loss-plot"))

    try session.run("cd \(folder) && \(descentBinary.path)" + command.dropFirst("descent".count))
    let reopened = try session.waitFor("the reopened view") {
      $0.contains("step 7, paused") && TUITests.step(in: $0) == 7
    }
    #expect(Self.withoutMessage(reopened) == Self.withoutMessage(saved))
    try session.send("q")
  }

  /// The view's own state comes back from the printed command too: the axes, the
  /// description, the 3-D view at its angles, the cross-section and the cursor, the
  /// projector style, the trails and the colormap. The reopened screen is the saved one.
  @Test func saveAndReopenTheViewState() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let session = try Tmux(environment: Self.environment)
    let folder = session.folder.path
    try session.run(
      "cd \(folder) && \(descentBinary.path) himmelblau --optimizer gd,anneal --step 0")
    try session.waitFor("the view") { $0.contains("step 0, paused") }
    for _ in 0..<30 { try session.send(".") }
    for key in ["x", "D", "P", "t", "m", "k", "k", "h", "X", "v", "]", "}"] {
      try session.send(key)
    }
    try session.waitFor("the tilted 3-D view at step 30") {
      $0.contains("seen from 45° above the horizon") && TUITests.step(in: $0) == 30
    }
    try session.send("w")
    let saved = try session.waitFor("the saved message") {
      $0.contains("saved descent-saved-1.toml; reopen: descent descent-saved-1.toml")
    }
    try session.send("q")
    try session.waitFor("the exit") { $0.contains("EXIT=") }
    // The command is longer than the pane is wide: join the wrapped lines.
    let joined = try session.tmux(["capture-pane", "-p", "-J", "-t", "t"])
    let line = try #require(
      joined.split(separator: "\n").first { $0.hasPrefix("descent: saved; reopen with: ") })
    let command = line.dropFirst("descent: saved; reopen with: ".count)
    for flag in [
      "--axes", "--description", "--3d ", "--cross-section line", "--cursor ",
      "--style projector", "--trails recent", "--colormap viridis",
    ] {
      #expect(command.contains(flag), "\(flag) is not in \(command)")
    }
    try session.run("cd \(folder) && \(descentBinary.path)" + command.dropFirst("descent".count))
    let reopened = try session.waitFor("the reopened view") {
      $0.contains("step 30, paused") && TUITests.step(in: $0) == 30
    }
    #expect(Self.withoutMessage(reopened) == Self.withoutMessage(saved))
    try session.send("q")
  }

  /// A network scene saves too (its model and its plane in full), and the printed command
  /// reopens the same screen: the same slice, paths, legend and network panel.
  @Test func saveAndReopenANetworkScene() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let session = try Tmux(environment: Self.environment)
    let folder = session.folder.path
    try session.run(
      "cd \(folder) && \(descentBinary.path) moons-small --optimizer gd,adam --step 0")
    // A network's slice is computed in the background: slow in a debug or sanitizer build
    // on a loaded machine, so its waits are long.
    try session.waitFor("the full slice", seconds: 60) {
      $0.contains("paused") && !$0.contains("computing the slice")
    }
    // A network's step runs on a worker thread; one `.` at a time, each step seen.
    for step in 1...10 {
      try session.send(".")
      try session.waitFor("step \(step)") { $0.contains("│ step \(step) ") }
    }
    try session.send("n")
    try session.waitFor("step 10 and the network panel") {
      TUITests.step(in: $0) == 10 && $0.contains("network panel on")
    }
    try session.send("w")
    let saved = try session.waitFor("the saved message") {
      $0.contains("saved descent-saved-1.toml; reopen: descent descent-saved-1.toml")
    }
    try session.send("q")
    try session.waitFor("the exit") { $0.contains("EXIT=") }
    let joined = try session.tmux(["capture-pane", "-p", "-J", "-t", "t"])
    let line = try #require(
      joined.split(separator: "\n").first { $0.hasPrefix("descent: saved; reopen with: ") })
    let command = line.dropFirst("descent: saved; reopen with: ".count)
    #expect(command.contains("--network-panel"), "\(command)")
    let file = try String(contentsOfFile: folder + "/descent-saved-1.toml", encoding: .utf8)
    #expect(file.contains("[slice]\norigin = ["), "\(file)")
    try session.run("cd \(folder) && \(descentBinary.path)" + command.dropFirst("descent".count))
    let reopened = try session.waitFor("the reopened view and its full slice", seconds: 60) {
      $0.contains("step 10, paused") && TUITests.step(in: $0) == 10
        && !$0.contains("computing the slice")
    }
    // The legend's gradient timings are measured afresh by each session.
    func untimed(_ screen: String) -> String {
      Self.withoutMessage(screen).replacingOccurrences(
        of: #"(backprop|finite diff\.) [0-9.]+ [mµ]?s"#, with: "$1 (timed)",
        options: .regularExpression)
    }
    #expect(untimed(saved).contains("backprop (timed)"))
    #expect(untimed(reopened) == untimed(saved))
    try session.send("q")
  }

  /// `:gd.l`, Tab, `0.09`, Enter sets gd's lr to exactly 0.09, which the legend shows; a
  /// value out of range is refused on the message line and changes nothing.
  @Test func theCommandLineSetsAnExactValue() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let session = try Tmux(width: 140, height: 40, environment: Self.environment)
    try session.run("\(descentBinary.path) --optimizer gd,adam --step 0")
    try session.waitFor("the view") { $0.contains("step 0, paused") }
    let legend = { (text: String) in
      text.split(separator: "\n").first { $0.contains("● gd ") }.map(String.init) ?? ""
    }
    try session.waitFor("gd's lr in the legend") { legend($0).contains("lr 0.0005") }
    try session.send(":")
    // gd reads lr and line-search: Tab completes once the name is unambiguous.
    try session.sendBytes("gd.lr")
    try session.send("Tab")
    try session.waitFor("the completed line") { $0.contains(":gd.lr █") }
    try session.sendBytes("0.09")
    try session.send("Enter")
    // Both in one frame: the legend, and the message saying what changed.
    try session.waitFor("lr 0.09 in the legend and the message") {
      legend($0).hasSuffix("lr 0.09") && $0.contains("gd lr 0.09 (r restarts with it)")
    }
    try session.send(":")
    try session.sendBytes("gd.lr -1")
    try session.send("Enter")
    let refused = try session.waitFor("the refusal") {
      $0.contains("gd.lr must be greater than 0; unchanged")
    }
    #expect(legend(refused).hasSuffix("lr 0.09"))
    // ↑ brings back the last line.
    try session.send(":")
    try session.send("Up")
    try session.waitFor("the last line again") { $0.contains(":gd.lr -1█") }
    try session.send("Escape")
    try session.waitFor("cancelled") { $0.contains("cancelled") }
    // Esc and a key at once (as when typed within ncurses' 50 ms escape delay): the line
    // closes and the key is pressed, not read as Alt with it and lost.
    try session.send(":")
    try session.waitFor("the command line") { $0.contains(":█") }
    try session.send("Escape", "x")
    let axes = try session.waitFor("the axes") { $0.contains("axes and colour bar on") }
    #expect(!axes.contains(":█"), "\(axes)")
    try session.send("q")
    let end = try session.waitFor("the exit") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
  }
}
