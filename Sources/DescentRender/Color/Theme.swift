import DescentCore

/// The named colour roles of a frame, resolved for one colour tier. Each role is defined once
/// in RGB; the tier decides whether it is drawn exactly, as the nearest palette entry, or not
/// at all (monochrome relies on glyphs and attributes).
public struct Theme: Sendable {
  public let tier: ColorTier

  public init(tier: ColorTier) { self.tier = tier }

  /// The colour of each optimizer's path and head: chosen to stay at least ΔE ≈ 25 away
  /// from every colour of every colormap.
  public static func pathRGB(_ kind: OptimizerKind) -> RGB {
    switch kind {
    case .gd: RGB(hex: 0xFF2D2D)  // red
    case .momentum: RGB(hex: 0x3C78FF)  // blue
    case .nesterov: RGB(hex: 0x00E6FF)  // cyan
    case .rmsprop: RGB(hex: 0x96FF00)  // lime
    case .adam: RGB(hex: 0xFF3CFF)  // magenta
    case .anneal: RGB(hex: 0xFFFFFF)  // white
    }
  }

  public func path(_ kind: OptimizerKind) -> Color { resolve(Self.pathRGB(kind)) }

  // MARK: - Roles

  public var statusBar: Style {
    tier == .none
      ? Style(attributes: .reverse)
      : Style(foreground: resolve(RGB(hex: 0xE8E8E8)), background: resolve(RGB(hex: 0x26264A)))
  }
  public var statusRunning: Style {
    var style = statusBar
    style.foreground = resolve(RGB(hex: 0x7CFC7C))
    style.attributes.insert(.bold)
    return style
  }
  public var statusPaused: Style {
    var style = statusBar
    style.foreground = resolve(RGB(hex: 0xFFD75F))
    style.attributes.insert(.bold)
    return style
  }
  public var panel: Style {
    tier == .none
      ? Style()
      : Style(foreground: resolve(RGB(hex: 0xE8E8E8)), background: resolve(RGB(hex: 0x121212)))
  }
  public var panelTitle: Style {
    var style = panel
    style.attributes.insert(.bold)
    return style
  }
  public var diverged: Style {
    var style = panel
    style.foreground = tier == .none ? .default : resolve(RGB(hex: 0xFF5F5F))
    style.attributes.insert(.bold)
    return style
  }
  public var message: Style { Style() }
  public var helpKey: Style {
    var style = panel
    style.foreground = tier == .none ? .default : resolve(RGB(hex: 0xFFD75F))
    style.attributes.insert(.bold)
    return style
  }
  /// Minima, saddles and the start point.
  public var marker: Color { resolve(RGB(hex: 0xFFFFFF)) }
  public var cursor: Color { resolve(RGB(hex: 0xFFFF00)) }
  /// Behind an optimizer's head, so it stands out from its own path.
  public var headBackground: Color { tier == .none ? .default : resolve(RGB(hex: 0x000000)) }
  /// Where f is not finite.
  public var hole: Color { tier == .none ? .default : resolve(RGB(hex: 0x000000)) }

  /// `rgb` as this tier draws it.
  public func resolve(_ rgb: RGB) -> Color {
    switch tier {
    case .truecolor: rgb.color
    case .xterm256: .indexed(rgb.nearestXterm())
    case .ansi16: .indexed(rgb.nearestXterm(in: 0..<16))
    case .ansi8: .indexed(rgb.nearestXterm(in: 0..<8))
    case .none: .default
    }
  }
}
