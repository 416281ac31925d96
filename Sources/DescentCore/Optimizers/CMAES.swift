/// The (μ/μ_w, λ)-CMA-ES, with the default parameters of Hansen's "The CMA Evolution
/// Strategy: A Tutorial" (arXiv:1604.00772, table 1, positive weights). It uses no gradient,
/// only values of f.
///
/// The search distribution is N(m, σ²C). One step is one generation:
///
///     zₖ ~ N(0, I),  yₖ = B·D·zₖ,  xₖ = m + σ·yₖ            k = 1…λ   (C = B·D²·Bᵀ)
///     ⟨y⟩ = Σᵢ₌₁..μ wᵢ·yᵢ:λ                                  (the μ best, by f)
///     m  ← m + σ·⟨y⟩
///     p_σ ← (1 − c_σ)·p_σ + √(c_σ(2 − c_σ)μ_eff)·C^−½·⟨y⟩
///     p_c ← (1 − c_c)·p_c + h_σ·√(c_c(2 − c_c)μ_eff)·⟨y⟩
///     C  ← (1 + c₁δ(h_σ) − c₁ − c_μ)·C + c₁·p_c·p_cᵀ + c_μ·Σᵢ wᵢ·yᵢ:λ·yᵢ:λᵀ
///     σ  ← σ·exp((c_σ/d_σ)·(‖p_σ‖/E‖N(0, I)‖ − 1))
///
/// with λ = 4 + ⌊3 ln n⌋, μ = ⌊λ/2⌋, wᵢ ∝ ln((λ + 1)/2) − ln i, μ_eff = 1/Σwᵢ²,
/// c_σ = (μ_eff + 2)/(n + μ_eff + 5), d_σ = 1 + 2·max(0, √((μ_eff − 1)/(n + 1)) − 1) + c_σ,
/// c_c = (4 + μ_eff/n)/(n + 4 + 2μ_eff/n), c₁ = 2/((n + 1.3)² + μ_eff),
/// c_μ = min(1 − c₁, 2(μ_eff − 2 + 1/μ_eff)/((n + 2)² + μ_eff)), h_σ = 1 while
/// ‖p_σ‖/√(1 − (1 − c_σ)^(2(g+1))) < (1.4 + 2/(n + 1))·E‖N(0, I)‖, and
/// δ(h_σ) = (1 − h_σ)·c_c(2 − c_c). C is decomposed every max(1, ⌊1/(10n(c₁ + c_μ))⌋)
/// generations (every one in the plane): in closed form for n = 2, by Jacobi rotations above.
///
/// m starts at the start point, C = I. The start spends one evaluation (f at m); a step spends
/// λ. The reported position is the best point seen so far. zₖ's coordinates come in pairs
/// from `Xoshiro256StarStar.normalPair` (the last one of an odd n is dropped).
///
/// On a network it searches all P weights: C is P × P, decomposed every few generations.
public struct CMAES: Optimizer {
  /// σ₀, the initial step size.
  public var sigma: Double
  /// λ, or nil for the default 4 + ⌊3 ln n⌋.
  public var population: Int?
  public var seed: UInt64

  public init(sigma: Double = 0.5, population: Int? = nil, seed: UInt64 = 0) {
    self.sigma = sigma
    self.population = population
    self.seed = seed
  }

