/// What a race in the view keeps equal between the optimizers shown at each frame.
///
/// By step, one step of a swarm (30 evaluations of f) is drawn against one step of gradient
/// descent (one gradient). By evaluations, every run has spent the same number of
/// evaluations of f, a gradient counted at its measured cost in forward passes (at least 1);
/// by seconds, the same time on this machine, a forward pass and a gradient each counted at
/// their measured time. Either way the runs differ by less than one of their steps' cost.
public enum RaceMode: String, Sendable, CaseIterable {
  case steps
  case evaluations
  case seconds

  /// The next mode, as the `b` key cycles them.
  public var next: RaceMode {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  /// What a run has spent in this mode, given what it evaluated and what one evaluation of
  /// f (`forward`) and one of ∇f (`gradient`) cost, in seconds. Evaluations count a
  /// gradient as `gradient / forward` evaluations of f, never fewer than one.
  public func spend(
    steps: Int, evaluations: EvaluationCount, forward: Double, gradient: Double
  ) -> Double {
    switch self {
    case .steps:
      return Double(steps)
    case .evaluations:
      return Double(evaluations.values) + Self.gradientCost(forward: forward, gradient: gradient)
        * Double(evaluations.gradients)
    case .seconds:
      return Double(evaluations.values) * forward + Double(evaluations.gradients) * gradient
    }
  }

  /// A gradient's cost in evaluations of f: its time over a forward pass's, at least 1.
  public static func gradientCost(forward: Double, gradient: Double) -> Double {
    guard forward > 0, gradient.isFinite, forward.isFinite else { return 1 }
    return Swift.max(1, gradient / forward)
  }

  /// Which runs take a step in one step of a race by budget: given each run's spend so
  /// far, its steps taken and whether it can still move, the runs that have spent least
  /// catch up. The level to reach is the least spend plus the cheapest step (a run's cost
  /// per step is its spend over its evaluation rounds, the start included); every run below
  /// it takes one step. So the cheapest optimizer moves a step every race step, one whose
  /// steps cost 30 times more every 30th, and after each race step any two runs' spends
  /// differ by less than the dearer one's step.
  public static func catchingUp(spends: [Double], steps: [Int], live: [Bool]) -> [Bool] {
    let indices = spends.indices.filter { live[$0] && spends[$0].isFinite && spends[$0] >= 0 }
    guard let least = indices.map({ spends[$0] }).min() else {
      return spends.map { _ in false }
    }
    let perStep = indices.map { spends[$0] / Double(steps[$0] + 1) }.filter { $0 > 0 }
    guard let cheapest = perStep.min() else { return live }
    // A hair below the level, so runs whose spends are equal up to rounding move together.
    let level = least + cheapest * (1 - 1e-9)
    return spends.indices.map { live[$0] && spends[$0] < level }
  }
}
