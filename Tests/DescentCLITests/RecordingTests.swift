import Foundation
import Testing

/// `--record`: asciicast v2 files that replay to the screen the user saw.
@Suite(.serialized) struct RecordingTests {
  /// Runs `Scripts/replay_cast.py`: it validates the file as asciicast v2 and prints the
  /// screen pyte's terminal emulator shows after replaying it.
  func replay(_ cast: URL) throws -> (status: Int32, screen: String, error: String) {
    let result = try python("replay_cast.py", [cast.path])
    return (result.status, result.stdout, result.stderr)
  }

  static var pyteAvailable: Bool {
    (try? runProcess(
      URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", "import pyte"]))?
      .status == 0
  }

  /// A lesson recorded in tmux, through a resize: the file is valid asciicast v2, and
  /// replaying it through pyte gives exactly the screen tmux showed last.
  @Test func aRecordedLessonReplaysToTheLastScreen() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    try #require(Self.pyteAvailable, "pyte is needed for this test: pip install pyte")
    let session = try Tmux(environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
    let cast = session.folder.appendingPathComponent("talk.cast")
    try session.run("\(descentBinary.path) demo local-minima --record \(cast.path); echo EXIT=$?")
    try session.waitFor("the first caption") { $0.contains("1/5") }
    try session.send("Right")
    try session.waitFor("the second step's end") { $0.contains("2/5") && $0.contains("paused") }
    try session.resize(100, 30)
    try session.send("Right")
    try session.waitFor("the third step") { $0.contains("3/5") }
    try session.send("Space")
    _ = try session.waitFor("a paused screen") { $0.contains("paused") }
    Thread.sleep(forTimeInterval: 0.3)  // a paused view draws nothing more
    let shown = try session.screen()
    try session.send("q")
    try session.waitFor("the exit status") { $0.contains("EXIT=0") }

    let text = try String(contentsOf: cast, encoding: .utf8)
    let lines = text.split(separator: "\n")
    #expect(lines[0].hasPrefix("{\"version\":2,\"width\":120,\"height\":40,"))
    #expect(lines.contains { $0.contains(",\"r\",\"100x30\"]") })
    let result = try replay(cast)
    #expect(result.status == 0, "\(result.error)")
    func trimmed(_ screen: String) -> [String] {
      screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(30).map {
        String($0.reversed().drop { $0 == " " }.reversed())
      }
    }
    #expect(
      trimmed(result.screen) == trimmed(shown), "replayed:\n\(result.screen)\nshown:\n\(shown)")
    // descent reads its recording back to the screen pyte shows, and its animated SVG ends
    // on that screen (glyphs only: half blocks are rectangles there).
    let last = try descent("render", "--from-cast", cast.path, "--format", "plain")
    #expect(last.status == 0, "\(last.stderr)")
    #expect(trimmed(last.stdout) == trimmed(result.screen))
    let svg = try descent("render", "--from-cast", cast.path, "--format", "svg")
    let read = try python("svg_cells.py", [try svgFile(svg.stdout).path])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])
    let rows = try #require(json["rows"] as? [String])
    let blocks: Set<Character> = ["▀", "▄", "█"]
    func glyphs(_ row: Substring) -> String { String(row.map { blocks.contains($0) ? " " : $0 }) }
    // The picture is as large as the largest screen (120x40); the last one is 100x30.
    let picture = rows.prefix(30).map { glyphs($0.prefix(100)) }
    #expect(picture == last.stdout.split(separator: "\n").map(glyphs))
  }

  /// `text` in a file of its own, for a script to read.
  func svgFile(_ text: String) throws -> URL {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-\(UUID().uuidString).svg")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  /// A disk that fills while recording: the view ends at once, restores the terminal, says
  /// why and exits 74, and the file (written through a link) ends on a complete line.
  @Test(.enabled(if: TinyFilesystem.available, "mounting a tmpfs needs root"))
  func aFullDiskEndsTheRecordingOnACompleteLine() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let disk = try #require(TinyFilesystem())
    // Room for the first frames (a whole 80x24 frame in 256 colours is about 32 KB), not
    // for long.
    disk.fill(leaving: 48 * 1024)
    let session = try Tmux(
      width: 80, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
    let link = session.folder.appendingPathComponent("talk.cast").path
    try FileManager.default.createSymbolicLink(
      atPath: link, withDestinationPath: disk.file("talk.cast"))
    let before = session.folder.appendingPathComponent("before").path
    let after = session.folder.appendingPathComponent("after").path
    try session.run(
      "stty -g > \(before); \(descentBinary.path) rosenbrock --record \(link); status=$?; "
        + "stty -g > \(after); (exit $status)")
    let screen = try session.waitFor("the exit status", seconds: 30) { $0.contains("EXIT=") }
    #expect(screen.contains("EXIT=74"), "\(screen)")
    // The message wraps at 80 columns (where tmux drops the space it broke at).
    #expect(
      screen.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(
        "descent: error: recording to '\(link)' stopped: No space left on device"),
      "\(screen)")
    let settings = try [before, after].map { try String(contentsOfFile: $0, encoding: .utf8) }
    #expect(settings[0] == settings[1] && !settings[0].isEmpty, "terminal settings restored")
    #expect(fileType(link) == S_IFLNK)
    let data = try Data(contentsOf: URL(fileURLWithPath: disk.file("talk.cast")))
    #expect(data.last == UInt8(ascii: "\n"))
    let lines = data.split(separator: UInt8(ascii: "\n"))
    #expect(lines.count >= 2, "the header and at least the first frame")
    for (number, line) in lines.enumerated() {
      #expect(
        (try? JSONSerialization.jsonObject(with: Data(line))) != nil,
        "line \(number + 1) of \(lines.count) is not JSON: \(String(decoding: line.suffix(80), as: UTF8.self))"
      )
    }
  }

  /// The terminal the view draws on cannot take the recording too.
  @Test func theTerminalItselfIsRefused() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let session = try Tmux(environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
    try session.run("\(descentBinary.path) --record /dev/tty")
    let screen = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(screen.contains("cannot record to '/dev/tty': it is a terminal"), "\(screen)")
    #expect(screen.contains("EXIT=73"), "\(screen)")
  }

  @Test func anUnwritablePathIsAnErrorBeforeTheScreen() throws {
    let result = try descent("demo", "ravines", "--record", "/nonexistent-dir/talk.cast")
    #expect(result.status == 73)
    #expect(result.stderr.contains("cannot record to '/nonexistent-dir/talk.cast'"))
    let directory = try descent("--record", "/tmp")
    #expect(directory.status == 73)
    #expect(directory.stderr.contains("it is a directory"))
  }

  /// Without a terminal there is nothing to record, and no empty file is left behind.
  @Test func noTerminalLeavesNoFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-\(UUID().uuidString).cast"
    ).path
    let result = try descent("--record", path)
    #expect(result.status == 69)
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
