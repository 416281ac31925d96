/// The points of a path to draw, bounded by design: recent points are kept at full
/// resolution, older ones are thinned, so a run of a million steps costs no more to hold or
/// draw than a run of a few thousand.
public struct Trail: Sendable, Equatable {
  /// The most points a trail holds.
  public let capacity: Int
  public private(set) var points: [SIMD2<Double>] = []

  public init(capacity: Int = 2048) {
    self.capacity = max(8, capacity)
    points.reserveCapacity(self.capacity)
  }

  public init(_ points: [SIMD2<Double>], capacity: Int = 2048) {
    self.init(capacity: capacity)
    for p in points { append(p) }
  }

  /// Adds a point. When the trail is full, every other point of its older half is dropped.
  public mutating func append(_ point: SIMD2<Double>) {
    if points.count >= capacity {
      let half = points.count / 2
      var thinned: [SIMD2<Double>] = []
      thinned.reserveCapacity(capacity)
      for i in stride(from: 0, to: half, by: 2) { thinned.append(points[i]) }
      thinned.append(contentsOf: points[half...])
      points = thinned
    }
    points.append(point)
  }

  public mutating func removeAll() { points.removeAll(keepingCapacity: true) }

  /// Drops the newest point (rewinding one step). Thinned older points stay thinned.
  public mutating func removeLast() {
    if !points.isEmpty { points.removeLast() }
  }
}
