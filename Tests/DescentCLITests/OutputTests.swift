import Foundation
import Testing

/// Standard output that cannot be written, and messages that quote hostile text.
@Suite struct StandardOutputTests {
  static let commands: [[String]] = [
    ["run", "--steps", "100"], ["run", "--steps", "100", "--format", "json"],
    ["eval", "--expr", "x", "--at", "1,1"], ["scenes"], ["render", "--size", "40x12"],
    ["check"], ["demo"], ["--help"], ["run", "--help"],
  ]

  /// Every command's output to a full disk: one line naming the error, and exit 74.
  @Test(arguments: commands)
  func aFullDiskIsOneLineAndExit74(arguments: [String]) throws {
    let result = try descent(arguments: arguments, stdoutPath: "/dev/full")
    #expect(result.status == 74)
    #expect(result.stderr == "descent: error: cannot write output: No space left on device\n")
  }

  @Test func aClosedStdoutIsAnErrorToo() throws {
    for arguments in [["eval", "--expr", "x", "--at", "1,1"], ["scenes"]] {
      let result = try runShell("exec \"$0\" \"$@\" >&-", arguments: arguments)
      #expect(result.status == 74)
      #expect(result.stderr == "descent: error: cannot write output: Bad file descriptor\n")
    }
  }

  /// A reader that stops reading ends the run at once, quietly and successfully.
  @Test func aClosedPipeIsAQuietSuccess() throws {
    // JSON computes a long run's counts before its rows, so it meets the closed pipe later.
    for (format, steps) in [("csv", "10000000"), ("json", "100000")] {
      // bash's PIPESTATUS has descent's own status (sh's $? is head's).
      let result = try runShell(
        "exec bash -c '\"$0\" \"$@\" | head -c 10 > /dev/null; echo \"${PIPESTATUS[0]}\"' "
          + "\"$0\" \"$@\"",
        arguments: ["run", "--steps", steps, "--format", format])
      #expect(result.stdout == "0\n", "descent's status with \(format)")
      #expect(result.stderr == "", "\(result.stderr)")
    }
  }

  /// Control characters from the command line or a file are spelled out in every message.
  @Test func messagesEscapeControlCharacters() throws {
    let colour = try descent("eval", "--expr", "x+\u{1B}[31mRED", "--at", "0,0")
    #expect(colour.status == 65)
    #expect(colour.stderr.contains("x+\\e[31mRED"), "\(colour.stderr)")
    let title = try descent("eval", "--expr", "x+\u{1B}]0;owned\u{07}\r", "--at", "0,0")
    #expect(title.stderr.contains("\\e]0;owned\\x07\\r"), "\(title.stderr)")
    let c1 = try descent("eval", "--expr", "x+\u{9B}2J", "--at", "0,0")
    #expect(c1.stderr.contains("\\x9b2J"), "\(c1.stderr)")
    // ArgumentParser's own messages.
    let parser = try descent("run", "--optimizer", "\u{1B}[2J")
    #expect(parser.status == 64)
    #expect(parser.stderr.contains("'\\e[2J'"), "\(parser.stderr)")
    // A CSV field, through `run` and through `check`.
    let folder = try ScratchFolder()
    try "format = 1\ntitle = \"t\"\nf = \"(x*u + y - v)^2\"\n[data]\nfile = \"d.csv\"\n".write(
      toFile: folder.file("s.toml"), atomically: true, encoding: .utf8)
    try "u,v\n1,\u{1B}[2J\n".write(toFile: folder.file("d.csv"), atomically: true, encoding: .utf8)
    for arguments in [["run", folder.file("s.toml")], ["check", folder.file("s.toml")]] {
      let result = try descent(arguments: arguments)
      #expect(result.status == 65)
      #expect(result.stderr.contains("`\\e[2J` in column `v`"), "\(result.stderr)")
    }
    for result in [colour, title, c1, parser] {
      let controls = result.stderr.unicodeScalars.filter {
        ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
      }
      #expect(controls.isEmpty, "\(result.stderr.debugDescription)")
    }
  }
}

/// `--save-weights`, `--dump-data` and `--record` never replace what is at the path: links are
/// written through, FIFOs and devices streamed into, regular files replaced atomically.
@Suite struct OutputFileTests {
  func saveWeights(_ path: String) throws -> Outcome {
    try descent(
      "run", "moons-small", "--optimizer", "adam", "--steps", "2", "--save-weights", path)
  }

