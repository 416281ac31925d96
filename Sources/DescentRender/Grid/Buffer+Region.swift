extension Buffer {
  /// Runs `body` on a buffer the size of `rect` that starts as a copy of the cells under it,
  /// then copies it back: a panel drawn this way, in its own coordinates, cannot touch a
  /// cell outside its rectangle. Cells are copied as they are, so wide characters survive
  /// the round trip; one cut by the rectangle's edge is blanked.
  public mutating func draw(in rect: Rect, _ body: (inout Buffer) -> Void) {
    var region = Buffer(width: rect.width, height: rect.height)
    region.ascii = ascii
    region.copyCells(from: self, at: (rect.x, rect.y), to: (0, 0))
    body(&region)
    copyCells(from: region, at: (0, 0), to: (rect.x, rect.y))
  }
}
