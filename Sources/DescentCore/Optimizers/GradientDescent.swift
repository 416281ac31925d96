/// Plain gradient descent: x ← x − lr·g, or x ← x − t·g with t from a line search.
///
/// Without a line search it matches `torch.optim.SGD([p], lr=lr)`. With `armijo` it
/// backtracks: from t = lr, it halves t while f(x − t·g) > f(x) − 10⁻⁴·t·|g|², at most 50
/// times (after the 50th halving it takes t untested). With `strong-wolfe` it searches along
/// −g from t = lr with torch's strong Wolfe search (c₁ = 10⁻⁴, c₂ = 0.9), as L-BFGS does.
public struct GradientDescent: GradientOptimizer {
  public enum LineSearchKind: String, Sendable, CaseIterable {
    case none, armijo
    case strongWolfe = "strong-wolfe"
  }

  public var lr: Double
  public var lineSearch: LineSearchKind

  public init(lr: Double = 1e-3, lineSearch: LineSearchKind = .none) {
    self.lr = lr
    self.lineSearch = lineSearch
  }

  public static let spec = OptimizerSpec(
    "gd", title: "gradient descent", family: .firstOrder,
    summary: "a step down the gradient, scaled by the learning rate",
    settings: [
      .real("lr", 1e-3, .positive, "Learning rate; with a line search, the first step tried."),
      .choice(
        "line-search", "none", LineSearchKind.allCases.map(\.rawValue),
        "none: a fixed step; armijo (gd): halve t from lr while f(x − t·g) > f − 1e-4·t·‖g‖²; strong-wolfe (gd, lbfgs): torch's strong Wolfe search."
      ),
    ],
    equations: [
      "x ← x − lr·g",
      "--line-search armijo: x ← x − t·g, t = lr/2ᵏ for the first k with f(x − t·g) ≤ f − 10⁻⁴·t·‖g‖²",
    ],
    color: 0xFF2D2D, racesByDefault: true,
    build: { h, _ in
      GradientDescent(
        lr: h.lr!, lineSearch: LineSearchKind(rawValue: h.word("line-search") ?? "none") ?? .none)
    })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    var h: Hyperparameters = ["lr": lr]
    if lineSearch != .none { h.setWord("line-search", to: lineSearch.rawValue) }
    return h
  }

  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    // torch: param.add_(grad, alpha=-lr)
    position + (-lr) * g
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    let x = state.position
    let g = state.gradient ?? x * 0
    var evaluations = state.evaluations
    let position: F.Point
    let t: Double
    let trials: [LineSearch.Trial]
    var loss: Double
    var gradient: F.Point
    switch lineSearch {
    case .none:
      var memory = state.memory(as: GradientMemory<F.Point>.self)
      position = apply(position: x, gradient: g, memory: &memory.rule, t: state.step + 1)
      memory.used = g
      memory.update = position - x
      (loss, gradient) = f.valueAndGradient(at: position)
      return Iterate(
        position: position, loss: loss, gradient: gradient, step: state.step + 1,
        evaluations: evaluations + f.gradientCost, memory: memory)
    case .armijo:
      (t, trials) = LineSearch.armijo(from: x, t: lr, loss: state.loss, gradient: g) {
        f.value(at: $0)
      }
      evaluations.values += trials.count
      position = x - t * g
      (loss, gradient) = f.valueAndGradient(at: position)
      evaluations = evaluations + f.gradientCost
    case .strongWolfe:
      let found = LineSearch.strongWolfe(
        from: x, t: lr, direction: -1.0 * g, loss: state.loss, gradient: g, slope: -g.dot(g),
        evaluate: { f.valueAndGradient(at: $0) })
      (t, trials, loss, gradient) = (found.t, found.trials, found.loss, found.gradient)
      for _ in 0..<found.evaluations { evaluations = evaluations + f.gradientCost }
      position = x.adding(g, scaledBy: -t)
    }
    let reach = trials.map(\.t).reduce(t) { Swift.max($0, $1) }
    return Iterate(
      position: position, loss: loss, gradient: gradient, step: state.step + 1,
      evaluations: evaluations,
      rows: [
        .vector("used g", g), .number("t", t),
        lineSearch == .armijo
          ? .text("spent", "\(trials.count) f, 1 ∇f")
          : .number("spent", Double(trials.count), " ∇f this step"),
        .vector("step", position - x),
      ],
      marks: [
        Mark("direction", .segment(x, x - reach * g)),
        Mark("trials", .points(trials.map { x - $0.t * g }), role: .secondary),
      ],
      memory: state.memory)
  }
}

extension GradientDescent {
  /// With a line search, t from the step's rows and x ← x − t·g; without, the rule's line.
  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    guard state.step == previous.step + 1 else { return [] }
    let (x, g) = (previous.position, previous.gradient ?? previous.position * 0)
    guard lineSearch != .none else {
      return equations(
        position: x, gradient: g, before: RuleMemory(), after: RuleMemory(), next: state.position,
        t: state.step)
    }
    guard case .number(let t)? = state.rows.first(where: { $0.label == "t" })?.value else {
      return []
    }
    return [
      lineSearch == .armijo
        ? LiveEquation(
          "t = lr/2ᵏ, k halvings", [.n(lr), "/2^", .n(Double((lr / t).exponent))], is: .n(t))
        : LiveEquation("t by a strong Wolfe search", [], is: .n(t)),
      LiveEquation("x ← x − t·g", [.v(x), " − ", .n(t), "·", .v(g)], is: .v(state.position)),
    ]
  }

  public func equations<V: ParameterVector>(
    position x: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation] {
    [LiveEquation(Self.spec.equations[0], [.v(x), " − ", .n(lr), "·", .v(g)], is: .v(next))]
  }
}

extension OptimizerKind {
  public static let gd = GradientDescent.spec.kind
}
