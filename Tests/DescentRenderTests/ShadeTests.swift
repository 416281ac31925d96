import DescentCore
import Testing

@testable import DescentRender

/// Runs of one optimizer (`gd@lr=0.05`, `gd@lr=0.11`) are drawn in shades of its colour:
/// told apart in true colour and on 256 colours, the optimizer's own colour for a run alone,
/// and the colour itself on 16 and 8 colours and without colour, where the heads carry
/// their numbers.
@Suite struct ShadeTests {
  @Test(arguments: OptimizerKind.allCases)
  func shadesOfEveryColourAreToldApart(kind: OptimizerKind) {
    for count in 2...4 {
      let shades = (0..<count).map { Theme.shadeRGB(kind, Theme.Shade($0, of: count)) }
      let entries = Theme.xterm256Shades(kind, count: count).map { RGB.xterm[Int($0)] }
      for i in 0..<count {
        for j in 0..<i {
          #expect(
            shades[i].deltaE2000(to: shades[j]) >= Theme.shadeSeparation,
            "\(kind) \(count) runs, true colour: shades \(j) and \(i)")
          #expect(
            entries[i].deltaE2000(to: entries[j]) >= 9,
            "\(kind) \(count) runs, 256 colours: shades \(j) and \(i)")
        }
      }
      // Still the optimizer's: each shade lies between black, its colour and white.
      #expect(shades.contains(Theme.pathRGB(kind)) || count > 3, "\(kind) \(count)")
    }
  }

  @Test func aRunAloneAndTheFewColourTiersKeepTheOptimizersColour() {
    for tier in ColorTier.allCases {
      let theme = Theme(tier: tier)
      for kind in OptimizerKind.allCases {
        #expect(theme.path(kind, shade: .only) == theme.path(kind))
        if tier != .truecolor && tier != .xterm256 {
          #expect(theme.path(kind, shade: Theme.Shade(1, of: 3)) == theme.path(kind))
        }
      }
    }
  }

  /// `RunView.shade` numbers the runs that share an optimizer, and leaves a run alone as it
  /// was.
  @Test func runsThatShareAnOptimizerGetShadesAndNumbers() {
    func view(_ kind: OptimizerKind) -> RunView {
      RunView(
        kind: kind, trail: Trail(), head: nil, step: 0, loss: 0, gradient: nil,
        learningRate: nil, diverged: false)
    }
    var runs = [view(.gd), view(.adam), view(.gd)]
    RunView.shade(&runs)
    #expect(runs.map(\.shade) == [Theme.Shade(0, of: 2), .only, Theme.Shade(1, of: 2)])
    #expect(runs.map(\.label) == ["1", nil, "3"])
  }
}
