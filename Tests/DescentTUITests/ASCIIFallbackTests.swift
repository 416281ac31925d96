import DescentCore
import DescentRender
import Testing

@testable import DescentTUI

/// Without a UTF-8 locale (`LANG=C`) every cell of every frame is ASCII, and every
/// non-ASCII glyph has a real spelling, not `?`.
@Suite struct ASCIIFallbackTests {
  /// The cells of a frame that are not ASCII.
  static func problems(_ frame: Buffer) -> [String] {
    var found: [String] = []
    for y in 0..<frame.height {
      for x in 0..<frame.width where !frame[x, y].symbol.isASCII {
        found.append("\(frame[x, y].symbol) at \(x),\(y)")
      }
    }
    return found
  }

  /// Every text the built-in lessons, scenes and key table can show has an ASCII spelling:
  /// no character of it becomes `?`.
  @Test func everyBuiltinTextHasASpelling() {
    var texts = KeyTable.rows.flatMap { [$0.keys, $0.help, $0.short] }
    for lesson in LessonLibrary.builtins {
      texts += [lesson.title, lesson.summary] + lesson.steps.map(\.caption)
    }
    for scene in SceneLibrary.builtins { texts += [scene.title, scene.description] }
    for text in texts {
      let spelled = ASCIIFallback.text(text)
      #expect(spelled.allSatisfy { $0.isASCII })
      #expect(
        spelled.filter { $0 == "?" }.count == text.filter { $0 == "?" }.count,
        "\(text)\n\(spelled)")
    }
  }

  static func check(_ m: inout Model, _ what: String) {
    let frame = m.frame()
    let found = problems(frame)
    #expect(found.isEmpty, "\(what): \(found.prefix(5))\n\(frame.plainText)")
  }

  /// Every scene, with every combination of the inspector, the loss plot, the model panel,
  /// the help and the arrows (contours and finite differences with half of them), in colour;
  /// none and all of them in monochrome.
  @Test(arguments: SceneLibrary.builtins.map(\.name))
  func everySceneAndPanelCombination(scene: String) throws {
    for tier in [ColorTier.xterm256, .none] {
      let scenes = SceneLibrary.builtins
      let index = try #require(scenes.firstIndex { $0.name == scene })
      var m = Model(
        scenes: scenes, sceneIndex: index, tier: tier, unicode: false, width: 90, height: 26)
      m.type("...")
      // Monochrome changes glyphs, not panels: the extremes suffice there.
      for combination in tier == .none ? [0, 31] : Array(0..<32) {
        var k = m
        let keys = ["i", "p", "n", "?", "g"]
        for (bit, key) in keys.enumerated() where combination & (1 << bit) != 0 { k.type(key) }
        if combination.isMultiple(of: 2) { k.type("cd.") }
        Self.check(
          &k, "\(scene) \(tier) keys \(keys.indices.filter { combination & (1 << $0) != 0 })")
      }
      // The inspector on each shown optimizer in turn, with the messages keys leave.
      var k = m
      k.type("pg")
      for _ in k.runs {
        k.type("i")
        Self.check(&k, "\(scene) \(tier) inspector \(k.message)")
      }
      for key in ["+", "-", "u", "r", "<", ">", "z", "L", "m"] {
        k.type(key)
        Self.check(&k, "\(scene) \(tier) after \(key): \(k.message)")
      }
    }
  }

  /// Every step of every lesson: captions, titles and the scenes they set up.
  @Test(arguments: LessonLibrary.builtins.map(\.name))
  func everyLessonStep(name: String) throws {
    let scenes = SceneLibrary.builtins
    var m = Model(scenes: scenes, tier: .xterm256, unicode: false, width: 120, height: 40)
    let lesson = try #require(LessonLibrary.builtin(named: name))
    m.play(lesson)
    for k in lesson.steps.indices {
      if k > 0 { _ = m.update(.key(.right)) }
      for _ in 0..<5 { _ = m.update(.tick(0.2)) }
      Self.check(&m, "\(name) step \(k + 1)")
    }
  }

  @Test func spellings() {
    #expect(ASCIIFallback.text("174 ∇f") == "174 grad f")
    #expect(ASCIIFallback.text("|∇f| 2.5") == "|grad f| 2.5")
    #expect(ASCIIFallback.text("m̂ and v̂") == "m^ and v^")
    #expect(ASCIIFallback.text("1 − β₁ᵗ") == "1 - beta1^t")
    #expect(ASCIIFallback.text("lr < 2/λmax") == "lr < 2/lambda max")
    #expect(ASCIIFallback.text("café, naïve") == "cafe, naive")
    #expect(ASCIIFallback.text("→ next  ← back") == "-> next  <- back")
    #expect(ASCIIFallback.text("日本") == "??")
    #expect(ASCIIFallback.glyph("↖") == "\\")
    #expect(ASCIIFallback.glyph("●") == "*")
  }
}
