import DescentCore
import Testing

@testable import DescentRender

/// Paths must stand out from the heatmap under them. Distances are CIEDE2000 (ΔE00), which
/// judges blues and purples (adam's magenta, ga's violet over dark valley floors) better
/// than CIE76.
@Suite struct ColourDistanceTests {
  /// Sharma, Wu and Dalal's reference pairs (2005), to four decimals.
  @Test(arguments: [
    (SIMD3(50, 2.6772, -79.7751), SIMD3(50, 0, -82.7485), 2.0425),
    (SIMD3(50, 0, 0), SIMD3(50, -1, 2), 2.3669),
    (SIMD3(50, 2.5, 0), SIMD3(56, -27, -3), 31.9030),
    (SIMD3(60.2574, -34.0099, 36.2677), SIMD3(60.4626, -34.1751, 39.4387), 1.2644),
    (SIMD3(2.0776, 0.0795, -1.1350), SIMD3(0.9033, -0.0636, -0.5514), 0.9082),
    (SIMD3(50, 2.5, 0), SIMD3(50, 3.1736, 0.5854), 1.0000),
  ])
  func ciede2000MatchesTheReferencePairs(
    first: SIMD3<Double>, second: SIMD3<Double>, expected: Double
  ) {
    #expect(abs(RGB.deltaE2000(first, second) - expected) < 5e-5)
    #expect(abs(RGB.deltaE2000(second, first) - expected) < 5e-5)
  }

  /// On the 256-colour tier every path colour is at least ΔE00 18 from every level of every
  /// colormap's ramp (the least reached is 18.0, between nesterov and a viridis level; with
  /// the nearest palette entries and an unconstrained ramp it was 5.1, rmsprop's lime on
  /// viridis's yellow-green).
  @Test func pathColoursStandOffEvery256ColourRamp() {
    var least = Double.infinity
    for colormap in Colormap.allCases {
      let ramp = HeatRamp.make(colormap, tier: .xterm256)
      for kind in OptimizerKind.allCases {
        guard case .indexed(let index) = Theme(tier: .xterm256).path(kind) else {
          Issue.record("\(kind) is not a palette colour")
          continue
        }
        let path = RGB.xterm[Int(index)]
        for (level, rgb) in ramp.rgb.enumerated() {
          let distance = rgb.deltaE2000(to: path)
          least = min(least, distance)
          #expect(distance >= 18, "\(kind) over \(colormap) level \(level): ΔE00 \(distance)")
        }
      }
      // Still a ramp: 24 levels (graphite: its 13 greys) whose lightness strictly increases.
      #expect(ramp.count == (colormap == .graphite ? 13 : 24))
      #expect(zip(ramp.rgb, ramp.rgb.dropFirst()).allSatisfy { $0.lightness < $1.lightness })
    }
    #expect(least >= HeatRamp.pathMargin)
  }

  /// The palette entries chosen for the paths stay near their colours (red stays red) and
  /// apart from each other.
  @Test func paletteEntriesForThePathsKeepTheirIdentity() {
    let entries = Theme.xterm256Paths.map { RGB.xterm[Int($0)] }
    for (index, kind) in OptimizerKind.allCases.enumerated() {
      #expect(entries[index].deltaE2000(to: Theme.pathRGB(kind)) <= 15, "\(kind)")
      for other in entries.indices where other > index {
        #expect(
          entries[index].deltaE2000(to: entries[other]) >= Theme.pathSeparation(other),
          "\(kind) and \(OptimizerKind.allCases[other])")
      }
    }
  }

  /// In true colour the paths and the colormaps are exact, so nothing is chosen: the least
  /// distance is stated here, ΔE00 8.5 (gd's red over magma's salmon; rmsprop's lime over
  /// viridis's yellow-green is 8.9). Telling them apart there rests on the head's black
  /// backing and the path's shape.
  @Test func pathColoursInTrueColour() {
    var least = Double.infinity
    for colormap in Colormap.allCases {
      let ramp = HeatRamp.make(colormap, tier: .truecolor)
      for kind in OptimizerKind.allCases {
        for rgb in ramp.rgb { least = min(least, rgb.deltaE2000(to: Theme.pathRGB(kind))) }
      }
    }
    #expect(least > 8.5, "ΔE00 \(least)")
  }
}

