import ArgumentParser
import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An error that ends the command with a message on stderr and a sysexits code.
struct Failure: Error {
  var message: String
  var code: Int32

  /// 65: the input data is malformed (an expression, a hyperparameter).
  static func data(_ message: String) -> Failure { Failure(message: message, code: 65) }
  /// 66: an input file or scene does not exist.
  static func noInput(_ message: String) -> Failure { Failure(message: message, code: 66) }
}

extension ParsableCommand {
  /// Runs `body`, turning a `Failure` into its message on stderr and its exit code.
  func reportingFailures(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let failure as Failure {
      StandardError.write("descent: error: \(failure.message)\n")
      throw ExitCode(failure.code)
    }
  }
}

/// Writes `text` to the file at `path` (`OutputFile.write`: a link is followed, a FIFO or
/// device streamed into, a regular file replaced atomically), or fails with 73 when nothing
/// can be opened or created there and 74 when writing fails. A path that names stdout
/// itself (`/dev/stdout`, `/dev/fd/1`, the file stdout is redirected to) is written through
/// stdout, in order with the rest of the output, rather than replaced under it.
func write(_ text: String, to path: String) throws {
  var named = stat()
  var output = stat()
  if stat(path, &named) == 0 && fstat(STDOUT_FILENO, &output) == 0
    && named.st_dev == output.st_dev && named.st_ino == output.st_ino
  {
    try emit(text)
    return
  }
  try? FileWriter.standardOutput.flush()  // what stdout has so far goes first; errors stay
  do {
    try OutputFile.write(text, to: path)
  } catch {
    throw Failure(message: error.description, code: error.stage == .open ? 73 : 74)
  }
}

/// A write to standard output failed; `Descent.main` reports it.
struct StandardOutputError: Error {
  var error: SystemError
}

/// Writes text to stdout, through a buffer that `Descent.main` flushes at the end.
func emit(_ text: String) throws {
  do {
    try FileWriter.standardOutput.write(text)
  } catch let error as SystemError {
    throw StandardOutputError(error: error)
  }
}

extension SceneLookupError {
  /// 66 for a scene or lesson that does not exist or cannot be read as a file, 65 for one
  /// with problems.
  var failure: Failure {
    switch self {
    case .notFound(let message), .unusable(let message): Failure.noInput(message)
    case .invalid(let errors): Failure.data(errors.description)
    }
  }
}
