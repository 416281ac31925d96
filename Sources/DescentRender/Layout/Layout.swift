/// The panels a frame can show over its map.
public enum Panel: String, Sendable, Hashable, CaseIterable {
  case yAxis = "y axis"
  case xAxis = "x axis"
  case legend
  case colorBar = "colour bar"
  case description
  case help
  case caption
  case inspector
  case equations
  case network = "network panel"
  case lossPlot = "loss plot"
  case costCurve = "cost curve"
  case crossSection = "cross-section"
}

/// Where a frame's panels go: a rectangle for each panel that fits, placed in the order the
/// panels are asked for, as ratatui's `Layout` turns constraints into rectangles.
///
/// Every rectangle lies inside the area and no two share a cell, so a panel that draws only
/// inside its own (see `Buffer.draw(in:_:)`) cannot hide another. Each panel names the sizes
/// it can use, best first, and the places it prefers; of the places where a size fits, it
/// takes the one hiding the least of what it must keep clear (heads, then landmarks, then,
/// for the caption, paths). A panel that fits nowhere is dropped, and `dropped` says so.
public struct Layout: Sendable {
  /// A place in the area: a corner, the middle of an edge, or the centre.
  public enum Anchor: Sendable, Hashable {
    case topLeft, top, topRight, bottomLeft, bottom, bottomRight, center
  }

