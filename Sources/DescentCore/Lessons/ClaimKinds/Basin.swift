extension ClaimKind {
  /// `basin = "A"` (or a list): ends within `distance` of `to` in at least `least` (and at
  /// most `most`) of `seeds` runs, seeded 1 to `seeds`.
  static let basin = ClaimKind(
    name: "basin", keys: ["loss", "distance", "to", "seeds", "least", "most"],
    validate: { claim, given in
      var problems: [Problem] = []
      if !given.contains("distance") {
        problems.append(
          Problem(message: "`basin` needs `distance`, the basin's radius around `to`"))
      }
      if claim.seeds == 0 {
        problems.append(Problem(message: "`basin` needs `seeds`, how many runs"))
      }
      if claim.least == nil && claim.most == nil {
        problems.append(Problem(message: "`basin` needs `least` or `most`"))
      }
      if let least = claim.least, least > claim.seeds {
        problems.append(Problem(key: "least", value: true, message: "`least` is more than `seeds`"))
      }
      return problems
    },
    measure: { claim, horizon, runs throws(HyperparameterError) in
      var texts: [String] = []
      var holds = true
      for kind in claim.optimizers {
        var hits = 0
        for seed in 1...max(1, claim.seeds) {
          let run = try runs.probe(kind, steps: horizon, seed: UInt64(seed))
          if run.divergedAt == nil, let last = run.positions.last,
            claim.target.map({ ClaimChecker.Probe.reaches(last, loss: .infinity, $0) }) == true
          {
            hits += 1
          }
        }
        let bounds = [claim.least.map { "at least \($0)" }, claim.most.map { "at most \($0)" }]
          .compactMap { $0 }.joined(separator: " and ")
        texts.append(
          "\(kind) ended \(claim.targetPhrase) in \(hits) of \(claim.seeds) seeds after "
            + "\(horizon) steps (claimed \(bounds))")
        if let least = claim.least, hits < least { holds = false }
        if let most = claim.most, hits > most { holds = false }
      }
      return (holds, texts.joined(separator: "; "))
    })
}
