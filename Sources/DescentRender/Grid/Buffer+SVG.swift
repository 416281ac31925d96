/// Writes a buffer as an SVG picture, for `descent render --format svg`: a frame that stays
/// crisp at any size on a slide.
///
/// Each cell is `cellWidth` × `cellHeight` units (1:2, a terminal cell's shape), split into
/// two pixels of `cellWidth` × `cellHeight / 2`. A cell's background fills both pixels; the
/// half blocks `▀` and `▄` and the full block `█` are not text but their foreground painted
/// on the upper pixel, the lower or both, so the heatmap is exact rectangles. Equal colours
/// are merged: runs along each pixel row, then identical runs on consecutive rows, into one
/// `rect` each. Every other non-blank glyph is a `text` element in its foreground colour,
/// with one x position per character so the columns stay those of the grid whatever the
/// font's advance.
extension Buffer {
  /// Width of a cell in SVG units.
  public static let svgCellWidth = 8
  /// Height of a cell in SVG units: twice its width, as in a terminal.
  public static let svgCellHeight = 16
  /// The colour the terminal's default foreground is drawn in (a light grey).
  public static let svgDefaultForeground = RGB(hex: 0xDCDCDC)
  /// The colour the terminal's default background is drawn in (a near black).
  public static let svgDefaultBackground = RGB(hex: 0x141414)
  /// Monospace fonts, most specific first; glyph positions do not depend on the choice.
  public static let svgFontFamily =
    "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace"

