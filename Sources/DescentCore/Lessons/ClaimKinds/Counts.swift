extension ClaimKind {
  /// `counts = "A"` (or a list): spends exactly `values` evaluations of f and `gradients`
  /// of ∇f on each of the first `steps` (default 5) updates.
  static let counts = ClaimKind(
    name: "counts", keys: ["values", "gradients"],
    validate: { claim, _ in
      claim.values == nil && claim.gradients == nil
        ? [Problem(message: "`counts` needs `values` or `gradients`")] : []
    },
    measure: { claim, _, runs throws(HyperparameterError) in
      let counted = claim.steps ?? 5
      let claimed = [claim.values.map { "\($0) f" }, claim.gradients.map { "\($0) ∇f" }]
        .compactMap { $0 }.joined(separator: " and ")
      let (holds, measured) = try each(claim, &runs, steps: counted) { kind, run in
        guard run.steps >= counted else {
          return (false, "\(kind) stopped at step \(run.steps)")
        }
        for step in 1...max(1, counted) {
          let spent = run.evaluations[step] - run.evaluations[step - 1]
          let right =
            (claim.values.map { $0 == spent.values } ?? true)
            && (claim.gradients.map { $0 == spent.gradients } ?? true)
          if !right {
            return (
              false, "\(kind) spent \(spent.values) f and \(spent.gradients) ∇f at step \(step)"
            )
          }
        }
        let spent = run.evaluations[1] - run.evaluations[0]
        return (
          true,
          "\(kind) spent \(spent.values) f and \(spent.gradients) ∇f on each of \(counted) steps"
        )
      }
      return (holds, measured + " (claimed \(claimed) per step)")
    })
}
