/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64.
///
/// A specified generator rather than the system's, so that a seed gives the same sequence on
/// every machine and every Swift version.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
  private var s: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    // SplitMix64 expands the seed into four words, as the authors recommend.
    var z = seed
    func splitMix() -> UInt64 {
      z &+= 0x9E37_79B9_7F4A_7C15
      var r = z
      r = (r ^ (r >> 30)) &* 0xBF58_476D_1CE4_E5B9
      r = (r ^ (r >> 27)) &* 0x94D0_49BB_1331_11EB
      return r ^ (r >> 31)
    }
    s = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  public mutating func next() -> UInt64 {
    let result = rotate(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = rotate(s.3, 45)
    return result
  }

  /// A uniform double in [0, 1) from the top 53 bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Two independent standard normal deviates, by the Box–Muller transform.
  public mutating func normalPair() -> SIMD2<Double> {
    let u1 = 1 - uniform()  // in (0, 1], so the logarithm is finite
    let u2 = uniform()
    let r = (-2 * Math.log(u1)).squareRoot()
    let theta = 2 * Double.pi * u2
    return SIMD2(r * Math.cos(theta), r * Math.sin(theta))
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.s.0 == b.s.0 && a.s.1 == b.s.1 && a.s.2 == b.s.2 && a.s.3 == b.s.3
  }

  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
