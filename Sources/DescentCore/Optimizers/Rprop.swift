/// Rprop (resilient backpropagation): each coordinate moves by its own step size in the
/// direction opposite its gradient's sign, ignoring the gradient's size. The step grows by
/// η₊ while the sign stays the same and shrinks by η₋ when it flips; after a flip that
/// coordinate waits one step.
///
///     sₜ = clamp(sₜ₋₁·η₊, min, max)   if gₜ·gₜ₋₁ > 0,   s₀ = lr
///     sₜ = clamp(sₜ₋₁·η₋, min, max)   if gₜ·gₜ₋₁ < 0,   and then gₜ = 0
///     sₜ = sₜ₋₁                       otherwise
///     x ← x − sign(gₜ)·sₜ
///
/// Matches `torch.optim.Rprop([p], lr=lr, etas=(η₋, η₊), step_sizes=(min, max))`.
public struct Rprop: GradientOptimizer, Equatable {
  /// The initial step size of every coordinate.
  public var lr: Double
  /// η₋, the factor a step size shrinks by when the gradient's sign flips.
  public var etaMinus: Double
  /// η₊, the factor a step size grows by while the gradient's sign stays the same.
  public var etaPlus: Double
  /// The smallest step size.
  public var stepMin: Double
  /// The largest step size.
  public var stepMax: Double

  public init(
    lr: Double = 0.01, etaMinus: Double = 0.5, etaPlus: Double = 1.2, stepMin: Double = 1e-6,
    stepMax: Double = 50
  ) {
    self.lr = lr
    self.etaMinus = etaMinus
    self.etaPlus = etaPlus
    self.stepMin = stepMin
    self.stepMax = stepMax
  }

  public static let spec = OptimizerSpec(
    "rprop", title: "Rprop", family: .adaptive,
    summary: "steps by the gradient's sign only, each coordinate's step growing or shrinking",
    settings: [
      .real("lr", 0.01, .positive, "Learning rate (rprop: the initial step size)."),
      .real("eta-minus", 0.5, .unitInterior, "η₋: Rprop's step shrinks by it when g flips sign."),
      .real("eta-plus", 1.2, .aboveOne, "η₊: Rprop's step grows by it while g keeps its sign."),
      .real("step-min", 1e-6, .nonNegative, "Rprop's smallest step size."),
      .real("step-max", 50, .positive, "Rprop's largest step size."),
    ],
    equations: [
      "s ← s·η₊ if g·g₋ > 0, s·η₋ (and g ← 0) if g·g₋ < 0", "s ← clamp(s, min, max)",
      "x ← x − sign(g)·s",
    ],
    color: 0x338833,
    check: { h throws(HyperparameterError) in
      if h["step-min"]! > h["step-max"]! {
        throw HyperparameterError(
          "rprop: step-min = \(h["step-min"]!) is larger than step-max = \(h["step-max"]!)",
          setting: "step-min")
      }
    },
    build: { h, _ in
      Rprop(
        lr: h.lr!, etaMinus: h["eta-minus"]!, etaPlus: h["eta-plus"]!, stepMin: h["step-min"]!,
        stepMax: h["step-max"]!)
    })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    [
      "lr": lr, "eta-minus": etaMinus, "eta-plus": etaPlus, "step-min": stepMin,
      "step-max": stepMax,
    ]
  }

  /// Memory: `first` is the previous gradient (zero after a sign flip), `second` the step
  /// sizes.
  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    var previous = memory.first ?? g * 0
    // torch: state["step_size"] = torch.full_like(grad, lr)
    var steps = memory.second ?? (g * 0 + lr)
    var next = position
    for i in 0..<g.scalarCount {
      // torch: sign = grad.mul(prev).sign(), then etaplus, etaminus or 1
      let product = g[i] * previous[i]
      let factor = product > 0 ? etaPlus : product < 0 ? etaMinus : 1
      // torch: step_size.mul_(sign).clamp_(step_size_min, step_size_max)
      steps[i] = Swift.min(Swift.max(steps[i] * factor, stepMin), stepMax)
      // torch: grad[sign.eq(etaminus)] = 0
      let gradient = factor == etaMinus ? 0 : g[i]
      // torch: param.addcmul_(grad.sign(), step_size, value=-1)
      next[i] = position[i].addingProduct(-1 * sign(gradient), steps[i])
      // torch: prev.copy_(grad)
      previous[i] = gradient
    }
    memory.first = previous
    memory.second = steps
    return next
  }

  public func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  {
    [
      .vector("used g", g), .vector("step sizes", memory.second!), .vector("step", update),
    ]
  }

  /// torch's `sign`: −1, 0 or 1 (NaN stays NaN).
  private func sign(_ x: Double) -> Double {
    x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : x
  }
}

extension Rprop {
  public func equations<V: ParameterVector>(
    position x: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation] {
    let previous = before.first ?? g * 0
    let sizes = before.second ?? (g * 0 + lr)
    var factors = g * 0
    var signs = g * 0
    for i in 0..<g.scalarCount {
      let product = g[i] * previous[i]
      factors[i] = product > 0 ? etaPlus : product < 0 ? etaMinus : 1
      let used = factors[i] == etaMinus ? 0 : g[i]
      signs[i] = used > 0 ? 1 : used < 0 ? -1 : used
    }
    return [
      LiveEquation(
        "η = η₊ where g·g₋ > 0, η₋ where < 0, else 1",
        [.v(g), "⊙", .v(previous), ", η₊ = ", .n(etaPlus), ", η₋ = ", .n(etaMinus)],
        is: .v(factors)),
      LiveEquation(
        "s ← clamp(s·η, min, max)",
        ["clamp(", .v(sizes), "⊙", .v(factors), ", ", .n(stepMin), ", ", .n(stepMax), ")"],
        is: .v(after.second!)),
      LiveEquation(
        "x ← x − sign(g)·s (g ← 0 where it flipped)",
        [.v(x), " − ", .v(signs), "⊙", .v(after.second!)], is: .v(next)),
    ]
  }
}

extension OptimizerKind {
  public static let rprop = Rprop.spec.kind
}
