import DescentCore

/// The ordered levels the heatmap is drawn with on one colour tier: colours whose lightness
/// strictly increases, or, without colour, glyphs that get denser.
public struct HeatRamp: Sendable, Equatable {
  /// Level colours, darkest first. Empty on the `none` tier, and for graphite on 16 and 8
  /// colours: the map is then drawn with `glyphs` in the terminal's own colours.
  public let colors: [Color]
  /// The sRGB value of each level, where known (for tests of lightness).
  public let rgb: [RGB]
  /// Shading glyphs, sparsest first, used when there are no colours.
  public let glyphs: [Character]

  public var count: Int { colors.isEmpty ? glyphs.count : colors.count }

  /// Whether the levels are glyphs rather than colours.
  public var shadesWithGlyphs: Bool { colors.isEmpty }

  /// The ASCII shading ramp for monochrome terminals.
  public static let asciiShades: [Character] = Array(" .:-=+*#%@")

  /// Levels per tier: as many as the tier can order by lightness.
  public static func make(_ colormap: Colormap, tier: ColorTier) -> HeatRamp {
    switch tier {
    case .truecolor:
      let rgb = (0..<64).map { colormap.color(at: Double($0) / 63) }
      return HeatRamp(colors: rgb.map(\.color), rgb: rgb, glyphs: [])
    case .xterm256 where colormap == .graphite:
      // Every neutral grey of the palette within graphite's lightness: 13 levels, as far
      // from the paths as graphite itself.
      let (darkest, lightest) = (colormap.color(at: 0).lightness, colormap.color(at: 1).lightness)
      let indices = (16..<256).filter { i in
        let c = RGB.xterm[i]
        return c.r == c.g && c.g == c.b && c.lightness >= darkest - 1e-9
          && c.lightness <= lightest + 1e-9
      }.sorted { RGB.xterm[$0].lightness < RGB.xterm[$1].lightness }
      return HeatRamp(
        colors: indices.map { .indexed(UInt8($0)) }, rgb: indices.map { RGB.xterm[$0] },
        glyphs: [])
    case .xterm256:
      let indices = xterm256Ramp(colormap)
      return HeatRamp(
        colors: indices.map { .indexed($0) }, rgb: indices.map { RGB.xterm[Int($0)] }, glyphs: [])
    case .ansi16 where colormap == .graphite, .ansi8 where colormap == .graphite:
      // Every system colour but black is the nearest of some path's colour on these tiers,
      // so graphite leaves colour to the paths and shades with glyphs.
      return HeatRamp(colors: [], rgb: [], glyphs: asciiShades)
    case .ansi16, .ansi8:
      // The system colours sorted by lightness: a short ramp that is ordered on any palette
      // close to xterm's defaults.
      let range = tier == .ansi16 ? 0..<16 : 0..<8
      let sorted = range.sorted { RGB.xterm[$0].lightness < RGB.xterm[$1].lightness }
      return HeatRamp(
        colors: sorted.map { .indexed(UInt8($0)) }, rgb: sorted.map { RGB.xterm[$0] }, glyphs: [])
    case .none:
      return HeatRamp(colors: [], rgb: [], glyphs: asciiShades)
    }
  }

  /// The paths' colours on the 256-colour tier, which the ramp keeps away from.
  static let pathColors256: [RGB] = Theme.xterm256Paths.map { RGB.xterm[Int($0)] }
  /// The least CIEDE2000 difference between a 256-colour ramp colour and any path colour.
  /// With the paths' entries chosen away from the ramps, every path stands at least this
  /// far from every level of every colormap (the tests check it).
  public static let pathMargin = 18.0

  /// 24 palette entries (from the cube and the greys) that follow `colormap` as closely as
  /// they can while their lightness strictly increases: a shortest path by dynamic
  /// programming over the candidates sorted by L*. Nearest-colour quantisation alone would
  /// put false ridges in the heatmap where L* goes down.
  static func xterm256Ramp(
    _ colormap: Colormap, levels: Int = 24, avoiding: [RGB] = pathColors256,
    margin: Double = pathMargin
  ) -> [UInt8] {
    let candidates = (16..<256).filter { i in
      avoiding.allSatisfy { RGB.xterm[i].deltaE2000(to: $0) >= margin }
    }.sorted { RGB.xterm[$0].lightness < RGB.xterm[$1].lightness }
    let lightness = candidates.map { RGB.xterm[$0].lightness }
    let targets = (0..<levels).map { colormap.color(at: Double($0) / Double(levels - 1)) }
    let n = candidates.count
    var cost = Array(repeating: Array(repeating: Double.infinity, count: n), count: levels)
    var previous = Array(repeating: Array(repeating: -1, count: n), count: levels)
    for j in 0..<n { cost[0][j] = RGB.xterm[candidates[j]].distance(to: targets[0]) }
    for i in 1..<levels {
      // The best predecessor among candidates strictly darker than j, kept as a running
      // minimum while j walks up the lightness order.
      var bestCost = Double.infinity
      var bestIndex = -1
      var k = 0
      for j in 0..<n {
        while k < n && lightness[k] < lightness[j] - 1e-9 {
          if cost[i - 1][k] < bestCost {
            bestCost = cost[i - 1][k]
            bestIndex = k
          }
          k += 1
        }
        guard bestIndex >= 0 else { continue }
        cost[i][j] = bestCost + RGB.xterm[candidates[j]].distance(to: targets[i])
        previous[i][j] = bestIndex
      }
    }
    var j = (0..<n).min { cost[levels - 1][$0] < cost[levels - 1][$1] }!
    var path: [UInt8] = []
    for i in stride(from: levels - 1, through: 0, by: -1) {
      path.append(UInt8(candidates[j]))
      if i > 0 { j = previous[i][j] }
    }
    return path.reversed()
  }
}
