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
/// On a network the archive is scattered over the plane's view and searched in all P
/// weights.
public struct AntColony: Optimizer {
  /// k, the archive's size.
  public var archive: Int
  /// m, ants per iteration.
  public var ants: Int
  /// q, how strongly the best solutions guide (small: the best alone).
  public var q: Double
  /// ξ, the spread of the samples relative to the archive's.
  public var xi: Double
  public var seed: UInt64
  /// Where the first archive is scattered; nil for the square of half-width 2 around the
  /// start.
  public var region: Region?

  public init(
    archive: Int = 50, ants: Int = 2, q: Double = 1e-4, xi: Double = 0.85, seed: UInt64 = 0,
    region: Region? = nil
  ) {
    self.archive = Swift.max(2, archive)
    self.ants = Swift.max(1, ants)
    self.q = q
    self.xi = xi
    self.seed = seed
    self.region = region
  }

  public static let spec = OptimizerSpec(
    "aco", title: "ant colony (ACO_R)", family: .gradientFree,
    summary: "an archive of the best solutions; ants sample Gaussians around them",
    settings: [
      .integer("archive", 50, 2...OptimizerKind.maximumPopulation, "Solutions k in the archive."),
      .integer("ants", 2, 1...OptimizerKind.maximumPopulation, "Ants m (new solutions) per step."),
      .real("q", 1e-4, .positive, "Locality q: small, the best solutions guide the ants."),
      .real("xi", 0.85, .positive, "ξ: the samples' spread relative to the archive's."),
      .seed(),
    ],
    equations: [
      "ωₗ ∝ exp(−(l − 1)²/(2q²k²)) by rank l", "guide sₗ chosen with p ∝ ωₗ",
      "σⁱ = ξ·(mean distance of the others from sₗ in coordinate i)", "xⁱ = sₗⁱ + σⁱ·N(0, 1)",
      "keep the k best",
    ],
    color: 0x666600, stepSetting: "xi",
    build: { h, region in
      AntColony(
        archive: h.integer("archive")!, ants: h.integer("ants")!, q: h.q!, xi: h.xi!,
        seed: h.seed!, region: region)
    })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    var h: Hyperparameters = [
      "archive": Double(archive), "ants": Double(ants), "q": q, "xi": xi,
    ]
    h.seed = seed
    return h
  }

  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    let state = Self.start(
      at: x, archive: archive, q: q, xi: xi, seed: seed,
      draw: { f.randomPoint(near: x, in: region, using: &$0) }, evaluate: { f.value(at: $0) })
    return Self.iterate(state)
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    var s = state.memory(as: State<F.Point>.self)
    s.xi = xi
    return Self.iterate(Self.step(s, ants: ants) { f.value(at: $0) })
  }

  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    guard state.step == previous.step + 1 else { return [] }
    var s = previous.memory(as: State<V>.self)
    s.xi = xi
    return Self.equations(from: s, to: state.memory(as: State<V>.self))
  }

  /// The first ant of the step from `s` written out, replayed from `s`'s generator: its
  /// guide, the spread it drew with, and where it landed.
  static func equations<V: ParameterVector>(from s: State<V>, to next: State<V>)
    -> [LiveEquation]
  {
    guard let ant = next.ants.first else { return [] }
    var generator = s.generator
    let l = choose(s.probabilities, &generator)
    let guide = s.archive[l]
    let k = s.archive.count
    var sigma = guide
    var z = guide
    var normals: SIMD2<Double>? = nil
    for i in 0..<guide.scalarCount {
      var distance = 0.0
      for e in 0..<k { distance += Swift.abs(s.archive[e][i] - guide[i]) }
      sigma[i] = s.xi * distance / Double(k - 1)
      if let pair = normals {
        z[i] = pair.y
        normals = nil
      } else {
        let pair = generator.normalPair()
        z[i] = pair.x
        normals = pair
      }
    }
    return [
      LiveEquation(
        "the first of \(next.ants.count) ants: guide sₗ chosen with p ∝ ωₗ",
        ["rank l = ", .n(Double(l + 1)), ", p = ", .n(s.probabilities[l])], is: .v(guide),
        link: ":"),
      LiveEquation(spec.equations[2], ["ξ = ", .n(s.xi)], is: .v(sigma), link: ":"),
      LiveEquation(spec.equations[3], [.v(guide), " + ", .v(sigma), "⊙", .v(z)], is: .v(ant)),
    ]
  }

  /// How many of the archive's best are drawn as the leaders on the map.
  public static let leaders = 5

  /// The run's view: the archive's best, the archive as members, ranked on the map (the
  /// leaders, the rest, and the ants' new solutions), its best and worst f in the inspector.
  static func iterate<V: ParameterVector>(_ s: State<V>) -> Iterate<V> {
    var marks: [Mark<V>] = []
    marks.reserveCapacity(3)
    marks.append(Mark("archive", .points(Array(s.archive.dropFirst(leaders))), role: .secondary))
    marks.append(Mark("leaders", .points(Array(s.archive.prefix(leaders)))))
    if s.step > 0 { marks.append(Mark("ants", .points(s.ants))) }
    return Iterate(
      position: s.best, loss: s.bestValue, step: s.step,
      evaluations: EvaluationCount(values: s.evaluations), members: s.archive, marks: marks,
      memory: s)
  }

  /// The inspector's rows (the archive's best and worst f, ξ, the ants), worked out from the
  /// state when asked.
  public func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow] {
    let s = state.memory(as: State<V>.self)
    guard s.step > 0 else { return [] }
    return [
      .number("archive best", s.bestValue),
      .number("archive worst", s.worstValue),
      .number("ξ", s.xi),
      .text("ants", "\(s.ants.count) new solutions, archive of \(s.archive.count)"),
    ]
  }

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
      Math.exp(-Double(l * l) / (2 * qk * qk)) / (qk * (2 * Double.pi).squareRoot())
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

extension OptimizerKind {
  public static let aco = AntColony.spec.kind
}
