extension ClaimKind {
  /// `stable = "A"` (or a list): none is flagged as diverged within the horizon.
  static let stable = ClaimKind(
    name: "stable", keys: [], validate: { _, _ in [] },
    measure: { claim, horizon, runs throws(HyperparameterError) in
      try each(claim, &runs, steps: horizon) { kind, run in
        let (diverged, text) = divergence(kind, run, horizon)
        return (!diverged, text)
      }
    })
}