  /// The buffer as a standalone SVG document, with `title` (if any) as its `<title>`.
  /// Colours are exact: `.rgb` as is, `.indexed` as the xterm palette entry (`RGB.xterm`),
  /// `.default` as `svgDefaultForeground` or `svgDefaultBackground`; reverse swaps a cell's
  /// two colours, dim draws its foreground halfway to its background, bold is a bold font.
  public func svg(title: String? = nil) -> String {
    let (w, h) = (Self.svgCellWidth, Self.svgCellHeight)
    let (pictureWidth, pictureHeight) = (width * w, height * h)
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(pictureWidth)" height="\(pictureHeight)" \
      viewBox="0 0 \(pictureWidth) \(pictureHeight)">

      """
    if let title { out += "<title>\(Self.xmlEscaped(title))</title>\n" }
    let (rects, texts) = svgElements()
    out += "<g shape-rendering=\"crispEdges\">\n" + rects + "</g>\n"
    out += "<g \(Self.svgFontAttributes)>\n" + texts + "</g>\n</svg>\n"
    return out
  }

  /// The attributes of the group that holds the text elements.
  static let svgFontAttributes = "font-family=\"\(svgFontFamily)\" font-size=\"13\""

  /// The `rect` and the `text` elements of the cells where `mask` is true (all cells when
  /// `mask` is nil), one element a line.
  func svgElements(mask: [Bool]? = nil) -> (rects: String, texts: String) {
    let (w, h) = (Self.svgCellWidth, Self.svgCellHeight)
    var rects = ""
    for rect in pixelRects(mask: mask) {
      rects +=
        "<rect x=\"\(rect.x * w)\" y=\"\(rect.y * h / 2)\" width=\"\(rect.width * w)\" "
        + "height=\"\(rect.height * h / 2)\" fill=\"\(Self.hex(rect.color))\"/>\n"
    }
    var texts = ""
    for y in 0..<height { appendText(row: y, mask: mask, to: &texts) }
    return (rects, texts)
  }

  /// The foreground and background `cell` is painted with.
  public static func svgColors(_ cell: Cell) -> (foreground: RGB, background: RGB) {
    var foreground = rgb(cell.foreground, default: svgDefaultForeground)
    var background = rgb(cell.background, default: svgDefaultBackground)
    if cell.attributes.contains(.reverse) { swap(&foreground, &background) }
    if cell.attributes.contains(.dim) { foreground = foreground.mixed(with: background, 0.5) }
    return (foreground, background)
  }

  /// `color` as sRGB, with `fallback` for the terminal's default.
  static func rgb(_ color: Color, default fallback: RGB) -> RGB {
    switch color {
    case .default: fallback
    case .indexed(let i): RGB.xterm[Int(i)]
    case .rgb(let r, let g, let b): RGB(r, g, b)
    }
  }

  /// Which pixels of a cell its foreground covers, for glyphs that are drawn as rectangles:
  /// (upper, lower), or nil for a glyph drawn as text.
  static func blockPixels(_ symbol: Character) -> (upper: Bool, lower: Bool)? {
    switch symbol {
    case "▀": (true, false)
    case "▄": (false, true)
    case "█": (true, true)
    default: nil
    }
  }

  // MARK: - Rectangles

  /// A rectangle of pixels (one pixel is a cell wide and half a cell high) of one colour.
  struct PixelRect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
    var color: RGB
  }

  /// The colour of every pixel, row by row (2 × `height` rows of `width`); nil for the
  /// pixels of cells outside `mask`.
  func pixelColors(mask: [Bool]? = nil) -> [[RGB?]] {
    var rows: [[RGB?]] = []
    rows.reserveCapacity(height * 2)
    for y in 0..<height {
      var upper: [RGB?] = []
      var lower: [RGB?] = []
      for x in 0..<width {
        if let mask, !mask[y * width + x] {
          upper.append(nil)
          lower.append(nil)
          continue
        }
        let cell = self[x, y]
        let (foreground, background) = Self.svgColors(cell)
        let block = Self.blockPixels(cell.symbol) ?? (false, false)
        upper.append(block.upper ? foreground : background)
        lower.append(block.lower ? foreground : background)
      }
      rows.append(upper)
      rows.append(lower)
    }
    return rows
  }

  /// The pixels as few rectangles: maximal runs of one colour along each pixel row, each
  /// extended down while the rows below hold the very same run. Ordered by top row, then
  /// column; they tile the picture (or the cells in `mask`) without overlapping.
  func pixelRects(mask: [Bool]? = nil) -> [PixelRect] {
    var finished: [PixelRect] = []
    // Runs still growing downwards, keyed by their column span.
    var open: [Int: PixelRect] = [:]
    for (y, row) in pixelColors(mask: mask).enumerated() {
      var next: [Int: PixelRect] = [:]
      var x = 0
      while x < row.count {
        guard let color = row[x] else {
          x += 1
          continue
        }
        var end = x + 1
        while end < row.count && row[end] == color { end += 1 }
        if var rect = open[x], rect.width == end - x, rect.color == color {
          rect.height += 1
          next[x] = rect
          open[x] = nil
        } else {
          next[x] = PixelRect(x: x, y: y, width: end - x, height: 1, color: color)
        }
        x = end
      }
      finished += open.values
      open = next
    }
    finished += open.values
    return finished.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
  }

  // MARK: - Text

  /// One `text` element per run of adjacent glyphs with the same colour and weight.
  func appendText(row y: Int, mask: [Bool]? = nil, to out: inout String) {
    func shown(_ x: Int) -> Bool {
      Self.isText(self[x, y].symbol) && mask.map { $0[y * width + x] } ?? true
    }
    var x = 0
    while x < width {
      let cell = self[x, y]
      guard shown(x) else {
        x += 1
        continue
      }
      let foreground = Self.svgColors(cell).foreground
      let bold = cell.attributes.contains(.bold)
      var end = x + 1
      while end < width, shown(end),
        Self.svgColors(self[end, y]).foreground == foreground,
        self[end, y].attributes.contains(.bold) == bold
      {
        end += 1
      }
      let positions = (x..<end).map { String($0 * Self.svgCellWidth) }.joined(separator: " ")
      let text = String((x..<end).map { self[$0, y].symbol })
      let baseline = y * Self.svgCellHeight + 12
      out +=
        "<text x=\"\(positions)\" y=\"\(baseline)\" fill=\"\(Self.hex(foreground))\""
        + (bold ? " font-weight=\"bold\"" : "") + ">\(Self.xmlEscaped(text))</text>\n"
      x = end
    }
  }

  /// Whether `symbol` is drawn as a glyph: not blank and not a block drawn as rectangles.
  static func isText(_ symbol: Character) -> Bool {
    symbol != " " && blockPixels(symbol) == nil
  }

  // MARK: - Encoding

  /// `#rrggbb`.
  static func hex(_ color: RGB) -> String {
    let digits = Array("0123456789abcdef")
    var out = "#"
    for channel in [color.r, color.g, color.b] {
      out.append(digits[Int(channel >> 4)])
      out.append(digits[Int(channel & 0xF)])
    }
    return out
  }

  /// `text` with XML's special characters as entities, safe in content and in attributes;
  /// characters XML 1.0 forbids (control characters, U+FFFE, U+FFFF) become `?`.
  static func xmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      if character.unicodeScalars.contains(where: {
        $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF
      }) {
        out.append("?")
        continue
      }
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(character)
      }
    }
    return out
  }
}
