import Foundation

/// An sRGB colour with 8-bit channels.
public struct RGB: Sendable, Hashable {
  public var r: UInt8
  public var g: UInt8
  public var b: UInt8

  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }

  public init(hex: UInt32) {
    self.init(UInt8(hex >> 16 & 0xFF), UInt8(hex >> 8 & 0xFF), UInt8(hex & 0xFF))
  }

  public var color: Color { .rgb(r, g, b) }

  /// CIELAB (D65) coordinates: L* is perceived lightness, 0 (black) to 100 (white).
  public var lab: SIMD3<Double> {
    func linear(_ c: UInt8) -> Double {
      let v = Double(c) / 255
      return v > 0.04045 ? pow((v + 0.055) / 1.055, 2.4) : v / 12.92
    }
    let (lr, lg, lb) = (linear(r), linear(g), linear(b))
    let x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047
    let y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb
    let z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883
    func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16 / 116 }
    return SIMD3(116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
  }

  /// Perceived lightness L*.
  public var lightness: Double { lab.x }

  /// CIE76 colour difference ΔE*ab.
  public func distance(to other: RGB) -> Double {
    let d = lab - other.lab
    return (d * d).sum().squareRoot()
  }

  /// The colour a fraction `t` of the way from `self` to `other`.
  public func mixed(with other: RGB, _ t: Double) -> RGB {
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded().clamped(to: 0...255))
    }
    return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
  }

  /// The colours of the xterm palette, by index: 16 system colours (xterm's defaults), the
  /// 6×6×6 cube and 24 greys.
  public static let xterm: [RGB] = {
    var palette: [RGB] = [
      0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
      0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF,
    ].map { RGB(hex: $0) }
    let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
    for r in levels { for g in levels { for b in levels { palette.append(RGB(r, g, b)) } } }
    for i in 0..<24 {
      let v = UInt8(8 + 10 * i)
      palette.append(RGB(v, v, v))
    }
    return palette
  }()

  /// The CIELAB coordinates of the xterm palette, computed once.
  static let xtermLab: [SIMD3<Double>] = xterm.map(\.lab)

  /// The index of the nearest colour (in CIELAB) among `indices` of the xterm palette.
  public func nearestXterm(in indices: Range<Int> = 16..<256) -> UInt8 {
    let target = lab
    func distance(_ i: Int) -> Double {
      let d = RGB.xtermLab[i] - target
      return (d * d).sum()
    }
    return UInt8(indices.min { distance($0) < distance($1) } ?? 0)
  }
}

extension Comparable {
  func clamped(to range: ClosedRange<Self>) -> Self {
    min(max(self, range.lowerBound), range.upperBound)
  }
}
