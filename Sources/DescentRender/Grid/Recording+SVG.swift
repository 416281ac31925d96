/// Writes a recording as one animated SVG, for `descent render --from-cast FILE --format svg`.
///
/// The first frame is drawn whole, as `Buffer.svg` draws a frame; each later frame is a group
/// of only the cells that changed, painted over the frames before it and made visible at its
/// time by a SMIL `animate` of its `visibility`, so frame k is what groups 0…k paint. The
/// animation lasts until the last frame plus `hold` seconds, then starts again. A viewer
/// that does not animate shows every group: the last frame.
extension Recording {
  public func svg(title: String? = nil, hold: Double = 2) -> String {
    let width = frames.map(\.buffer.width).max() ?? 0
    let height = frames.map(\.buffer.height).max() ?? 0
    let (pictureWidth, pictureHeight) = (
      width * Buffer.svgCellWidth, height * Buffer.svgCellHeight
    )
    let duration = (frames.last?.time ?? 0) + hold
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(pictureWidth)" height="\(pictureHeight)" \
      viewBox="0 0 \(pictureWidth) \(pictureHeight)">

      """
    if let title { out += "<title>\(Buffer.xmlEscaped(title))</title>\n" }
    out += "<g \(Buffer.svgFontAttributes)>\n"
    var previous: Buffer?
    for frame in frames {
      let buffer = frame.buffer
      var mask: [Bool]? = nil
      if let previous, previous.width == buffer.width, previous.height == buffer.height {
        let changed = zip(previous.cells, buffer.cells).map { $0 != $1 }
        guard changed.contains(true) else { continue }
        mask = changed
      }
      previous = buffer
      out += "<g>\n"
      let start = frame.time / duration
      if start > 0 {
        out +=
          "<animate attributeName=\"visibility\" values=\"hidden;visible\" "
          + "keyTimes=\"0;\(Self.fraction(start))\" dur=\"\(Self.fraction(duration))s\" "
          + "calcMode=\"discrete\" repeatCount=\"indefinite\"/>\n"
      }
      if mask == nil && (buffer.width < width || buffer.height < height) {
        // A resized screen covers whatever a larger one left.
        out +=
          "<rect x=\"0\" y=\"0\" width=\"\(pictureWidth)\" height=\"\(pictureHeight)\" "
          + "fill=\"\(Buffer.hex(Buffer.svgDefaultBackground))\"/>\n"
      }
      let (rects, texts) = buffer.svgElements(mask: mask)
      out += "<g shape-rendering=\"crispEdges\">\n" + rects + "</g>\n" + texts + "</g>\n"
    }
    out += "</g>\n</svg>\n"
    return out
  }

  /// `value` with at most 4 decimals and no trailing zeros.
  static func fraction(_ value: Double) -> String {
    var text = String((value * 10_000).rounded() / 10_000)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}