  public struct Size: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
      self.width = width
      self.height = height
    }
  }

  /// A cell the panels should leave visible.
  public struct KeepClear: Sendable, Hashable {
    public enum Kind: Int, Sendable, Hashable, CaseIterable {
      /// A cell of a path or of a swarm.
      case path
      /// The start, a minimum, a saddle.
      case landmark
      /// Where an optimizer is now.
      case head

      /// What hiding one such cell costs.
      var weight: Int {
        switch self {
        case .path: 100
        case .landmark: 300
        case .head: 1000
        }
      }
    }

    public var x: Int
    public var y: Int
    public var kind: Kind
    public init(x: Int, y: Int, kind: Kind) {
      self.x = x
      self.y = y
      self.kind = kind
    }
  }

  /// What one panel asks for.
  public struct Request: Sendable {
    public var panel: Panel
    /// The sizes the panel can draw in, best first; the last is its minimum.
    public var sizes: [Size]
    /// Where it would go, best first. When a place is taken, the panel also tries sliding
    /// from it, away from the area's edge, until it clears what is in the way.
    public var anchors: [Anchor]
    /// Cells kept free between the panel and the area's edges (and panels it slides past).
    public var margin = 0
    /// What the panel must not hide.
    public var avoids: Set<KeepClear.Kind> = [.head, .landmark]
    /// Whether a smaller size that hides less beats a larger one that hides more (a plot
    /// can shrink; a caption or an inspector cut short loses words).
    public var shrinksToAvoid = false

    public init(
      _ panel: Panel, sizes: [Size], anchors: [Anchor], margin: Int = 0,
      avoids: Set<KeepClear.Kind> = [.head, .landmark], shrinksToAvoid: Bool = false
    ) {
      self.panel = panel
      self.sizes = sizes
      self.anchors = anchors
      self.margin = margin
      self.avoids = avoids
      self.shrinksToAvoid = shrinksToAvoid
    }
  }

  /// The area the panels share.
  public let area: Rect
  /// The panels placed, in the order they were asked for.
  public private(set) var placed: [(panel: Panel, rect: Rect)] = []
  /// The panels asked for that fit nowhere.
  public private(set) var dropped: [Panel] = []

  /// Places `requests` in order: each takes the best place left by those before it.
  public init(area: Rect, requests: [Request], keepClear: [KeepClear] = []) {
    self.area = area
    let cost = CostTable(area: area, points: keepClear)
    for request in requests {
      if let rect = Self.place(request, in: area, around: placed.map(\.rect), cost: cost) {
        placed.append((request.panel, rect))
      } else {
        dropped.append(request.panel)
      }
    }
  }

  /// The rectangle `panel` got, if it was placed.
  public subscript(panel: Panel) -> Rect? {
    placed.first { $0.panel == panel }?.rect
  }

  // MARK: - Placing one panel

  static func place(_ request: Request, in area: Rect, around taken: [Rect], cost: CostTable)
    -> Rect?
  {
    let marks = cost.marks(avoided: request.avoids)
    // Compared lexicographically: the first component decides, the rest break ties.
    typealias Score = (Int, Int, Int, Int)
    var best: (score: Score, rect: Rect)? = nil
    func consider(_ rect: Rect, sizeRank: Int, anchorRank: Int, slideRank: Int) {
      guard area.contains(rect), !taken.contains(where: { $0.intersects(rect) }) else { return }
      var hidden = 0
      for mark in marks where rect.contains(x: mark.x, y: mark.y) { hidden += mark.weight }
      let score =
        request.shrinksToAvoid
        ? (hidden, sizeRank, anchorRank, slideRank) : (sizeRank, hidden, anchorRank, slideRank)
      if best == nil || score < best!.score { best = (score, rect) }
    }
    for (sizeRank, size) in request.sizes.enumerated()
    where size.width > 0 && size.height > 0 && size.width <= area.width
      && size.height <= area.height
    {
      // A panel that does not shrink to avoid takes the first size that fits anywhere.
      if best != nil && !request.shrinksToAvoid { break }
      for (anchorRank, anchor) in request.anchors.enumerated() {
        let origin = position(of: size, at: anchor, in: area, margin: request.margin)
        let start = Rect(x: origin.x, y: origin.y, width: size.width, height: size.height)
        consider(start, sizeRank: sizeRank, anchorRank: anchorRank, slideRank: 0)
        for (k, direction) in slides(from: anchor).enumerated() {
          if let rect = slide(start, direction, past: taken, gap: request.margin, in: area) {
            consider(rect, sizeRank: sizeRank, anchorRank: anchorRank, slideRank: k + 1)
          }
        }
      }
    }
    return best?.rect
  }

  static func position(of size: Size, at anchor: Anchor, in area: Rect, margin: Int) -> (
    x: Int, y: Int
  ) {
    let left = area.x + margin
    let right = area.maxX - size.width - margin
    let middle = area.x + (area.width - size.width) / 2
    let top = area.y + margin
    let bottom = area.maxY - size.height - margin
    let centre = area.y + (area.height - size.height) / 2
    switch anchor {
    case .topLeft: return (left, top)
    case .top: return (middle, top)
    case .topRight: return (right, top)
    case .bottomLeft: return (left, bottom)
    case .bottom: return (middle, bottom)
    case .bottomRight: return (right, bottom)
    case .center: return (middle, centre)
    }
  }

  enum Direction { case up, down, left, right }

  /// The directions a panel may slide from `anchor`: away from the edges it hugs.
  static func slides(from anchor: Anchor) -> [Direction] {
    switch anchor {
    case .topLeft: [.down, .right]
    case .top: [.down, .left, .right]
    case .topRight: [.down, .left]
    case .bottomLeft: [.up, .right]
    case .bottom: [.up, .left, .right]
    case .bottomRight: [.up, .left]
    case .center: [.down, .up, .left, .right]
    }
  }

  /// `rect` moved along `direction` just past every taken rectangle in its way, or nil if
  /// that leaves the area.
  static func slide(
    _ rect: Rect, _ direction: Direction, past taken: [Rect], gap: Int, in area: Rect
  ) -> Rect? {
    var r = rect
    for _ in 0...taken.count {
      let blocking = taken.filter { $0.intersects(r) }
      if blocking.isEmpty { return area.contains(r) ? r : nil }
      switch direction {
      case .down: r.y = blocking.map(\.maxY).max()! + gap
      case .up: r.y = blocking.map(\.y).min()! - r.height - gap
      case .right: r.x = blocking.map(\.maxX).max()! + gap
      case .left: r.x = blocking.map(\.x).min()! - r.width - gap
      }
      if !area.contains(r) { return nil }
    }
    return nil
  }

  // MARK: - What a rectangle hides

  struct Mark {
    var x: Int
    var y: Int
    var weight: Int
  }

  /// The keep-clear cells by kind, each cell once per kind.
  struct CostTable: Sendable {
    let points: [[(x: Int, y: Int)]]

    init(area: Rect, points: [KeepClear]) {
      var byKind = [[(x: Int, y: Int)]](repeating: [], count: KeepClear.Kind.allCases.count)
      var seen = Set<KeepClear>()
      for p in points where area.contains(x: p.x, y: p.y) && seen.insert(p).inserted {
        byKind[p.kind.rawValue].append((p.x, p.y))
      }
      self.points = byKind
    }

    /// The cells of the kinds `avoided`, each with what hiding it costs.
    func marks(avoided: Set<KeepClear.Kind>) -> [Mark] {
      KeepClear.Kind.allCases.filter(avoided.contains).flatMap { kind in
        points[kind.rawValue].map { Mark(x: $0.x, y: $0.y, weight: kind.weight) }
      }
    }
  }
}
