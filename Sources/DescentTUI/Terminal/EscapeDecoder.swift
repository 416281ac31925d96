import DescentRender

/// Decodes what a terminal sends after an Esc (0x1B) that ncurses did not recognise as a key
/// itself: cursor keys in normal mode (`ESC [ A`) as well as application mode (`ESC O A`),
/// Home and End, old-style X10 and SGR mouse clicks and drags, bracketed pastes, focus events, cursor
/// position reports, operating-system commands, and Alt held with a key (`ESC a`). Only an
/// Esc that nothing follows is the Esc key; anything else becomes the key it stands for, or
/// is ignored, said on the message line when a person typed it. Esc and a printable
/// character that begin no sequence (nothing follows `ESC [` or `ESC P`) are
/// `Event.escapeThen`: Alt with the key, or Esc pressed and the key within the escape delay,
/// which the model tells apart by what Esc does where it lands. Pure, so it is tested
/// without a terminal.
enum EscapeDecoder {
  enum Decoded: Equatable {
    /// An event for the model.
    case event(Event)
    /// Nothing to do; the message says why, or nil for terminal reports nobody typed
    /// (focus in and out, cursor position, colour replies, a mouse release).
    case ignored(String?)
    /// The sequence goes on: read another character.
    case incomplete
  }

  /// The longest sequence read before giving up on it (a paste without its end marker).
  static let maximumLength = 1 << 20

  /// Decodes `rest`, the characters after an Esc, and says how many of them it used. With
  /// `final`, no more characters will come (none arrived in time), so an unfinished sequence
  /// is decided as it stands.
  static func decode(_ rest: [Unicode.Scalar], final: Bool = false) -> (Decoded, used: Int) {
    guard let first = rest.first else {
      return final ? (.event(.key(.escape)), 0) : (.incomplete, 0)
    }
    if final && rest.count == 1 && "[O]P_^X".unicodeScalars.contains(first) {
      // A sequence's first character and nothing after it in time: Esc, then that key
      // pressed quickly (`[` turns the 3-D view, `P` and `X` are keys too), or Alt with it.
      return (.event(.escapeThen(Character(first))), 1)
    }
    switch first {
    case "\u{1B}":
      // Esc twice: the first is a key of its own.
      return (.event(.key(.escape)), 0)
    case "[":
      return csi(rest, final: final)
    case "O":
      guard rest.count >= 2 else { return (.incomplete, 0) }
      return (ss3(rest[1]), 2)
    case "]", "P", "_", "^", "X":
      // Operating-system command, device control string, and their kin: up to BEL or ST.
      for index in rest.indices.dropFirst() {
        if rest[index] == "\u{07}" { return (.ignored(nil), index + 1) }
        if rest[index] == "\\" && rest[index - 1] == "\u{1B}" { return (.ignored(nil), index + 1) }
      }
      return final || rest.count >= maximumLength ? (.ignored(nil), rest.count) : (.incomplete, 0)
    default:
      guard first.value >= 0x20 && first.value != 0x7F else {
        return (.ignored(unbound("Alt+" + name(first))), 1)
      }
      return (.event(.escapeThen(Character(first))), 1)
    }
  }

