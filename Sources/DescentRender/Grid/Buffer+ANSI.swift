/// Writes a buffer as text with ANSI SGR colours, for `descent render`.
extension Buffer {
  /// Each row ends with a reset and a newline, so the output is exactly `height` lines of
  /// `width` columns with no colour left over.
  public func ansi(tier: ColorTier) -> String {
    var out = ""
    for y in 0..<height {
      var current: (Color, Color, Attributes)? = nil
      for x in 0..<width { Self.append(self[x, y], tier: tier, current: &current, to: &out) }
      out += "\u{1B}[0m\n"
    }
    return out
  }

  /// Appends `cell` to `out`, with an SGR sequence first if its style differs from `current`.
  /// A continuation cell appends nothing: the wide character before it covers it.
  static func append(
    _ cell: Cell, tier: ColorTier, current: inout (Color, Color, Attributes)?, to out: inout String
  ) {
    if cell.isContinuation { return }
    let style = (cell.foreground, cell.background, cell.attributes)
    if current == nil || current! != style {
      out += sgr(cell, tier: tier)
      current = style
    }
    out.append(cell.symbol)
  }

  static func sgr(_ cell: Cell, tier: ColorTier) -> String {
    var codes = ["0"]
    if cell.attributes.contains(.bold) { codes.append("1") }
    if cell.attributes.contains(.dim) { codes.append("2") }
    if cell.attributes.contains(.reverse) { codes.append("7") }
    if tier != .none {
      if let fg = code(cell.foreground, background: false) { codes.append(fg) }
      if let bg = code(cell.background, background: true) { codes.append(bg) }
    }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }

  static func code(_ color: Color, background: Bool) -> String? {
    switch color {
    case .default: return nil
    case .indexed(let i) where i < 8: return String((background ? 40 : 30) + Int(i))
    case .indexed(let i) where i < 16: return String((background ? 100 : 90) + Int(i) - 8)
    case .indexed(let i): return (background ? "48;5;" : "38;5;") + String(i)
    case .rgb(let r, let g, let b): return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
    }
  }
}

extension Buffer {
  /// The bytes that turn a terminal showing `previous` into one showing this buffer: cursor
  /// moves and SGR runs for the changed cells only, or a clear and every cell when there is
  /// no previous frame of the same size. Ends with attributes reset. A terminal emulator fed
  /// the updates of a sequence of frames shows the last frame.
  public func ansiUpdate(from previous: Buffer?, tier: ColorTier) -> String {
    let full = previous == nil || previous!.width != width || previous!.height != height
    var out = full ? "\u{1B}[0m\u{1B}[H\u{1B}[2J" : ""
    var current: (Color, Color, Attributes)? = nil
    for y in 0..<height {
      var x = 0
      while x < width {
        if !full && previous![x, y] == self[x, y] {
          x += 1
          continue
        }
        // A run starting on the right half of a wide character redraws the character.
        if self[x, y].isContinuation && x > 0 { x -= 1 }
        out += "\u{1B}[\(y + 1);\(x + 1)H"
        Self.append(self[x, y], tier: tier, current: &current, to: &out)
        x += 1
        while x < width && (full || previous![x, y] != self[x, y]) {
          Self.append(self[x, y], tier: tier, current: &current, to: &out)
          x += 1
        }
      }
    }
    if current != nil { out += "\u{1B}[0m" }
    return out
  }
}
