import DescentCore

/// Several runs of one optimizer (`gd@lr=0.05`, `gd@lr=0.11`) share its colour in shades:
/// darker and lighter versions of it, so each still reads as gd and the runs stay apart.
///
/// The shades of a colour are the colour mixed towards black and towards white, ordered by
/// lightness, with any too close to its neighbour dropped (white has no lighter shade); the
/// `count` runs take `count` neighbouring shades centred on the colour itself. On the
/// 256-colour tier each shade is the nearest palette entry not taken by another shade of
/// the same colour. On 16 and 8 colours and without colour the shades are the colour
/// itself: there the heads and the legend are labelled with the runs' numbers.
extension Theme {
  /// How one run is tinted among the runs of its optimizer: `index` of `count`.
  public struct Shade: Sendable, Equatable, Hashable {
    public var index: Int
    public var count: Int
    public init(_ index: Int, of count: Int) {
      self.index = index
      self.count = count
    }
    /// The optimizer's own colour: the only run of it.
    public static let only = Shade(0, of: 1)
  }

  /// The least CIEDE2000 distance between two neighbouring shades of a colour.
  static let shadeSeparation = 12.0

  /// The shades of `base`, darkest first, and where `base` itself is among them.
  static func shadeLadder(_ base: RGB) -> (ladder: [RGB], base: Int) {
    let black = RGB(hex: 0x000000)
    let white = RGB(hex: 0xFFFFFF)
    let darker = [0.75, 0.6, 0.45, 0.28].map { base.mixed(with: black, $0) }
    let lighter = [0.3, 0.5, 0.68, 0.82].map { base.mixed(with: white, $0) }
    var ladder: [RGB] = []
    var baseIndex = 0
    for (i, candidate) in (darker + [base] + lighter).enumerated() {
      let isBase = i == darker.count
      if let last = ladder.last, last.deltaE2000(to: candidate) < shadeSeparation {
        // Too close to the rung below: a shade is dropped, the colour itself replaces it.
        if isBase {
          ladder[ladder.count - 1] = base
          baseIndex = ladder.count - 1
        }
        continue
      }
      if isBase { baseIndex = ladder.count }
      ladder.append(candidate)
    }
    return (ladder, baseIndex)
  }

  /// The RGB of `shade` of `kind`'s colour: for `count` runs, `count` neighbouring rungs of
  /// the ladder centred on the colour (shifted to fit), repeating past the ladder's length.
  public static func shadeRGB(_ kind: OptimizerKind, _ shade: Shade) -> RGB {
    let base = pathRGB(kind)
    guard shade.count > 1 else { return base }
    let (ladder, centre) = shadeLadder(base)
    let n = min(shade.count, ladder.count)
    let first = min(max(0, centre - (n - 1) / 2), ladder.count - n)
    return ladder[first + shade.index % n]
  }

  /// The palette entries of the shades of `kind` for `count` runs on the 256-colour tier:
  /// each the nearest entry to its shade that no earlier shade took.
  static func xterm256Shades(_ kind: OptimizerKind, count: Int) -> [UInt8] {
    let key = "\(kind.rawValue) \(count)"
    if let known = shadeCache.withLock({ shadeEntries[key] }) { return known }
    var taken: [UInt8] = []
    for index in 0..<count {
      let target = shadeRGB(kind, Shade(index, of: count))
      let lab = target.lab
      let free = (16..<256).filter { i in
        !taken.contains(UInt8(i))
          && taken.allSatisfy {
            RGB.xterm[i].deltaE2000(to: RGB.xterm[Int($0)]) >= shadeSeparation * 0.75
          }
      }
      func distance(_ i: Int) -> Double {
        let d = RGB.xtermLab[i] - lab
        return (d * d).sum()
      }
      let best = free.min { distance($0) < distance($1) } ?? Int(target.nearestXterm())
      taken.append(UInt8(best))
    }
    shadeCache.withLock { shadeEntries[key] = taken }
    return taken
  }

  private static let shadeCache = Lock()
  nonisolated(unsafe) private static var shadeEntries: [String: [UInt8]] = [:]

  /// The colour of a run's path and head: its optimizer's, in `shade`.
  public func path(_ kind: OptimizerKind, shade: Shade) -> Color {
    guard shade.count > 1 else { return path(kind) }
    switch tier {
    case .truecolor: return Theme.shadeRGB(kind, shade).color
    case .xterm256:
      let entries = Theme.xterm256Shades(kind, count: shade.count)
      return .indexed(entries[shade.index % entries.count])
    case .ansi16, .ansi8, .none: return path(kind)
    }
  }
}
