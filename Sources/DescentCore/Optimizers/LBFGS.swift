/// L-BFGS: a quasi-Newton method that builds the inverse Hessian from the last few steps s
/// and gradient changes y alone, never forming a matrix.
///
///     sₖ = xₖ₊₁ − xₖ,  yₖ = ∇fₖ₊₁ − ∇fₖ,  ρₖ = 1/(yₖ·sₖ)   (kept when yₖ·sₖ > 10⁻¹⁰)
///     d = −H·∇f by the two-loop recursion, with H₀ = (y·s)/(y·y)·I from the newest pair
///     x ← x + t·d,  t = lr (the first step: min(1, 1/|∇f|₁)·lr), or a strong Wolfe search
///
/// One step is one iteration of `torch.optim.LBFGS(lr, max_iter=1, max_eval=25,
/// history_size, line_search_fn)`, with the state torch keeps between calls (the direction,
/// the step length, the history of (s, y, ρ), H₀'s scale, the previous gradient and loss)
/// and the same floating-point operations in the same order, so runs agree with PyTorch to
/// the last bits. Like torch it stops moving when max |∇f| ≤ 10⁻⁷, or when the direction is
/// not downhill (∇f·d > −10⁻⁹); such a step evaluates f and ∇f at x again, as torch's call
/// does (on a mini-batch, the next batch's gradient may move it on).
public struct LBFGS: Sendable, Equatable {
  public enum LineSearchKind: String, Sendable, CaseIterable {
    /// A fixed step t = lr.
    case none
    /// torch's strong Wolfe search (c₁ = 10⁻⁴, c₂ = 0.9).
    case strongWolfe = "strong-wolfe"
  }

  public var lr: Double
  /// How many (s, y) pairs are kept.
  public var history: Int
  public var lineSearch: LineSearchKind

  public static let toleranceGrad = 1e-7
  public static let toleranceChange = 1e-9

  public init(lr: Double = 1, history: Int = 10, lineSearch: LineSearchKind = .none) {
    self.lr = lr
    self.history = history
    self.lineSearch = lineSearch
  }

  /// What torch's LBFGS keeps in its state between calls to `step`.
  public struct Memory<V: ParameterVector>: Sendable {
    /// The last search direction d.
    public var direction: V?
    /// The last step length t.
    public var t: Double?
    /// The gradient changes y (torch's `old_dirs`), oldest first.
    public var gradientChanges: [V] = []
    /// The steps s = t·d (torch's `old_stps`), oldest first.
    public var steps: [V] = []
    /// 1/(y·s) for each pair.
    public var rho: [Double] = []
    /// The scale of the initial inverse Hessian, (y·s)/(y·y) of the newest pair.
    public var hDiagonal = 1.0
    public var previousGradient: V?
    public var previousLoss: Double?
    /// Iterations done (torch's `n_iter`).
    public var iterations = 0
    public init() {}
  }

  /// One iteration from x: where it went, f and ∇f there, and what the line search did (the
  /// direction is nil when it stopped before computing one).
  public typealias Outcome<V: ParameterVector> = LineSearch.Outcome<V, Memory<V>>

