import ArgumentParser
import DescentCore

/// `descent check`: validate scene and lesson files and check their claims, reporting every
/// problem in every file.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check scene and lesson files and their claims; report every problem.",
    discussion: """
      A file with [[step]] tables is read as a lesson, any other as a scene. Each file is \
      loaded, then its claims ([[claim]] in a scene, [[step.claim]] in a lesson) are checked \
      by running the optimizers. Prints `FILE: ok` or `FILE: ok (N claims)` for each good file and \
      `FILE:LINE:COLUMN: problem` (with the line and a caret) for each problem, a false \
      claim with the numbers that contradict it. With no FILE (or --all), checks every \
      built-in scene and lesson. Exits 65 when any file has a problem or a false claim, 66 \
      when a file is missing.
      """)

  @Argument(
    help: "Scene or lesson files (or built-in scene names) to check.",
    completion: Completions.scene)
  var files: [String] = []

  @Flag(help: "Check every built-in scene and lesson (the default with no FILE).")
  var all = false

  @Flag(name: .shortAndLong, help: "Also print what each claim measured when it holds.")
  var verbose = false

  func run() throws {
    var invalid = false
    var missing = false
    var report = ""
    var problems = ""

    func claims(_ file: String, _ results: [ClaimChecker.Result]) {
      let false_ = results.filter { !$0.holds }
      if verbose {
        for result in results where result.holds { report += "\(result.diagnostic)\n" }
      }
      for result in false_ { problems += "\(result.diagnostic)\n" }
      if false_.isEmpty {
        let count = results.count == 1 ? " (1 claim)" : " (\(results.count) claims)"
        report += "\(file): ok\(results.isEmpty ? "" : count)\n"
      } else {
        invalid = true
      }
    }

    if files.isEmpty || all {
      let builtinProblems = SceneLibrary.builtinProblems + LessonLibrary.builtinProblems
      for diagnostic in builtinProblems { problems += "\(diagnostic)\n" }
      invalid = !builtinProblems.isEmpty
      for scene in SceneLibrary.builtins + SceneLibrary.networks {
        claims(scene.file, ClaimChecker.check(scene))
      }
      for lesson in LessonLibrary.builtins { claims(lesson.file, ClaimChecker.check(lesson)) }
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
        if LessonLibrary.isLessonFile(file) {
          claims(file, ClaimChecker.check(try LessonLibrary.resolve(file)))
        } else {
          claims(file, ClaimChecker.check(try SceneLibrary.load(path: file)))
        }
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