/// The projector's ramp (graphite) leaves colour to the paths: on every tier, every
/// registered optimizer's path colour stands well off every level of it.
@Suite struct GraphiteRampTests {
  /// The least ΔE00 between a path and a graphite level, on the tiers that draw the ramp in
  /// colour, is at least 19.5: 21.1 in true colour (cmaes's khaki over the lightest grey),
  /// 19.8 on 256 colours (the paths' palette entries, as drawn, over the palette's greys).
  /// The colormaps' ramps keep 18 from them (8.5 in true colour).
  @Test(arguments: [ColorTier.truecolor, .xterm256])
  func everyPathStandsOffEveryLevel(tier: ColorTier) {
    let ramp = HeatRamp.make(.graphite, tier: tier)
    let theme = Theme(tier: tier)
    #expect(ramp.rgb.count >= 13)
    var least = Double.infinity
    for kind in OptimizerKind.allCases {
      let path: RGB
      switch theme.path(kind) {
      case .indexed(let index): path = RGB.xterm[Int(index)]
      case .rgb(let r, let g, let b): path = RGB(r, g, b)
      case .default:
        Issue.record("\(kind) has no colour")
        continue
      }
      for (level, rgb) in ramp.rgb.enumerated() {
        let distance = rgb.deltaE2000(to: path)
        least = min(least, distance)
        #expect(distance >= 19.5, "\(kind) over graphite level \(level): ΔE00 \(distance)")
      }
    }
    // Lightness strictly increases, and the chroma stays low (a grey ramp).
    #expect(zip(ramp.rgb, ramp.rgb.dropFirst()).allSatisfy { $0.lightness < $1.lightness })
    for rgb in ramp.rgb {
      let lab = rgb.lab
      #expect((lab.y * lab.y + lab.z * lab.z).squareRoot() < 8, "\(rgb) is not grey")
    }
    #expect(least >= 19.5)
    #expect(least < 22, "the comment above gives the least: ΔE00 \(least)")
  }

  /// On 16 and 8 colours no system colour but black stands ΔE00 20 off every path's colour
  /// as drawn (each is some path's, or within 11 of one: magenta of adam's), so graphite
  /// shades with glyphs in the terminal's own colours, and the map's cells use no colour
  /// but the paths', the markers' and the heads' black.
  @Test(arguments: [ColorTier.ansi16, .ansi8])
  func fewColoursShadeWithGlyphs(tier: ColorTier) throws {
    let ramp = HeatRamp.make(.graphite, tier: tier)
    #expect(ramp.shadesWithGlyphs)
    #expect(ramp.glyphs == HeatRamp.asciiShades)
    let count = tier == .ansi16 ? 16 : 8
    let drawn = OptimizerKind.allCases.map { Theme.pathRGB($0).nearestXterm(in: 0..<count) }
    for index in 1..<count {
      let nearest = drawn.map { RGB.xterm[Int($0)].deltaE2000(to: RGB.xterm[index]) }.min()!
      #expect(nearest < 20, "system colour \(index) is ΔE00 \(nearest) from every path")
    }
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.gd, .adam, .anneal], steps: 200, width: 60, height: 20, tier: tier,
      colormap: .graphite)
    let allowed =
      Set(state.runs.map { state.theme.path($0.kind) })
      .union([.default, state.theme.headBackground, state.theme.marker, state.theme.cursor])
    var glyphs = Set<Character>()
    for y in 4..<18 {
      for x in 0..<60 {
        let cell = buffer[x, y]
        glyphs.insert(cell.symbol)
        #expect(allowed.contains(cell.foreground), "\(x),\(y): \(cell.foreground)")
        #expect(allowed.contains(cell.background), "\(x),\(y): \(cell.background)")
      }
    }
    // The surface is still there, as shading.
    #expect(glyphs.isSuperset(of: ["@", "%", "#"]))
  }
}
