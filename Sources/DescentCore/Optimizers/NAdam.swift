/// NAdam: Adam with Nesterov momentum. The step looks ahead, mixing the current gradient
/// (weighted by 1 − μₜ) with the momentum the next step will use (weighted by μₜ₊₁), and
/// the momentum coefficient μₜ warms up from β₁/2 toward β₁ at a rate set by ψ.
///
///     μₜ = β₁·(1 − ½·0.96^(t·ψ)),   Πₜ = μ₁·…·μₜ
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ,   vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²
///     d = √(vₜ/(1 − β₂ᵗ)) + ε
///     x ← x − lr·(1 − μₜ)/(1 − Πₜ) · gₜ/d − lr·μₜ₊₁/(1 − Πₜ·μₜ₊₁) · mₜ/d
///
/// Matches `torch.optim.NAdam([p], lr=lr, betas=(β₁, β₂), eps=ε, momentum_decay=ψ)`,
/// including the order and rounding of its operations; like torch, it keeps Πₜ in float32.
public struct NAdam: GradientOptimizer, Equatable {
  public var lr: Double
  public var beta1: Double
  public var beta2: Double
  public var eps: Double
  /// ψ, how fast the momentum coefficient μₜ warms up.
  public var momentumDecay: Double

  public init(
    lr: Double = 0.002, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
    momentumDecay: Double = 0.004
  ) {
    self.lr = lr
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
    self.momentumDecay = momentumDecay
  }

  public static let spec = OptimizerSpec(
    "nadam", title: "NAdam", family: .adaptive,
    summary: "Adam with Nesterov's look-ahead: the step uses the momentum of the next update",
    settings: [
      .real("lr", 0.002, .positive, "Learning rate."),
      .real("beta1", 0.9, .unitOpen, "β₁: decay of the first moment m."),
      .real("beta2", 0.999, .unitOpen, "β₂: decay of the second moment v."),
      .real("eps", 1e-8, .nonNegative, "ε added to √v̂."),
      .real(
        "momentum-decay", 0.004, .nonNegative,
        "ψ: how fast NAdam's momentum μₜ = β₁·(1 − ½·0.96^(t·ψ)) warms up."),
    ],
    equations: [
      "μₜ = β₁·(1 − ½·0.96^(t·ψ))", "m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²",
      "x ← x − lr·((1 − μₜ)·g/(1 − Πμ) + μₜ₊₁·m/(1 − Πμ·μₜ₊₁)) / (√v̂ + ε)",
    ],
    color: 0xFFB4D2,
    build: { h, _ in
      NAdam(
        lr: h.lr!, beta1: h.beta1!, beta2: h.beta2!, eps: h.eps!,
        momentumDecay: h["momentum-decay"]!)
    })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    ["lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps, "momentum-decay": momentumDecay]
  }

  /// The momentum coefficient μₜ of update `t`.
  public func mu(_ t: Int) -> Double {
    beta1 * (1 - 0.5 * Math.pow(0.96, Double(t) * momentumDecay))
  }

  /// Memory: `first` is m, `second` is v, `scalar` is the product Πₜ (a float32 value).
  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    let zero = g * 0
    let correction2 = 1 - Math.pow(beta2, Double(t))
    let mu = self.mu(t)
    let muNext = self.mu(t + 1)
    // torch: mu_product *= mu, a 0-dimensional float32 tensor times a Python float
    let product = Double(Float(memory.scalar ?? 1) * Float(mu))
    memory.scalar = product
    // torch: exp_avg.lerp_(grad, 1 - beta1)
    let m = (memory.first ?? zero).lerp(to: g, weight: 1 - beta1)
    // torch: exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    let v = ((memory.second ?? zero) * beta2).adding(product: g, g, scaledBy: 1 - beta2)
    memory.first = m
    memory.second = v
    // torch: denom = exp_avg_sq.div(bias_correction2).sqrt(); denom.add_(eps)
    let denominator = (v / correction2).squareRoot() + eps
    let productNext = product * muNext
    // torch: param.addcdiv_(grad, denom, value=(-lr * (1.0 - mu) / (1.0 - mu_product)))
    let afterGradient = position.adding(
      quotient: g, denominator, scaledBy: -lr * (1 - mu) / (1 - product))
    // torch: param.addcdiv_(exp_avg, denom, value=(-lr * mu_next) / (1.0 - mu_product_next))
    return afterGradient.adding(
      quotient: m, denominator, scaledBy: (-lr * muNext) / (1 - productNext))
  }

  public func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  {
    [
      .vector("used g", g), .vector("m", memory.first!),
      .vector(
        "v̂",
        memory.second! / (1 - Math.pow(beta2, Double(t)))),
      .number("μ", mu(t)), .number("Πμ", memory.scalar!), .vector("step", update),
    ]
  }
}

extension NAdam {
  public func equations<V: ParameterVector>(
    position x: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation] {
    let zero = g * 0
    let (m, v) = (after.first!, after.second!)
    let product = after.scalar!
    let muNext = mu(t + 1)
    let vHat = v / (1 - Math.pow(beta2, Double(t)))
    return [
      LiveEquation(
        Self.spec.equations[0],
        [
          .n(beta1), "·(1 − ½·0.96^(", .n(Double(t)), "·",
          .n(momentumDecay), "))",
        ], is: .n(mu(t))),
      LiveEquation(
        "Πμ ← Πμ·μₜ (float32)", [.n(before.scalar ?? 1), "·", .n(mu(t))], is: .n(product)),
      LiveEquation(
        Self.spec.equations[1],
        [.n(beta1), "·", .v(before.first ?? zero), " + ", .n(1 - beta1), "·", .v(g)], is: .v(m)),
      LiveEquation(
        Self.spec.equations[2],
        [.n(beta2), "·", .v(before.second ?? zero), " + ", .n(1 - beta2), "·", .v(g), "²"],
        is: .v(v)),
      LiveEquation(
        "v̂ = v / (1 − β₂ᵗ)", [.v(v), " / ", .n(1 - Math.pow(beta2, Double(t)))], is: .v(vHat)),
      LiveEquation(
        Self.spec.equations[3],
        [
          .v(x), " − ", .n(lr), "·((1 − ", .n(mu(t)), ")·", .v(g), "/(1 − ", .n(product), ") + ",
          .n(muNext), "·", .v(m), "/(1 − ", .n(product), "·", .n(muNext), ")) / (√", .v(vHat),
          " + ", .n(eps), ")",
        ], is: .v(next)),
    ]
  }
}

extension OptimizerKind {
  public static let nadam = NAdam.spec.kind
}
