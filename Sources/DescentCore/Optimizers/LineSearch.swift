/// The line searches that L-BFGS, conjugate gradient and gradient descent share: along a
/// direction d from x, choose how far to go.
///
/// The strong Wolfe search is torch's `_strong_wolfe` (torch/optim/lbfgs.py, itself a port of
/// lswolfe.lua) with its helper `_cubic_interpolate`, operation for operation, so an L-BFGS
/// run agrees with `torch.optim.LBFGS(line_search_fn="strong_wolfe")` to the last bits.
public enum LineSearch {
  /// One point a line search evaluated: the step length t and f(x + t·d).
  public struct Trial: Sendable, Equatable {
    public var t: Double
    public var loss: Double
    public init(t: Double, loss: Double) {
      self.t = t
      self.loss = loss
    }
  }

  /// What a strong Wolfe search found: the step length it chose, f and ∇f there, and every
  /// point it evaluated, in order.
  public struct Result<V: ParameterVector>: Sendable {
    public var t: Double
    public var loss: Double
    public var gradient: V
    public var trials: [Trial]
    /// Evaluations of f and ∇f the search spent (torch's `ls_func_evals`).
    public var evaluations: Int { trials.count }
  }

  /// One step of a method that searches along a direction (L-BFGS, conjugate gradient):
  /// where it went, f and ∇f there, the method's memory after it, and what the search did.
  public struct Outcome<V: ParameterVector, Memory: Sendable>: Sendable {
    public var position: V
    public var loss: Double
    public var gradient: V
    public var memory: Memory
    /// The direction searched along (nil when the step stopped before choosing one).
    public var direction: V?
    /// The step length taken along d (0 when the step did not move).
    public var t: Double
    /// The points the line search evaluated, in order (empty without a line search).
    public var trials: [Trial]
    /// Evaluations of f and ∇f the step spent.
    public var evaluations: Int

    public init(
      position: V, loss: Double, gradient: V, memory: Memory, direction: V? = nil,
      t: Double = 0, trials: [Trial] = [], evaluations: Int = 0
    ) {
      self.position = position
      self.loss = loss
      self.gradient = gradient
      self.memory = memory
      self.direction = direction
      self.t = t
      self.trials = trials
      self.evaluations = evaluations
    }

    /// The step staying where it is, which still spends what torch's `step(closure)`
    /// spends: f and ∇f at x again (on a mini-batch, the next batch's gradient may move it
    /// on).
    func reevaluated(by evaluate: (V) -> (value: Double, gradient: V)) -> Outcome {
      var stay = self
      (stay.loss, stay.gradient) = evaluate(position)
      stay.evaluations = 1
      return stay
    }
  }

  /// The minimiser of the cubic through (x₁, f₁) and (x₂, f₂) with slopes g₁ and g₂, clamped
  /// to `bounds` (by default the interval between x₁ and x₂); the middle of the bounds when
  /// the cubic has no minimum:
  ///
  ///     d₁ = g₁ + g₂ − 3(f₁ − f₂)/(x₁ − x₂),   d₂ = √(d₁² − g₁g₂)
  ///     x = x₂ − (x₂ − x₁)·(g₂ + d₂ − d₁)/(g₂ − g₁ + 2d₂)
  public static func cubicInterpolate(
    x1: Double, f1: Double, g1: Double, x2: Double, f2: Double, g2: Double,
    bounds: (min: Double, max: Double)? = nil
  ) -> Double {
    let (lower, upper) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
    let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    let d2Square = d1 * d1 - g1 * g2
    if d2Square >= 0 {
      let d2 = d2Square.squareRoot()
      let minimum =
        x1 <= x2
        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
      return pyMin(pyMax(minimum, lower), upper)
    }
    return (lower + upper) / 2
  }

