import Foundation

/// The result of running the `descent` binary.
struct Outcome {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// The built `descent` executable, next to the test bundle in the build folder.
let descentBinary: URL = {
  var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  for _ in 0..<4 {
    let candidate = directory.appendingPathComponent("descent")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    directory.deleteLastPathComponent()
  }
  return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("descent")
}()

/// Runs `descent` with `arguments`, in `directory` if given, and waits for it.
func descent(_ arguments: String..., in directory: URL? = nil) throws -> Outcome {
  try descent(arguments: arguments, in: directory)
}

/// Runs `descent` with `arguments`, in `directory` if given, and waits for it.
func descent(arguments: [String], in directory: URL? = nil) throws -> Outcome {
  try runProcess(descentBinary, arguments: arguments, in: directory)
}

/// Runs `python3` on a script of `Tests/DescentCLITests/Scripts` and waits for it.
func python(_ script: String, _ arguments: [String] = []) throws -> Outcome {
  let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Scripts/\(script)").path
  return try runProcess(
    URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", path] + arguments)
}

/// Runs `executable` with `arguments`, in `directory` if given, with `environment` added to
/// the tests' own, stdin empty, and waits.
func runProcess(
  _ executable: URL, arguments: [String], in directory: URL? = nil,
  environment: [String: String] = [:]
) throws -> Outcome {
  // Output goes to files, not pipes: a child that fills one pipe while the parent drains the
  // other (a sanitizer's report on stderr, say) would deadlock both.
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "descent-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let outURL = folder.appendingPathComponent("stdout")
  let errURL = folder.appendingPathComponent("stderr")
  FileManager.default.createFile(atPath: outURL.path, contents: nil)
  FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let out = try FileHandle(forWritingTo: outURL)
  let err = try FileHandle(forWritingTo: errURL)
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if !environment.isEmpty {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  if let directory { process.currentDirectoryURL = directory }
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  try out.close()
  try err.close()
  return Outcome(
    status: process.terminationStatus,
    stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// Parses `descent run` CSV into its header and rows of fields.
func csvRows(_ text: String) -> (header: String, rows: [[String]]) {
  let lines = text.split(separator: "\n").map(String.init)
  return (lines.first ?? "", lines.dropFirst().map { $0.split(separator: ",").map(String.init) })
}
