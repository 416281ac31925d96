extension Buffer {
  /// Runs `body` on a buffer the size of `rect` that starts as a copy of the cells under it,
  /// then copies it back: a panel drawn this way, in its own coordinates, cannot touch a
  /// cell outside its rectangle.
  public mutating func draw(in rect: Rect, _ body: (inout Buffer) -> Void) {
    var region = Buffer(width: rect.width, height: rect.height)
    for y in 0..<region.height {
      for x in 0..<region.width { region[x, y] = self[rect.x + x, rect.y + y] }
    }
    body(&region)
    for y in 0..<region.height {
      for x in 0..<region.width { self[rect.x + x, rect.y + y] = region[x, y] }
    }
  }
}
