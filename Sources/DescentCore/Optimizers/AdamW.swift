/// AdamW: Adam with decoupled weight decay. Before each Adam step the point itself shrinks
/// toward the origin by the factor 1 − lr·λ, instead of λ·x being added to the gradient.
///
///     x ← x·(1 − lr·λ)
///     mₜ = β₁·mₜ₋₁ + (1 − β₁)·gₜ,   vₜ = β₂·vₜ₋₁ + (1 − β₂)·gₜ²
///     x ← x − lr/(1 − β₁ᵗ) · mₜ / (√vₜ/√(1 − β₂ᵗ) + ε)
///
/// Matches `torch.optim.AdamW([p], lr=lr, betas=(β₁, β₂), eps=ε, weight_decay=λ)`, including
/// the order and rounding of its operations.
public struct AdamW: GradientOptimizer, Equatable {
  public var lr: Double
  public var beta1: Double
  public var beta2: Double
  public var eps: Double
  /// λ, the decoupled weight decay.
  public var weightDecay: Double

  public init(
    lr: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8,
    weightDecay: Double = 0.01
  ) {
    self.lr = lr
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
    self.weightDecay = weightDecay
  }

  public static let spec = OptimizerSpec(
    "adamw", title: "AdamW", family: .adaptive,
    summary: "Adam that shrinks the point toward 0 apart from the gradient (decoupled decay)",
    settings: Adam.adamSettings + [
      .real(
        "weight-decay", 0.01, .nonNegative,
        "λ: each step first scales the point by 1 − lr·λ (adamw).")
    ],
    equations: [
      "x ← x·(1 − lr·λ)", "m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²",
      "x ← x − lr·m̂ / (√v̂ + ε)",
    ],
    color: 0xE1E1FF,
    build: { h, _ in
      AdamW(
        lr: h.lr!, beta1: h.beta1!, beta2: h.beta2!, eps: h.eps!, weightDecay: h["weight-decay"]!)
    })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    ["lr": lr, "beta1": beta1, "beta2": beta2, "eps": eps, "weight-decay": weightDecay]
  }

  /// The decay term of the update, −lr·λ·x: how far the weight decay alone moves `position`.
  public func decay<V: ParameterVector>(at position: V) -> V {
    position * (1 - lr * weightDecay) - position
  }

  /// Memory: `first` is m, `second` is v.
  public func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    // torch: param.mul_(1 - lr * weight_decay)
    let decayed = weightDecay != 0 ? position * (1 - lr * weightDecay) : position
    return AdamStep(lr: lr, beta1: beta1, beta2: beta2, eps: eps, amsgrad: false)
      .apply(position: decayed, gradient: g, memory: &memory, t: t)
  }

  /// The moments, and the step split into its two parts: the decay −lr·λ·x and Adam's.
  public func rows<V: ParameterVector>(gradient g: V, memory: RuleMemory<V>, update: V, t: Int)
    -> [InspectorRow]
  {
    // The point before this update: the update is x·(1 − lr·λ) − x + Adam's step, and Adam's
    // step is what remains after the decay, computed from the decay alone.
    let m = memory.first!
    let v = memory.second!
    let correction1 = 1 - Math.pow(beta1, Double(t))
    let correction2 = 1 - Math.pow(beta2, Double(t))
    let adamStep = ((-lr / correction1) * m) / (v.squareRoot() / correction2.squareRoot() + eps)
    return [
      .vector("used g", g), .vector("m̂", m / correction1), .vector("v̂", v / correction2),
      .vector("decay", update - adamStep), .vector("adam step", adamStep), .vector("step", update),
    ]
  }
}

extension AdamW {
  public func equations<V: ParameterVector>(
    position x: V, gradient g: V, before: RuleMemory<V>, after: RuleMemory<V>, next: V, t: Int
  ) -> [LiveEquation] {
    let decayed = weightDecay != 0 ? x * (1 - lr * weightDecay) : x
    return [
      LiveEquation(
        Self.spec.equations[0], [.v(x), "·(1 − ", .n(lr), "·", .n(weightDecay), ")"],
        is: .v(decayed))
    ]
      + AdamStep.moments(beta1: beta1, beta2: beta2, g: g, before: before, after: after, t: t)
      + [
        LiveEquation(
          Self.spec.equations[3],
          AdamStep.move(
            decayed, lr: lr, beta1: beta1, beta2: beta2, eps: eps, m: after.first!,
            v: after.second!, t: t), is: .v(next))
      ]
  }
}

extension OptimizerKind {
  public static let adamw = AdamW.spec.kind
}

/// The step `torch.optim.Adam` and `AdamW` share after any weight decay (`_single_tensor_adam`),
/// with the rounding of torch's fused `lerp_` and `addcmul_`. With `amsgrad` the denominator
/// uses the running maximum of v (memory `third`) instead of v.
struct AdamStep {
  var lr: Double
  var beta1: Double
  var beta2: Double
  var eps: Double
  var amsgrad: Bool

  func apply<V: ParameterVector>(
    position: V, gradient g: V, memory: inout RuleMemory<V>, t: Int
  ) -> V {
    let zero = g * 0
    // torch: exp_avg.lerp_(grad, 1 - beta1)
    let m = (memory.first ?? zero).lerp(to: g, weight: 1 - beta1)
    // torch: exp_avg_sq.mul_(beta2).addcmul_(grad, grad.conj(), value=1 - beta2)
    let v = ((memory.second ?? zero) * beta2).adding(product: g, g, scaledBy: 1 - beta2)
    memory.first = m
    memory.second = v
    let step = Double(t)
    let correction1 = 1 - Math.pow(beta1, step)
    let correction2 = 1 - Math.pow(beta2, step)
    let stepSize = lr / correction1
    let correction2Root = correction2.squareRoot()
    let second: V
    if amsgrad {
      // torch: torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=max_exp_avg_sqs[i])
      second = (memory.third ?? zero).maximum(v)
      memory.third = second
    } else {
      second = v
    }
    // torch: denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
    let denominator = second.squareRoot() / correction2Root + eps
    // torch: param.addcdiv_(exp_avg, denom, value=-step_size)
    return position.adding(quotient: m, denominator, scaledBy: -stepSize)
  }
}
