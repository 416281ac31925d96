extension ClaimKind {
  /// `diverges = "A"` (or a list): each is flagged as diverged within the horizon.
  static let diverges = ClaimKind(
    name: "diverges", keys: [], validate: { _, _ in [] },
    measure: { claim, horizon, runs throws(HyperparameterError) in
      try each(claim, &runs, steps: horizon) { kind, run in divergence(kind, run, horizon) }
    })

  /// Whether `run` diverged, and the words for it.
  static func divergence(_ kind: RunSpec, _ run: ClaimChecker.Probe, _ horizon: Int)
    -> (Bool, String)
  {
    if let step = run.divergedAt { return (true, "\(kind) diverged at step \(step)") }
    let loss = Claim.format(run.losses.last ?? .nan)
    return (false, "\(kind) did not diverge within \(horizon) steps (loss \(loss))")
  }
}
