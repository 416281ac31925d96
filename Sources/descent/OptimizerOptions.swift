import ArgumentParser
import DescentCore

/// Which optimizers to run, and the settings that override the scene's.
struct OptimizerOptions: ParsableArguments {
  @Option(
    name: .customLong("optimizer"), parsing: .upToNextOption,
    help: ArgumentHelp(
      """
      Optimizers to run: gd, momentum, nesterov, rmsprop, adam, anneal, pso, ga, or all \
      (default: the six classic ones, with pso and ga where the scene enables them).
      """,
      valueName: "name"),
    completion: Completions.optimizer)
  var names: [String] = []

  // `.unconditional`: a negative value (`--lr -1`) is read as the value, not as a flag, and
  // then refused with its range.
  @Option(parsing: .unconditional, help: "Learning rate.") var lr: Double?
  @Option(parsing: .unconditional, help: "Momentum μ (momentum, nesterov).") var momentum: Double?
  @Option(parsing: .unconditional, help: "Smoothing constant α (rmsprop).") var alpha: Double?
  @Option(parsing: .unconditional, help: "β₁ (adam).") var beta1: Double?
  @Option(parsing: .unconditional, help: "β₂ (adam).") var beta2: Double?
  @Option(parsing: .unconditional, help: "ε (rmsprop, adam).") var eps: Double?
  @Option(parsing: .unconditional, help: "Starting temperature T₀ (anneal).") var temperature:
    Double?
  @Option(parsing: .unconditional, help: "Cooling factor c per step (anneal).") var cooling: Double?
  @Option(
    parsing: .unconditional, help: "Proposal (anneal) or mutation (ga) standard deviation σ.")
  var sigma: Double?
  @Option(parsing: .unconditional, help: "Inertia weight w (pso).") var inertia: Double?
  @Option(parsing: .unconditional, help: "Cognitive coefficient c₁ (pso).") var c1: Double?
  @Option(parsing: .unconditional, help: "Social coefficient c₂ (pso).") var c2: Double?
  @Option(parsing: .unconditional, help: "Swarm or population size (pso, ga).") var population: Int?
  @Option(parsing: .unconditional, help: "Tournament size (ga).") var tournament: Int?
  @Option(parsing: .unconditional, help: "α of the blend crossover BLX-α (ga).") var blend: Double?
  @Option(parsing: .unconditional, help: "Probability that a coordinate mutates (ga).")
  var mutation: Double?
  @Option(parsing: .unconditional, help: "Members kept unchanged each generation (ga).")
  var elite: Int?
  @Option(parsing: .unconditional, help: "Random seed (anneal, pso, ga).") var seed: Int?

  /// The optimizers named, in the canonical order, each once; empty for all of them (what
  /// "all" means depends on the scene: `Scene.raceKinds`).
  var kinds: [OptimizerKind] {
    get throws {
      let words = names.flatMap { $0.split(separator: ",").map(String.init) }
      if names.isEmpty || words.contains("all") { return [] }
      // `--optimizer ''` or `--optimizer ,` names nothing: refused, rather than read as all.
      if words.isEmpty || words.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty })
      {
        throw ValidationError(
          "--optimizer needs a name: \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")), or all."
        )
      }
      var chosen = Set<OptimizerKind>()
      for word in words {
        guard let kind = OptimizerKind(rawValue: word) else {
          let valid = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
          throw ValidationError("Unknown optimizer '\(word)'. Choose from \(valid), or all.")
        }
        chosen.insert(kind)
      }
      return OptimizerKind.allCases.filter(chosen.contains)
    }
  }

  func validate() throws { _ = try kinds }

  /// The settings the flags give, each checked against its range on its own (whichever
  /// optimizer reads it): `--lr -1` is refused even when no chosen optimizer reads lr.
  var overrides: Hyperparameters {
    get throws {
      for (name, key) in Hyperparameters.realFields {
        guard let value = flags[keyPath: key], let rule = Hyperparameters.rule(for: name) else {
          continue
        }
        if !value.isFinite || !rule.isValid(value) {
          throw Failure.data("--\(name) must be \(rule.words), got \(Self.describe(value))")
        }
      }
      let integers = Hyperparameters.integerFields.map { ($0.name, flags[keyPath: $0.key]) }
      for (name, value) in integers + [("seed", seed)] {
        guard let value, let range = Hyperparameters.integerRange(for: name) else { continue }
        if !range.contains(value) {
          let words =
            range.upperBound == Int.max
            ? "0 or more" : "between \(range.lowerBound) and \(range.upperBound)"
          throw Failure.data("--\(name) must be \(words), got \(value)")
        }
      }
      return flags
    }
  }

  /// `-1` rather than `-1.0`; other values as Swift prints them.
  static func describe(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
  }

  private var flags: Hyperparameters {
    Hyperparameters(
      lr: lr, momentum: momentum, alpha: alpha, beta1: beta1, beta2: beta2, eps: eps,
      temperature: temperature, cooling: cooling, sigma: sigma, inertia: inertia, c1: c1, c2: c2,
      blend: blend, mutation: mutation, population: population, tournament: tournament,
      elite: elite, seed: seed.map { UInt64(max(0, $0)) })
  }

  /// Each chosen optimizer with the scene's settings and then the flags laid over its
  /// defaults.
  func optimizers(for scene: Scene) throws -> [any Optimizer] {
    let chosen = try kinds
    let settings = try overrides
    return try (chosen.isEmpty ? scene.raceKinds : chosen).map { kind in
      do {
        return try scene.optimizer(kind, overrides: settings)
      } catch let error as HyperparameterError {
        throw Failure.data(error.description)
      }
    }
  }
}
