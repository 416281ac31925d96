/// Nonlinear conjugate gradient, Polak–Ribière+ with restarts, with a strong Wolfe line
/// search (c₁ = 10⁻⁴, c₂ = 0.1):
///
///     β = max(0, ∇f·(∇f − ∇fₚᵣₑᵥ) / (∇fₚᵣₑᵥ·∇fₚᵣₑᵥ))
///     d = −∇f + β·dₚᵣₑᵥ,   x ← x + t·d
///
/// It stays where it is once max |∇f| ≤ 10⁻⁷ (L-BFGS's tolerance), evaluating f and ∇f
/// there again (as L-BFGS does; on a mini-batch the next batch may move it on). It restarts (d = −∇f) on the first step, every n steps (n the number of parameters), when
/// the raw β is negative, and when d is not a descent direction (∇f·d ≥ 0). The line search's
/// first guess is t = min(1, 1/|∇f|₁) on a restart from the start, and after that
/// tₚᵣₑᵥ·(∇fₚᵣₑᵥ·dₚᵣₑᵥ)/(∇f·d) (Nocedal and Wright's choice: the same first-order change
/// as the last step). On a quadratic in n dimensions with exact line searches it would reach
/// the minimum in n steps.
public struct ConjugateGradient: Sendable, Equatable {
  public static let c1 = 1e-4
  public static let c2 = 0.1

  public init() {}

  /// What conjugate gradient carries between steps.
  public struct Memory<V: ParameterVector>: Sendable {
    /// The last search direction.
    public var direction: V?
    /// ∇f where the last step started.
    public var previousGradient: V?
    /// The last step length and the slope ∇f·d it started from.
    public var t = 0.0
    public var slope = 0.0
    /// Steps since the last restart (a restart step counts as 1).
    public var sinceRestart = 0
    /// Restarts so far, the first step included.
    public var restarts = 0
    /// The last step's β after the max(0, ·); 0 on a restart, or when it stayed.
    public var beta = 0.0
    /// Whether the last step restarted along −∇f.
    public var restarted = false
    public init() {}
  }

  /// One step: where it went, f and ∇f there, and what it did (the direction is nil when
  /// ∇f vanished and the step stayed).
  public typealias Outcome<V: ParameterVector> = LineSearch.Outcome<V, Memory<V>>

  public func iterate<V: ParameterVector>(
    from x: V, loss: Double, gradient g: V, memory: Memory<V>,
    evaluate: (V) -> (value: Double, gradient: V)
  ) -> Outcome<V> {
    var m = memory
    m.beta = 0
    m.restarted = false
    let stay = Outcome(position: x, loss: loss, gradient: g, memory: m)
    // At a minimum (to torch L-BFGS's tolerance) a line search only spends evaluations on
    // rounding noise.
    guard !(g.maxMagnitude <= LBFGS.toleranceGrad) else { return stay.reevaluated(by: evaluate) }
    var restart = m.direction == nil || m.sinceRestart >= x.scalarCount
    var beta = 0.0
    if !restart, let previous = m.previousGradient {
      let raw = g.dot(g - previous) / previous.dot(previous)
      if raw > 0 { beta = raw } else { restart = true }
    }
    var d = restart ? -1.0 * g : -1.0 * g + beta * m.direction!
    var gtd = g.dot(d)
    if !restart && !(gtd < 0) {
      restart = true
      beta = 0
      d = -1.0 * g
      gtd = g.dot(d)
    }
    // Not finite: nowhere downhill to go.
    guard gtd < 0 else { return stay.reevaluated(by: evaluate) }
    if restart {
      m.restarts += 1
      m.sinceRestart = 0
    }
    m.sinceRestart += 1
    let guess =
      m.direction == nil || !(m.t > 0)
      ? LineSearch.pyMin(1.0, 1.0 / g.magnitudeSum) : m.t * m.slope / gtd
    let found = LineSearch.strongWolfe(
      from: x, t: guess, direction: d, loss: loss, gradient: g, slope: gtd, c1: Self.c1,
      c2: Self.c2, evaluate: evaluate)
    m.direction = d
    m.previousGradient = g
    m.t = found.t
    m.slope = gtd
    m.beta = beta
    m.restarted = restart
    return Outcome(
      position: x.adding(d, scaledBy: found.t), loss: found.loss, gradient: found.gradient,
      memory: m, direction: d, t: found.t, trials: found.trials, evaluations: found.evaluations)
  }
}

