import Foundation
import Testing

/// A private tmux server running one `descent` session, for end-to-end tests of the TUI:
/// `send` types, `screen` reads the pane, `waitFor` polls until text appears.
final class Tmux {
  let socket = "descent-test-\(UUID().uuidString.prefix(8))"
  let folder: URL

  /// Starts an idle `width` × `height` pane with `environment`; `run` starts a command in it.
  init(width: Int = 120, height: Int = 40, environment: [String: String]) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var arguments = ["new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)"]
    for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
      arguments += ["-e", "\(key)=\(value)"]
    }
    arguments.append("sleep 600")
    try tmux(arguments)
  }

  /// Runs a shell command line in the pane, then prints `EXIT=status` and keeps the pane, so
  /// its last output can still be read.
  func run(_ line: String) throws {
    try tmux(["respawn-pane", "-k", "-t", "t", line + "; echo EXIT=$?; sleep 600"])
  }

  deinit {
    _ = try? tmux(["kill-server"])
    try? FileManager.default.removeItem(at: folder)
  }

  static var available: Bool {
    FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
      || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
  }

  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    // tmux's server outlives the client and inherits its descriptors, which keeps
    // Foundation's Process (and any pipe) waiting for an end of file that never comes. So:
    // posix_spawn, output to a file, and waitpid for the client alone.
    let output = folder.appendingPathComponent("out-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ["tmux", "-L", socket] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for pointer in cArguments { free(pointer) } }
    // Test threads block signals, and a spawned process inherits that mask: start tmux
    // (and so the shell and descent) with none blocked and default dispositions, as a
    // terminal would.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    // The test runner sets NO_COLOR, which the tmux server would hand to every pane: the
    // sessions get only what their environment says.
    var cEnvironment =
      ProcessInfo.processInfo.environment.filter { $0.key != "NO_COLOR" }
      .map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for pointer in cEnvironment { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArguments, &cEnvironment)
    guard spawned == 0 else { throw CocoaError(.executableNotLoadable) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
  }

  func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "t"] + keys) }

  /// Sends `text`'s bytes to the program as they are, escape sequences whole.
  func sendBytes(_ text: String) throws {
    try tmux(["send-keys", "-t", "t", "-H"] + text.utf8.map { String($0, radix: 16) })
  }

  func screen(colors: Bool = false) throws -> String {
    try tmux(["capture-pane", "-t", "t", "-p"] + (colors ? ["-e"] : []))
  }

  /// Whether the pane's cursor is visible (tmux's `cursor_flag`).
  func cursorVisible() throws -> Bool {
    try tmux(["display-message", "-p", "-t", "t", "#{cursor_flag}"])
      .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
  }

  /// The pane's modes a program can leave behind: the alternate screen, keypad (application
  /// keypad and cursor keys) and mouse reporting on, or the cursor hidden. Empty when the
  /// terminal is as a shell expects it.
  func modesLeftOn() throws -> [String] {
    let flags = try tmux([
      "display-message", "-p", "-t", "t",
      "#{alternate_on} #{keypad_flag} #{keypad_cursor_flag} #{mouse_any_flag} #{cursor_flag}",
    ]).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "1" }
    guard flags.count == 5 else { return ["unreadable flags"] }
    let names = ["alternate screen", "keypad", "cursor keys", "mouse reporting"]
    return zip(names, flags).filter(\.1).map(\.0) + (flags[4] ? [] : ["hidden cursor"])
  }

  func resize(_ width: Int, _ height: Int) throws {
    try tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
  }

  /// The pane's text once `predicate` holds, or the last text after `seconds`.
  @discardableResult
  func waitFor(
    _ description: String, seconds: Double = 10, _ predicate: (String) -> Bool,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var text = ""
    while Date() < deadline {
      text = try screen()
      if predicate(text) { return text }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Issue.record(
      "timed out waiting for \(description); the screen:\n\(text)", sourceLocation: sourceLocation)
    return text
  }

  /// The status bar: the second-to-last line of the pane.
  func statusBar() throws -> String {
    let lines = try screen().split(separator: "\n", omittingEmptySubsequences: false)
    let trimmed = lines.last == "" ? lines.dropLast() : lines[...]
    return trimmed.count >= 2 ? String(trimmed[trimmed.count - 2]) : ""
  }

  /// The process ID of the `descent` running in the pane.
  func descentPID() throws -> Int32? {
    let shell = try tmux(["list-panes", "-t", "t", "-F", "#{pane_pid}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pgrep", "-P", shell, "descent"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Int32(String(decoding: data, as: UTF8.self).split(separator: "\n").first ?? "")
  }
}
