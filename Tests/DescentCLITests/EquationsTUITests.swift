import Foundation
import Testing

/// `e` and `E` end to end: the README's explain-mode example, in tmux at 80x24.
@Suite struct EquationsTUITests {
  static let command =
    "ravine --optimizer momentum --step 3 --view -3,3,-4,4"

  @Test func theReadmesExplainExampleShowsItsNumbersAndVectors() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let session = try Tmux(
      width: 80, height: 24, environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8"])
    try session.run("\(descentBinary.path) \(Self.command)")
    try session.waitFor("the paused view") { $0.contains("paused") && $0.contains("step 3") }
    // e: the equations panel, with the step's numbers, as the README quotes them.
    try session.send("e")
    let panel = try session.waitFor("the equations") { $0.contains("momentum, update 3") }
    #expect(
      panel.contains("b ← μ·b + g = 0.4·(3.81, -36) + (2.115, 45.6) = (3.639, 31.2)"), "\(panel)")
    #expect(
      panel.contains("x ← x − lr·b = (2.115, 2.28) − 0.13·(3.639, 31.2) = (1.642, -1.776)"))
    #expect(!panel.contains("Δx ="), "no vectors outside explain mode")
    // E: explain mode at one step a second, stepping at once though the view was paused;
    // space pauses it at once here, so the step-3 vectors stay to be read. The vectors leave
    // the map with their lengths, Δx and −lr·b as one (heavy ball steps by −lr·b).
    try session.send("E", " ")
    let explained = try session.waitFor("the vectors") { $0.contains("g»5.93") }
    #expect(explained.contains("Δ=b»4.08"), "\(explained)")
    #expect(explained.contains("Δx = −lr·b: the same vector, drawn as one line Δ=b"))
    #expect(explained.contains("Δ Δx = (-0.473, -4.056): the step taken"))
    #expect(explained.contains("paused") && explained.contains("update 3"), "\(explained)")
    // . steps: the next update comes back up, 3.02 long.
    try session.send(".")
    let next = try session.waitFor("the next update") { $0.contains("momentum, update 4") }
    // Both leave by the top edge, where the legend is: their labels lie beside it, whole.
    #expect(next.contains("Δ=b»3.02") && next.contains("g»4.62"), "\(next)")
    // E again ends explain mode at the speed it had; E once more starts it stepping on its
    // own, with no space needed.
    try session.send("E")
    try session.waitFor("explain mode off") { $0.contains("explain mode off: 30 steps per second") }
    try session.send("E")
    try session.waitFor("explain mode") { $0.contains("explain mode: 1 step per second") }
    try session.waitFor("a step on its own", seconds: 5) { $0.contains("momentum, update 5") }
    // E again ends explain mode at the speed it had; e closes the panel.
    try session.send("E")
    try session.waitFor("explain mode off") { $0.contains("explain mode off: 30 steps per second") }
    try session.send("e")
    try session.waitFor("the panel closed") { !$0.contains("momentum, update") }
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
  }

  /// Without Unicode or colour the panel is spelled in ASCII and the letters mark the
  /// vectors: d for Δ.
  @Test func asciiMonochromeSpellsThePanelAndTheLetters() throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let session = try Tmux(
      width: 80, height: 24, environment: ["TERM": "xterm", "LANG": "C", "NO_COLOR": "1"])
    try session.run("\(descentBinary.path) \(Self.command)")
    try session.waitFor("the paused view") { $0.contains("paused") && $0.contains("step 3") }
    try session.send("E", " ")
    let text = try session.waitFor("the vectors") { $0.contains("g>5.93") }
    #expect(
      text.contains("b <- mu*b + g = 0.4*(3.81, -36) + (2.115, 45.6) = (3.639, 31.2)"), "\(text)")
    #expect(text.contains("d=b>4.08"), "\(text)")
    try session.send("q")
    try session.waitFor("the exit status") { $0.contains("EXIT=") }
  }
}
