import Foundation
import Testing

/// `descent check` on lessons and claims, and the README's words about its picture.
@Suite struct ClaimCommandTests {
  func folder() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("descent-claims-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  @Test func checkReadsALessonAndReportsAFalseClaimWithItsNumbers() throws {
    let directory = try folder()
    defer { try? FileManager.default.removeItem(at: directory) }
    let lesson = """
      format = 1
      title = "Mine"
      [[step]]
      caption = "Gradient descent is fastest here."
      scene = "ravine"
      show = ["gd", "momentum"]
      [[step.claim]]
      faster = ["gd", "momentum"]
      loss = 1e-8
      [[step.claim]]
      stable = "gd"

      """
    try lesson.write(
      to: directory.appendingPathComponent("my-lesson.toml"), atomically: true, encoding: .utf8)
    let result = try descent("check", "my-lesson.toml", in: directory)
    #expect(result.status == 65)
    #expect(!result.stderr.contains("unknown key"))
    #expect(
      result.stderr.contains(
        "my-lesson.toml:7:8: false claim: gd reached loss ≤ 1e-08 at step 106, momentum at step 30\n"
          + "  [[step.claim]]\n         ^^^^^"), "\(result.stderr)")
    #expect(result.stdout.isEmpty)

    try lesson.replacingOccurrences(
      of: "[\"gd\", \"momentum\"]\nloss", with: "[\"momentum\", \"gd\"]\nloss"
    )
    .write(
      to: directory.appendingPathComponent("fixed.toml"), atomically: true, encoding: .utf8)
    let fixed = try descent("check", "fixed.toml", in: directory)
    #expect(fixed.status == 0, "\(fixed.stderr)")
    #expect(fixed.stdout == "fixed.toml: ok (2 claims)\n")
  }

  @Test func checkWithNoFileChecksEveryBuiltInSceneAndLesson() throws {
    let result = try descent("check", "--all")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    for name in [
      "step-size", "ravines", "adaptive", "saddles", "local-minima", "backprop", "newton",
      "quasi-newton", "gradient-free",
    ] {
      #expect(lines.contains { $0.hasPrefix("scenes/lessons/\(name).toml: ok (") }, "\(name)")
    }
    #expect(lines.contains { $0.hasPrefix("scenes/networks/spiral-large.toml: ok (") })
    #expect(lines.contains { $0.hasPrefix("scenes/ravine.toml: ok (") })
  }

  /// The README's caption under its picture quotes the frame's status bar.
  @Test func theReadmePicturesCaptionMatchesItsStatusBar() throws {
    let readme = try String(
      contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
    let caption = try #require(
      readme.components(separatedBy: "*`descent render rosenbrock --color truecolor`:").dropFirst()
        .first?.components(separatedBy: "*\n").first)
    let quoted = try #require(caption.components(separatedBy: "`").dropFirst().first)
    #expect(quoted.hasPrefix("best "))
    let frame = try descent("render", "rosenbrock", "--color", "truecolor")
    #expect(frame.status == 0)
    let plain = frame.stdout.replacingOccurrences(
      of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    #expect(plain.contains(quoted), "the status bar does not say \(quoted)")
  }
}
