import Foundation

/// A learning-rate schedule: how the learning rate changes from one update to the next.
///
/// Each reproduces a `torch.optim.lr_scheduler` stepped once after every optimizer step,
/// including its recursive arithmetic: update 1 uses the base rate lr₀, and update t + 1 the
/// rate torch's `get_lr` derives from update t's.
///
///     step:         lrₜ₊₁ = lrₜ·γ when t is a multiple of N, else lrₜ        (StepLR)
///     exponential:  lrₜ₊₁ = lrₜ·γ                                          (ExponentialLR)
///     cosine:       lrₜ₊₁ = min + (lrₜ − min)·(1 + cos(πt/T)) / (1 + cos(π(t−1)/T))
///                   which is min + (lr₀ − min)·(1 + cos(πt/T))/2            (CosineAnnealingLR)
///
/// Past T the cosine schedule climbs back, as torch's does: at t = T + 1 + 2kT it adds
/// (lr₀ − min)·(1 − cos(π/T))/2 instead.
public enum Schedule: Sendable, Equatable, Hashable {
  /// The base rate throughout.
  case constant
  /// StepLR: multiply by `gamma` after every `every` updates.
  case step(every: Int, gamma: Double)
  /// ExponentialLR: multiply by `gamma` after every update.
  case exponential(gamma: Double)
  /// CosineAnnealingLR: from the base rate down to `lrMin` over `tMax` updates, along half a
  /// cosine.
  case cosine(tMax: Int, lrMin: Double)

  /// The schedule's name: `constant`, `step`, `exponential` or `cosine`.
  public var name: String {
    switch self {
    case .constant: "constant"
    case .step: "step"
    case .exponential: "exponential"
    case .cosine: "cosine"
    }
  }

  /// The rate of update `t + 1`, from `lr`, the rate of update `t` (t ≥ 1), and `base`, the
  /// rate of update 1. This is torch's `get_lr` at `last_epoch` t.
  public func lr(after lr: Double, update t: Int, base: Double) -> Double {
    switch self {
    case .constant:
      return lr
    case .step(let every, let gamma):
      return t % every == 0 ? lr * gamma : lr
    case .exponential(let gamma):
      return lr * gamma
    case .cosine(let tMax, let lrMin):
      let period = 2 * tMax
      // Python's `%`, which is never negative for a positive divisor
      let phase = ((t - 1 - tMax) % period + period) % period
      if phase == 0 {
        return lr + (base - lrMin) * (1 - Foundation.cos(Double.pi / Double(tMax))) / 2
      }
      let now = 1 + Foundation.cos(Double.pi * Double(t) / Double(tMax))
      let before = 1 + Foundation.cos(Double.pi * Double(t - 1) / Double(tMax))
      return now / before * (lr - lrMin) + lrMin
    }
  }

  /// The rate of update `t` (1-based) of a run whose base rate is `base`.
  public func lr(atStep t: Int, base: Double) -> Double {
    var rate = base
    if t > 1 {
      for update in 1..<t { rate = lr(after: rate, update: update, base: base) }
    }
    return rate
  }

  /// Why these settings are not a schedule, or nil when they are.
  public var problem: String? {
    switch self {
    case .constant:
      return nil
    case .step(let every, let gamma):
      if every < 1 { return "every must be a whole number of updates, at least 1" }
      if !(gamma > 0 && gamma.isFinite) { return "gamma must be a positive number" }
      return nil
    case .exponential(let gamma):
      if !(gamma > 0 && gamma.isFinite) { return "gamma must be a positive number" }
      return nil
    case .cosine(let tMax, let lrMin):
      if tMax < 1 { return "t-max must be a whole number of updates, at least 1" }
      if !(lrMin >= 0 && lrMin.isFinite) { return "lr-min must be a number at least 0" }
      return nil
    }
  }
}
