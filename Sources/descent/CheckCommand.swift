import ArgumentParser
import DescentCore
import Foundation

/// `descent check`: validate scene files, reporting every problem in every file.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check scene files and report every problem in every file.",
    discussion: """
      Prints `FILE: ok` for each good file and `FILE:LINE:COLUMN: problem` (with the line and \
      a caret) for each problem. With no FILE, checks the built-in scenes. Exits 65 when any \
      file has a problem, 66 when a file is missing.
      """)

  @Argument(
    help: "Scene files (or built-in scene names) to check.", completion: Completions.scene)
  var files: [String] = []

  func run() throws {
    var invalid = false
    var missing = false
    var report = ""
    var problems = ""
    if files.isEmpty {
      for diagnostic in SceneLibrary.builtinProblems { problems += "\(diagnostic)\n" }
      invalid = !SceneLibrary.builtinProblems.isEmpty
      for scene in SceneLibrary.builtins { report += "\(scene.file): ok\n" }
    }
    for file in files {
      // A built-in scene's name (in any case) checks that scene, when no such file exists.
      if !InputFile.exists(file),
        let scene = SceneLibrary.builtin(named: file)
      {
        report += "\(file): ok (the built-in scene \(scene.name))\n"
        continue
      }
      do {
        _ = try SceneLibrary.load(path: file)
        report += "\(file): ok\n"
      } catch {
        switch error {
        case .notFound(let message), .unusable(let message):
          missing = true
          problems += "\(file): \(message)\n"
        case .invalid(let errors):
          invalid = true
          problems += "\(errors)\n"
        }
      }
    }
    try emit(report)
    StandardError.write(problems)
    if invalid { throw ExitCode(65) }
    if missing { throw ExitCode(66) }
  }
}
