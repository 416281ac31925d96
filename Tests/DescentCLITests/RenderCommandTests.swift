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
    #expect(try descent("render", "--style", "beamer").status == 64)
    // A turn to the left is a negative number, read as the value, not as a flag.
    let left = try descent("render", "--3d", "-30,35", "--size", "60x14", "--plain")
    #expect(left.status == 0, "\(left.stderr)")
    #expect(try descent("render", "--trails", "some").status == 64)
  }

  /// `--style projector`: block heads, the graphite ramp unless --colormap says otherwise;
  /// `--trails hidden` leaves annealing its head alone. The SVG picture shows the same.
  @Test func theProjectorStyleAndTrails() throws {
    let plain = try descent(
      "render", "rosenbrock", "--size", "80x24", "--plain", "--style", "projector", "--trails",
      "hidden")
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout.contains("[1]") || plain.stdout.contains("▐1▌"))
    let screen = try descent("render", "rosenbrock", "--size", "80x24", "--plain")
    #expect(!screen.stdout.contains("▐1▌"))
    // Graphite's lightest grey (0x8A8A8A) is in the projector's SVG, viridis's yellow is not.
    let svg = try descent(
      "render", "rosenbrock", "--size", "80x24", "--format", "svg", "--style", "projector")
    #expect(svg.status == 0)
    #expect(svg.stdout.contains("#8a8a8a") || svg.stdout.contains("#8A8A8A"))
    #expect(!svg.stdout.lowercased().contains("#fde725"))
    let viridis = try descent(
      "render", "rosenbrock", "--size", "80x24", "--format", "svg", "--style", "projector",
      "--colormap", "viridis")
    #expect(viridis.stdout.lowercased().contains("#fde725"))
  }

  // MARK: - --format svg

  /// The cells of `python3 svg_cells.py`'s reading of an SVG frame.
  struct SVGCells: Decodable {
    var width: Int
    var height: Int
    var rows: [String]
    var upper: [[String?]]
    var lower: [[String?]]
    var fill: [[String?]]
    var covered: Bool
    var painted: Bool
    var frames: Int
  }

  /// Writes `svg` to a file and reads it back with Python's XML parser.
  func readSVG(_ svg: String) throws -> SVGCells {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-\(UUID().uuidString).svg")
    try svg.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let read = try python("svg_cells.py", [file.path])
    try #require(read.status == 0, "not well-formed XML: \(read.stderr)")
    return try JSONDecoder().decode(SVGCells.self, from: Data(read.stdout.utf8))
  }

  /// The colours of each cell of ANSI text, `#rrggbb` where a true-colour SGR set one, and
  /// whether the cell is in reverse video.
  func ansiCells(_ text: String) -> [[(glyph: Character, fg: String?, bg: String?, reverse: Bool)]]
  {
    text.split(separator: "\n").map { line in
      var cells: [(Character, String?, String?, Bool)] = []
      var (fg, bg, reverse): (String?, String?, Bool) = (nil, nil, false)
      var rest = Substring(line)
      while let first = rest.first {
        if first == "\u{1B}", let end = rest.firstIndex(of: "m") {
          let codes = rest[rest.index(rest.startIndex, offsetBy: 2)..<end].split(separator: ";")
            .map { Int($0)! }
          var i = 0
          while i < codes.count {
            switch codes[i] {
            case 0: (fg, bg, reverse) = (nil, nil, false)
            case 7: reverse = true
            case 38, 48:
              let hex = String(format: "#%02x%02x%02x", codes[i + 2], codes[i + 3], codes[i + 4])
              if codes[i] == 38 { fg = hex } else { bg = hex }
              i += 4
            default: break
            }
            i += 1
          }
          rest = rest[rest.index(after: end)...]
        } else {
          cells.append((first, fg, bg, reverse))
          rest = rest.dropFirst()
        }
      }
      return cells
    }
  }

  @Test func svgIsThePictureOfTheTrueColourFrame() throws {
    let scene = ["render", "rosenbrock", "--size", "80x24", "--steps", "200", "--arrows"]
    let svg = try descent(arguments: scene + ["--format", "svg"])
    let plain = try descent(arguments: scene + ["--plain"])
    let ansi = try descent(arguments: scene + ["--color", "truecolor"])
    #expect(svg.status == 0 && plain.status == 0 && ansi.status == 0, "\(svg.stderr)")
    #expect(svg.stdout.hasPrefix("<?xml"))
    let picture = try readSVG(svg.stdout)
    #expect(picture.width == 80 && picture.height == 24)
    #expect(picture.covered, "every pixel is painted by exactly one rect")
    // The text row by row is the frame's glyphs; the heatmap's half blocks are rects.
    let cells = ansiCells(ansi.stdout)
    try #require(cells.count == 24 && cells.allSatisfy { $0.count == 80 })
    let glyphs = cells.map { String($0.map { $0.glyph == "▀" ? " " : $0.glyph }) }
    #expect(picture.rows == glyphs)
    // On the monochrome tier the text is the plain frame, glyph for glyph.
    let mono = try readSVG(
      try descent(arguments: scene + ["--format", "svg", "--color", "none"]).stdout)
    #expect(mono.rows == plain.stdout.split(separator: "\n").map(String.init))
    var compared = 0
    for y in 0..<24 {
      for x in 0..<80 where !cells[y][x].reverse {
        let cell = cells[y][x]
        if let bg = cell.bg {
          #expect(picture.lower[y][x] == bg, "cell \(x),\(y)")
          compared += 1
        }
        if let fg = cell.fg, cell.glyph == "▀" { #expect(picture.upper[y][x] == fg) }
        if let fg = cell.fg, cell.glyph != "▀", cell.glyph != " " {
          #expect(picture.fill[y][x] == fg, "cell \(x),\(y) \(cell.glyph)")
        }
      }
    }
    #expect(compared > 80 * 20)
  }

  /// `--axes` puts the ticks and the colour bar in the frame, and so in its SVG picture:
  /// the picture's text rows are the frame's.
  @Test func svgShowsTheAxes() throws {
    let scene = ["render", "himmelblau", "--size", "80x24", "--steps", "60", "--axes"]
    let plain = try descent(arguments: scene + ["--plain"])
    #expect(plain.status == 0, "\(plain.stderr)")
    for label in ["┴-5", "┴0", "┴5", " 0┤", "-2┤", " loss (log)", "─5167"] {
      #expect(plain.stdout.contains(label), "\(label) missing:\n\(plain.stdout)")
    }
    let mono = try readSVG(
      try descent(arguments: scene + ["--format", "svg", "--color", "none"]).stdout)
    #expect(mono.rows == plain.stdout.split(separator: "\n").map(String.init))
    let picture = try readSVG(try descent(arguments: scene + ["--format", "svg"]).stdout)
    let text = picture.rows.joined(separator: "\n")
    #expect(text.contains("┴0") && text.contains(" 0┤") && text.contains("loss (log)"))
    #expect(picture.covered)
  }

  /// A network scene's map is the plane through weight space: its axes are α and β.
  @Test func aNetworkPlanesAxesAreAlphaAndBeta() throws {
    let frame = try descent(
      "render", "moons-small", "--axes", "--size", "60x20", "--steps", "5", "--plain")
    #expect(frame.status == 0, "\(frame.stderr)")
    let lines = frame.stdout.split(separator: "\n").map(String.init)
    try #require(lines.count == 20)
    #expect(lines[0].hasPrefix(" β") && lines[17].hasSuffix(" α "), "\(frame.stdout)")
  }

  @Test func svgIsTrueColourWhateverTheTerminal() throws {
    let process = Process()
    process.executableURL = descentBinary
    process.arguments = ["render", "--size", "50x15", "--format", "svg"]
    process.environment = ["NO_COLOR": "1", "TERM": "dumb"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let picture = try readSVG(output)
    #expect(Set(picture.lower.joined()).count > 30, "the heatmap's many colours")
    // --color still chooses: none draws only the default colours.
    let none = try readSVG(
      try descent("render", "--size", "50x15", "--format", "svg", "--color", "none").stdout)
    let colours = Set((none.upper + none.lower + none.fill).joined().compactMap { $0 })
    #expect(colours == ["#141414", "#dcdcdc"])
  }

  @Test func formatPlainIsPlainAndConflictsAreUsageErrors() throws {
    let plain = try descent("render", "--size", "60x20", "--plain")
    #expect(try descent("render", "--size", "60x20", "--format", "plain").stdout == plain.stdout)
    #expect(try descent("render", "--size", "60x20", "--format", "plain", "--plain").status == 0)
    let ansi = try descent("render", "--size", "60x20", "--format", "ansi", "--color", "256")
    #expect(ansi.stdout == (try descent("render", "--size", "60x20", "--color", "256")).stdout)
    #expect(ansi.stdout.contains("38;5;"))
    let conflict = try descent("render", "--plain", "--format", "svg")
    #expect(conflict.status == 64)
    #expect(conflict.stderr.contains("--plain"))
    #expect(try descent("render", "--format", "png").status == 64)
  }

  /// The README's picture is this command's output, byte for byte, so it cannot drift from
  /// what descent draws. Re-record with `DESCENT_RECORD_SNAPSHOTS=1`.
  @Test(arguments: [
    ("rosenbrock.svg", ["render", "rosenbrock", "--format", "svg", "--size", "100x30"]),
    (
      "rosenbrock-projector.svg",
      [
        "render", "rosenbrock", "--format", "svg", "--size", "100x30", "--style", "projector",
        "--trails", "recent",
      ]
    ),
  ])
  func readmePictureIsTheRenderOutput(name: String, command: [String]) throws {
    let result = try descent(arguments: command)
    #expect(result.status == 0)
    let file = repository.appendingPathComponent("docs/" + name)
    if ProcessInfo.processInfo.environment["DESCENT_RECORD_SNAPSHOTS"] == "1" {
      try result.stdout.write(to: file, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: file, encoding: .utf8)
    #expect(
      committed == result.stdout,
      "docs/\(name) is not `descent \(command.joined(separator: " "))`; re-record with DESCENT_RECORD_SNAPSHOTS=1"
    )
    let readme = try String(
      contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("(docs/\(name))"))
    #expect(readme.contains("descent \(command.joined(separator: " ")) > docs/\(name)"))
  }

  // MARK: - --from-cast

  /// Writes `text` to a fresh file and returns its path.
  func temporaryFile(_ text: String, _ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-cast-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test func aRecordingBecomesAnAnimationAndItsLastFrame() throws {
    let cast = try temporaryFile(
      """
      {"version":2,"width":12,"height":2}
      [0.0,"o","\\u001b[?25l\\u001b[0m\\u001b[H\\u001b[2J\\u001b[1;1H\\u001b[0;1mstep 1"]
      [0.5,"i","q"]
      [1.0,"o","\\u001b[1;6H\\u001b[0;38;2;255;0;0m2\\u001b[2;1H\\u001b[0m<&>"]

      """, "talk.cast")
    let plain = try descent("render", "--from-cast", cast.path, "--format", "plain")
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(plain.stdout == "step 2      \n<&>         \n")
    let svg = try descent("render", "--from-cast", cast.path, "--format", "svg")
    #expect(svg.status == 0)
    let picture = try readSVG(svg.stdout)
    #expect(picture.frames == 2)
    #expect(picture.rows == ["step 2      ", "<&>         "])
    #expect(picture.fill[0][5] == "#ff0000")
    #expect(svg.stdout.contains("keyTimes=\"0;0.3333\" dur=\"3s\""))
    #expect(svg.stdout.contains("<title>descent: talk.cast</title>"))
    let ansi = try descent("render", "--from-cast", cast.path)
    #expect(ansi.stdout.contains("\u{1B}[0;38;2;255;0;0m2"))
  }

  @Test func aRecordingThatCannotBeReadIsAnError() throws {
    let bad = try temporaryFile(
      "{\"version\":2,\"width\":12,\"height\":2}\n[0.1,\"o\",\"\\u001b[2A\"]\n", "bad.cast")
    let result = try descent("render", "--from-cast", bad.path, "--format", "svg")
    #expect(result.status == 65)
    #expect(result.stderr.contains("line 2: unsupported escape sequence"), "\(result.stderr)")
    #expect(try descent("render", "--from-cast", "/nonexistent/talk.cast").status == 66)
    let conflict = try descent("render", "rosenbrock", "--from-cast", bad.path)
    #expect(conflict.status == 64)
    #expect(conflict.stderr.contains("SCENE"))
    #expect(try descent("render", "--from-cast", bad.path, "--size", "80x24").status == 64)
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
