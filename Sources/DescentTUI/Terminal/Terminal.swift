import CNCurses
import DescentRender

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why the terminal cannot be used.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
  public let description: String
  /// The exit status to end with: 69 (EX_UNAVAILABLE) for an unusable terminal, 73
  /// (EX_CANTCREAT) for a recording that cannot be written.
  public let code: Int32

  public init(description: String, code: Int32 = 69) {
    self.description = description
    self.code = code
  }
}

/// The only code that calls ncurses. It turns the renderer's buffers into ncurses cells,
/// caches colour pairs, writes only the cells that changed, and lets ncurses' own diff keep
/// the bytes on the wire small. `close()` restores the terminal; call it on every exit path.
final class Terminal {
  private let screen: OpaquePointer
  private(set) var width: Int
  private(set) var height: Int
  /// The colours ncurses reports (`COLORS`), 0 without colour.
  let colors: Int
  private var previous: Buffer?
  private var pairs: [PairKey: Int32] = [:]
  private var closed = false
  private let directColor: Bool
  /// Whether frames are written as SGR sequences by `Buffer.ansiUpdate` rather than through
  /// ncurses: for true colour on a terminal whose terminfo entry has no direct colour
  /// (`TERM=xterm-256color` with `COLORTERM=truecolor`), which ncurses cannot draw in. ncurses
  /// still reads the keys, tracks the size and sets the terminal's modes; its own screen
  /// stays blank, so it never draws over the frames.
  private(set) var writesRGB = false

  /// Columns that carry each row's signature: enough bits for any terminal's rows.
  private static let rowSignatureColumns = 12

  private struct PairKey: Hashable {
    var foreground: Color
    var background: Color
  }

  private init(screen: OpaquePointer, colors: Int) {
    self.screen = screen
    self.colors = colors
    self.directColor = colors >= 1 << 24
    self.width = Int(descent_cols())
    self.height = Int(descent_lines())
  }

