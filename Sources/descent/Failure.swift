import ArgumentParser
import DescentCore
import Foundation

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
      FileHandle.standardError.write(Data("descent: error: \(failure.message)\n".utf8))
      throw ExitCode(failure.code)
    }
  }
}

/// Writes `text` to the file at `path`, or fails with 73 (cannot create).
func write(_ text: String, to path: String) throws {
  do {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  } catch {
    throw Failure(message: "cannot write '\(path)': \(error.localizedDescription)", code: 73)
  }
}

/// Writes text to stdout in one piece.
func emit(_ text: String) {
  FileHandle.standardOutput.write(Data(text.utf8))
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
