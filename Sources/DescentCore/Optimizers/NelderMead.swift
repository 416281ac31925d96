/// The Nelder–Mead simplex method, exactly as `scipy.optimize.minimize(method="Nelder-Mead")`
/// runs it with its defaults (`adaptive=False`). It uses no gradient, only values of f.
///
/// The simplex has n + 1 vertices, kept sorted so that x₀ is the best and xₙ the worst. The
/// first is the start x; vertex k + 1 is x with coordinate k multiplied by 1.05 (set to
/// 0.00025 where it is 0). One step is one iteration of scipy's loop, with the centroid
/// x̄ = (x₀ + … + xₙ₋₁)/n of all but the worst and ρ = 1, χ = 2, ψ = 0.5, σ = 0.5:
///
///     reflect     xr  = (1 + ρ)·x̄ − ρ·xₙ              if f(xr) < f(x₀):
///     expand      xe  = (1 + ρχ)·x̄ − ρχ·xₙ              keep xe if f(xe) < f(xr), else xr
///                                                     elif f(xr) < f(xₙ₋₁): keep xr
///     contract    xc  = (1 + ψρ)·x̄ − ψρ·xₙ            elif f(xr) < f(xₙ): keep xc if f(xc) ≤ f(xr)
///     contract in xcc = (1 − ψ)·x̄ + ψ·xₙ              else: keep xcc if f(xcc) < f(xₙ)
///     shrink      xⱼ ← x₀ + σ·(xⱼ − x₀), j = 1…n     when the contraction is not kept
///
/// then sorts the vertices by f (stably, NaN last). The reported position is the start at
/// step 0 (scipy's first row is x0, whichever vertex is best), then x₀, the best vertex. The start spends n + 1 evaluations of f; a step spends 1 (reflect), 2 (expand or
/// contract) or 2 + n (a shrink). A simplex that has collapsed to one point (scipy's stopping
/// test with `xatol = fatol = 0`) stays where it is and spends nothing.
///
/// On a network the simplex lives in all P weights: the start spends P + 1 evaluations.
public struct NelderMead: Optimizer {
  public init() {}

