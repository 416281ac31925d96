import ArgumentParser
import DescentCore
import DescentRender
import DescentTUI

/// `descent demo [LESSON]`: list the lessons, or play one in the interactive view.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "List the lessons, or play one: `descent demo NAME`.",
    discussion: """
      In a lesson, → or PageDown shows the next step and ← or PageUp the one before; every \
      other key works as in the interactive view. A lesson is a built-in name (see the list) \
      or a lesson file.
      """)

  @Argument(
    help: "A built-in lesson's name, or a lesson file (.toml).",
    completion: Completions.lesson)
  var lesson: String?

  @Option(
    parsing: .unconditional,
    help: "Advance to the next step on its own, this many seconds after each step's run ends.")
  var autoplay: Double?

  @OptionGroup var view: ViewOptions

  func validate() throws {
    if let autoplay, !(autoplay > 0 && autoplay <= 3600) {
      throw ValidationError(
        "--autoplay must be a number of seconds in (0, 3600], got \(OptimizerOptions.describe(autoplay))"
      )
    }
  }

  func run() throws {
    try reportingFailures {
      guard let reference = lesson else {
        try emit(Self.list())
        return
      }
      let lesson = try Self.resolve(reference)
      let scenes = SceneLibrary.builtins
      let index = scenes.firstIndex { $0.name == SceneLibrary.defaultName } ?? 0
      var options = view.options(scenes: scenes, sceneIndex: index)
      options.lesson = lesson
      options.autoplay = autoplay
      try runInteractive(options)
    }
  }

  static func resolve(_ reference: String) throws -> Lesson {
    do {
      return try LessonLibrary.resolve(reference)
    } catch {
      throw error.failure
    }
  }

  /// One lesson a line: number, name, title, steps; then how to play one.
  static func list() -> String {
    let lessons = LessonLibrary.builtins
    let width = lessons.map(\.name.count).max() ?? 0
    var out = ""
    for lesson in lessons {
      let pad = String(repeating: " ", count: width - lesson.name.count)
      out +=
        "\(lesson.number). \(lesson.name)\(pad)  \(lesson.title) (\(lesson.steps.count) steps)\n"
    }
    out += "\nPlay one with `descent demo NAME`; → and ← page through it.\n"
    return out
  }
}