  @Test func aSymlinkIsWrittenThroughAndStaysALink() throws {
    let folder = try ScratchFolder()
    let target = folder.file("weights.json")
    try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
    chmod(target, 0o640)
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("link.json"), withDestinationPath: "weights.json")
    let result = try saveWeights(folder.file("link.json"))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(fileType(folder.file("link.json")) == S_IFLNK)
    let written = try String(contentsOfFile: target, encoding: .utf8)
    #expect(written.hasPrefix("{\"layers\":[2,8,1],"))
    #expect(
      try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        == 0o640)
    // A link to nothing yet: the file is made where it points.
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("dangling.csv"), withDestinationPath: "data.csv")
    let dump = try descent(
      "run", "moons-small", "--steps", "1", "--dump-data", folder.file("dangling.csv"))
    #expect(dump.status == 0, "\(dump.stderr)")
    #expect(fileType(folder.file("dangling.csv")) == S_IFLNK)
    #expect(
      try String(contentsOfFile: folder.file("data.csv"), encoding: .utf8)
        .hasPrefix("x1,x2,label\n"))
    #expect(try folder.names() == ["dangling.csv", "data.csv", "link.json", "weights.json"])
  }

  /// A regular file is replaced by a new one (a new inode: written beside it and renamed),
  /// keeping its permissions, and nothing else is left in the folder.
  @Test func aRegularFileIsReplacedAtomically() throws {
    let folder = try ScratchFolder()
    let path = folder.file("w.json")
    try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
    chmod(path, 0o600)
    let before = try FileManager.default.attributesOfItem(atPath: path)
    let result = try saveWeights(path)
    #expect(result.status == 0, "\(result.stderr)")
    let after = try FileManager.default.attributesOfItem(atPath: path)
    #expect(after[.systemFileNumber] as? Int != before[.systemFileNumber] as? Int)
    #expect(after[.posixPermissions] as? Int == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{\"layers\""))
    #expect(try folder.names() == ["w.json"])
  }

  /// A FIFO is written as a stream to its reader, and stays a FIFO.
  @Test func aFIFOIsStreamedIntoAndStaysAFIFO() throws {
    let folder = try ScratchFolder()
    let fifo = folder.file("fifo")
    try #require(mkfifo(fifo, 0o600) == 0)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/cat")
    reader.arguments = [fifo]
    _ = FileManager.default.createFile(atPath: folder.file("read"), contents: nil)
    reader.standardOutput = try FileHandle(forWritingTo: folder.url.appendingPathComponent("read"))
    try reader.run()
    let result = try descent("run", "moons-small", "--steps", "1", "--dump-data", fifo)
    reader.waitUntilExit()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(fileType(fifo) == S_IFIFO)
    let read = try String(contentsOfFile: folder.file("read"), encoding: .utf8)
    #expect(read.hasPrefix("x1,x2,label\n") && read.split(separator: "\n").count == 201)
  }

  /// Character devices of the test's own making (never the system's): a null device takes
  /// the output; a full one, behind a link, fails with 74; both stay devices.
  @Test(.enabled(if: getuid() == 0, "mknod needs root"))
  func devicesAreStreamedIntoNotReplaced() throws {
    let folder = try ScratchFolder()
    try #require(mknod(folder.file("null"), S_IFCHR | 0o666, device(1, 3)) == 0)
    try #require(mknod(folder.file("full"), S_IFCHR | 0o666, device(1, 7)) == 0)
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("to-full"), withDestinationPath: "full")
    let null = try saveWeights(folder.file("null"))
    #expect(null.status == 0, "\(null.stderr)")
    let full = try saveWeights(folder.file("to-full"))
    #expect(full.status == 74)
    #expect(
      full.stderr == "descent: error: cannot write '\(folder.file("to-full"))': "
        + "No space left on device\n")
    #expect(fileType(folder.file("null")) == S_IFCHR)
    #expect(fileType(folder.file("full")) == S_IFCHR)
    #expect(fileType(folder.file("to-full")) == S_IFLNK)
    #expect(try folder.names() == ["full", "null", "to-full"])
  }

  /// On a full disk the old file stays whole, no temporary file is left, and the exit is 74.
  @Test(.enabled(if: TinyFilesystem.available, "mounting a tmpfs needs root"))
  func aFailedWriteLeavesTheOldFile() throws {
    let disk = try #require(TinyFilesystem())
    let path = disk.file("data.csv")
    try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
    disk.fill(leaving: 0)
    let result = try descent("run", "moons-small", "--steps", "1", "--dump-data", path)
    #expect(result.status == 74)
    #expect(result.stderr == "descent: error: cannot write '\(path)': No space left on device\n")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: disk.path).sorted() == [
        ".filler", "data.csv",
      ])
  }

  /// `/dev/stdout` with stdout redirected to a file: the data goes into that output, before
  /// the rows, instead of replacing the file under it.
  @Test func stdoutAsAPathIsWrittenThroughStdout() throws {
    let result = try descent(
      "run", "moons-small", "--optimizer", "gd", "--steps", "1", "--dump-data", "/dev/stdout")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 201 + 3)
    #expect(lines.first == "x1,x2,label" && lines[201] == "optimizer,step,x,y,loss")
  }

  @Test func aDirectoryIsRefused() throws {
    let folder = try ScratchFolder()
    let result = try descent("run", "moons-small", "--steps", "1", "--dump-data", folder.path)
    #expect(result.status == 73)
    #expect(result.stderr.contains("it is a directory"))
  }

  /// `--record` with no terminal makes nothing, and removes nothing that was there: not a
  /// link's target, not a device.
  @Test(.enabled(if: getuid() == 0, "mknod needs root"))
  func aRecordingThatNeverStartsLeavesThePathAlone() throws {
    let folder = try ScratchFolder()
    try "old\n".write(toFile: folder.file("talk.cast"), atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("link.cast"), withDestinationPath: "talk.cast")
    try #require(mknod(folder.file("null"), S_IFCHR | 0o666, device(1, 3)) == 0)
    for name in ["link.cast", "null"] {
      let result = try descent("--record", folder.file(name))
      #expect(result.status == 69)
    }
    #expect(try String(contentsOfFile: folder.file("talk.cast"), encoding: .utf8) == "old\n")
    #expect(fileType(folder.file("link.cast")) == S_IFLNK)
    #expect(fileType(folder.file("null")) == S_IFCHR)
  }
}