  public static let spec = OptimizerSpec(
    "nelder-mead", title: "Nelder–Mead simplex", family: .gradientFree,
    summary: "a simplex of n + 1 points that reflects, expands, contracts or shrinks",
    settings: [],
    equations: [
      "x̄ = mean of all vertices but the worst xₙ", "reflect xr = 2x̄ − xₙ",
      "expand xe = 3x̄ − 2xₙ", "contract xc = 1.5x̄ − 0.5xₙ, inside xcc = 0.5x̄ + 0.5xₙ",
      "shrink xⱼ ← x₀ + 0.5·(xⱼ − x₀)",
    ],
    color: 0x00FFCC, stepSetting: nil, build: { _, _ in NelderMead() })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters { Hyperparameters() }

  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    Self.iterate(Self.start(at: x) { f.value(at: $0) })
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    let simplex = state.memory(as: Simplex<F.Point>.self)
    return Self.iterate(Self.step(simplex) { f.value(at: $0) })
  }

  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    guard state.step == previous.step + 1 else { return [] }
    return Self.equations(
      from: previous.memory(as: Simplex<V>.self), to: state.memory(as: Simplex<V>.self))
  }

  /// The iteration from `s` to `next` written out: the centroid, the reflection, and the
  /// move kept, with scipy's coefficients.
  static func equations<V: ParameterVector>(from s: Simplex<V>, to next: Simplex<V>)
    -> [LiveEquation]
  {
    guard next.move != .converged else {
      return [LiveEquation("the simplex has collapsed to a point: no move", [], is: "stays")]
    }
    let n = s.vertices.count - 1
    var sum = s.vertices[0]
    for j in 1..<n { sum = sum + s.vertices[j] }
    let xbar = sum / Double(n)
    let worst = s.vertices[n]
    let centroid: [LiveEquation.Term] =
      n <= 2
      ? ["("]
        + (0..<n).flatMap { j -> [LiveEquation.Term] in [j > 0 ? " + " : "", .v(s.vertices[j])] }
        + [")/", .n(Double(n))]
      : [.text("mean of \(n) vertices")]
    var lines = [
      LiveEquation("x̄ = mean of all vertices but the worst xₙ", centroid, is: .v(xbar)),
      LiveEquation(
        "reflect xr = 2x̄ − xₙ", [.n(1 + rho), "·", .v(xbar), " − ", .n(rho), "·", .v(worst)],
        is: .v((1 + rho) * xbar - rho * worst)),
    ]
    switch next.move {
    case .expand:
      lines.append(
        LiveEquation(
          "f(xr) < f(x₀): expand xe = 3x̄ − 2xₙ",
          [.n(1 + rho * chi), "·", .v(xbar), " − ", .n(rho * chi), "·", .v(worst)],
          is: .v((1 + rho * chi) * xbar - rho * chi * worst)))
    case .reflect:
      lines.append(LiveEquation("keep xr (f(xr) below the second worst)", [], is: "reflected"))
    case .contract:
      lines.append(
        LiveEquation(
          "f(xr) ≥ f(xₙ₋₁): contract xc = 1.5x̄ − 0.5xₙ",
          [.n(1 + psi * rho), "·", .v(xbar), " − ", .n(psi * rho), "·", .v(worst)],
          is: .v((1 + psi * rho) * xbar - psi * rho * worst)))
    case .contractInside:
      lines.append(
        LiveEquation(
          "f(xr) ≥ f(xₙ): inside xcc = 0.5x̄ + 0.5xₙ",
          [.n(1 - psi), "·", .v(xbar), " + ", .n(psi), "·", .v(worst)],
          is: .v((1 - psi) * xbar + psi * worst)))
    case .shrink:
      lines.append(
        LiveEquation(
          "no contraction kept: shrink xⱼ ← x₀ + 0.5·(xⱼ − x₀)", ["x₀ = ", .v(s.best)],
          is: "shrunk",
          link: ":"))
    case .start, .converged:
      break
    }
    lines.append(LiveEquation("best vertex x₀", [], is: .v(next.best)))
    return lines
  }

  /// The run's view of a simplex: its position and loss, its vertices as members, the
  /// simplex drawn as a closed path, and the move in the inspector.
  static func iterate<V: ParameterVector>(_ s: Simplex<V>) -> Iterate<V> {
    Iterate(
      position: s.position, loss: s.loss, step: s.step,
      evaluations: EvaluationCount(values: s.evaluations), members: s.vertices,
      marks: [Mark("simplex", .path(s.vertices, closed: true))], memory: s)
  }

  /// The inspector's rows (the move, the simplex's size and spread of f), worked out from the
  /// simplex when asked.
  public func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow] {
    let s = state.memory(as: Simplex<V>.self)
    guard s.step > 0 else { return [] }
    return [
      .text("move", s.move.rawValue),
      .number("size", s.size, " max |xⱼ − x₀|"),
      .number("f spread", s.valueSpread, " max |f(xⱼ) − f(x₀)|"),
    ]
  }

  /// scipy's coefficients: reflection ρ, expansion χ, contraction ψ, shrink σ.
  public static let rho = 1.0
  public static let chi = 2.0
  public static let psi = 0.5
  public static let sigma = 0.5
  /// scipy's initial simplex: a nonzero coordinate grows by 5 %, a zero one becomes 0.00025.
  public static let nonzeroDelta = 0.05
  public static let zeroDelta = 0.00025

  /// What one iteration did to the simplex.
  public enum Move: String, Sendable, Equatable {
    /// Step 0: the initial simplex.
    case start
    case reflect
    case expand
    /// The outside contraction, between x̄ and xr.
    case contract
    /// The inside contraction, between x̄ and the worst vertex.
    case contractInside = "contract inside"
    case shrink
    /// The simplex had collapsed to a point: nothing to do.
    case converged
  }

  /// The simplex: its vertices sorted best first, f at each, and the last move.
  public struct Simplex<V: ParameterVector>: Sendable, Equatable {
    public var vertices: [V]
    public var values: [Double]
    public var move: Move
    /// Evaluations of f spent so far, the start's included.
    public var evaluations: Int
    /// Iterations done.
    public var step: Int

    /// The start point and f there: what step 0 reports, as scipy's first row is x0.
    public var start: V
    public var startValue: Double

    /// The best vertex, x₀.
    public var best: V { vertices[0] }
    public var bestValue: Double { values[0] }

    /// What the run reports: the start at step 0, then the best vertex.
    public var position: V { step == 0 ? start : best }
    public var loss: Double { step == 0 ? startValue : bestValue }

    /// scipy's measure of the simplex: the largest coordinate difference between a vertex
    /// and the best one, max |xⱼ − x₀|.
    public var size: Double {
      var size = 0.0
      for j in vertices.indices.dropFirst() {
        for k in 0..<vertices[0].scalarCount {
          size = Swift.max(size, Swift.abs(vertices[j][k] - vertices[0][k]))
        }
      }
      return size
    }

    /// max |f(xⱼ) − f(x₀)|: how far apart the vertices' values are.
    public var valueSpread: Double {
      var spread = 0.0
      for v in values.dropFirst() { spread = Swift.max(spread, Swift.abs(values[0] - v)) }
      return spread
    }
  }

  /// The initial simplex around `x` and f at its vertices, sorted.
  public static func start<V: ParameterVector>(at x: V, evaluate f: (V) -> Double) -> Simplex<V> {
    var vertices = [x]
    for k in 0..<x.scalarCount {
      var y = x
      if y[k] != 0 { y[k] = (1 + nonzeroDelta) * y[k] } else { y[k] = zeroDelta }
      vertices.append(y)
    }
    let values = vertices.map(f)
    var simplex = Simplex(
      vertices: vertices, values: values, move: .start, evaluations: vertices.count, step: 0,
      start: x, startValue: values[0])
    sort(&simplex)
    return simplex
  }

  /// One iteration of scipy's loop.
  public static func step<V: ParameterVector>(_ simplex: Simplex<V>, evaluate f: (V) -> Double)
    -> Simplex<V>
  {
    var s = simplex
    s.step += 1
    let n = s.vertices.count - 1
    // scipy stops here when max|xⱼ − x₀| ≤ xatol and max|f(xⱼ) − f(x₀)| ≤ fatol; with both 0
    // that is a simplex collapsed to one point.
    if s.size <= 0 && s.valueSpread <= 0 {
      s.move = .converged
      return s
    }
    // np.add.reduce(sim[:-1], 0) / N adds the rows in order.
    var sum = s.vertices[0]
    for j in 1..<n { sum = sum + s.vertices[j] }
    let xbar = sum / Double(n)
    let worst = s.vertices[n]
    let xr = (1 + rho) * xbar - rho * worst
    let fxr = f(xr)
    s.evaluations += 1
    if fxr < s.values[0] {
      let xe = (1 + rho * chi) * xbar - rho * chi * worst
      let fxe = f(xe)
      s.evaluations += 1
      if fxe < fxr {
        replaceWorst(&s, xe, fxe, .expand)
      } else {
        replaceWorst(&s, xr, fxr, .reflect)
      }
    } else if fxr < s.values[n - 1] {
      replaceWorst(&s, xr, fxr, .reflect)
    } else {
      var shrink = false
      if fxr < s.values[n] {
        let xc = (1 + psi * rho) * xbar - psi * rho * worst
        let fxc = f(xc)
        s.evaluations += 1
        if fxc <= fxr { replaceWorst(&s, xc, fxc, .contract) } else { shrink = true }
      } else {
        let xcc = (1 - psi) * xbar + psi * worst
        let fxcc = f(xcc)
        s.evaluations += 1
        if fxcc < s.values[n] {
          replaceWorst(&s, xcc, fxcc, .contractInside)
        } else {
          shrink = true
        }
      }
      if shrink {
        for j in 1...n {
          s.vertices[j] = s.vertices[0] + sigma * (s.vertices[j] - s.vertices[0])
          s.values[j] = f(s.vertices[j])
        }
        s.evaluations += n
        s.move = .shrink
      }
    }
    sort(&s)
    return s
  }

  private static func replaceWorst<V: ParameterVector>(
    _ s: inout Simplex<V>, _ x: V, _ value: Double, _ move: Move
  ) {
    s.vertices[s.vertices.count - 1] = x
    s.values[s.values.count - 1] = value
    s.move = move
  }

  /// Sorts the vertices by f as `np.argsort` does for a handful of values: stably, with NaN
  /// after every number.
  static func sort<V: ParameterVector>(_ s: inout Simplex<V>) {
    func before(_ a: Double, _ b: Double) -> Bool { a < b || (b.isNaN && !a.isNaN) }
    for i in 1..<s.values.count {
      var j = i
      while j > 0 && before(s.values[j], s.values[j - 1]) {
        s.values.swapAt(j, j - 1)
        s.vertices.swapAt(j, j - 1)
        j -= 1
      }
    }
  }
}

extension OptimizerKind {
  public static let nelderMead = NelderMead.spec.kind
}
