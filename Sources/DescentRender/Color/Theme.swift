import DescentCore

/// The named colour roles of a frame, resolved for one colour tier. Each role is defined once
/// in RGB; the tier decides whether it is drawn exactly, as the nearest palette entry, or not
/// at all (monochrome relies on glyphs and attributes). Roles are resolved once, when the
/// theme is made, not per cell.
public struct Theme: Sendable {
  public let tier: ColorTier
  public let statusBar: Style
  public let statusRunning: Style
  public let statusPaused: Style
  public let panel: Style
  public let panelTitle: Style
  public let diverged: Style
  public let message: Style
  public let helpKey: Style
  /// Minima, saddles and the start point.
  public let marker: Color
  public let cursor: Color
  /// Behind an optimizer's head, so it stands out from its own path.
  public let headBackground: Color
  /// Where f is not finite.
  public let hole: Color
  private let paths: [Color]

  public init(tier: ColorTier) {
    self.tier = tier
    func resolve(_ hex: UInt32) -> Color { Theme.resolve(RGB(hex: hex), tier: tier) }
    let mono = tier == .none
    statusBar =
      mono
      ? Style(attributes: .reverse)
      : Style(foreground: resolve(0xE8E8E8), background: resolve(0x26264A))
    statusRunning = Style(
      foreground: mono ? .default : resolve(0x7CFC7C), background: statusBar.background,
      attributes: statusBar.attributes.union(.bold))
    statusPaused = Style(
      foreground: mono ? .default : resolve(0xFFD75F), background: statusBar.background,
      attributes: statusBar.attributes.union(.bold))
    panel = mono ? Style() : Style(foreground: resolve(0xE8E8E8), background: resolve(0x121212))
    panelTitle = Style(
      foreground: panel.foreground, background: panel.background, attributes: .bold)
    diverged = Style(
      foreground: mono ? .default : resolve(0xFF5F5F), background: panel.background,
      attributes: .bold)
    message = Style()
    helpKey = Style(
      foreground: mono ? .default : resolve(0xFFD75F), background: panel.background,
      attributes: .bold)
    marker = resolve(0xFFFFFF)
    cursor = resolve(0xFFFF00)
    headBackground = mono ? .default : resolve(0x000000)
    hole = mono ? .default : resolve(0x000000)
    paths = OptimizerKind.allCases.enumerated().map { index, kind in
      tier == .xterm256
        ? .indexed(Theme.xterm256Paths[index]) : Theme.resolve(Theme.pathRGB(kind), tier: tier)
    }
  }

  /// The colour of each optimizer's path and head: chosen to stay at least ΔE ≈ 25 away
  /// from every colour of every colormap.
  public static func pathRGB(_ kind: OptimizerKind) -> RGB {
    RGB(hex: kind.spec.color)
  }

  /// Each optimizer's palette entry on the 256-colour tier, in `OptimizerKind.allCases`
  /// order. Not simply the nearest entry: among the entries within CIEDE2000 15 of the
  /// path's colour (so red stays red), the one farthest from every colormap's 256-colour
  /// ramp, and at least `pathSeparation(_:)` from the paths chosen before it. The ramps then
  /// keep away from these (`HeatRamp.pathMargin`).
  public static let xterm256Paths: [UInt8] = {
    let ramps = Colormap.allCases.flatMap {
      HeatRamp.xterm256Ramp($0, avoiding: [], margin: 0).map { RGB.xterm[Int($0)] }
    }
    var chosen: [UInt8] = []
    for kind in OptimizerKind.allCases {
      let target = pathRGB(kind)
      let candidates = (16..<256).filter { i in
        RGB.xterm[i].deltaE2000(to: target) <= 15
          && chosen.allSatisfy {
            RGB.xterm[i].deltaE2000(to: RGB.xterm[Int($0)]) >= pathSeparation(chosen.count)
          }
      }
      let clearances = candidates.map { i in ramps.map { $0.deltaE2000(to: RGB.xterm[i]) }.min()! }
      let best =
        clearances.indices.max { clearances[$0] < clearances[$1] }.map { candidates[$0] }
        ?? Int(target.nearestXterm())
      chosen.append(UInt8(best))
    }
    return chosen
  }()

  /// How far (CIEDE2000) the palette entry of the path at `index` keeps from those before
  /// it: 15 for the first twelve; the palette, kept 18 from every ramp, holds no thirteenth
  /// at 15, so later paths keep 11 (still told apart, beside their legend colours).
  static func pathSeparation(_ index: Int) -> Double { index < 12 ? 15 : 11 }

  public func path(_ kind: OptimizerKind) -> Color {
    paths[kind.index]
  }

  /// `rgb` as `tier` draws it.
  public static func resolve(_ rgb: RGB, tier: ColorTier) -> Color {
    switch tier {
    case .truecolor: rgb.color
    case .xterm256: .indexed(rgb.nearestXterm())
    case .ansi16: .indexed(rgb.nearestXterm(in: 0..<16))
    case .ansi8: .indexed(rgb.nearestXterm(in: 0..<8))
    case .none: .default
    }
  }
}
