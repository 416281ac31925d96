import DescentRender
import Foundation
import Testing

/// Golden grids in `Snapshots/`, compared cell by cell: the glyphs, and for coloured tiers
/// the foreground and background of every cell as one character each. Re-record with
/// `DESCENT_RECORD_SNAPSHOTS=1 swift test`.
enum Snapshot {
  static let recording = ProcessInfo.processInfo.environment["DESCENT_RECORD_SNAPSHOTS"] == "1"
  static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots")
  static let bundleFolder = Bundle.module.resourceURL!.appendingPathComponent("Snapshots")

  /// A readable text form of a buffer: the glyph grid, then (if any cell has a colour) a
  /// foreground grid and a background grid, with `.` for the default colour, `0`-`9` and
  /// `a`-`f` for the 16 ANSI colours, and `#` for anything else.
  static func text(_ buffer: Buffer) -> String {
    var out = "glyphs:\n" + buffer.plainText
    let colored = buffer.cells.contains { $0.foreground != .default || $0.background != .default }
    guard colored else { return out }
    for (name, pick) in [("foreground", \Cell.foreground), ("background", \Cell.background)] {
      out += "\(name):\n"
      for y in 0..<buffer.height {
        for x in 0..<buffer.width { out.append(code(buffer[x, y][keyPath: pick])) }
        out += "\n"
      }
    }
    return out
  }

  static func code(_ color: Color) -> Character {
    switch color {
    case .default: "."
    case .indexed(let i) where i < 16: Character(String(i, radix: 16))
    default: "#"
    }
  }

  /// Compares `buffer` with the golden file `name`, or records it.
  static func check(
    _ buffer: Buffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let actual = text(buffer)
    let file = "\(name).txt"
    if recording {
      try? FileManager.default.createDirectory(at: sourceFolder, withIntermediateDirectories: true)
      try? actual.write(
        to: sourceFolder.appendingPathComponent(file), atomically: true, encoding: .utf8)
      return
    }
    guard
      let expected = try? String(
        contentsOf: bundleFolder.appendingPathComponent(file), encoding: .utf8)
    else {
      Issue.record(
        "no snapshot \(file); record it with DESCENT_RECORD_SNAPSHOTS=1",
        sourceLocation: sourceLocation)
      return
    }
    if actual != expected {
      Issue.record(
        "snapshot \(file) differs\n--- expected\n\(expected)--- actual\n\(actual)",
        sourceLocation: sourceLocation)
    }
  }
}
