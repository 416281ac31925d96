import DescentCore

/// A heatmap quantised to a ramp's levels under one colour scale, with its contour pixels.
/// It changes only when the heatmap, the scale or the ramp does, so frames reuse it.
public struct HeatLayer: Sendable {
  public let heatmap: Heatmap
  public let scale: Scene.Scale
  public let ramp: HeatRamp
  /// The level of each pixel, or -1 where f is not finite.
  public let levels: [Int16]
  /// Whether each pixel lies on a contour: the boundary between two of the
  /// `contourBands` equal bands of the colour scale.
  public let contour: [Bool]

  public static let contourBands = 10

  public init(heatmap: Heatmap, scale: Scene.Scale, ramp: HeatRamp) {
    self.heatmap = heatmap
    self.scale = scale
    self.ramp = ramp
    let count = ramp.count
    var levels = [Int16](repeating: -1, count: heatmap.values.count)
    var bands = [Int16](repeating: -1, count: heatmap.values.count)
    for (i, value) in heatmap.values.enumerated() {
      guard let t = heatmap.position(value, scale: scale) else { continue }
      levels[i] = Int16(min(count - 1, Int(t * Double(count))))
      bands[i] = Int16(min(Self.contourBands - 1, Int(t * Double(Self.contourBands))))
    }
    let width = heatmap.viewport.pixelWidth
    let height = heatmap.viewport.pixelHeight
    var contour = [Bool](repeating: false, count: levels.count)
    for y in 0..<height {
      for x in 0..<width {
        let i = y * width + x
        let right = x + 1 < width ? bands[i + 1] : bands[i]
        let below = y + 1 < height ? bands[i + width] : bands[i]
        contour[i] =
          bands[i] >= 0
          && (right > bands[i] || below > bands[i] || (right >= 0 && right < bands[i])
            || (below >= 0 && below < bands[i]))
      }
    }
    self.levels = levels
    self.contour = contour
  }
}
