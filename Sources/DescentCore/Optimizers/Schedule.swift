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
        return lr + (base - lrMin) * (1 - Math.cos(Double.pi / Double(tMax))) / 2
      }
      let now = 1 + Math.cos(Double.pi * Double(t) / Double(tMax))
      let before = 1 + Math.cos(Double.pi * Double(t - 1) / Double(tMax))
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

  /// The schedules by name, as `--schedule` and a `[schedule]` table's `kind` spell them.
  public static let names = ["constant", "step", "exponential", "cosine"]

  /// The setting names, as flags (`--every`) and as keys of a `[schedule]` table.
  public static let settingNames = ["every", "gamma", "t-max", "lr-min"]

  /// The schedule `kind` with its settings, checked: StepLR needs `every` (γ defaults to 0.1,
  /// as in torch), ExponentialLR needs `gamma`, CosineAnnealingLR needs `tMax` (lr-min
  /// defaults to 0). A setting the kind does not read is refused, naming the kinds that do.
  public static func make(
    kind: String, every: Int? = nil, gamma: Double? = nil, tMax: Int? = nil,
    lrMin: Double? = nil
  ) throws(ScheduleError) -> Schedule {
    let given: [(String, Bool)] = [
      ("every", every != nil), ("gamma", gamma != nil), ("t-max", tMax != nil),
      ("lr-min", lrMin != nil),
    ]
    let reads: [String]
    switch kind {
    case "constant": reads = []
    case "step": reads = ["every", "gamma"]
    case "exponential": reads = ["gamma"]
    case "cosine": reads = ["t-max", "lr-min"]
    default:
      throw ScheduleError(
        setting: "kind",
        message: "unknown schedule '\(kind)'; choose from \(names.joined(separator: ", "))")
    }
    for (name, isGiven) in given where isGiven && !reads.contains(name) {
      let users = [
        ("step", "every"), ("step", "gamma"), ("exponential", "gamma"),
        ("cosine", "t-max"), ("cosine", "lr-min"),
      ].filter { $0.1 == name }.map(\.0)
      throw ScheduleError(
        setting: name, misplaced: true,
        message: "\(name) is a setting of the \(users.joined(separator: " and ")) schedule"
          + (users.count > 1 ? "s" : "") + ", not of \(kind)")
    }
    if let every, every < 1 {
      throw ScheduleError(setting: "every", message: "every must be at least 1, got \(every)")
    }
    if let gamma, !(gamma > 0 && gamma.isFinite) {
      throw ScheduleError(
        setting: "gamma", message: "gamma must be a positive number, got \(gamma)")
    }
    if let tMax, tMax < 1 {
      throw ScheduleError(setting: "t-max", message: "t-max must be at least 1, got \(tMax)")
    }
    if let lrMin, !(lrMin >= 0 && lrMin.isFinite) {
      throw ScheduleError(
        setting: "lr-min", message: "lr-min must be a number at least 0, got \(lrMin)")
    }
    switch kind {
    case "step":
      guard let every else {
        throw ScheduleError(setting: nil, message: "the step schedule needs every (N updates)")
      }
      return .step(every: every, gamma: gamma ?? 0.1)
    case "exponential":
      guard let gamma else {
        throw ScheduleError(setting: nil, message: "the exponential schedule needs gamma")
      }
      return .exponential(gamma: gamma)
    case "cosine":
      guard let tMax else {
        throw ScheduleError(setting: nil, message: "the cosine schedule needs t-max (T updates)")
      }
      return .cosine(tMax: tMax, lrMin: lrMin ?? 0)
    default:
      return .constant
    }
  }

  /// The schedule in words, e.g. `cosine t-max 300 lr-min 0.001`; empty for `constant`.
  public var summary: String {
    switch self {
    case .constant: ""
    case .step(let every, let gamma): "step every \(every) gamma \(gamma)"
    case .exponential(let gamma): "exponential gamma \(gamma)"
    case .cosine(let tMax, let lrMin): "cosine t-max \(tMax) lr-min \(lrMin)"
    }
  }
}

/// Why settings do not make a schedule, and which setting is at fault (nil: none given is).
public struct ScheduleError: Error, Equatable, CustomStringConvertible {
  public var setting: String?
  /// Whether `setting` is at fault for being given at all (the kind does not read it), rather
  /// than for its value.
  public var misplaced = false
  public var message: String
  public var description: String { message }
}
