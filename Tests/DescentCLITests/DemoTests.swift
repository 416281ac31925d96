import DescentCore
import Foundation
import Testing

/// `descent demo`: the list, errors, and a whole lesson played in tmux.
@Suite(.serialized) struct DemoTests {
  @Test func listsTheLessons() throws {
    let result = try descent("demo")
    #expect(result.status == 0)
    for lesson in LessonLibrary.builtins {
      #expect(result.stdout.contains("\(lesson.number). \(lesson.name)"))
    }
  }

  @Test func unknownLessonsAndBrokenFilesAreClearErrors() throws {
    let missing = try descent("demo", "no-such-lesson")
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("no lesson named 'no-such-lesson'"))

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-demo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("broken.toml")
    try "format = 1\ntitle = \"B\"\n[[step]]\ncaption = \"One.\"\nrun = \"ten\"\n".write(
      to: file, atomically: true, encoding: .utf8)
    let broken = try descent("demo", file.path)
    #expect(broken.status == 65)
    #expect(broken.stderr.contains("broken.toml:5:7: `run` must be an integer, found a string"))
    #expect(broken.stderr.contains("  run = \"ten\"\n        ^"))

    let autoplay = try descent("demo", "ravines", "--autoplay", "-1")
    #expect(autoplay.status == 64)
  }

  /// The ravines lesson from start to end in tmux: each caption appears, → and PageDown go
  /// forward, ← and PageUp back, and q leaves the terminal as it was.
  @Test func aWholeLessonInTmux() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let lesson = try #require(LessonLibrary.builtin(named: "ravines"))
    let session = try Tmux(environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
    try session.run("\(descentBinary.path) demo ravines; echo EXIT=$?")
    func opening(_ k: Int) -> String {
      lesson.steps[k].caption.split(separator: " ").prefix(3).joined(separator: " ")
    }
    for k in lesson.steps.indices {
      if k > 0 { try session.send(k % 2 == 0 ? "Right" : "NPage") }
      try session.waitFor("step \(k + 1)'s caption") {
        $0.contains(opening(k)) && $0.contains("\(k + 1)/\(lesson.steps.count)")
      }
    }
    try session.waitFor("the end of the lesson") { $0.contains("end of the lesson") }
    try session.send("Left")
    try session.waitFor("the step before") { $0.contains(opening(lesson.steps.count - 2)) }
    try session.send("PPage")
    try session.waitFor("two steps back") { $0.contains(opening(lesson.steps.count - 3)) }
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
  }
}