  public static let spec = OptimizerSpec(
    "cmaes", title: "CMA-ES", family: .gradientFree,
    summary: "samples a Gaussian, moves it to the best and learns its shape from them",
    settings: [
      .real("sigma", 0.5, .positive, "Initial step size σ₀."),
      .integer(
        "population", automatic: "4 + ⌊3 ln n⌋", 2...OptimizerKind.maximumPopulation,
        "Offspring λ per generation; left out, 4 + ⌊3 ln n⌋ (6 in the plane)."),
      .seed(),
    ],
    equations: [
      "xₖ = m + σ·B·D·zₖ, zₖ ~ N(0, I)", "m ← m + σ·Σ wᵢ·yᵢ (the μ best)",
      "p_σ, p_c: evolution paths", "C ← (1 − c₁ − c_μ)·C + c₁·p_c·p_cᵀ + c_μ·Σ wᵢ·yᵢ·yᵢᵀ",
      "σ ← σ·exp((c_σ/d_σ)·(‖p_σ‖/E‖N(0, I)‖ − 1))",
    ],
    color: 0xAA9955, stepSetting: "sigma",
    build: { h, _ in
      CMAES(sigma: h.sigma!, population: h.integer("population"), seed: h.seed!)
    })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    var h: Hyperparameters = ["sigma": sigma]
    // Left out, λ is the default 4 + ⌊3 ln n⌋, which depends on the objective.
    if let population { h["population"] = Double(population) }
    h.seed = seed
    return h
  }

  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    Self.iterate(
      Self.start(at: x, sigma: sigma, population: population, seed: seed) { f.value(at: $0) })
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    var s = state.memory(as: State<F.Point>.self)
    // `+`/`-` double or halve σ₀ in the middle of a run: σ, already adapted, follows.
    if sigma != s.initialSigma {
      s.sigma *= sigma / s.initialSigma
      s.initialSigma = sigma
    }
    return Self.iterate(Self.step(s) { f.value(at: $0) })
  }

  /// The generation's mean and σ updates, from the state before (σ rescaled as the step did)
  /// and after.
  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    guard state.step == previous.step + 1 else { return [] }
    var s = previous.memory(as: State<V>.self)
    if sigma != s.initialSigma { s.sigma *= sigma / s.initialSigma }
    let stepped = state.memory(as: State<V>.self)
    let st = s.strategy
    return [
      LiveEquation(
        "xₖ = m + σ·B·D·zₖ, zₖ ~ N(0, I)", ["m = ", .vector(s.mean), ", σ = ", .n(s.sigma)],
        is: .text("\(st.lambda) points"), link: ":"),
      LiveEquation(
        "m ← m + σ·Σ wᵢ·yᵢ (the μ = \(st.mu) best)",
        [.vector(s.mean), " + ", .n(s.sigma), "·", .vector(stepped.meanShift)],
        is: .vector(stepped.mean)),
      LiveEquation(
        Self.spec.equations[4],
        [
          .n(s.sigma), "·exp((", .n(st.cSigma), "/", .n(st.dSigma), ")·(",
          .n(Self.norm(stepped.pathSigma)), "/", .n(st.chiN), " − 1))",
        ], is: .n(stepped.sigma)),
    ]
  }

  /// The inspector's rows, worked out from the state when asked: generation, σ and the axes.
  public func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow] {
    let s = state.memory(as: State<V>.self)
    guard s.generation > 0 else { return [] }
    let axes = s.axisLengths
    return [
      .number(
        "generation", Double(s.generation), " (λ = \(s.strategy.lambda), μ = \(s.strategy.mu))"),
      .number("σ", s.sigma),
      axes.count <= 2
        ? .vector("axes", Parameters(axes), " σ·√eigenvalues of C")
        : .text(
          "axes", "\(ValidRange.number(axes[0])) to \(ValidRange.number(axes[axes.count - 1]))"),
    ]
  }

  /// The run's view: the best point so far, the generation as members, the sampling ellipse
  /// and the new mean on the map (σ and the axes in the inspector: `rows(of:)`).
  static func iterate<V: ParameterVector>(_ s: State<V>) -> Iterate<V> {
    var marks: [Mark<V>] = []
    marks.reserveCapacity(3)
    marks.append(Mark("ellipse", .path(s.ellipse, closed: true), role: .secondary))
    if s.generation > 0 { marks.append(Mark("population", .points(s.population))) }
    var mean = s.best
    for i in 0..<s.strategy.n { mean[i] = s.mean[i] }
    marks.append(Mark("mean", .points([mean])))
    return Iterate(
      position: s.best, loss: s.bestValue, step: s.generation,
      evaluations: EvaluationCount(values: s.evaluations), members: s.population,
      marks: marks, memory: s)
  }

  /// The strategy's constants for n parameters and λ offspring.
  public struct Strategy: Sendable, Equatable {
    public var n: Int
    public var lambda: Int
    public var mu: Int
    public var weights: [Double]
    public var muEff: Double
    public var cSigma: Double
    public var dSigma: Double
    public var cC: Double
    public var c1: Double
    public var cMu: Double
    /// E‖N(0, I)‖ ≈ √n·(1 − 1/(4n) + 1/(21n²)).
    public var chiN: Double
    /// Generations between decompositions of C.
    public var eigenGap: Int

    /// The tutorial's default λ: 4 + ⌊3 ln n⌋.
    public static func defaultPopulation(_ n: Int) -> Int { 4 + Int(3 * Math.log(Double(n))) }

    public init(n: Int, lambda: Int? = nil) {
      let n = Swift.max(1, n)
      let lambda = Swift.max(2, lambda ?? Self.defaultPopulation(n))
      let dn = Double(n)
      self.n = n
      self.lambda = lambda
      mu = lambda / 2
      var w = (1...mu).map { Math.log((Double(lambda) + 1) / 2) - Math.log(Double($0)) }
      let sum = w.reduce(0, +)
      w = w.map { $0 / sum }
      weights = w
      muEff = 1 / w.reduce(0) { $0 + $1 * $1 }
      cSigma = (muEff + 2) / (dn + muEff + 5)
      dSigma = 1 + 2 * Swift.max(0, ((muEff - 1) / (dn + 1)).squareRoot() - 1) + cSigma
      cC = (4 + muEff / dn) / (dn + 4 + 2 * muEff / dn)
      c1 = 2 / ((dn + 1.3) * (dn + 1.3) + muEff)
      cMu = Swift.min(
        1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((dn + 2) * (dn + 2) + 2 * muEff / 2))
      chiN = dn.squareRoot() * (1 - 1 / (4 * dn) + 1 / (21 * dn * dn))
      eigenGap = Swift.max(1, Int(1 / (10 * dn * (c1 + cMu))))
    }
  }

  /// The distribution, its paths, the last generation and the best point seen.
  public struct State<V: ParameterVector>: Sendable {
    public var strategy: Strategy
    public var mean: [Double]
    public var sigma: Double
    /// The σ₀ the run was started with (or last rescaled to).
    public var initialSigma: Double
    /// C, row-major n × n.
    public var covariance: [Double]
    /// C's eigenvectors, as the columns of B (row-major), and the square roots of its
    /// eigenvalues: the axes of the distribution are σ·dᵢ·bᵢ.
    public var basis: [Double]
    public var scales: [Double]
    public var pathSigma: [Double]
    public var pathC: [Double]
    /// Generations done.
    public var generation: Int
    /// The generation at which C was last decomposed.
    public var decomposedAt: Int
    /// The last generation's points and f at each, in the order they were drawn.
    public var population: [V]
    public var populationValues: [Double]
    /// The 1σ ellipse of the distribution the last generation was drawn from (in the plane
    /// of its two longest axes), as a closed path.
    public var ellipse: [V]
    public var best: V
    public var bestValue: Double
    /// Evaluations of f spent so far, the start's included.
    public var evaluations: Int
    public var generator: Xoshiro256StarStar
    /// The last generation's ⟨y⟩ = Σ wᵢ·yᵢ:λ, the mean's step before σ.
    public var meanShift: [Double] = []

    /// The lengths of the distribution's axes, σ·dᵢ, longest first.
    public var axisLengths: [Double] { scales.map { sigma * $0 }.sorted(by: >) }
  }

  /// Points on the ellipse, for the map.
  public static let ellipsePoints = 48

  /// The state at `x`: m = x, σ = `sigma`, C = I, f evaluated once at x.
  public static func start<V: ParameterVector>(
    at x: V, sigma: Double, population: Int? = nil, seed: UInt64, evaluate f: (V) -> Double
  ) -> State<V> {
    let strategy = Strategy(n: x.scalarCount, lambda: population)
    let n = strategy.n
    let mean = (0..<n).map { x[$0] }
    var identity = [Double](repeating: 0, count: n * n)
    for i in 0..<n { identity[i * n + i] = 1 }
    let value = f(x)
    var state = State(
      strategy: strategy, mean: mean, sigma: sigma, initialSigma: sigma, covariance: identity,
      basis: identity,
      scales: [Double](repeating: 1, count: n), pathSigma: [Double](repeating: 0, count: n),
      pathC: [Double](repeating: 0, count: n), generation: 0, decomposedAt: 0, population: [],
      populationValues: [], ellipse: [], best: x, bestValue: value, evaluations: 1,
      generator: Xoshiro256StarStar(seed: seed))
    state.ellipse = ellipse(of: state, like: x)
    return state
  }

  /// One generation.
  public static func step<V: ParameterVector>(_ state: State<V>, evaluate f: (V) -> Double)
    -> State<V>
  {
    var s = state
    let st = s.strategy
    let n = st.n
    let lambda = st.lambda
    s.ellipse = ellipse(of: s, like: s.best)
    // Sample λ points: y = B·(D ⊙ z), x = m + σ·y. One buffer holds the ys, row k the kth
    // point's, and then a vector of n: z while sampling, Bᵀ·⟨y⟩ after.
    var work = [Double](repeating: 0, count: (lambda + 1) * n)
    let z = lambda * n
    var points: [V] = []
    points.reserveCapacity(lambda)
    var values: [Double] = []
    values.reserveCapacity(lambda)
    for k in 0..<lambda {
      var x = s.best
      work.withUnsafeMutableBufferPointer { work in
        var i = 0
        while i < n {
          let pair = s.generator.normalPair()
          work[z + i] = pair.x
          if i + 1 < n { work[z + i + 1] = pair.y }
          i += 2
        }
        s.scales.withUnsafeBufferPointer { d in
          for i in 0..<n { work[z + i] *= d[i] }
        }
        s.basis.withUnsafeBufferPointer { b in
          s.mean.withUnsafeBufferPointer { m in
            for r in 0..<n {
              var sum = 0.0
              for c in 0..<n { sum += b[r * n + c] * work[z + c] }
              work[k * n + r] = sum
              x[r] = m[r] + s.sigma * sum
            }
          }
        }
      }
      let value = f(x)
      points.append(x)
      values.append(value)
      if value.isBetterLoss(than: s.bestValue) {
        s.best = x
        s.bestValue = value
      }
    }
    s.evaluations += lambda
    s.population = points
    s.populationValues = values
    let order = ranking(values)

    // Recombination.
    var yw = [Double](repeating: 0, count: n)
    for i in 0..<st.mu {
      let k = order[i]
      for j in 0..<n { yw[j] += st.weights[i] * work[k * n + j] }
    }
    for j in 0..<n { s.mean[j] += s.sigma * yw[j] }

    // Step-size path: C^−½·⟨y⟩ = B·D⁻¹·Bᵀ·⟨y⟩, with D⁻¹·Bᵀ·⟨y⟩ in the buffer's last n.
    for c in 0..<n { work[z + c] = 0 }
    s.basis.withUnsafeBufferPointer { b in
      for r in 0..<n {
        for c in 0..<n { work[z + c] += b[r * n + c] * yw[r] }
      }
    }
    for j in 0..<n { work[z + j] = s.scales[j] > 0 ? work[z + j] / s.scales[j] : 0 }
    let cs = st.cSigma
    let sigmaFactor = (cs * (2 - cs) * st.muEff).squareRoot()
    let basis = s.basis
    for j in 0..<n {
      var whitened = 0.0
      for c in 0..<n { whitened += basis[j * n + c] * work[z + c] }
      s.pathSigma[j] = (1 - cs) * s.pathSigma[j] + sigmaFactor * whitened
    }
    let pathSigmaNorm = norm(s.pathSigma)
    let correction = (1 - Math.pow(1 - cs, Double(2 * (s.generation + 1)))).squareRoot()
    let hSigma: Double =
      pathSigmaNorm / correction < (1.4 + 2 / (Double(n) + 1)) * st.chiN ? 1 : 0

    // Covariance path and matrix.
    let cc = st.cC
    let cFactor = hSigma * (cc * (2 - cc) * st.muEff).squareRoot()
    for j in 0..<n { s.pathC[j] = (1 - cc) * s.pathC[j] + cFactor * yw[j] }
    s.meanShift = yw
    let delta = (1 - hSigma) * cc * (2 - cc)
    let keep = 1 + st.c1 * delta - st.c1 - st.cMu
    let pathC = s.pathC
    work.withUnsafeBufferPointer { ys in
      s.covariance.withUnsafeMutableBufferPointer { c in
        for r in 0..<n {
          for col in r..<n {
            var rankMu = 0.0
            for i in 0..<st.mu {
              let y = order[i] * n
              rankMu += st.weights[i] * ys[y + r] * ys[y + col]
            }
            let value = keep * c[r * n + col] + st.c1 * pathC[r] * pathC[col] + st.cMu * rankMu
            c[r * n + col] = value
            c[col * n + r] = value
          }
        }
      }
    }

    // Step size.
    s.sigma *= Math.exp((cs / st.dSigma) * (pathSigmaNorm / st.chiN - 1))
    s.generation += 1

    if s.generation - s.decomposedAt >= st.eigenGap {
      s.decomposedAt = s.generation
      if s.covariance.allSatisfy(\.isFinite) {
        var (values, vectors) = eigen(s.covariance, n, near: s.basis)
        for i in 0..<n { values[i] = Swift.max(0, values[i]).squareRoot() }
        s.basis = vectors
        s.scales = values
      }
    }
    return s
  }

  /// The indices of `values` from best to worst: stable, NaN last.
  static func ranking(_ values: [Double]) -> [Int] {
    var order = Array(values.indices)
    for i in 1..<Swift.max(1, order.count) {
      var j = i
      while j > 0 && values[order[j]].isBetterLoss(than: values[order[j - 1]]) {
        order.swapAt(j, j - 1)
        j -= 1
      }
    }
    return order
  }

  /// cos t and sin t at the ellipse's points, t = 2π·k/`ellipsePoints` (the last point is the
  /// first again).
  static let ellipseAngles: [SIMD2<Double>] = (0...ellipsePoints).map { k in
    let t = 2 * Double.pi * Double(k % ellipsePoints) / Double(ellipsePoints)
    return SIMD2(Math.cos(t), Math.sin(t))
  }

  /// The 1σ ellipse m + σ·(cos t·d₁b₁ + sin t·d₂b₂) in the plane of the two longest axes.
  static func ellipse<V: ParameterVector>(of s: State<V>, like template: V) -> [V] {
    let n = s.strategy.n
    // The two longest axes, the first index on a tie (as a stable sort by length would).
    var a = 0
    for i in 1..<Swift.max(1, n) where s.scales[i] > s.scales[a] { a = i }
    var b: Int? = nil
    for i in 0..<n where i != a {
      if let best = b, !(s.scales[i] > s.scales[best]) { continue }
      b = i
    }
    var path: [V] = []
    path.reserveCapacity(ellipsePoints + 1)
    let sigma = s.sigma
    s.basis.withUnsafeBufferPointer { basis in
      s.mean.withUnsafeBufferPointer { mean in
        let da = s.scales[a]
        let db = b.map { s.scales[$0] } ?? 0
        for angle in ellipseAngles {
          var x = template
          for i in 0..<n {
            var offset = angle.x * da * basis[i * n + a]
            if let b { offset += angle.y * db * basis[i * n + b] }
            x[i] = mean[i] + sigma * offset
          }
          path.append(x)
        }
      }
    }
    return path
  }

  static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

  /// The eigenvalues of the symmetric row-major n × n `a`, and its unit eigenvectors as the
  /// columns of a row-major matrix: in closed form for n ≤ 2, by cyclic Jacobi rotations
  /// above. `near`, orthonormal columns that nearly diagonalise `a` (the last basis), makes
  /// the rotations start from Bᵀ·a·B, which takes far fewer sweeps.
  public static func eigen(_ a: [Double], _ n: Int, near: [Double]? = nil) -> (
    values: [Double], vectors: [Double]
  ) {
    if n == 1 { return ([a[0]], [1]) }
    if n == 2 {
      // The rotation by θ with tan 2θ = 2b/(a − c) diagonalises [[a, b], [b, c]].
      let (p, b, c) = (a[0], (a[1] + a[2]) / 2, a[3])
      let theta = 0.5 * Math.atan2(2 * b, p - c)
      let (cs, sn) = (Math.cos(theta), Math.sin(theta))
      let l1 = p * cs * cs + 2 * b * sn * cs + c * sn * sn
      let l2 = p * sn * sn - 2 * b * sn * cs + c * cs * cs
      return ([l1, l2], [cs, -sn, sn, cs])
    }
    guard let b = near else { return jacobi(a, n) }
    let bt = transpose(b, n)
    let (values, v) = jacobi(product(product(bt, a, n), b, n), n)
    return (values, product(b, v, n))
  }

  /// The product of row-major n × n matrices.
  static func product(_ x: [Double], _ y: [Double], _ n: Int) -> [Double] {
    var out = [Double](repeating: 0, count: n * n)
    x.withUnsafeBufferPointer { x in
      y.withUnsafeBufferPointer { y in
        out.withUnsafeMutableBufferPointer { o in
          for r in 0..<n {
            let row = o.baseAddress! + r * n
            for k in 0..<n {
              let xrk = x[r * n + k]
              if xrk == 0 { continue }
              // o[r, c] += x[r, k]·y[k, c], four columns at a time.
              let yk = y.baseAddress! + k * n
              let scale = SIMD4<Double>(repeating: xrk)
              var c = 0
              while c + 4 <= n {
                let sum =
                  UnsafeRawPointer(row + c).loadUnaligned(as: SIMD4<Double>.self) + scale
                  * UnsafeRawPointer(yk + c).loadUnaligned(as: SIMD4<Double>.self)
                UnsafeMutableRawPointer(row + c).storeBytes(of: sum, as: SIMD4<Double>.self)
                c += 4
              }
              while c < n {
                row[c] += xrk * yk[c]
                c += 1
              }
            }
          }
        }
      }
    }
    return out
  }

  static func transpose(_ x: [Double], _ n: Int) -> [Double] {
    var out = x
    for r in 0..<n { for c in 0..<n { out[c * n + r] = x[r * n + c] } }
    return out
  }

  /// Cyclic Jacobi: rotations that zero each off-diagonal element in turn, until every one
  /// is negligible against its diagonal elements (at most 50 sweeps).
  static func jacobi(_ input: [Double], _ n: Int) -> (values: [Double], vectors: [Double]) {
    var a = input
    // Vᵀ, so that a rotation works on two of its rows, contiguous, as on a's.
    var vt = [Double](repeating: 0, count: n * n)
    for i in 0..<n { vt[i * n + i] = 1 }
    a.withUnsafeMutableBufferPointer { a in
      vt.withUnsafeMutableBufferPointer { vt in
        for _ in 0..<50 {
          var rotated = false
          for p in 0..<(n - 1) {
            for q in (p + 1)..<n {
              let apq = a[p * n + q]
              let app = a[p * n + p]
              let aqq = a[q * n + q]
              // An element below the diagonal's rounding is left alone.
              if apq == 0 || apq * apq <= 1e-32 * Swift.abs(app * aqq) { continue }
              rotated = true
              // t = tan φ, the smaller root of t² + 2τt − 1 = 0.
              let tau = (aqq - app) / (2 * apq)
              let t =
                (tau >= 0 ? 1 : -1) / (Swift.abs(tau) + (1 + tau * tau).squareRoot())
              let c = 1 / (1 + t * t).squareRoot()
              let s = t * c
              for k in 0..<n {
                let akp = a[k * n + p]
                let akq = a[k * n + q]
                a[k * n + p] = c * akp - s * akq
                a[k * n + q] = s * akp + c * akq
              }
              rotateRows(a.baseAddress!, p, q, n, c: c, s: s)
              rotateRows(vt.baseAddress!, p, q, n, c: c, s: s)
            }
          }
          if !rotated { break }
        }
      }
    }
    return ((0..<n).map { a[$0 * n + $0] }, transpose(vt, n))
  }

  /// (r_p, r_q) ← (c·r_p − s·r_q, s·r_p + c·r_q) for rows p and q of the row-major n-column
  /// matrix at `m`: element by element, as written, four elements at a time.
  @inline(__always)
  static func rotateRows(
    _ m: UnsafeMutablePointer<Double>, _ p: Int, _ q: Int, _ n: Int, c: Double, s: Double
  ) {
    let (rp, rq) = (m + p * n, m + q * n)
    let (cs, sn) = (SIMD4<Double>(repeating: c), SIMD4<Double>(repeating: s))
    var k = 0
    while k + 4 <= n {
      let x = UnsafeRawPointer(rp + k).loadUnaligned(as: SIMD4<Double>.self)
      let y = UnsafeRawPointer(rq + k).loadUnaligned(as: SIMD4<Double>.self)
      UnsafeMutableRawPointer(rp + k).storeBytes(of: cs * x - sn * y, as: SIMD4<Double>.self)
      UnsafeMutableRawPointer(rq + k).storeBytes(of: sn * x + cs * y, as: SIMD4<Double>.self)
      k += 4
    }
    while k < n {
      let (x, y) = (rp[k], rq[k])
      rp[k] = c * x - s * y
      rq[k] = s * x + c * y
      k += 1
    }
  }
}

extension OptimizerKind {
  public static let cmaes = CMAES.spec.kind
}
