/// Adam: momentum on the gradient and RMS scaling, both bias-corrected.
///
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ,   vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²
///     m̂ₜ = mₜ / (1 − β₁ᵗ),          v̂ₜ = vₜ / (1 − β₂ᵗ)
///     x ← x − lr·m̂ₜ / (√v̂ₜ + ε)
///
/// Matches `torch.optim.Adam([p], lr=lr, betas=(β₁, β₂), eps=ε)`, including the order of its
/// floating-point operations, so runs agree with PyTorch to the last few bits.
public struct Adam: GradientOptimizer {
  public var lr: Double
  public var beta1: Double
  public var beta2: Double
  public var eps: Double

  public init(lr: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
    self.lr = lr
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
  }

  public static let spec = OptimizerSpec(
    "adam", title: "Adam", family: .adaptive,
    summary: "momentum and RMS scaling, both corrected for their zero start",
    settings: adamSettings,
    equations: [
      "m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²", "m̂ = m / (1 − β₁ᵗ)",
      "v̂ = v / (1 − β₂ᵗ)", "x ← x − lr·m̂ / (√v̂ + ε)",
    ],
    color: 0xFF3CFF, racesByDefault: true,
    build: { h, _ in Adam(lr: h.lr!, beta1: h.beta1!, beta2: h.beta2!, eps: h.eps!) })

  /// The settings Adam, AMSGrad and AdamW share, with torch's defaults.
  static let adamSettings: [SettingSpec] = [
    .real("lr", 1e-3, .positive, "Learning rate."),
    .real("beta1", 0.9, .unitOpen, "β₁: decay of the first moment m."),
    .real("beta2", 0.999, .unitOpen, "β₂: decay of the second moment v."),
    .real("eps", 1e-8, .nonNegative, "ε added to √v̂."),
  ]

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    ["lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps]
  }

  @inlinable
  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    let previousM = memory.first ?? g * 0
    let previousV = memory.second ?? g * 0
    // torch: exp_avg.lerp_(grad, 1 - beta1), which for weights below ½ is m + w·(g − m)
    let weight = 1 - beta1
    let m =
      Swift.abs(weight) < 0.5
      ? previousM + weight * (g - previousM) : g - (g - previousM) * (1 - weight)
    // torch: exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    let v = previousV * beta2 + ((1 - beta2) * g) * g
    let correction1 = 1 - Math.pow(beta1, Double(t))
    let correction2 = 1 - Math.pow(beta2, Double(t))
    let stepSize = lr / correction1
    let correction2Root = Math.pow(correction2, 0.5)
    // torch: denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
    let denominator = v.squareRoot() / correction2Root + eps
    memory = RuleMemory(first: m, second: v)
    // torch: param.addcdiv_(exp_avg, denom, value=-step_size)
    return position + ((-stepSize) * m) / denominator
  }

  public func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  {
    let m = memory.first!
    let v = memory.second!
    let correction1 = 1 - Math.pow(beta1, Double(t))
    let correction2 = 1 - Math.pow(beta2, Double(t))
    return [
      .vector("used g", g), .vector("m", m), .vector("v", v), .vector("m̂", m / correction1),
      .vector("v̂", v / correction2), .vector("step", update),
    ]
  }
}

extension Adam {
  public func equations<V: ParameterVector>(
    position x: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation] {
    AdamStep.moments(beta1: beta1, beta2: beta2, g: g, before: before, after: after, t: t)
      + [
        LiveEquation(
          Self.spec.equations[4],
          AdamStep.move(
            x, lr: lr, beta1: beta1, beta2: beta2, eps: eps, m: after.first!, v: after.second!,
            t: t), is: .v(next))
      ]
  }
}

extension AdamStep {
  /// The lines m, v, m̂ and v̂ of Adam's update `t` (AMSGrad's and AdamW's too).
  static func moments<V: ParameterVector>(
    beta1: Double, beta2: Double, g: V, before: RuleMemory<V>, after: RuleMemory<V>, t: Int
  ) -> [LiveEquation] {
    let zero = g * 0
    let (m, v) = (after.first!, after.second!)
    let correction1 = 1 - Math.pow(beta1, Double(t))
    let correction2 = 1 - Math.pow(beta2, Double(t))
    return [
      LiveEquation(
        "m ← β₁·m + (1 − β₁)·g",
        [.n(beta1), "·", .v(before.first ?? zero), " + ", .n(1 - beta1), "·", .v(g)], is: .v(m)),
      LiveEquation(
        "v ← β₂·v + (1 − β₂)·g²",
        [.n(beta2), "·", .v(before.second ?? zero), " + ", .n(1 - beta2), "·", .v(g), "²"],
        is: .v(v)),
      LiveEquation("m̂ = m / (1 − β₁ᵗ)", [.v(m), " / ", .n(correction1)], is: .v(m / correction1)),
      LiveEquation("v̂ = v / (1 − β₂ᵗ)", [.v(v), " / ", .n(correction2)], is: .v(v / correction2)),
    ]
  }

  /// x − lr·m̂ / (√v̂ + ε) with update `t`'s values, v being v or AMSGrad's running maximum.
  static func move<V: ParameterVector>(
    _ x: V, lr: Double, beta1: Double, beta2: Double, eps: Double, m: V, v: V, t: Int
  ) -> [LiveEquation.Term] {
    let correction1 = 1 - Math.pow(beta1, Double(t))
    let correction2 = 1 - Math.pow(beta2, Double(t))
    return [
      .v(x), " − ", .n(lr), "·", .v(m / correction1), " / (√", .v(v / correction2), " + ",
      .n(eps), ")",
    ]
  }
}

extension OptimizerKind {
  public static let adam = Adam.spec.kind
}
