#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Finds lessons: the built-in ones (`scenes/lessons/*.toml`, compiled into the binary) and
/// lesson files on disk.
public enum LessonLibrary {
  /// Every built-in lesson, in the order of their `number`.
  public static let builtins: [Lesson] = loadBuiltins().lessons

  /// Problems in the built-in lesson files. The test suite keeps this empty.
  public static let builtinProblems: [SceneDiagnostic] = loadBuiltins().problems

  /// The built-in lesson called `name`, in any case.
  public static func builtin(named name: String) -> Lesson? {
    let name = SceneLibrary.canonical(name, in: builtins.map(\.name)) ?? name
    return builtins.first { $0.name == name }
  }

  /// A built-in lesson by name, or a lesson file by path. A lesson file's scenes are
  /// built-in scenes by name, or scene files relative to the lesson file.
  public static func resolve(_ reference: String) throws(SceneLookupError) -> Lesson {
    if let lesson = builtin(named: reference) { return lesson }
    let looksLikePath = reference.contains("/") || reference.hasSuffix(".toml")
    if !looksLikePath && !InputFile.exists(reference) {
      let hint = SceneLibrary.suggestion(for: reference, in: builtins.map(\.name))
      throw .notFound(
        "no lesson named '\(reference)'\(hint) (see `descent demo`), and no such file")
    }
    let text = try SceneLibrary.readText(
      reference, what: "lesson file", limit: SceneLoader.maximumFileSize)
    let url = URL(fileURLWithPath: reference)
    let directory = url.deletingLastPathComponent()
    let result = LessonLoader.load(
      text: text, file: reference, name: url.deletingPathExtension().lastPathComponent
    ) { scene in
      if let builtin = SceneLibrary.builtin(named: scene) { return .success(builtin) }
      let path = URL(fileURLWithPath: scene, relativeTo: directory).path
      return Result { () throws(SceneLookupError) in try SceneLibrary.load(path: path) }
    }
    switch result {
    case .success(let lesson): return lesson
    case .failure(let errors): throw .invalid(errors)
    }
  }

  /// Whether the file at `path` is a lesson: it has a `[[step]]` table. A file that cannot
  /// be read is not.
  public static func isLessonFile(_ path: String) -> Bool {
    guard
      let text = try? SceneLibrary.readText(path, what: "file", limit: SceneLoader.maximumFileSize)
    else { return false }
    return isLesson(text: text)
  }

  /// Whether `text` is a lesson: a line opens a `[[step]]` table.
  public static func isLesson(text: String) -> Bool {
    text.split(whereSeparator: \.isNewline).contains { line in
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      guard trimmed.hasPrefix("[[") else { return false }
      let name = trimmed.dropFirst(2).prefix { $0 != "]" }.filter { $0 != " " && $0 != "\t" }
      return name == "step"
    }
  }

  private static func loadBuiltins() -> (lessons: [Lesson], problems: [SceneDiagnostic]) {
    var lessons: [Lesson] = []
    var problems: [SceneDiagnostic] = []
    for (path, text) in EmbeddedScenes.files.sorted(by: { $0.key < $1.key })
    where path.hasPrefix("lessons/") && path.hasSuffix(".toml") {
      let name = String(path.dropFirst("lessons/".count).dropLast(".toml".count))
      let result = LessonLoader.load(text: text, file: "scenes/\(path)", name: name) { scene in
        guard let builtin = SceneLibrary.builtin(named: scene) else {
          return .failure(.notFound("no built-in scene named '\(scene)'"))
        }
        return .success(builtin)
      }
      switch result {
      case .success(let lesson): lessons.append(lesson)
      case .failure(let errors): problems += errors.diagnostics
      }
    }
    return (lessons.sorted { ($0.number, $0.name) < ($1.number, $1.name) }, problems)
  }
}
