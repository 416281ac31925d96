/// AMSGrad: Adam whose denominator never shrinks. It divides by the running maximum of the
/// second moment v, so a coordinate that once saw large gradients keeps taking small steps.
///
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ,   vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²
///     v̂ₜ = max(v̂ₜ₋₁, vₜ),          v̂₀ = 0
///     x ← x − lr/(1 − β₁ᵗ) · mₜ / (√v̂ₜ/√(1 − β₂ᵗ) + ε)
///
/// Matches `torch.optim.Adam([p], lr=lr, betas=(β₁, β₂), eps=ε, amsgrad=True)`, including the
/// order and rounding of its operations.
public struct AMSGrad: GradientOptimizer, Equatable {
  public var lr: Double
  public var beta1: Double
  public var beta2: Double
  public var eps: Double

  public init(lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
    self.lr = lr
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
  }

  public static let spec = OptimizerSpec(
    "amsgrad", title: "AMSGrad", family: .adaptive,
    summary: "Adam dividing by the largest second moment yet, so no step size ever grows back",
    settings: Adam.adamSettings,
    equations: [
      "m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²", "vmax ← max(vmax, v)",
      "x ← x − lr·m̂ / (√(vmax / (1 − β₂ᵗ)) + ε)",
    ],
    color: 0x774400,
    build: { h, _ in AMSGrad(lr: h.lr!, beta1: h.beta1!, beta2: h.beta2!, eps: h.eps!) })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    ["lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps]
  }

  /// Memory: `first` is m, `second` is v, `third` is the running maximum v̂ of v.
  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    AdamStep(lr: lr, beta1: beta1, beta2: beta2, eps: eps, amsgrad: true)
      .apply(position: position, gradient: g, memory: &memory, t: t)
  }

  public func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  {
    let correction1 = 1 - Math.pow(beta1, Double(t))
    let correction2 = 1 - Math.pow(beta2, Double(t))
    return [
      .vector("used g", g), .vector("m̂", memory.first! / correction1),
      .vector("v̂", memory.second! / correction2), .vector("max v̂", memory.third! / correction2),
      .vector("step", update),
    ]
  }
}

extension AMSGrad {
  public func equations<V: ParameterVector>(
    position x: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation] {
    let vmax = after.third!
    let correction2 = 1 - Math.pow(beta2, Double(t))
    let correction1 = 1 - Math.pow(beta1, Double(t))
    return AdamStep.moments(beta1: beta1, beta2: beta2, g: g, before: before, after: after, t: t)
      .prefix(3)
      + [
        LiveEquation(
          Self.spec.equations[2],
          ["max(", .v(before.third ?? g * 0), ", ", .v(after.second!), ")"],
          is: .v(vmax)),
        LiveEquation(
          Self.spec.equations[3],
          [
            .v(x), " − ", .n(lr), "·", .v(after.first! / correction1), " / (√(", .v(vmax), " / ",
            .n(correction2), ") + ", .n(eps), ")",
          ], is: .v(next)),
      ]
  }
}

extension OptimizerKind {
  public static let amsgrad = AMSGrad.spec.kind
}
