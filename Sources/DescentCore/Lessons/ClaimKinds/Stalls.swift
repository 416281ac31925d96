extension ClaimKind {
  /// `stalls = "A"` (or a list): each moves less than `epsilon` from where it is at step
  /// `from` over the next `steps` steps (a saddle, a plateau, a local minimum).
  static let stalls = ClaimKind(
    name: "stalls", keys: ["from", "epsilon"],
    validate: { claim, _ in
      var problems: [Problem] = []
      if claim.epsilon == nil {
        problems.append(Problem(message: "`stalls` needs `epsilon`, the most the run may move"))
      }
      if claim.steps == nil {
        problems.append(Problem(message: "`stalls` needs `steps`, the length of the window"))
      }
      return problems
    },
    measure: { claim, horizon, runs throws(HyperparameterError) in
      let epsilon = claim.epsilon ?? 0
      let last = claim.from + horizon
      return try each(claim, &runs, steps: last) { kind, run in
        guard claim.from <= run.steps else {
          return (false, "\(kind) diverged at step \(run.steps), before step \(claim.from)")
        }
        let origin = run.positions[claim.from]
        let moved =
          run.positions[claim.from...min(run.steps, last)].map { ClaimChecker.length($0 - origin) }
          .max() ?? 0
        let text =
          "\(kind) moved at most \(Claim.format(moved)) between steps \(claim.from) and "
          + "\(last) (claimed less than \(Claim.format(epsilon)))"
        return (run.divergedAt == nil && run.steps >= last && moved < epsilon, text)
      }
    })
}
