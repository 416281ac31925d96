import DescentCore
import DescentRender
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An SVG picture read back with an XML parser: the colour of every pixel (a cell's upper or
/// lower half) as painted by its `rect`s, and the glyphs and colours of its `text`s placed in
/// the cells their x positions and baselines name.
struct SVGPicture {
  var attributes: [String: String] = [:]
  var title: String?
  var width = 0
  var height = 0
  /// Fill of each pixel row (2 per cell row), painted in document order.
  var pixels: [[String?]] = []
  /// How many rects cover each pixel.
  var coverage: [[Int]] = []
  var rectCount = 0
  var glyphs: [[Character]] = []
  var glyphFill: [[String?]] = []
  var bold: [[Bool]] = []

  /// The rows of glyphs, each ended by a newline, as `Buffer.plainText` writes them.
  var text: String { glyphs.map { String($0) + "\n" }.joined() }

  /// The `animate` elements read, in order.
  var animations: [[String: String]] = []

  /// Reads `svg`; of an animation (groups of frames), only frames 0…`upToFrame` if given.
  init(_ svg: String, upToFrame: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let reader = Reader()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = reader
    let parsed = parser.parse()
    #expect(
      parsed, "not well-formed XML: \(String(describing: parser.parserError))",
      sourceLocation: sourceLocation)
    try #require(parsed)
    attributes = reader.root
    title = reader.title
    let box = (attributes["viewBox"] ?? "").split(separator: " ").compactMap { Int($0) }
    try #require(box.count == 4 && box[0] == 0 && box[1] == 0)
    width = box[2] / 8
    height = box[3] / 16
    pixels = Array(repeating: Array(repeating: nil, count: width), count: 2 * height)
    coverage = Array(repeating: Array(repeating: 0, count: width), count: 2 * height)
    glyphs = Array(repeating: Array(repeating: " ", count: width), count: height)
    glyphFill = Array(repeating: Array(repeating: nil, count: width), count: height)
    bold = Array(repeating: Array(repeating: false, count: width), count: height)
    // In document order: a later rect covers the glyphs drawn before it in its cells.
    var frame = -1
    for (name, element, characters, depth) in reader.elements {
      if name == "g" && depth == 3 {
        frame += 1
        if let upToFrame, frame > upToFrame { break }
      }
      if name == "rect" {
        func number(_ key: String) throws -> Int { try #require(Int(element[key] ?? "")) }
        let (x, y, w, h) = (
          try number("x"), try number("y"), try number("width"), try number("height")
        )
        try #require(x % 8 == 0 && w % 8 == 0 && y % 8 == 0 && h % 8 == 0, "\(element)")
        rectCount += 1
        for row in (y / 8)..<((y + h) / 8) {
          for column in (x / 8)..<((x + w) / 8) {
            pixels[row][column] = element["fill"]
            coverage[row][column] += 1
            glyphs[row / 2][column] = " "
            glyphFill[row / 2][column] = nil
          }
        }
      }
      if name == "text" {
        let xs = (element["x"] ?? "").split(separator: " ").map { Int($0)! }
        let baseline = try #require(Int(element["y"] ?? ""))
        let row = (baseline - 12) / 16
        try #require(xs.count == characters.count, "one x per character: \(element)")
        for (x, character) in zip(xs, characters) {
          try #require(x % 8 == 0)
          glyphs[row][x / 8] = character
          glyphFill[row][x / 8] = element["fill"]
          bold[row][x / 8] = element["font-weight"] == "bold"
        }
      }
      if name == "animate" { animations.append(element) }
    }
  }

  final class Reader: NSObject, XMLParserDelegate {
    var root: [String: String] = [:]
    /// Every element in document order: name, attributes, text content, depth (svg is 1).
    var elements: [(String, [String: String], [Character], Int)] = []
    var title: String?
    private var depth = 0
    private var current = ""

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      depth += 1
      current = ""
      if name == "svg" { root = attributes }
      elements.append((name, attributes, [], depth))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      if name == "text", let last = elements.lastIndex(where: { $0.0 == "text" }) {
        elements[last].2 = Array(current)
      }
      if name == "title" { title = current }
      current = ""
      depth -= 1
    }
  }
}

/// `#rrggbb` of a direct colour, or nil for any other kind.
func hexOf(_ color: Color) -> String? {
  guard case .rgb(let r, let g, let b) = color else { return nil }
  return String(format: "#%02x%02x%02x", r, g, b)
}

