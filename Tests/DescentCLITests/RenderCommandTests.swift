import DescentRender
import Foundation
import Testing

@Suite struct RenderCommandTests {
  @Test(arguments: [
    (100, 30), (41, 13), (120, 40), (77, 21), (40, 12), (39, 11), (8, 3), (201, 61),
  ])
  func plainIsExactlyHLinesOfWColumns(width: Int, height: Int) throws {
    let result = try descent("render", "--size", "\(width)x\(height)", "--plain", "--steps", "20")
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == height)
    for line in lines { #expect(line.count == width, "line of \(line.count) columns: \(line)") }
    #expect(!result.stdout.contains("\u{1B}"))
  }

  @Test func defaultsTo100x30WhenNotATerminal() throws {
    let result = try descent("render", "--plain", "--steps", "1")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 30 && lines.allSatisfy { $0.count == 100 })
  }

  @Test(arguments: ["truecolor", "256", "16", "8", "none"])
  func colouredOutputKeepsItsShape(tier: String) throws {
    let result = try descent(
      "render", "himmelblau", "--size", "64x20", "--color", tier, "--contours", "--arrows",
      "--colormap", "magma")
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 20)
    for line in lines {
      // Strip SGR sequences; what is left is exactly the width.
      let visible = line.replacingOccurrences(
        of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
      #expect(visible.count == 64)
      #expect(line.hasSuffix("\u{1B}[0m"), "every line ends with a reset")
    }
    if tier == "truecolor" { #expect(result.stdout.contains("\u{1B}[0;38;2;")) }
    if tier == "256" { #expect(result.stdout.contains("38;5;")) }
  }

  @Test func noColorMeansNoColour() throws {
    let process = Process()
    process.executableURL = descentBinary
    process.arguments = ["render", "--size", "50x15"]
    process.environment = ["NO_COLOR": "1", "TERM": "xterm-256color"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(!output.contains("38;"))
  }

  @Test func badSizeAndColormapAreUsageErrors() throws {
    #expect(try descent("render", "--size", "0x10").status == 64)
    #expect(try descent("render", "--size", "wide").status == 64)
    #expect(try descent("render", "--colormap", "jet").status == 64)
    #expect(try descent("render", "--color", "12").status == 64)
  }
}

/// The legend's loss keeps every digit or gives up precision, at 40 and 46 columns.
@Suite struct NarrowLegendTests {
  @Test(arguments: [
    (["goldstein-price"], 40, "loss 7e3"),
    (["goldstein-price"], 46, "loss 6829"),
    (["--expr", "1e5*(x^2+y^2)+123456", "--start", "1.5,1.5"], 40, "loss 6e5"),
    (["--expr", "1e5*(x^2+y^2)+123456", "--start", "1.5,1.5"], 46, "loss 573456"),
  ])
  func lossIsNeverCut(surface: [String], width: Int, expected: String) throws {
    let result = try descent(
      arguments: ["render"] + surface + ["--steps", "0", "--size", "\(width)x12", "--plain"])
    #expect(result.status == 0, "\(result.stderr)")
    let legend = result.stdout.split(separator: "\n").prefix(6)
    for line in legend where line.contains("loss") {
      #expect(line.hasSuffix(expected) || line.contains(expected + " "), "\(line)")
    }
    #expect(legend.filter { $0.contains("loss") }.count >= 2)
  }
}

/// A scene titled in Japanese, with a combining accent, renders with every character whole
/// and every line exactly as wide as asked, plain and coloured.
@Suite struct WideTitleRenderTests {
  @Test(arguments: ["plain", "256"])
  func japaneseTitle(mode: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-wide-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("bowl-ja.toml")
    let title = "日本語の曲面 cafe\u{301}"
    try """
    format = 1
    title = "\(title)"
    f = "x^2 + y^2"

    [view]
    x = [-3.0, 3.0]
    y = [-3.0, 3.0]
    """.write(to: file, atomically: true, encoding: .utf8)
    let options = mode == "plain" ? ["--plain"] : ["--color", mode]
    let result = try descent(
      arguments: ["render", file.path, "--size", "100x20", "--steps", "5"] + options)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 20)
    for line in lines {
      let visible = line.replacingOccurrences(
        of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
      #expect(DisplayWidth.of(visible) == 100, "\(visible)")
    }
    #expect(result.stdout.contains(title))
    #expect(!result.stdout.contains("?"))
  }
}