extension LineSearch.Outcome where Memory == ConjugateGradient.Memory<V> {
  /// β after the max(0, ·); 0 on a restart, or when the step stayed.
  public var beta: Double { memory.beta }
  /// Whether this step restarted along −∇f.
  public var restarted: Bool { memory.restarted }
}

extension ConjugateGradient: Optimizer {
  public static let spec = OptimizerSpec(
    "cg", title: "conjugate gradient", family: .secondOrder,
    summary:
      "each direction conjugate to the last (Polak-Ribière+), a strong Wolfe search along it",
    settings: [],
    equations: [
      "β = max(0, g·(g − g₋)/(g₋·g₋))",
      "d = −g + β·d₋ (d = −g every n steps, or if g·d ≥ 0)",
      "x ← x + t·d, t by a strong Wolfe search (c₂ = 0.1)",
    ],
    color: 0xB380B3, stepSetting: nil,
    build: { _, _ in ConjugateGradient() })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters { Hyperparameters() }

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
      .number("β", out.beta, out.restarted ? " (restart: d = −g)" : ""),
      .number("restarts", Double(out.memory.restarts)),
      .number("t", out.t),
      .number("spent", Double(out.evaluations), " ∇f this step"),
    ]
    var marks: [Mark<F.Point>] = []
    if let d = out.direction {
      rows.insert(.vector("d", d), at: 0)
      let reach = out.trials.map(\.t).reduce(out.t) { Swift.max($0, $1) }
      marks.append(Mark("direction", .segment(x, x.adding(d, scaledBy: reach))))
      marks.append(
        Mark("trials", .points(out.trials.map { x.adding(d, scaledBy: $0.t) }), role: .secondary))
    } else {
      rows.insert(.text("d", "none: max |g| ≤ 1e-7"), at: 0)
    }
    return Iterate(
      position: out.position, loss: out.loss, gradient: out.gradient, step: state.step + 1,
      evaluations: evaluations, rows: rows, marks: marks, memory: out.memory)
  }

  /// β (or the restart), the direction, the step length and the move, from the memory before
  /// and after the step.
  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    let before = previous.memory(as: Memory<V>.self)
    let m = state.memory(as: Memory<V>.self)
    // A step that stayed (∇f vanished, or nowhere downhill) left the memory as it was.
    guard state.step == previous.step + 1, let d = m.direction, let g = previous.gradient,
      m.sinceRestart != before.sinceRestart || m.restarts != before.restarts
    else { return [] }
    let x = previous.position
    var equations: [LiveEquation] = []
    if m.restarts > before.restarts {
      equations.append(LiveEquation("d = −g (a restart)", ["−", .v(g)], is: .v(d)))
    } else if let p = before.previousGradient, let last = before.direction {
      let beta = Swift.max(0, g.dot(g - p) / p.dot(p))
      equations += [
        LiveEquation(
          Self.spec.equations[0],
          ["max(0, ", .v(g), "·(", .v(g), " − ", .v(p), ")/(", .v(p), "·", .v(p), "))"],
          is: .n(beta)),
        LiveEquation("d = −g + β·d₋", ["−", .v(g), " + ", .n(beta), "·", .v(last)], is: .v(d)),
      ]
    }
    return equations + [
      LiveEquation("t by a strong Wolfe search (c₂ = 0.1)", [], is: .n(m.t)),
      LiveEquation("x ← x + t·d", [.v(x), " + ", .n(m.t), "·", .v(d)], is: .v(state.position)),
    ]
  }
}

extension OptimizerKind {
  public static let cg = ConjugateGradient.spec.kind
}
