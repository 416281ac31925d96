extension ClaimKind {
  /// `faster = ["A", "B"]`: A reaches the target in fewer steps (or, `by = "evaluations"`,
  /// fewer evaluations) than B, and with `ratio = r` in at most 1/r of B's.
  static let faster = ClaimKind(
    name: "faster", keys: ["loss", "distance", "to", "by", "ratio"],
    validate: { claim, given in
      var problems = needsTarget("faster", given)
      if claim.optimizers.count != 2 {
        problems.insert(
          Problem(
            key: "faster", value: true, message: "`faster` names two optimizers: [\"A\", \"B\"]"),
          at: 0)
      }
      return problems
    },
    measure: { claim, horizon, runs throws(HyperparameterError) in
      let (a, b) = (claim.optimizers[0], claim.optimizers[1])
      let target = claim.targetPhrase
      let runA = try runs.probe(a, steps: horizon)
      guard let stepA = runA.firstReaching(claim.target) else {
        return (
          false,
          "\(a) did not reach \(target) within \(horizon) steps (\(runA.summary(claim.target)))"
        )
      }
      let metricA = claim.byEvaluations ? runA.spent(at: stepA) : stepA
      // B runs long enough to show whether it needs `ratio` times A's cost. Every step
      // spends at least one evaluation, so B has spent ratio × A's cost (in steps or in
      // evaluations) after at most that many steps.
      let needed = Int(min(1e6, (Double(metricA) * claim.ratio).rounded(.up))) + 1
      let longer = max(horizon, min(needed, 20 * horizon))
      let runB = try runs.probe(b, steps: longer)
      let stepB = runB.firstReaching(claim.target)
      let metricB = stepB.map { claim.byEvaluations ? runB.spent(at: $0) : $0 }
      let unit = claim.byEvaluations ? "evaluations" : "steps"
      func at(_ step: Int, _ run: ClaimChecker.Probe) -> String {
        claim.byEvaluations ? "step \(step) (\(run.spent(at: step)) evaluations)" : "step \(step)"
      }
      let textA = "\(a) reached \(target) at \(at(stepA, runA))"
      guard let stepB, let metricB else {
        return (true, "\(textA); \(b) did not within \(runB.steps) steps")
      }
      let holds = Double(metricB) >= claim.ratio * Double(metricA) && metricB > metricA
      let ratioText =
        claim.ratio == 1
        ? ""
        : " (\(Claim.format(Double(metricB) / Double(metricA)))x the \(unit), "
          + "claimed at least \(Claim.format(claim.ratio))x)"
      return (holds, "\(textA), \(b) at \(at(stepB, runB))\(ratioText)")
    })
}
