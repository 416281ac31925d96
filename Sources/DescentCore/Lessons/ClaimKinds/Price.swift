extension ClaimKind {
  /// The gradient methods a `price` claim can name, as `descent cost` measures them.
  static let gradientMethods = ["backprop", "forward-mode", "finite-differences"]

  /// `price = "backprop"` (or `"forward-mode"`, `"finite-differences"`): one gradient by
  /// that method costs between `passes = [lo, hi]` forward passes (or `per-weight = [lo,
  /// hi]` passes per weight), counted in multiply-adds from the layer sizes as `descent
  /// cost` counts them (the machine-independent part of its table). It is checked on the
  /// step's network, or with `widths = [...]` on every network 2-w-…-w-1 of `descent cost`'s
  /// family (`depth` hidden layers, default 2); `weights = [P₁, P₂]` also claims the smallest
  /// and largest number of weights among them.
  static let price = ClaimKind(
    name: "price", keys: ["passes", "per-weight", "widths", "depth", "weights"],
    subjects: gradientMethods,
    validate: { claim, given in
      given.contains("passes") || given.contains("per-weight")
        ? []
        : [Problem(message: "`price` needs `passes = [lo, hi]` or `per-weight = [lo, hi]`")]
    },
    measure: { claim, _, runs throws(HyperparameterError) in
      let method = claim.subjects.first ?? "backprop"
      let networks: [MLP]
      if let widths = claim.widths {
        networks = GradientCost.family(widths: widths, depth: claim.depth)
      } else if let network = runs.context.scene.network {
        networks = [network.mlp]
      } else {
        return (
          false,
          "scene `\(runs.context.scene.name)` has no network: name one, or give `widths`"
        )
      }
      var holds = true
      var texts: [String] = []
      for mlp in networks {
        let operations = GradientCost.operations(mlp, samples: 1)
        let cost: Int
        switch method {
        case "forward-mode": cost = operations.forwardMode
        case "finite-differences": cost = operations.finiteDifferences
        default: cost = operations.backprop
        }
        let passes = Double(cost) / Double(operations.forward)
        let p = mlp.parameterCount
        if let range = claim.passes, !range.contains(passes) { holds = false }
        if let range = claim.passesPerWeight, !range.contains(passes / Double(p)) {
          holds = false
        }
        let perWeight =
          claim.passesPerWeight == nil ? "" : " (\(Claim.format(passes / Double(p))) per weight)"
        texts.append("P = \(p): \(Claim.format(passes))\(perWeight)")
      }
      let counts = networks.map(\.parameterCount)
      if let weights = claim.weights {
        let claimed = weights.count == 1 ? [weights[0], weights[0]] : weights
        if [counts.min() ?? 0, counts.max() ?? 0] != claimed { holds = false }
      }
      let bounds = [
        claim.passes.map { "\(Claim.format($0.lowerBound)) to \(Claim.format($0.upperBound))" },
        claim.passesPerWeight.map {
          "\(Claim.format($0.lowerBound)) to \(Claim.format($0.upperBound)) per weight"
        },
      ].compactMap { $0 }.joined(separator: " and ")
      let claimedWeights =
        claim.weights.map { " at P = " + $0.map(String.init).joined(separator: " to ") } ?? ""
      return (
        holds,
        "\(method) costs, in forward passes' multiply-adds, "
          + texts.joined(separator: ", ")
          + " (claimed \(bounds)\(claimedWeights))"
      )
    })
}
