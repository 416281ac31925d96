/// The heatmap's colormaps: matplotlib's perceptually uniform viridis, magma and plasma (32
/// anchors sampled from matplotlib, interpolated linearly), a grayscale, and graphite, the
/// projector's ramp.
public enum Colormap: String, Sendable, CaseIterable {
  case viridis, magma, plasma, grayscale
  /// Neutral greys from L* 15 to 58, for a projector (`--style projector`): a projector
  /// washes out what is darker than about L* 15, and with no chroma at all the ramp stays
  /// at least ΔE00 20 from every optimizer's colour (21.1 at the least, cmaes's khaki), so
  /// the paths are the only colour on the map. On the 16- and 8-colour tiers, where every
  /// system colour but black is some path's, it is the shading glyphs in the terminal's
  /// own colours.
  case graphite

  /// The colour at `t` ∈ [0, 1] (clamped).
  public func color(at t: Double) -> RGB {
    let anchors = self.anchors
    let position = t.clamped(to: 0...1) * Double(anchors.count - 1)
    let i = min(Int(position), anchors.count - 2)
    return RGB(hex: anchors[i]).mixed(with: RGB(hex: anchors[i + 1]), position - Double(i))
  }

  /// The next colormap, for the TUI's `m` key.
  public var next: Colormap {
    let all = Colormap.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  private var anchors: [UInt32] {
    switch self {
    case .viridis:
      [
        0x440154, 0x470D60, 0x48186A, 0x482374, 0x472E7C, 0x453882, 0x424186, 0x3E4A89,
        0x3A548C, 0x365D8D, 0x32658E, 0x2E6D8E, 0x2B758E, 0x287D8E, 0x25848E, 0x228C8D,
        0x1F948C, 0x1E9C89, 0x20A386, 0x25AB82, 0x2EB37C, 0x3ABA76, 0x48C16E, 0x58C765,
        0x6CCD5A, 0x7FD34E, 0x93D741, 0xA8DB34, 0xC0DF25, 0xD5E21A, 0xEAE51A, 0xFDE725,
      ]
    case .magma:
      [
        0x000004, 0x030312, 0x0A0822, 0x130D34, 0x1E1149, 0x2A115C, 0x38106C, 0x451077,
        0x54137D, 0x601880, 0x6D1D81, 0x792282, 0x882781, 0x942C80, 0xA1307E, 0xAE347B,
        0xBD3977, 0xCA3E72, 0xD6456C, 0xE24D66, 0xEC5860, 0xF3655C, 0xF8745C, 0xFB835F,
        0xFD9467, 0xFEA36F, 0xFEB27A, 0xFEC185, 0xFED194, 0xFDE0A1, 0xFCEEB0, 0xFCFDBF,
      ]
    case .plasma:
      [
        0x0D0887, 0x220690, 0x310597, 0x3F049C, 0x4E02A2, 0x5B01A5, 0x6700A8, 0x7401A8,
        0x8104A7, 0x8D0BA5, 0x9814A0, 0xA21D9A, 0xAD2793, 0xB6308B, 0xBF3984, 0xC7427C,
        0xCF4C74, 0xD6556D, 0xDD5E66, 0xE3685F, 0xE97257, 0xEF7C51, 0xF3874A, 0xF79143,
        0xFA9E3B, 0xFCA934, 0xFDB52E, 0xFDC229, 0xFCD025, 0xF9DD25, 0xF5EB27, 0xF0F921,
      ]
    case .grayscale:
      // Black to light grey, not white, so the white path stays legible over it.
      [0x000000, 0xB4B4B4]
    case .graphite:
      [0x262626, 0x8A8A8A]
    }
  }
}
