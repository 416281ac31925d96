import Foundation
import Testing

/// One optimizer at several settings in the real view, through tmux at 80x24: the legend
/// names each instance, and the command line sets one by its number.
@Suite(.serialized) struct InstanceTUITests {
  @Test(arguments: [
    ["TERM": "xterm-256color", "LANG": "C.UTF-8"],
    ["TERM": "xterm-256color", "LANG": "C.UTF-8", "NO_COLOR": "1"],
  ])
  func theLegendNamesEachInstance(environment: [String: String]) throws {
    try #require(Tmux.available, "tmux is needed for these tests: apt-get install tmux")
    let session = try Tmux(width: 80, height: 24, environment: environment)
    try session.run(
      "\(descentBinary.path) --expr 'x^2 + 10*y^2' --start 1.5,0.8 "
        + "--optimizer gd@lr=0.05,gd@lr=0.11 --step 3")
    let screen = try session.waitFor("the legend") {
      $0.contains("step 3, paused") && $0.contains("1 gd lr=0.05")
        && $0.contains("2 gd lr=0.11")
    }
    #expect(try session.statusBar().contains("gd lr=0.05 gd lr=0.11"), "\(screen)")
    // The heads carry their numbers on the map, in colour too.
    let map = screen.split(separator: "\n").dropLast(2).map { String($0.prefix(45)) }
    #expect(map.contains { $0.contains("1") } && map.contains { $0.contains("2") }, "\(screen)")
    try session.send(":")
    try session.sendBytes("gd.lr 0.09")
    try session.send("Enter")
    try session.waitFor("the refusal naming the labels") {
      $0.contains("2 gd runs are shown: name one by its label (1, 2)")
    }
    try session.send(":")
    try session.sendBytes("2.lr 0.09")
    try session.send("Enter")
    try session.waitFor("the change") { $0.contains("2 (gd lr=0.11) lr 0.09 (r restarts with it)") }
    try session.send("q")
    let end = try session.waitFor("the exit") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
  }
}
