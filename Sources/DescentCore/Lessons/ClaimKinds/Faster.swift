extension ClaimKind {
  /// `faster = ["A", "B"]`: A reaches the target in fewer steps (or, `by = "evaluations"`,
  /// fewer evaluations, a gradient counted as `gradient-cost` evaluations of f) than B, and
  /// with `ratio = r` in at most 1/r of B's.
  static let faster = ClaimKind(
    name: "faster", keys: ["loss", "distance", "to", "by", "ratio", "gradient-cost"],
    validate: { claim, given in
      var problems = needsTarget("faster", given)
      if claim.optimizers.count != 2 {
        problems.insert(
          Problem(
            key: "faster", value: true, message: "`faster` names two optimizers: [\"A\", \"B\"]"),
          at: 0)
      }
      if given.contains("gradient-cost") && !claim.byEvaluations {
        problems.append(
          Problem(
            key: "gradient-cost",
            message:
              "`gradient-cost` counts a gradient's evaluations: it needs `by = \"evaluations\"`"
          ))
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
      func metric(_ step: Int, _ run: ClaimChecker.Probe) -> Double {
        claim.byEvaluations ? run.spent(at: step, gradientCost: claim.gradientCost) : Double(step)
      }
      let metricA = metric(stepA, runA)
      // B runs long enough to show whether it needs `ratio` times A's cost. Every step
      // spends at least one evaluation (of f, or of ∇f counted as `gradient-cost`), so B
      // has spent ratio × A's cost after at most that many steps (or that many over the
      // gradient's cost, when it counts less than one).
      let least = claim.byEvaluations ? min(1, claim.gradientCost) : 1
      let needed = Int(min(1e6, (metricA * claim.ratio / least).rounded(.up))) + 1
      let longer = max(horizon, min(needed, 20 * horizon))
      let runB = try runs.probe(b, steps: longer)
      let stepB = runB.firstReaching(claim.target)
      let metricB = stepB.map { metric($0, runB) }
      let unit = claim.byEvaluations ? "evaluations" : "steps"
      func at(_ step: Int, _ run: ClaimChecker.Probe) -> String {
        claim.byEvaluations
          ? "step \(step) (\(Claim.format(metric(step, run))) evaluations)" : "step \(step)"
      }
      let textA = "\(a) reached \(target) at \(at(stepA, runA))"
      guard let stepB, let metricB else {
        return (true, "\(textA); \(b) did not within \(runB.steps) steps")
      }
      let holds = metricB >= claim.ratio * metricA && metricB > metricA
      let ratioText =
        claim.ratio == 1
        ? ""
        : " (\(Claim.format(metricB / metricA))x the \(unit), "
          + "claimed at least \(Claim.format(claim.ratio))x)"
      return (holds, "\(textA), \(b) at \(at(stepB, runB))\(ratioText)")
    })
}