  /// Control sequences: `ESC [` parameters, intermediates, a final character.
  private static func csi(_ rest: [Unicode.Scalar], final: Bool) -> (Decoded, used: Int) {
    // X10 mouse: ESC [ M and three characters, each a value + 32.
    if rest.count >= 2 && rest[1] == "M" {
      guard rest.count >= 5 else {
        return final ? (.ignored(nil), rest.count) : (.incomplete, 0)
      }
      let button = Int(rest[2].value) - 32
      let column = Int(rest[3].value) - 33
      let row = Int(rest[4].value) - 33
      // The release (button 3) and the other buttons are ignored.
      guard column >= 0, row >= 0, let event = mouse(button: button, column: column, row: row)
      else { return (.ignored(nil), 5) }
      return (.event(event), 5)
    }
    var index = 1
    while index < rest.count, (0x30...0x3F).contains(rest[index].value) { index += 1 }
    let parameters = String(String.UnicodeScalarView(rest[1..<index]))
    while index < rest.count, (0x20...0x2F).contains(rest[index].value) { index += 1 }
    guard index < rest.count else {
      if rest.count >= maximumLength || final {
        return (
          .ignored("ignored an unfinished escape sequence"), rest.count
        )
      }
      return (.incomplete, 0)
    }
    let finalCharacter = rest[index]
    guard (0x40...0x7E).contains(finalCharacter.value) else {
      // An Esc cuts the sequence short and starts the next one: leave it to be read again.
      // Taken as part of this one, what follows it would be read as keys (`ESC [ . ESC P
      // + q ESC \` pressed q and quit).
      if finalCharacter == "\u{1B}" {
        return (.ignored("ignored an unfinished escape sequence"), index)
      }
      // Not a control sequence after all: drop what was read, this character included.
      return (.ignored("ignored an unknown escape sequence"), index + 1)
    }
    let used = index + 1
    let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map {
      Int($0)
    }
    let firstNumber = numbers.first ?? nil
    switch finalCharacter {
    case "A": return (.event(.key(.up)), used)
    case "B": return (.event(.key(.down)), used)
    case "C": return (.event(.key(.right)), used)
    case "D": return (.event(.key(.left)), used)
    case "H": return (.ignored(unbound("Home")), used)
    case "F": return (.ignored(unbound("End")), used)
    case "Z": return (.event(.key(.backTab)), used)
    case "I", "O", "R", "n", "c", "y", "t":
      // Focus in and out, cursor position and device status reports, device attributes:
      // the terminal answering, not a person typing.
      return (.ignored(nil), used)
    case "M" where parameters.hasPrefix("<"), "m" where parameters.hasPrefix("<"):
      // SGR mouse: ESC [ < button ; column ; row M (press) or m (release).
      let fields = parameters.dropFirst().split(separator: ";").map { Int($0) }
      if finalCharacter == "M", fields.count == 3, let button = fields[0], let column = fields[1],
        let row = fields[2], column >= 1, row >= 1,
        let event = mouse(button: button, column: column - 1, row: row - 1)
      {
        return (.event(event), used)
      }
      return (.ignored(nil), used)
    case "~":
      switch firstNumber {
      case 1, 7: return (.ignored(unbound("Home")), used)
      case 4, 8: return (.ignored(unbound("End")), used)
      case 5: return (.event(.key(.pageUp)), used)
      case 6: return (.event(.key(.pageDown)), used)
      case 200: return paste(rest, from: used, final: final)
      case 2: return (.ignored(unbound("Insert")), used)
      case 3: return (.ignored(unbound("Delete")), used)
      case .some(let n) where (11...34).contains(n):
        return (.ignored(unbound("a function key")), used)
      default: break
      }
    default: break
    }
    return (.ignored("ignored an unknown escape sequence"), used)
  }

  /// A mouse report's event: button 1 pressed is a click, and with the motion bit (32) set
  /// (reported while it is held, in button-event tracking, mode 1002) a drag. Other
  /// buttons, the wheel (64) and motion with no button held give nothing. Shift, Alt and
  /// Ctrl (4, 8, 16) are ignored.
  static func mouse(button: Int, column: Int, row: Int) -> Event? {
    let modifiers = 0b1_1100
    switch button & ~modifiers {
    case 0: return .click(column: column, row: row)
    case 32: return .drag(column: column, row: row)
    default: return nil
    }
  }

  /// A bracketed paste, `ESC [ 200 ~` … `ESC [ 201 ~`: ignored whole, so pasted text cannot
  /// press keys (a `q` in it would quit).
  private static func paste(_ rest: [Unicode.Scalar], from start: Int, final: Bool)
    -> (Decoded, used: Int)
  {
    let end: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
    if rest.count >= start + end.count {
      for index in start...(rest.count - end.count)
      where Array(rest[index..<index + end.count]) == end {
        return (.ignored("pasted text is ignored (\(index - start) characters)"), index + end.count)
      }
    }
    if final || rest.count >= maximumLength {
      return (.ignored("pasted text is ignored (\(rest.count - start) characters)"), rest.count)
    }
    return (.incomplete, 0)
  }

  /// `ESC O` and one character: cursor keys, Home, End and the keypad in application mode.
  private static func ss3(_ character: Unicode.Scalar) -> Decoded {
    switch character {
    case "A": return .event(.key(.up))
    case "B": return .event(.key(.down))
    case "C": return .event(.key(.right))
    case "D": return .event(.key(.left))
    case "M": return .event(.key(.enter))
    case "H": return .ignored(unbound("Home"))
    case "F": return .ignored(unbound("End"))
    case "P", "Q", "R", "S": return .ignored(unbound("a function key"))
    default: return .ignored("ignored an unknown escape sequence")
    }
  }

  static func unbound(_ key: String) -> String { "\(key) does nothing here; ? lists the keys" }

  /// A character as the message line can show it.
  private static func name(_ scalar: Unicode.Scalar) -> String {
    switch scalar.value {
    case 0..<0x20: return "Ctrl+" + String(Character(Unicode.Scalar(scalar.value + 0x40)!))
    case 0x7F: return "Backspace"
    default: return String(Character(scalar))
    }
  }
}
