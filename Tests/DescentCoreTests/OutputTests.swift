import DescentCore
import Foundation
import Testing

@Suite struct OutputTests {
  @Test func controlCharactersAreSpelledOut() {
    #expect("x+\u{1B}[31mRED".escapingControlCharacters == "x+\\e[31mRED")
    #expect("\u{1B}]0;title\u{07}".escapingControlCharacters == "\\e]0;title\\x07")
    #expect(
      "a\rb\u{00}c\u{7F}d\u{9B}e\u{85}".escapingControlCharacters
        == "a\\rb\\x00c\\x7fd\\x9be\\x85")
    // Newlines and tabs are the message's own layout; other text is left alone.
    #expect(
      "line 1\n\tline 2: αβ ∇f ▀\\e".escapingControlCharacters == "line 1\n\tline 2: αβ ∇f ▀\\e")
  }

  /// A run whose rows do not fit the buffer is computed twice, its rows written as they come
  /// the second time: the document is the same, byte for byte, as with every row buffered.
  @Test(arguments: ["rosenbrock", "rastrigin", "linreg-minibatch", "moons-small"])
  func jsonIsTheSameWhetherRowsAreBufferedOrComputedAgain(scene name: String) throws {
    let scene = try #require(
      SceneLibrary.builtin(named: name)
        ?? SceneLibrary.networks.first {
          $0.name == name
        })
    let kinds = scene.network == nil ? OptimizerKind.allCases : [.gd, .adam]
    let optimizers = try kinds.map { try scene.optimizer($0, overrides: ["population": 5]) }
    func json(bufferedPoints: Int) throws -> (text: String, runs: Int) {
      var text = ""
      var runs = 0
      _ = try TrajectoryFormat.json(
        runs: optimizers.count, surface: scene.surface, scene: scene.name,
        network: scene.network, bufferedPoints: bufferedPoints,
        run: { index, each in
          runs += 1
          var objective = scene.objective()
          return try Trajectory.record(
            optimizers[index], from: scene.start, steps: 40, on: &objective, each: each)
        },
        write: { text += $0 })
      return (text, runs)
    }
    let buffered = try json(bufferedPoints: .max)
    let again = try json(bufferedPoints: 0)
    #expect(buffered.runs == optimizers.count)
    #expect(again.runs == 2 * optimizers.count)
    #expect(again.text == buffered.text)
    let parsed = try JSONSerialization.jsonObject(with: Data(buffered.text.utf8)) as? [String: Any]
    #expect((parsed?["runs"] as? [Any])?.count == optimizers.count)
  }
}
