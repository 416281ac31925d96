import DescentRender
import Foundation
import Testing

/// The cell buffer keeps a grapheme cluster in one cell and a wide character in two.
@Suite struct BufferTests {
  let style = Style()

  @Test func displayWidths() {
    #expect(DisplayWidth.of("a") == 1)
    #expect(DisplayWidth.of("e\u{301}" as Character) == 1)
    #expect(DisplayWidth.of("m\u{302}" as Character) == 1)
    #expect(DisplayWidth.of("日") == 2)
    #expect(DisplayWidth.of("ア") == 2)
    #expect(DisplayWidth.of("한") == 2)
    #expect(DisplayWidth.of("Ａ") == 2)
    #expect(DisplayWidth.of("😀") == 2)
    #expect(DisplayWidth.of("▀") == 1)
    #expect(DisplayWidth.of("∇") == 1)
    #expect(DisplayWidth.of("\u{301}" as Character) == 0)
    #expect(DisplayWidth.of("\u{200B}" as Character) == 0)
    #expect(DisplayWidth.of("勾配降下法") == 10)
    #expect(DisplayWidth.of("m̂ and v̂") == 7)
  }

  @Test func combiningMarkStaysWithItsCharacter() {
    var buffer = Buffer(width: 6, height: 1)
    let end = buffer.write("e\u{301}m\u{302}!", x: 0, y: 0, style: style)
    #expect(end == 3)
    #expect(buffer[0, 0].symbol == "e\u{301}")
    #expect(buffer[1, 0].symbol == "m\u{302}")
    #expect(buffer[2, 0].symbol == "!")
    #expect(buffer.plainText == "e\u{301}m\u{302}!   \n")
  }

  @Test func wideCharacterTakesTwoCells() {
    var buffer = Buffer(width: 7, height: 1)
    let end = buffer.write("a日本b", x: 0, y: 0, style: style)
    #expect(end == 6)
    #expect(buffer[1, 0].symbol == "日" && buffer[2, 0].isContinuation)
    #expect(buffer[3, 0].symbol == "本" && buffer[4, 0].isContinuation)
    #expect(buffer[5, 0].symbol == "b")
    // Plain text is one line of exactly 7 columns: 1 + 2 + 2 + 1 + 1.
    #expect(buffer.plainText == "a日本b \n")
    #expect(DisplayWidth.of(buffer.plainText.dropLast()) == 7)
  }

  @Test func wideCharacterThatDoesNotFitIsLeftOut() {
    var buffer = Buffer(width: 4, height: 1)
    #expect(buffer.write("ab日", x: 1, y: 0, style: style) == 3)
    #expect(buffer.plainText == " ab \n")
    var limited = Buffer(width: 8, height: 1)
    #expect(limited.write("日本語", x: 0, y: 0, style: style, limit: 5) == 4)
    #expect(limited.plainText == "日本    \n")
    // Set directly in the last column, a wide character becomes a space.
    var last = Buffer(width: 3, height: 1)
    last[2, 0] = Cell("日")
    #expect(last.plainText == "   \n")
  }

  @Test func overwritingEitherHalfClearsTheOther() {
    var buffer = Buffer(width: 6, height: 1)
    buffer.write("日本語", x: 0, y: 0, style: style)
    buffer[1, 0] = Cell("x")  // the right half of 日
    buffer[4, 0] = Cell("y")  // the left half of 語
    #expect(buffer.plainText == " x本y \n")
    buffer.write("漢", x: 2, y: 0, style: style)  // over 本 exactly
    #expect(buffer.plainText == " x漢y \n")
    buffer.write("字", x: 3, y: 0, style: style)  // over the right half of 漢 and y
    #expect(buffer.plainText == " x 字 \n")
  }

  @Test func controlCharactersShowAsQuestionMarks() {
    var buffer = Buffer(width: 4, height: 1)
    buffer.write("a\u{1B}[b", x: 0, y: 0, style: style)
    #expect(buffer.plainText == "a?[b\n")
  }

  @Test func ansiSkipsContinuationCells() {
    var buffer = Buffer(width: 5, height: 1)
    buffer.write("日e\u{301}", x: 0, y: 0, style: Style(foreground: .indexed(2)))
    let ansi = buffer.ansi(tier: .ansi8)
    let visible = ansi.replacingOccurrences(of: "\u{1B}[0;32m", with: "")
      .replacingOccurrences(of: "\u{1B}[0m", with: "")
    #expect(visible == "日e\u{301}  \n")
  }

  /// An update that changes a wide character redraws it whole, from its left half.
  @Test func updateRedrawsWideCharactersWhole() {
    var before = Buffer(width: 6, height: 1)
    before.write("ab日cd", x: 0, y: 0, style: style)
    var after = before
    after.write("本", x: 2, y: 0, style: style)
    #expect(after.ansiUpdate(from: before, tier: .none) == "\u{1B}[1;3H\u{1B}[0m本\u{1B}[0m")
    var narrower = before
    narrower.write("x", x: 3, y: 0, style: style)
    #expect(narrower.plainText == "ab xcd\n")
    let update = narrower.ansiUpdate(from: before, tier: .none)
    #expect(update == "\u{1B}[1;3H\u{1B}[0m x\u{1B}[0m")
  }
}