  /// A step length t along d from x that satisfies the strong Wolfe conditions
  ///
  ///     f(x + t·d) ≤ f + c₁·t·∇f·d   and   |∇f(x + t·d)·d| ≤ −c₂·∇f·d,
  ///
  /// found by bracketing from the first guess `t` (each new guess a cubic interpolation,
  /// extrapolating at most ×10) and then zooming into the bracket. Spends at most `maxSteps`
  /// evaluations after the first; if it runs out, returns the best point it bracketed.
  ///
  /// `f`, `g` and `gtd` are f, ∇f and ∇f·d at x; `evaluate` gives f and ∇f at a point.
  public static func strongWolfe<V: ParameterVector>(
    from x: V, t: Double, direction d: V, loss f: Double, gradient g: V, slope gtd: Double,
    c1: Double = 1e-4, c2: Double = 0.9, toleranceChange: Double = 1e-9, maxSteps: Int = 25,
    evaluate: (V) -> (value: Double, gradient: V)
  ) -> Result<V> {
    var t = t
    let dNorm = d.maxMagnitude
    var trials: [Trial] = []
    func at(_ t: Double) -> (Double, V) {
      // torch: p.add_(d, alpha=t), then the closure
      let (value, gradient) = evaluate(x.adding(d, scaledBy: t))
      trials.append(Trial(t: t, loss: value))
      return (value, gradient)
    }
    var (fNew, gNew) = at(t)
    var gtdNew = gNew.dot(d)

    // Bracket an interval containing a point satisfying the Wolfe conditions.
    var (tPrevious, fPrevious, gPrevious, gtdPrevious) = (0.0, f, g, gtd)
    var done = false
    var iteration = 0
    var bracket: [Double] = []
    var bracketF: [Double] = []
    var bracketG: [V] = []
    var bracketGtd: [Double] = [0, 0]
    while iteration < maxSteps {
      if fNew > (f + c1 * t * gtd) || (iteration > 1 && fNew >= fPrevious) {
        bracket = [tPrevious, t]
        bracketF = [fPrevious, fNew]
        bracketG = [gPrevious, gNew]
        bracketGtd = [gtdPrevious, gtdNew]
        break
      }
      if Swift.abs(gtdNew) <= -c2 * gtd {
        bracket = [t]
        bracketF = [fNew]
        bracketG = [gNew]
        done = true
        break
      }
      if gtdNew >= 0 {
        bracket = [tPrevious, t]
        bracketF = [fPrevious, fNew]
        bracketG = [gPrevious, gNew]
        bracketGtd = [gtdPrevious, gtdNew]
        break
      }
      // Interpolate, extrapolating between 1.01·t and 10·t.
      let minStep = t + 0.01 * (t - tPrevious)
      let maxStep = t * 10
      let previous = t
      t = cubicInterpolate(
        x1: tPrevious, f1: fPrevious, g1: gtdPrevious, x2: t, f2: fNew, g2: gtdNew,
        bounds: (minStep, maxStep))
      tPrevious = previous
      fPrevious = fNew
      gPrevious = gNew
      gtdPrevious = gtdNew
      (fNew, gNew) = at(t)
      gtdNew = gNew.dot(d)
      iteration += 1
    }
    if iteration == maxSteps {
      bracket = [0, t]
      bracketF = [f, fNew]
      bracketG = [g, gNew]
    }

    // Zoom: shrink the bracket until a point in it satisfies the conditions.
    var insufficientProgress = false
    var (low, high) = bracketF[0] <= bracketF[bracketF.count - 1] ? (0, 1) : (1, 0)
    while !done && iteration < maxSteps {
      if Swift.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange { break }
      t = cubicInterpolate(
        x1: bracket[0], f1: bracketF[0], g1: bracketGtd[0], x2: bracket[1], f2: bracketF[1],
        g2: bracketGtd[1])
      // A point within 10% of the bracket's ends makes little progress: the second time in
      // a row (or at an end itself), step 10% in from the nearer end instead.
      let top = pyMax(bracket[0], bracket[1])
      let bottom = pyMin(bracket[0], bracket[1])
      let eps = 0.1 * (top - bottom)
      if pyMin(top - t, t - bottom) < eps {
        if insufficientProgress || t >= top || t <= bottom {
          t = Swift.abs(t - top) < Swift.abs(t - bottom) ? top - eps : bottom + eps
          insufficientProgress = false
        } else {
          insufficientProgress = true
        }
      } else {
        insufficientProgress = false
      }
      (fNew, gNew) = at(t)
      gtdNew = gNew.dot(d)
      iteration += 1
      if fNew > (f + c1 * t * gtd) || fNew >= bracketF[low] {
        // Not enough decrease, or not below the low end: the new point is the high end.
        bracket[high] = t
        bracketF[high] = fNew
        bracketG[high] = gNew
        bracketGtd[high] = gtdNew
        (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0)
      } else {
        if Swift.abs(gtdNew) <= -c2 * gtd {
          done = true
        } else if gtdNew * (bracket[high] - bracket[low]) >= 0 {
          // The old high end becomes the low end.
          bracket[high] = bracket[low]
          bracketF[high] = bracketF[low]
          bracketG[high] = bracketG[low]
          bracketGtd[high] = bracketGtd[low]
        }
        bracket[low] = t
        bracketF[low] = fNew
        bracketG[low] = gNew
        bracketGtd[low] = gtdNew
      }
    }
    return Result(t: bracket[low], loss: bracketF[low], gradient: bracketG[low], trials: trials)
  }

  /// Backtracking (Armijo): from t = `t`, halve t while f(x − t·g) > f − 10⁻⁴·t·|g|², at most
  /// `maxHalvings` times (then take the last t untested). Returns the t taken and the trials;
  /// the last trial's loss is f at the new point when the condition held.
  public static func armijo<V: ParameterVector>(
    from x: V, t: Double, loss f: Double, gradient g: V, maxHalvings: Int = 50,
    value: (V) -> Double
  ) -> (t: Double, trials: [Trial]) {
    let g2 = g.dot(g)
    var t = t
    var trials: [Trial] = []
    for _ in 0..<maxHalvings {
      let loss = value(x - t * g)
      trials.append(Trial(t: t, loss: loss))
      if loss <= f - 1e-4 * t * g2 { break }
      t *= 0.5
    }
    return (t, trials)
  }

  /// Python's `max(a, b)`: b only when b > a (so a NaN `a` is kept).
  @inline(__always)
  static func pyMax(_ a: Double, _ b: Double) -> Double { b > a ? b : a }

  /// Python's `min(a, b)`: b only when b < a.
  @inline(__always)
  static func pyMin(_ a: Double, _ b: Double) -> Double { b < a ? b : a }
}
