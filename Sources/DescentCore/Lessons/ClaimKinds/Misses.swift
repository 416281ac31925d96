extension ClaimKind {
  /// `misses = "A"` (or a list): none reaches the target within the horizon.
  static let misses = ClaimKind(
    name: "misses", keys: ["loss", "distance", "to"],
    validate: { _, given in needsTarget("misses", given) },
    measure: { claim, horizon, runs throws(HyperparameterError) in
      try each(claim, &runs, steps: horizon) { kind, run in
        let (reached, text) = reaching(claim, kind, run, horizon)
        return (!reached, text)
      }
    })
}
