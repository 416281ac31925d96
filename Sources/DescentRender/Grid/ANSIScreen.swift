/// Why terminal output cannot be read back into cells.
public struct ANSIReadError: Error, CustomStringConvertible, Sendable {
  public let description: String
}

/// A terminal screen that understands the output `Buffer.ansi` and `Buffer.ansiUpdate`
/// write, and nothing else, so a recording made by descent reads back into exactly the
/// cells it was made from: cursor positioning (`CSI row;col H`), clearing (`CSI 2J`), SGR
/// attributes and colours (reset, bold, dim, reverse, the 8 and 16 colours, `38;5;n` and
/// `38;2;r;g;b` and their backgrounds) and the cursor-visibility modes (ignored). Printable
/// characters are written at the cursor, which then moves right (to the next line after the
/// last column); carriage return and line feed move it as a terminal does.
public struct ANSIScreen: Sendable {
  public private(set) var buffer: Buffer
  private var x = 0
  private var y = 0
  private var pen = Cell.blank

  public init(width: Int, height: Int) {
    buffer = Buffer(width: width, height: height)
  }

  /// Applies `text` to the screen.
  public mutating func feed(_ text: String) throws(ANSIReadError) {
    var rest = Substring(text)
    while let first = rest.first {
      rest = rest.dropFirst()
      switch first {
      case "\u{1B}":
        guard rest.first == "[" else {
          throw ANSIReadError(description: "unsupported escape sequence ESC \(rest.prefix(1))")
        }
        rest = rest.dropFirst()
        guard let end = rest.firstIndex(where: { ("@"..."~").contains($0) }) else {
          throw ANSIReadError(description: "unfinished escape sequence")
        }
        try control(String(rest[..<end]), final: rest[end])
        rest = rest[rest.index(after: end)...]
      case "\r": x = 0
      case "\n": y += 1
      case "\r\n":
        x = 0
        y += 1
      default:
        if x >= buffer.width {
          x = 0
          y += 1
        }
        var cell = pen
        cell.symbol = first
        buffer[x, y] = cell
        x += 1
      }
    }
  }

  private mutating func control(_ parameters: String, final: Character) throws(ANSIReadError) {
    func unsupported() -> ANSIReadError {
      ANSIReadError(description: "unsupported escape sequence ESC [\(parameters)\(final)")
    }
    if parameters.hasPrefix("?") {
      guard final == "h" || final == "l" else { throw unsupported() }
      return
    }
    let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map {
      $0.isEmpty ? 0 : Int($0)
    }
    guard numbers.allSatisfy({ $0 != nil }) else { throw unsupported() }
    let values = numbers.map { $0! }
    switch final {
    case "H":
      y = max(1, values.first ?? 1) - 1
      x = max(1, values.count > 1 ? values[1] : 1) - 1
    case "J":
      guard values == [2] else { throw unsupported() }
      buffer = Buffer(width: buffer.width, height: buffer.height)
    case "m": try graphics(values.isEmpty ? [0] : values, unsupported)
    default: throw unsupported()
    }
  }

  private mutating func graphics(_ codes: [Int], _ unsupported: () -> ANSIReadError)
    throws(ANSIReadError)
  {
    var i = 0
    while i < codes.count {
      let code = codes[i]
      switch code {
      case 0: pen = .blank
      case 1: pen.attributes.insert(.bold)
      case 2: pen.attributes.insert(.dim)
      case 7: pen.attributes.insert(.reverse)
      case 22: pen.attributes.subtract([.bold, .dim])
      case 27: pen.attributes.remove(.reverse)
      case 30...37: pen.foreground = .indexed(UInt8(code - 30))
      case 39: pen.foreground = .default
      case 40...47: pen.background = .indexed(UInt8(code - 40))
      case 49: pen.background = .default
      case 90...97: pen.foreground = .indexed(UInt8(code - 90 + 8))
      case 100...107: pen.background = .indexed(UInt8(code - 100 + 8))
      case 38, 48:
        let color: Color
        if i + 2 < codes.count, codes[i + 1] == 5, (0...255).contains(codes[i + 2]) {
          color = .indexed(UInt8(codes[i + 2]))
          i += 2
        } else if i + 4 < codes.count, codes[i + 1] == 2,
          codes[(i + 2)...(i + 4)].allSatisfy({ (0...255).contains($0) })
        {
          color = .rgb(UInt8(codes[i + 2]), UInt8(codes[i + 3]), UInt8(codes[i + 4]))
          i += 4
        } else {
          throw unsupported()
        }
        if code == 38 { pen.foreground = color } else { pen.background = color }
      default: throw unsupported()
      }
      i += 1
    }
  }
}
