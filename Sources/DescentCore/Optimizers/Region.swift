/// A box of the plane, [lower.x, upper.x] × [lower.y, upper.y]: where a population-based
/// optimizer scatters its first generation.
public struct Region: Sendable, Equatable {
  public var lower: SIMD2<Double>
  public var upper: SIMD2<Double>

  public init(x: ClosedRange<Double>, y: ClosedRange<Double>) {
    lower = SIMD2(x.lowerBound, y.lowerBound)
    upper = SIMD2(x.upperBound, y.upperBound)
  }

  /// The square of half-width `radius` centred on `center`.
  public init(around center: SIMD2<Double>, radius: Double) {
    lower = center - radius
    upper = center + radius
  }

  /// The default when no scene gives one: the square of half-width 2 around the start, as
  /// large as the default view.
  public static func around(_ start: SIMD2<Double>) -> Region { Region(around: start, radius: 2) }

  /// A uniformly random point of the region.
  public func randomPoint(_ generator: inout Xoshiro256StarStar) -> SIMD2<Double> {
    let u = SIMD2(generator.uniform(), generator.uniform())
    return lower + u * (upper - lower)
  }
}

extension Double {
  /// Whether this loss is better than `other` for a search that keeps the best point seen:
  /// NaN is never better, and anything that is not NaN beats NaN.
  func isBetterLoss(than other: Double) -> Bool {
    !isNaN && (other.isNaN || self < other)
  }
}
