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
  let process = Process()
  process.executableURL = descentBinary
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  // Read before waiting, so a large output cannot fill the pipe and block the child.
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Outcome(
    status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
    stderr: String(decoding: stderr, as: UTF8.self))
}

/// Parses `descent run` CSV into its header and rows of fields.
func csvRows(_ text: String) -> (header: String, rows: [[String]]) {
  let lines = text.split(separator: "\n").map(String.init)
  return (lines.first ?? "", lines.dropFirst().map { $0.split(separator: ",").map(String.init) })
}
