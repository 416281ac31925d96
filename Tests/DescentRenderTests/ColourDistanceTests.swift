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
      // Still a ramp: 24 levels whose lightness strictly increases.
      #expect(ramp.count == 24)
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