@Suite struct SVGTests {
  /// Every cell of a true-colour frame, read back from its SVG: its glyph, the colour of its
  /// two pixels and of its glyph.
  @Test(arguments: [(80, 24), (41, 13), (120, 40)])
  func trueColourFrameReadsBackCellByCell(width: Int, height: Int) throws {
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.gd, .momentum, .adam, .anneal], steps: 300, width: width,
      height: height, tier: .truecolor
    ) {
      $0.contours = true
      $0.arrows = true
      $0.message = "rosenbrock & <friends>"
    }
    let svg = buffer.svg(title: state.message)
    let picture = try SVGPicture(svg)
    #expect(picture.attributes["width"] == "\(width * 8)")
    #expect(picture.attributes["height"] == "\(height * 16)")
    #expect(picture.title == "rosenbrock & <friends>")
    #expect(picture.width == width && picture.height == height)
    #expect(picture.coverage.allSatisfy { $0.allSatisfy { $0 == 1 } }, "rects tile the picture")
    let expectedText = String(buffer.plainText.map { $0 == "▀" ? " " : $0 })
    #expect(picture.text == expectedText, "\n\(picture.text)\n---\n\(expectedText)")
    var checked = 0
    for y in 0..<height {
      for x in 0..<width {
        let cell = buffer[x, y]
        guard cell.attributes.isDisjoint(with: [.reverse, .dim]) else { continue }
        let upper = picture.pixels[2 * y][x]
        let lower = picture.pixels[2 * y + 1][x]
        if let background = hexOf(cell.background) {
          #expect(lower == background, "cell \(x),\(y) \(cell)")
          if cell.symbol != "▀" { #expect(upper == background, "cell \(x),\(y) \(cell)") }
        }
        if let foreground = hexOf(cell.foreground) {
          if cell.symbol == "▀" {
            #expect(upper == foreground, "cell \(x),\(y) \(cell)")
          } else if cell.symbol != " " {
            #expect(picture.glyphFill[y][x] == foreground, "cell \(x),\(y) \(cell)")
          }
        }
        if cell.symbol != " " && cell.symbol != "▀" {
          #expect(picture.bold[y][x] == cell.attributes.contains(.bold))
        }
        checked += 1
      }
    }
    #expect(checked > width * height / 2)
    #expect(picture.rectCount < width * height, "equal colours are merged")
  }

  @Test func paletteTiersDrawTheirPaletteColours() throws {
    let (buffer, _) = try frame(
      "himmelblau", kinds: [.adam], steps: 50, width: 60, height: 20, tier: .xterm256)
    let picture = try SVGPicture(buffer.svg())
    var sampled = 0
    for y in stride(from: 0, to: 20, by: 3) {
      for x in stride(from: 0, to: 60, by: 7) where buffer[x, y].symbol == "▀" {
        guard case .indexed(let index) = buffer[x, y].background else { continue }
        let rgb = RGB.xterm[Int(index)]
        let hex = String(format: "#%02x%02x%02x", rgb.r, rgb.g, rgb.b)
        #expect(picture.pixels[2 * y + 1][x] == hex)
        sampled += 1
      }
    }
    #expect(sampled > 10)
  }

  @Test func monochromeUsesTheDefaultColoursAndReverse() throws {
    let (buffer, _) = try frame(
      "bowl", kinds: [.gd], steps: 10, width: 60, height: 20, tier: .none)
    let picture = try SVGPicture(buffer.svg())
    #expect(picture.text == buffer.plainText)
    // The status bar is reverse video: light background, dark glyphs.
    let bar = (0..<20).first { buffer[1, $0].attributes.contains(.reverse) }
    let y = try #require(bar)
    #expect(picture.pixels[2 * y][0] == "#dcdcdc")
    #expect(picture.glyphFill[y].contains("#141414"))
    #expect(picture.pixels[0][0] == "#141414")
  }

  @Test func aUniformBufferIsOneRectangle() throws {
    let buffer = Buffer(width: 30, height: 10, filling: Cell(background: .hex(0x123456)))
    let picture = try SVGPicture(buffer.svg())
    #expect(picture.rectCount == 1)
    #expect(picture.pixels[19][29] == "#123456")
  }

  @Test func specialCharactersAreEscaped() throws {
    var buffer = Buffer(width: 12, height: 2)
    buffer.write("a<&>\"'b]]>", x: 1, y: 1, style: Style())
    buffer[0, 0] = Cell("\u{7}")
    let picture = try SVGPicture(buffer.svg(title: "<&\"'>"))
    #expect(picture.title == "<&\"'>")
    #expect(picture.text == "?           \n a<&>\"'b]]> \n")
  }

  /// The whole document for a small buffer: half blocks as two rectangles, merged runs,
  /// defaults, reverse, bold and escaping.
  @Test func smallBufferGolden() {
    var buffer = Buffer(width: 4, height: 2, filling: Cell(background: .hex(0x0000FF)))
    buffer[0, 0] = Cell("▀", foreground: .hex(0xFF0000), background: .hex(0x0000FF))
    buffer[1, 0] = Cell("▀", foreground: .hex(0xFF0000), background: .hex(0x0000FF))
    buffer.write("<b", x: 2, y: 0, style: Style(foreground: .indexed(9), attributes: .bold))
    buffer.write("ok", x: 0, y: 1, style: Style(attributes: .reverse))
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
      <title>x</title>
      <g shape-rendering="crispEdges">
      <rect x="0" y="0" width="16" height="8" fill="#ff0000"/>
      <rect x="16" y="0" width="16" height="16" fill="#141414"/>
      <rect x="0" y="8" width="16" height="8" fill="#0000ff"/>
      <rect x="0" y="16" width="16" height="16" fill="#dcdcdc"/>
      <rect x="16" y="16" width="16" height="16" fill="#0000ff"/>
      </g>
      <g font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace" \
      font-size="13">
      <text x="16 24" y="12" fill="#ff0000" font-weight="bold">&lt;b</text>
      <text x="0 8" y="28" fill="#141414">ok</text>
      </g>
      </svg>

      """
    let svg = buffer.svg(title: "x")
    #expect(svg == expected, "\n\(svg)")
  }
}