  /// Takes over the terminal, or explains why it cannot.
  static func open() throws(TerminalError) -> Terminal {
    guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
      throw TerminalError(
        description: "the interactive view needs a terminal; use `descent run` or "
          + "`descent render` for output to a file or pipe")
    }
    let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
    guard !term.isEmpty else {
      throw TerminalError(description: "TERM is not set, so the terminal type is unknown")
    }
    guard let screen = descent_newterm() else {
      throw TerminalError(
        description: "unknown terminal type '\(term)' (no terminfo entry); try TERM=xterm-256color")
    }
    guard descent_has_cursor_addressing() != 0 else {
      endwin()
      delscreen(screen)
      throw TerminalError(
        description: "terminal type '\(term)' cannot move the cursor, so it cannot show the "
          + "interactive view; use `descent render` instead")
    }
    descent_capture_stderr()
    var colors = 0
    if has_colors() {
      start_color()
      use_default_colors()
      colors = Int(descent_colors())
    }
    cbreak()
    noecho()
    nonl()
    keypad(descent_stdscr(), true)
    idlok(descent_stdscr(), false)
    scrollok(descent_stdscr(), false)
    set_escdelay(escapeDelay)
    curs_set(0)
    descent_enable_mouse()
    return Terminal(screen: screen, colors: colors)
  }

  /// Draws RGB colours with SGR 38;2 and 48;2 written directly (see `writesRGB`).
  func writeRGBDirectly() {
    writesRGB = true
    invalidate()
  }

  /// Shows `buffer`, writing only the cells that differ from the last one shown. Returns the
  /// cells as they were handed to ncurses (`signed`), which look the same.
  @discardableResult
  func draw(_ buffer: Buffer) -> Buffer {
    let buffer = Self.signed(buffer)
    if writesRGB {
      // Whatever ncurses has pending (the clear after a resize) goes out first, so that it
      // cannot wipe the frame later; stdscr itself is never written, so ncurses then has
      // nothing more to draw.
      wnoutrefresh(descent_stdscr())
      doupdate()
      var update = buffer.ansiUpdate(from: previous, tier: .truecolor)
      update.withUTF8 { bytes in
        bytes.withMemoryRebound(to: CChar.self) { descent_write_stdout($0.baseAddress, $0.count) }
      }
      previous = buffer
      return buffer
    }
    let full =
      previous == nil || previous!.width != buffer.width || previous!.height != buffer.height
    if full { werase(descent_stdscr()) }
    for y in 0..<buffer.height {
      for x in 0..<buffer.width {
        let cell = buffer[x, y]
        if !full, let previous, previous[x, y] == cell { continue }
        // The right half of a wide character: ncurses fills it when it draws the left.
        if cell.isContinuation { continue }
        put(cell, x: x, y: y)
      }
    }
    previous = buffer
    wnoutrefresh(descent_stdscr())
    doupdate()
    return buffer
  }

  /// `buffer` with each map row's number spelled in its first columns. ncurses hashes a line
  /// by its characters alone, not their colours, so every heatmap row of ▀ looks the same to
  /// it: when a head moves down a row it "finds" the whole map scrolled, scrolls a region
  /// and repaints it, kilobytes for a change of a few cells. The first columns spell the row
  /// number in ▀ and ▄ with the colours swapped, which looks identical and makes every row's
  /// characters unique.
  static func signed(_ buffer: Buffer) -> Buffer {
    var result = buffer
    for y in 0..<buffer.height {
      for x in 0..<min(buffer.width, rowSignatureColumns) where (y >> x) & 1 == 1 {
        let cell = buffer[x, y]
        guard cell.symbol == "▀" else { continue }
        result[x, y] = Cell(
          "▄", foreground: cell.background, background: cell.foreground,
          attributes: cell.attributes)
      }
    }
    return result
  }

  /// Forgets what is on screen, so the next draw repaints everything.
  func invalidate() {
    previous = nil
    clearok(descent_stdscr(), true)
  }

  private func put(_ cell: Cell, x: Int, y: Int) {
    var attributes = attr_t(0)
    if cell.attributes.contains(.bold) { attributes |= descent_a_bold() }
    if cell.attributes.contains(.reverse) { attributes |= descent_a_reverse() }
    if cell.attributes.contains(.dim) { attributes |= descent_a_dim() }
    // Every scalar of the cluster (e + U+0301 is one cell), NUL-terminated.
    var text = cell.symbol.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
    text.append(0)
    _ = descent_put_cell(
      Int32(y), Int32(x), text, attributes, pair(cell.foreground, cell.background))
  }

  private func pair(_ foreground: Color, _ background: Color) -> Int32 {
    guard colors > 0 else { return 0 }
    if foreground == .default && background == .default { return 0 }
    let key = PairKey(foreground: foreground, background: background)
    if let pair = pairs[key] { return pair }
    let pair = alloc_pair(number(foreground), number(background))
    let result = pair < 0 ? 0 : pair
    pairs[key] = result
    return result
  }

  private func number(_ color: Color) -> Int32 {
    switch color {
    case .default: return -1
    case .indexed(let i): return Int32(i) < Int32(colors) ? Int32(i) : -1
    case .rgb(let r, let g, let b):
      guard directColor else { return -1 }
      // Direct-colour terminfo reads values below 8 as the ANSI colours.
      return max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
    }
  }

  /// Waits up to `timeout` milliseconds (forever if negative) for input, then drains what
  /// else is pending. Returns no events on a timeout or a signal.
  func read(timeout: Int32) -> [Event] {
    var events: [Event] = []
    var wait = timeout
    while let event = readOne(timeout: wait) {
      events.append(event)
      wait = 0
    }
    return events
  }

  /// One character (`key` false) or ncurses key code (`key` true) as read.
  private typealias Raw = (key: Bool, code: UInt32)
  /// What was read past the end of an escape sequence, to be read again first.
  private var readAhead: [Raw] = []

  private func readRaw(timeout: Int32) -> Raw? {
    if !readAhead.isEmpty { return readAhead.removeFirst() }
    wtimeout(descent_stdscr(), timeout)
    var character: wint_t = 0
    let status = wget_wch(descent_stdscr(), &character)
    if status == ERR { return nil }
    return (status == KEY_CODE_YES, UInt32(character))
  }

  /// The next event, skipping input that asks for nothing (a mouse release, a focus report).
  private func readOne(timeout: Int32) -> Event? {
    var wait = timeout
    while let raw = readRaw(timeout: wait) {
      wait = 0
      if let event = raw.key ? translate(keyCode: Int32(raw.code)) : translate(raw.code) {
        return event
      }
    }
    return nil
  }

  private func translate(keyCode code: Int32) -> Event? {
    switch code {
    case KEY_UP: return .key(.up)
    case KEY_DOWN: return .key(.down)
    case KEY_LEFT: return .key(.left)
    case KEY_RIGHT: return .key(.right)
    case KEY_NPAGE: return .key(.pageDown)
    case KEY_PPAGE: return .key(.pageUp)
    case descent_key_btab(): return .key(.backTab)
    case KEY_BACKSPACE: return .key(.backspace)
    case descent_key_enter(): return .key(.enter)
    case KEY_HOME: return .ignored(EscapeDecoder.unbound("Home"))
    case KEY_END: return .ignored(EscapeDecoder.unbound("End"))
    case descent_key_resize():
      width = Int(descent_cols())
      height = Int(descent_lines())
      invalidate()
      return .resize(width: width, height: height)
    case descent_key_mouse():
      var y: Int32 = 0
      var x: Int32 = 0
      if descent_read_click(&y, &x) == 0 { return .click(column: Int(x), row: Int(y)) }
      return nil  // a release, a move: nothing to do
    default:
      return .ignored(EscapeDecoder.unbound("that key"))
    }
  }

  private func translate(_ code: UInt32) -> Event? {
    switch code {
    case 27: return readEscapeSequence()
    case 8, 127: return .key(.backspace)
    case 10, 13: return .key(.enter)
    case 9: return .key(.tab)
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      return .key(.character(Character(scalar)))
    }
  }

  /// After an Esc that ncurses did not match to a key: reads the rest of the sequence and
  /// decodes it (`EscapeDecoder`). ncurses has waited `escapeDelay` for the character after
  /// the Esc, so a sequence's characters are normally all here; within a sequence the next
  /// may take up to `sequenceDelay` more (a slow link).
  private func readEscapeSequence() -> Event? {
    var rest: [Unicode.Scalar] = []
    while true {
      var (decoded, used) = EscapeDecoder.decode(rest)
      if decoded == .incomplete {
        let next = readRaw(timeout: rest.isEmpty ? 0 : Self.sequenceDelay)
        if let next, !next.key, let scalar = Unicode.Scalar(next.code) {
          rest.append(scalar)
          continue
        }
        if let next { readAhead.insert(next, at: 0) }
        (decoded, used) = EscapeDecoder.decode(rest, final: true)
      }
      readAhead.insert(contentsOf: rest[used...].map { (false, $0.value) }, at: 0)
      switch decoded {
      case .event(let event): return event
      case .ignored(let message): return message.map { .ignored($0) }
      case .incomplete: return nil
      }
    }
  }

  /// Milliseconds ncurses waits after an Esc for the rest of a key's sequence: long enough
  /// for the sequence to arrive over a network, short enough that Esc quits at once.
  static let escapeDelay: Int32 = 50
  /// Milliseconds to wait for the next character inside a sequence already begun.
  static let sequenceDelay: Int32 = 100

  /// Restores the terminal: cursor visible, echo on, colours reset, the screen as it was.
  func close() {
    guard !closed else { return }
    closed = true
    descent_disable_mouse()
    curs_set(1)
    endwin()
    delscreen(screen)
    descent_release_stderr()
  }

  deinit { close() }
}
