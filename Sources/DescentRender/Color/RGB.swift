#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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

  /// CIEDE2000 colour difference ΔE00 (kL = kC = kH = 1), which corrects CIE76 where it
  /// misjudges: it overstates differences between saturated colours and understates them
  /// among blues and purples. About 1 is just noticeable; 10 and more tells colours apart at
  /// a glance.
  public func deltaE2000(to other: RGB) -> Double { Self.deltaE2000(lab, other.lab) }

  /// CIEDE2000 between two CIELAB colours (Sharma, Wu and Dalal's formulation).
  public static func deltaE2000(_ first: SIMD3<Double>, _ second: SIMD3<Double>) -> Double {
    let (l1, a1, b1) = (first.x, first.y, first.z)
    let (l2, a2, b2) = (second.x, second.y, second.z)
    let c1 = (a1 * a1 + b1 * b1).squareRoot()
    let c2 = (a2 * a2 + b2 * b2).squareRoot()
    let cMean = (c1 + c2) / 2
    let c7 = pow(cMean, 7)
    let g = 0.5 * (1 - (c7 / (c7 + pow(25, 7))).squareRoot())
    let a1p = (1 + g) * a1
    let a2p = (1 + g) * a2
    let c1p = (a1p * a1p + b1 * b1).squareRoot()
    let c2p = (a2p * a2p + b2 * b2).squareRoot()
    func hue(_ b: Double, _ a: Double) -> Double {
      if a == 0 && b == 0 { return 0 }
      let h = atan2(b, a) * 180 / .pi
      return h < 0 ? h + 360 : h
    }
    let h1p = hue(b1, a1p)
    let h2p = hue(b2, a2p)
    let dLp = l2 - l1
    let dCp = c2p - c1p
    var dhp = 0.0
    if c1p * c2p != 0 {
      dhp = h2p - h1p
      if dhp > 180 { dhp -= 360 } else if dhp < -180 { dhp += 360 }
    }
    let dHp = 2 * (c1p * c2p).squareRoot() * sin(dhp * .pi / 360)
    let lMean = (l1 + l2) / 2
    let cpMean = (c1p + c2p) / 2
    var hMean = h1p + h2p
    if c1p * c2p != 0 {
      if abs(h1p - h2p) <= 180 {
        hMean /= 2
      } else {
        hMean = h1p + h2p < 360 ? (hMean + 360) / 2 : (hMean - 360) / 2
      }
    }
    func cosd(_ degrees: Double) -> Double { cos(degrees * .pi / 180) }
    let t =
      1 - 0.17 * cosd(hMean - 30) + 0.24 * cosd(2 * hMean) + 0.32 * cosd(3 * hMean + 6)
      - 0.20 * cosd(4 * hMean - 63)
    let dTheta = 30 * exp(-pow((hMean - 275) / 25, 2))
    let cp7 = pow(cpMean, 7)
    let rc = 2 * (cp7 / (cp7 + pow(25, 7))).squareRoot()
    let sl = 1 + 0.015 * pow(lMean - 50, 2) / (20 + pow(lMean - 50, 2)).squareRoot()
    let sc = 1 + 0.045 * cpMean
    let sh = 1 + 0.015 * cpMean * t
    let rt = -sin(2 * dTheta * .pi / 180) * rc
    let l = dLp / sl
    let c = dCp / sc
    let h = dHp / sh
    return (l * l + c * c + h * h + rt * c * h).squareRoot()
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