/// `descent run` streams: its bytes are those it wrote when it held everything in memory, and
/// its memory does not grow with the number of steps.
@Suite struct RunStreamingTests {
  static func golden(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Golden/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
  }

  /// The golden files were written by `descent run` before it streamed.
  static let cases: [(String, [String])] = [
    ("diverging.json", ["too-large-lr", "--format", "json", "--steps", "12", "--lr", "2"]),
    ("diverging.csv", ["too-large-lr", "--steps", "12", "--lr", "2"]),
    (
      "every-kind.json",
      [
        "--expr", "a*x^2 + y^2 - b", "--param", "a=3", "--param", "b=0.5", "--start", "1,-1",
        "--optimizer", "gd,momentum,nesterov,rmsprop,adam,anneal,pso,ga", "--steps", "6",
        "--population", "4", "--format", "json",
      ]
    ),
    (
      "every-kind.csv",
      [
        "--expr", "a*x^2 + y^2 - b", "--param", "a=3", "--param", "b=0.5", "--start", "1,-1",
        "--optimizer", "gd,momentum,nesterov,rmsprop,adam,anneal,pso,ga", "--steps", "6",
        "--population", "4",
      ]
    ),
    ("network.json", ["moons-small", "--optimizer", "adam", "--steps", "3", "--format", "json"]),
    ("no-steps.json", ["rosenbrock", "--steps", "0", "--format", "json"]),
  ]

  @Test(arguments: cases)
  func outputIsByteForByteAsBefore(golden: String, arguments: [String]) throws {
    let result = try descent(arguments: ["run"] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == (try Self.golden(golden)))
  }

  /// The peak resident memory of a run, from the kernel's accounting of the child.
  func peakResidentKilobytes(_ arguments: [String]) throws -> Int {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = [descentBinary.path] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    var pid: pid_t = 0
    try #require(posix_spawn(&pid, descentBinary.path, &actions, nil, &cArguments, environ) == 0)
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    try #require(status == 0)
    return usage.ru_maxrss
  }

  /// Ten times the steps, the same memory: 100,000 rows of JSON held in memory took about
  /// 60 MB more than 10,000.
  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["ASAN_OPTIONS"] == nil,
      "AddressSanitizer holds freed memory in quarantine, so resident memory grows with work"))
  func memoryDoesNotGrowWithSteps() throws {
    let arguments = ["run", "--optimizer", "gd", "--format", "json", "--steps"]
    let small = try peakResidentKilobytes(arguments + ["10000"])
    let large = try peakResidentKilobytes(arguments + ["100000"])
    #expect(large - small < 8_000, "\(small) KB for 10,000 steps, \(large) KB for 100,000")
  }
}
