import Foundation

/// ACO_R, ant colony optimization for continuous domains (Socha and Dorigo, "Ant colony
/// optimization for continuous domains", EJOR 185, 2008). It uses no gradient, only values
/// of f.
///
/// The pheromone is an archive of the k best solutions found, ranked by f (s₁ the best).
/// Solution l has the weight ωₗ = exp(−(l − 1)²/(2q²k²))/(qk√(2π)), the weight of a Gaussian
/// kernel around it. One step sends m ants; each
///
/// 1. picks one guiding solution sₗ with probability pₗ = ωₗ/Σωᵣ (once, for all coordinates);
/// 2. draws each coordinate i from N(sₗⁱ, σⁱ²), σⁱ = ξ·Σₑ|sₑⁱ − sₗⁱ|/(k − 1): the archive's
///    mean distance from sₗ in that coordinate, times ξ.
///
/// The m new solutions join the archive, which is sorted by f (stably, NaN last), and the m
/// worst leave it. The defaults are the paper's: k = 50, m = 2, q = 10⁻⁴, ξ = 0.85 (a small
/// q makes the best solution guide nearly every ant). This is the basic ACO_R, without the
/// rotated coordinate system the paper adds for strongly correlated variables.
///
/// The first archive holds the start point and k − 1 points uniform in the region. The start
/// spends k evaluations of f, a step m. The reported position is s₁, the best point seen.
public enum AntColony {
  /// The archive, best first, with f at each solution.
  public struct State<V: ParameterVector>: Sendable {
    public var archive: [V]
    public var values: [Double]
    /// pₗ, the probability that solution l guides an ant.
    public var probabilities: [Double]
    /// The last step's new solutions, in the order the ants drew them.
    public var ants: [V]
    public var xi: Double
    public var evaluations: Int
    public var step: Int
    public var generator: Xoshiro256StarStar

    public var best: V { archive[0] }
    public var bestValue: Double { values[0] }
    public var worstValue: Double { values[values.count - 1] }
  }

  /// The rank weights' probabilities pₗ = ωₗ/Σωᵣ for an archive of k with locality q.
  public static func probabilities(archive k: Int, q: Double) -> [Double] {
    let qk = q * Double(k)
    let weights = (0..<k).map { l in
      Foundation.exp(-Double(l * l) / (2 * qk * qk)) / (qk * (2 * Double.pi).squareRoot())
    }
    let total = weights.reduce(0, +)
    // A q so small that every weight but the first underflows still leaves s₁.
    guard total > 0, total.isFinite else { return [1] + [Double](repeating: 0, count: k - 1) }
    return weights.map { $0 / total }
  }

  /// The first archive: `first` and k − 1 points from `draw`, evaluated and ranked.
  public static func start<V: ParameterVector>(
    at first: V, archive k: Int, q: Double, xi: Double, seed: UInt64,
    draw: (inout Xoshiro256StarStar) -> V, evaluate f: (V) -> Double
  ) -> State<V> {
    let k = Swift.max(2, k)
    var generator = Xoshiro256StarStar(seed: seed)
    var archive = [first]
    for _ in 1..<k { archive.append(draw(&generator)) }
    let values = archive.map(f)
    var state = State(
      archive: archive, values: values, probabilities: probabilities(archive: k, q: q), ants: [],
      xi: xi, evaluations: k, step: 0, generator: generator)
    sort(&state)
    return state
  }

  /// One iteration: `ants` new solutions, then the archive keeps its k best.
  public static func step<V: ParameterVector>(
    _ state: State<V>, ants m: Int, evaluate f: (V) -> Double
  ) -> State<V> {
    var s = state
    let k = s.archive.count
    let n = s.best.scalarCount
    var ants: [V] = []
    var antValues: [Double] = []
    for _ in 0..<Swift.max(1, m) {
      let l = choose(s.probabilities, &s.generator)
      let guide = s.archive[l]
      var x = guide
      var normals: SIMD2<Double>? = nil
      for i in 0..<n {
        var distance = 0.0
        for e in 0..<k { distance += Swift.abs(s.archive[e][i] - guide[i]) }
        let sigma = s.xi * distance / Double(k - 1)
        let z: Double
        if let pair = normals {
          z = pair.y
          normals = nil
        } else {
          let pair = s.generator.normalPair()
          z = pair.x
          normals = pair
        }
        x[i] = guide[i] + sigma * z
      }
      ants.append(x)
      antValues.append(f(x))
    }
    s.evaluations += ants.count
    s.ants = ants
    s.archive += ants
    s.values += antValues
    sort(&s)
    s.archive.removeLast(ants.count)
    s.values.removeLast(ants.count)
    s.step += 1
    return s
  }

  /// An index drawn with the given probabilities (the last one if rounding leaves a gap).
  static func choose(_ p: [Double], _ generator: inout Xoshiro256StarStar) -> Int {
    let u = generator.uniform()
    var cumulative = 0.0
    for (l, pl) in p.enumerated() {
      cumulative += pl
      if u < cumulative { return l }
    }
    return p.count - 1
  }

  /// Sorts the archive by f: stably, NaN last (an insertion sort: the archive is sorted but
  /// for the newcomers at its end).
  static func sort<V: ParameterVector>(_ s: inout State<V>) {
    for i in 1..<s.values.count {
      var j = i
      while j > 0 && s.values[j].isBetterLoss(than: s.values[j - 1]) {
        s.values.swapAt(j, j - 1)
        s.archive.swapAt(j, j - 1)
        j -= 1
      }
    }
  }
}
