extension ClaimKind {
  /// `reaches = "A"` (or a list): each reaches the target within the horizon.
  static let reaches = ClaimKind(
    name: "reaches", keys: ["loss", "distance", "to"],
    validate: { _, given in needsTarget("reaches", given) },
    measure: { claim, horizon, runs throws(HyperparameterError) in
      try each(claim, &runs, steps: horizon) { kind, run in
        reaching(claim, kind, run, horizon)
      }
    })

  /// Whether `run` reaches the claim's target, and the words for it.
  static func reaching(
    _ claim: Claim, _ kind: RunSpec, _ run: ClaimChecker.Probe, _ horizon: Int
  ) -> (Bool, String) {
    let target = claim.targetPhrase
    if let step = run.firstReaching(claim.target) {
      return (true, "\(kind) reached \(target) at step \(step)")
    }
    return (
      false,
      "\(kind) did not reach \(target) within \(horizon) steps (\(run.summary(claim.target)))"
    )
  }
}