  /// One L-BFGS iteration from x, where f = `loss` and ∇f = `gradient`. `evaluate` gives f and
  /// ∇f at a point; it is called for each line-search trial, or once at the new point.
  public func iterate<V: ParameterVector>(
    from x: V, loss: Double, gradient flatGradient: V, memory: Memory<V>,
    evaluate: (V) -> (value: Double, gradient: V)
  ) -> Outcome<V> {
    var m = memory
    var stay = Outcome(position: x, loss: loss, gradient: flatGradient, memory: m)
    // torch returns at once at a point where the gradient vanishes.
    if flatGradient.maxMagnitude <= Self.toleranceGrad { return stay.reevaluated(by: evaluate) }
    m.iterations += 1

    var d: V
    if m.iterations == 1 {
      d = -1.0 * flatGradient
      m.gradientChanges = []
      m.steps = []
      m.rho = []
      m.hDiagonal = 1
    } else {
      let y = flatGradient - m.previousGradient!
      let s = m.direction! * m.t!
      let ys = y.dot(s)
      if ys > 1e-10 {
        if m.gradientChanges.count == history {
          m.gradientChanges.removeFirst()
          m.steps.removeFirst()
          m.rho.removeFirst()
        }
        m.gradientChanges.append(y)
        m.steps.append(s)
        m.rho.append(1.0 / ys)
        m.hDiagonal = ys / y.dot(y)
      }
      // The two-loop recursion: d = −H·∇f.
      let count = m.gradientChanges.count
      var al = [Double](repeating: 0, count: count)
      var q = -1.0 * flatGradient
      for i in stride(from: count - 1, through: 0, by: -1) {
        al[i] = m.steps[i].dot(q) * m.rho[i]
        q = q.adding(m.gradientChanges[i], scaledBy: -al[i])
      }
      var r = q * m.hDiagonal
      for i in 0..<count {
        let be = m.gradientChanges[i].dot(r) * m.rho[i]
        r = r.adding(m.steps[i], scaledBy: al[i] - be)
      }
      d = r
    }
    m.previousGradient = flatGradient
    m.previousLoss = loss

    var t = m.iterations == 1 ? LineSearch.pyMin(1.0, 1.0 / flatGradient.magnitudeSum) * lr : lr
    let gtd = flatGradient.dot(d)
    m.direction = d
    m.t = t
    stay.memory = m
    stay.direction = d
    // Not downhill: torch stops here without moving.
    if gtd > -Self.toleranceChange { return stay.reevaluated(by: evaluate) }

    switch lineSearch {
    case .strongWolfe:
      let found = LineSearch.strongWolfe(
        from: x, t: t, direction: d, loss: loss, gradient: flatGradient, slope: gtd,
        evaluate: evaluate)
      t = found.t
      m.t = t
      return Outcome(
        position: x.adding(d, scaledBy: t), loss: found.loss, gradient: found.gradient, memory: m,
        direction: d, t: t, trials: found.trials, evaluations: found.evaluations)
    case .none:
      let next = x.adding(d, scaledBy: t)
      let (value, gradient) = evaluate(next)
      return Outcome(
        position: next, loss: value, gradient: gradient, memory: m, direction: d, t: t,
        trials: [], evaluations: 1)
    }
  }
}
extension LBFGS: Optimizer {
  public static let spec = OptimizerSpec(
    "lbfgs", title: "L-BFGS", family: .secondOrder,
    summary: "quasi-Newton: curvature learned from the last steps' changes in gradient",
    settings: [
      .real(
        "lr", 1, .positive,
        "Step length t, or the line search's first guess (the first step: min(1, 1/|g|₁)·lr)."),
      .integer("history", 10, 1...1000, "How many pairs (s, y) it remembers."),
      .choice(
        "line-search", "none", ["none", "strong-wolfe"],
        "none: a fixed step t = lr; strong-wolfe: torch's strong Wolfe search (c₁ = 1e-4, c₂ = 0.9)."
      ),
    ],
    equations: [
      "s = x₊ − x, y = g₊ − g, ρ = 1/(y·s), for the last m pairs",
      "d = −H·g by the two-loop recursion, H₀ = (y·s)/(y·y)·I",
      "x ← x + t·d, t = lr or a strong Wolfe search",
    ],
    color: 0x99B3FF,
    build: { h, _ in
      LBFGS(
        lr: h.lr!, history: h.integer("history")!,
        lineSearch: LineSearchKind(rawValue: h.word("line-search") ?? "none") ?? .none)
    })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    var h: Hyperparameters = ["lr": lr, "history": Double(history)]
    h.setWord("line-search", to: lineSearch.rawValue)
    return h
  }

  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    let (loss, gradient) = f.valueAndGradient(at: x)
    return Iterate(
      position: x, loss: loss, gradient: gradient, evaluations: f.gradientCost,
      memory: Memory<F.Point>())
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    let x = state.position
    let out = iterate(
      from: x, loss: state.loss, gradient: state.gradient ?? x * 0,
      memory: state.memory(as: Memory<F.Point>.self), evaluate: { f.valueAndGradient(at: $0) })
    var evaluations = state.evaluations
    for _ in 0..<out.evaluations { evaluations = evaluations + f.gradientCost }
    var rows: [InspectorRow] = [
      .number("pairs", Double(out.memory.gradientChanges.count), " of \(history)"),
      .number("t", out.t),
      .number("spent", Double(out.evaluations), " ∇f this step"),
    ]
    var marks: [Mark<F.Point>] = []
    if let d = out.direction {
      rows.insert(.vector("d", d), at: 0)
      let reach = out.trials.map(\.t).reduce(out.t) { Swift.max($0, $1) }
      marks.append(Mark("direction", .segment(x, x.adding(d, scaledBy: reach))))
      if !out.trials.isEmpty {
        marks.append(
          Mark(
            "trials", .points(out.trials.map { x.adding(d, scaledBy: $0.t) }), role: .secondary))
      }
    } else {
      rows.insert(.text("d", "none: max |g| ≤ 1e-7"), at: 0)
    }
    return Iterate(
      position: out.position, loss: out.loss, gradient: out.gradient, step: state.step + 1,
      evaluations: evaluations, rows: rows, marks: marks, memory: out.memory)
  }

  /// The direction, the step length and the move, from the memory the iteration left.
  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    let m = state.memory(as: Memory<V>.self)
    guard state.step == previous.step + 1, let d = m.direction, let g = previous.gradient,
      m.iterations > previous.memory(as: Memory<V>.self).iterations
    else { return [] }
    let x = previous.position
    let pairs = m.gradientChanges.count
    // An iteration that did not move (d not downhill) took no step.
    let t = state.position == x ? 0 : m.t!
    return [
      pairs == 0
        ? LiveEquation("d = −g (no pairs yet)", ["−", .v(g)], is: .v(d))
        : LiveEquation(
          "d = −H·g, two loops over \(pairs) pairs, H₀ = γ·I",
          ["γ = ", .n(m.hDiagonal), ", −H·", .v(g)],
          is: .v(d)),
      LiveEquation(
        lineSearch == .none
          ? "t = lr" + (m.iterations == 1 ? "·min(1, 1/|g|₁)" : "")
          : "t by a strong Wolfe search", [], is: .n(t)),
      LiveEquation("x ← x + t·d", [.v(x), " + ", .n(t), "·", .v(d)], is: .v(state.position)),
    ]
  }
}

extension OptimizerKind {
  public static let lbfgs = LBFGS.spec.kind
}
