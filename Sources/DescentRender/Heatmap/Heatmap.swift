import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A scene's loss sampled at the centre of every pixel of a viewport, and its mapping to
/// colour levels. Sampling is the expensive part; callers keep the heatmap and sample again
/// only when the scene, the view or the size changes.
public struct Heatmap: Sendable {
  public let viewport: Viewport
  /// Row-major values, `values[py * pixelWidth + px]`, row 0 at the top.
  public let values: [Double]
  /// The lowest finite value, and the value at the 99th percentile: the colour scale runs
  /// between them, so a few huge values do not flatten the rest.
  public let low: Double
  public let high: Double

  /// Samples `scene` over `viewport` with the core's batch evaluation.
  public init(scene: Scene, viewport: Viewport) {
    let (xs, ys) = viewport.pixelCentres
    self.init(viewport: viewport, values: scene.values(xs: xs, ys: ys))
  }

  /// A quick preview: `scene` sampled at every `factor`-th pixel in each direction, each
  /// sample filling its block. For surfaces that are costly to evaluate (network slices).
  public static func preview(scene: Scene, viewport: Viewport, factor: Int) -> Heatmap {
    let (xs, ys) = viewport.pixelCentres
    let f = Swift.max(1, factor)
    let sampleXs = stride(from: 0, to: xs.count, by: f).map {
      xs[Swift.min(xs.count - 1, $0 + f / 2)]
    }
    let sampleYs = stride(from: 0, to: ys.count, by: f).map {
      ys[Swift.min(ys.count - 1, $0 + f / 2)]
    }
    let samples = scene.values(xs: sampleXs, ys: sampleYs)
    var values = [Double](repeating: .nan, count: xs.count * ys.count)
    for j in ys.indices {
      for i in xs.indices {
        values[j * xs.count + i] = samples[(j / f) * sampleXs.count + i / f]
      }
    }
    return Heatmap(viewport: viewport, values: values)
  }

  public init(viewport: Viewport, values: [Double]) {
    self.viewport = viewport
    self.values = values
    let finite = values.filter(\.isFinite).sorted()
    if let first = finite.first {
      low = first
      let top = finite[min(finite.count - 1, Int(Double(finite.count - 1) * 0.99))]
      // A flat map's span is 1, or one step of a Double where 1 is below its precision
      // (f ≈ 1e30 everywhere): never 0, which would make every position 0 / 0.
      high = top > first ? top : Swift.max(first + 1, first.nextUp)
    } else {
      low = 0
      high = 1
    }
  }

  /// Where `value` falls on the colour scale, in [0, 1], or nil where it is not finite.
  ///
  /// - `linear`: (v − low) / (high − low), clipped.
  /// - `log`: log(v − low + ε) on the same span, with ε = 10⁻⁴·(high − low), so surfaces
  ///   spanning many orders of magnitude show their valleys.
  public func position(_ value: Double, scale: Scene.Scale) -> Double? {
    guard value.isFinite else { return nil }
    let span = high - low
    switch scale {
    case .linear:
      let t = (value - low) / span
      // A span past the largest Double (low −1e308, high 1e308) gives inf / inf.
      return t.isNaN ? 0 : t.clamped(to: 0...1)
    case .log:
      let epsilon = span * 1e-4
      let t = log((max(value, low) - low + epsilon) / epsilon) / log((span + epsilon) / epsilon)
      return t.isNaN ? 0 : t.clamped(to: 0...1)
    }
  }

  /// The colour level of every pixel, 0..<levels, or -1 where f is not finite.
  public func levels(_ levels: Int, scale: Scene.Scale) -> [Int] {
    values.map { value in
      guard let t = position(value, scale: scale) else { return -1 }
      return min(levels - 1, Int(t * Double(levels)))
    }
  }
}
