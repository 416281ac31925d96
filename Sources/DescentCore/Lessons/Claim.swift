/// A checkable statement about runs, written beside the prose that makes it: a lesson step's
/// `[[step.claim]]` or a scene's `[[claim]]`. `ClaimChecker` runs the optimizers at the
/// settings in force there and says whether the statement holds. Each kind is one file in
/// `ClaimKinds/` (what it reads, needs and measures) and one line in `ClaimKind.all`.
///
///     faster = ["momentum", "gd"]   A reaches the target in fewer steps than B
///     loss = 1e-4                   the target: a loss at or below this, or
///     distance = 0.01               within this distance of `to`
///     to = "global minimum"         the nearest landmark with this label, or [x, y];
///                                   default: the scene's first minimum (or saddle)
///     by = "evaluations"            compare evaluations of f and ∇f, not steps
///     ratio = 3                     A needs at most 1/ratio of B's steps (default 1)
///     gradient-cost = 3             by evaluations, a gradient counts as 3 of f (default 1)
///     steps = 200                   within this many steps (default: the step's `run`,
///                                   or the scene's `steps`)
///
///     reaches = "adam"              (or a list) reaches the target within `steps`
///     misses = "gd"                 (or a list) does not reach it within `steps`
///     stalls = "gd"                 moves less than `epsilon` from step `from` (default 0)
///     epsilon = 0.05                to step `from + steps`
///     diverges = "gd"               is flagged as diverged within `steps`
///     stable = "rmsprop"            is not
///     basin = "anneal"              ends within `distance` of `to` in at least `least`
///     seeds = 20                    (and at most `most`) of `seeds` runs, seeds 1...seeds
///     counts = "ga"                 spends exactly `values` evaluations of f and
///     values = 28                   `gradients` of ∇f on each of the first `steps`
///     gradients = 0                 (default 5) updates
///     price = "backprop"            one gradient by this method ("backprop", "forward-mode",
///     passes = [2, 3]               "finite-differences") costs between 2 and 3 forward
///                                   passes in multiply-adds, or with `per-weight = [2, 2]`
///                                   that many per weight, on the step's network or on each
///     widths = [2, 128]             of the family `descent cost --widths` measures, with
///     depth = 2                     `depth` hidden layers (default 2); `weights = [15,
///     weights = [15, 17025]         17025]` also claims the smallest and largest P
///
///     [claim.optimizers.gd]         (in a lesson [step.claim.optimizers.gd]) settings for
///     lr = 1.1                      this claim alone, laid over those in force
///     gradient = "finite-differences"   (any claim) how gradients are taken, for it alone
public struct Claim: Sendable {
  /// Where a run must get to.
  public enum Target: Sendable, Equatable {
    /// A loss at or below this.
    case loss(Double)
    /// Within `distance` of the nearest of `points`, named `name` in messages.
    case distance(Double, points: [SIMD2<Double>], name: String)
  }

  public var kind: ClaimKind
  /// The optimizers the claim is about; for `faster`, A then B.
  public var optimizers: [RunSpec]
  public var target: Target?
  /// The horizon in steps (or the window's length for `stalls`, the steps counted for
  /// `counts`); nil for the default.
  public var steps: Int?
  /// `faster`: compare evaluations rather than steps.
  public var byEvaluations = false
  /// `faster`: A must need at most 1/ratio of B's steps.
  public var ratio = 1.0
  /// `faster` by evaluations: what one evaluation of ∇f counts as, in evaluations of f.
  public var gradientCost = 1.0
  /// `stalls`: the window's first step, and the most the run may move over it.
  public var from = 0
  public var epsilon: Double?
  /// `basin`: how many seeds, and the bounds on how many end in the basin.
  public var seeds = 0
  public var least: Int?
  public var most: Int?
  /// `counts`: evaluations of f and of ∇f per update.
  public var values: Int?
  public var gradients: Int?
  /// What a kind whose key names no optimizer names (`price`: a gradient method).
  public var subjects: [String] = []
  /// `price`: forward passes per gradient, in all or per weight, that each network's
  /// multiply-adds must fall within.
  public var passes: ClosedRange<Double>?
  public var passesPerWeight: ClosedRange<Double>?
  /// `price`: the family of networks 2-w-…-w-1 (`depth` hidden layers of each width), as
  /// `descent cost` builds it; nil for the scene's network.
  public var widths: [Int]?
  public var depth = 2
  /// `price`: the smallest and the largest number of weights in the networks checked.
  public var weights: [Int]?
  /// Settings for this claim alone (`[claim.optimizers.NAME]`), laid over those in force:
  /// "lr = 1.1 would diverge" is checked at lr = 1.1.
  public var settings: [OptimizerKind: Hyperparameters] = [:]
  /// How gradients are taken for this claim alone; nil for the mode in force.
  public var gradient: SceneObjective.GradientMode?
  /// Where the claim is written, for messages: its `[[claim]]` header.
  public var location: SceneDiagnostic

  public init(kind: ClaimKind, optimizers: [RunSpec], location: SceneDiagnostic) {
    self.kind = kind
    self.optimizers = optimizers
    self.location = location
  }

  /// A problem with this claim, at its header.
  public func diagnostic(_ message: String) -> SceneDiagnostic {
    var d = location
    d.message = message
    return d
  }
}

extension Claim {
  /// A number as messages show it: integers plainly, others to four significant digits.
  static func format(_ x: Double) -> String {
    if x == x.rounded() && Swift.abs(x) < 1e15 { return String(Int(x)) }
    return String(printf: "%.4g", x)
  }

  /// The target as a phrase: "loss ≤ 0.0001", "within 0.01 of the global minimum".
  var targetPhrase: String {
    switch target {
    case .loss(let loss): "loss ≤ \(Self.format(loss))"
    case .distance(let d, _, let name): "within \(Self.format(d)) of \(name)"
    case nil: ""
    }
  }
}
