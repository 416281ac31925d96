import DescentRender
import Testing

@testable import DescentTUI

/// What follows an Esc: only an Esc that nothing follows quits; every sequence a terminal
/// sends is decoded or ignored whole, so none of its characters acts as a key.
@Suite struct EscapeDecoderTests {
  /// Decodes `text` (after its leading Esc) as the terminal would once no more input comes.
  func decode(_ text: String) -> (EscapeDecoder.Decoded, used: Int) {
    var rest = Array(text.unicodeScalars)
    if rest.first == "\u{1B}" { rest.removeFirst() }
    // Fed one character at a time, as a slow link would deliver them.
    for count in 0..<rest.count {
      let (decoded, used) = EscapeDecoder.decode(Array(rest[..<count]))
      if decoded != .incomplete { return (decoded, used) }
    }
    let (decoded, used) = EscapeDecoder.decode(rest)
    return decoded == .incomplete ? EscapeDecoder.decode(rest, final: true) : (decoded, used)
  }

  /// An Esc inside a control sequence cuts it short and is left to start the next one:
  /// `ESC [ . ESC P + q ESC \` was read as an unknown sequence that took the second Esc,
  /// then P, +, q as keys, and q quit the view.
  @Test func anEscInsideASequenceStartsTheNextOne() {
    for text in ["[.\u{1B}P+q\u{1B}\\", "[1\u{1B}P+q\u{1B}\\", "[1;\u{1B}q"] {
      let rest = Array(text.unicodeScalars)
      let (decoded, used) = EscapeDecoder.decode(rest)
      #expect(
        decoded == .ignored("ignored an unfinished escape sequence"), "\(text.debugDescription)")
      #expect(rest[used] == "\u{1B}", "\(text.debugDescription): used \(used)")
      // What follows is decoded as a sequence of its own, never as the key q.
      let (next, _) = EscapeDecoder.decode(Array(rest[(used + 1)...]))
      #expect(next != .event(.key(.character("q"))))
    }
  }

  @Test func aLoneEscIsTheEscKey() {
    #expect(EscapeDecoder.decode([]) == (.incomplete, 0))
    #expect(EscapeDecoder.decode([], final: true) == (.event(.key(.escape)), 0))
    // Esc Esc: the first is a key; the second is read again.
    #expect(EscapeDecoder.decode(["\u{1B}"]) == (.event(.key(.escape)), 0))
  }

  @Test(arguments: [
    ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
    ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
    ("\u{1B}[1;5A", .up), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
    ("\u{1B}[Z", .backTab),
  ])
  func cursorKeysInBothModes(sequence: String, key: Key) {
    let (decoded, used) = decode(sequence)
    #expect(decoded == .event(.key(key)))
    #expect(used == sequence.unicodeScalars.count - 1)
  }

  @Test(arguments: [
    ("\u{1B}[H", "Home does nothing here"), ("\u{1B}[F", "End does nothing here"),
    ("\u{1B}OH", "Home does nothing here"), ("\u{1B}[1~", "Home does nothing here"),
    ("\u{1B}[4~", "End does nothing here"), ("\u{1B}\u{01}", "Alt+Ctrl+A does nothing here"),
    ("\u{1B}[15~", "a function key does nothing here"),
    ("\u{1B}[200~qqq\u{1B}[201~", "pasted text is ignored (3 characters)"),
    ("\u{1B}[99x", "ignored an unknown escape sequence"),
  ])
  func unboundInputIsSaidOnTheMessageLine(sequence: String, message: String) throws {
    let (decoded, used) = decode(sequence)
    guard case .ignored(let text?) = decoded else {
      Issue.record("\(decoded) for \(sequence.debugDescription)")
      return
    }
    #expect(text.hasPrefix(message))
    #expect(used == sequence.unicodeScalars.count - 1)
  }

  @Test(arguments: [
    "\u{1B}[I", "\u{1B}[O", "\u{1B}[12;40R", "\u{1B}]11;rgb:0000/0000/0000\u{07}",
    "\u{1B}]0;title\u{1B}\\", "\u{1B}[<0;10;5m", "\u{1B}[M#!!",
  ])
  func terminalReportsAreIgnoredSilently(sequence: String) {
    let (decoded, used) = decode(sequence)
    #expect(decoded == .ignored(nil))
    #expect(used == sequence.unicodeScalars.count - 1)
  }

  @Test func mouseClicksInBothEncodings() {
    // X10: button 0 + 32, then column and row + 33.
    #expect(decode("\u{1B}[M !!").0 == .event(.click(column: 0, row: 0)))
    #expect(decode("\u{1B}[M *+").0 == .event(.click(column: 9, row: 10)))
    // SGR: 1-based column and row; M presses, m releases.
    #expect(decode("\u{1B}[<0;10;5M").0 == .event(.click(column: 9, row: 4)))
  }

  /// Button-event tracking (1002) reports motion while a button is held: button 1 with the
  /// motion bit (32) is a drag, in SGR and X10 alike; Shift, Alt and Ctrl held change
  /// nothing. Releases, other buttons, the wheel and motion with no button are ignored
  /// whole (none of their characters acts as a key).
  @Test(arguments: [
    ("\u{1B}[<32;12;5M", Event.drag(column: 11, row: 4)),
    ("\u{1B}[<32;200;60M", .drag(column: 199, row: 59)),
    ("\u{1B}[<36;12;5M", .drag(column: 11, row: 4)),
    ("\u{1B}[<48;1;1M", .drag(column: 0, row: 0)),
    ("\u{1B}[<4;3;7M", .click(column: 2, row: 6)),
    ("\u{1B}[M@*+", .drag(column: 9, row: 10)),
  ])
  func mouseDrags(sequence: String, event: Event) {
    let (decoded, used) = decode(sequence)
    #expect(decoded == .event(event))
    #expect(used == sequence.unicodeScalars.count - 1)
  }

  @Test(arguments: [
    "\u{1B}[<0;12;5m", "\u{1B}[<32;12;5m", "\u{1B}[<35;12;5M", "\u{1B}[<33;12;5M",
    "\u{1B}[<34;12;5M", "\u{1B}[<1;12;5M", "\u{1B}[<2;12;5M", "\u{1B}[<64;12;5M",
    "\u{1B}[<65;12;5M", "\u{1B}[<96;12;5M", "\u{1B}[M#*+", "\u{1B}[MC*+", "\u{1B}[M`*+",
  ])
  func otherMouseReportsAreIgnoredWhole(sequence: String) {
    let (decoded, used) = decode(sequence)
    #expect(decoded == .ignored(nil), "\(sequence.debugDescription)")
    #expect(used == sequence.unicodeScalars.count - 1)
  }

  /// A paste ends only at its end marker; everything in it, keys and sequences, is ignored.
  @Test func aPasteIsIgnoredWhole() {
    let paste = "\u{1B}[200~q\u{1B}[A\u{1B}x\u{1B}[201~"
    let rest = Array(paste.unicodeScalars.dropFirst())
    #expect(EscapeDecoder.decode(Array(rest.prefix(10))) == (.incomplete, 0))
    let (decoded, used) = EscapeDecoder.decode(rest)
    #expect(decoded == .ignored("pasted text is ignored (6 characters)"))
    #expect(used == rest.count)
    // What follows a sequence is left for the next read.
    #expect(EscapeDecoder.decode(Array("[Aq".unicodeScalars)) == (.event(.key(.up)), 2))
  }

  /// An unfinished sequence, once nothing more comes, is dropped whole.
  @Test func anUnfinishedSequenceIsDropped() {
    #expect(EscapeDecoder.decode(["[", "1", ";"], final: true).0 != .event(.key(.escape)))
    #expect(EscapeDecoder.decode(["[", "1", ";"], final: true).used == 3)
  }

  /// Esc and then a key within the escape delay arrive together (`ESC e`): they are not a
  /// sequence, and the key is kept, for the model to take as Esc then the key (or Alt with
  /// it). A sequence's first character with nothing after it (`ESC [`, `ESC P`) is one too.
  @Test(arguments: ["e", "q", ":", "é", " "])
  func escAndAPrintableKeyAreEscThenTheKey(key: String) {
    let (decoded, used) = decode("\u{1B}" + key)
    #expect(decoded == .event(.escapeThen(Character(key))))
    #expect(used == 1)
  }

  @Test(arguments: ["[", "O", "P", "X", "]", "^", "_"])
  func aSequencesFirstCharacterAloneIsEscThenTheKey(key: String) {
    let rest = Array(key.unicodeScalars)
    #expect(EscapeDecoder.decode(rest) == (.incomplete, 0))
    #expect(EscapeDecoder.decode(rest, final: true) == (.event(.escapeThen(Character(key))), 1))
  }
}

/// What `ESC key` does in the model: where Esc closes something, Esc and then the key, so a
/// key pressed quickly after closing the command line or the picker is not lost; where Esc
/// quits, Alt with the key, which means nothing (it does not quit).
@Suite struct EscapeThenKeyTests {
  @Test func escThenAKeyClosesTheCommandLineAndPressesTheKey() throws {
    var m = try model("rosenbrock", visible: [.gd])
    m.type(":gd.l")
    #expect(m.commandLine != nil)
    _ = m.update(.escapeThen("e"))
    #expect(m.commandLine == nil && m.showEquations)
  }

  @Test func escThenAKeyClosesThePickerAndPressesTheKey() throws {
    var m = try model("rosenbrock", visible: [.gd])
    m.type("o")
    #expect(m.picker != nil)
    _ = m.update(.escapeThen("x"))
    #expect(m.picker == nil && m.axes)
  }

  @Test func inTheViewItIsAltWithTheKeyAndDoesNothing() throws {
    var m = try model("rosenbrock", visible: [.gd])
    let effect = m.update(.escapeThen("q"))
    #expect(effect != .quit && !m.showEquations)
    #expect(m.message == EscapeDecoder.unbound("Alt+q"))
  }
}
