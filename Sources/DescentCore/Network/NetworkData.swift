/// Samples for a network: 2-D inputs (row-major, n × 2) and one target per sample.
public struct NetworkData: Sendable, Equatable {
  public var inputs: [Double]
  public var targets: [Double]
  public var count: Int { targets.count }

  public init(inputs: [Double], targets: [Double]) {
    self.inputs = inputs
    self.targets = targets
  }

  /// The generated datasets: two classes (targets 0 and 1) in the plane.
  public enum Kind: String, Sendable, CaseIterable {
    /// Two interleaved half circles (as scikit-learn's make_moons), noise 0.1.
    case moons
    /// A disc inside a ring (make_circles, factor 0.5), noise 0.08.
    case circles
    /// Four Gaussian blobs at (±1, ±1), noise 0.35; class 0 where x·y > 0, class 1 where
    /// x·y < 0.
    case xor
    /// Two interleaved spiral arms, one turn and a half each.
    case spiral
  }

  /// `count` samples of `kind`, from xoshiro256** seeded with `seed` (Box–Muller noise), in
  /// alternating classes.
  public static func generate(_ kind: Kind, count: Int, seed: UInt64) -> NetworkData {
    var generator = Xoshiro256StarStar(seed: seed)
    var inputs: [Double] = []
    var targets: [Double] = []
    inputs.reserveCapacity(2 * count)
    for i in 0..<count {
      let label = i % 2
      let u = generator.uniform()
      let noise = generator.normalPair()
      var p: SIMD2<Double>
      switch kind {
      case .moons:
        let angle = Double.pi * u
        p =
          label == 0
          ? SIMD2(Math.cos(angle), Math.sin(angle))
          : SIMD2(1 - Math.cos(angle), 0.5 - Math.sin(angle))
        p += 0.1 * noise
      case .circles:
        let angle = 2 * Double.pi * u
        let radius = label == 0 ? 1.0 : 0.5
        p = radius * SIMD2(Math.cos(angle), Math.sin(angle)) + 0.08 * noise
      case .xor:
        let corner = SIMD2<Double>(generator.uniform() < 0.5 ? -1 : 1, label == 0 ? 1 : -1)
        p = SIMD2(corner.x, corner.x * corner.y) + 0.35 * noise
      case .spiral:
        let t = 3 * Double.pi * u
        let radius = 0.2 + t / (3 * Double.pi)
        let phase = label == 0 ? 0 : Double.pi
        p = radius * SIMD2(Math.cos(t + phase), Math.sin(t + phase)) + 0.03 * noise
      }
      inputs += [p.x, p.y]
      targets.append(Double(label))
    }
    return NetworkData(inputs: inputs, targets: targets)
  }

  /// The rows `indices` as a smaller dataset.
  public func subset(_ indices: [Int]) -> NetworkData {
    var inputs: [Double] = []
    var targets: [Double] = []
    inputs.reserveCapacity(2 * indices.count)
    for i in indices {
      inputs += [self.inputs[2 * i], self.inputs[2 * i + 1]]
      targets.append(self.targets[i])
    }
    return NetworkData(inputs: inputs, targets: targets)
  }

  /// CSV with a header `x1,x2,label`, one sample a line.
  public var csv: String {
    var out = "x1,x2,label\n"
    for i in 0..<count { out += "\(inputs[2 * i]),\(inputs[2 * i + 1]),\(targets[i])\n" }
    return out
  }
}
