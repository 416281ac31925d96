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

  @Option(help: "Learning rate.") var lr: Double?
  @Option(help: "Momentum μ (momentum, nesterov).") var momentum: Double?
  @Option(help: "Smoothing constant α (rmsprop).") var alpha: Double?
  @Option(help: "β₁ (adam).") var beta1: Double?
  @Option(help: "β₂ (adam).") var beta2: Double?
  @Option(help: "ε (rmsprop, adam).") var eps: Double?
  @Option(help: "Starting temperature T₀ (anneal).") var temperature: Double?
  @Option(help: "Cooling factor c per step (anneal).") var cooling: Double?
  @Option(help: "Proposal (anneal) or mutation (ga) standard deviation σ.") var sigma: Double?
  @Option(help: "Inertia weight w (pso).") var inertia: Double?
  @Option(help: "Cognitive coefficient c₁ (pso).") var c1: Double?
  @Option(help: "Social coefficient c₂ (pso).") var c2: Double?
  @Option(help: "Swarm or population size (pso, ga).") var population: Int?
  @Option(help: "Tournament size (ga).") var tournament: Int?
  @Option(help: "α of the blend crossover BLX-α (ga).") var blend: Double?
  @Option(help: "Probability that a coordinate mutates (ga).") var mutation: Double?
  @Option(help: "Members kept unchanged each generation (ga).") var elite: Int?
  @Option(help: "Random seed (anneal, pso, ga).") var seed: UInt64?

  /// The optimizers named, in the canonical order, each once; empty for all of them (what
  /// "all" means depends on the scene: `Scene.raceKinds`).
  var kinds: [OptimizerKind] {
    get throws {
      let words = names.flatMap { $0.split(separator: ",").map(String.init) }
      if words.isEmpty || words.contains("all") { return [] }
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

  var overrides: Hyperparameters {
    Hyperparameters(
      lr: lr, momentum: momentum, alpha: alpha, beta1: beta1, beta2: beta2, eps: eps,
      temperature: temperature, cooling: cooling, sigma: sigma, inertia: inertia, c1: c1, c2: c2,
      blend: blend, mutation: mutation, population: population, tournament: tournament,
      elite: elite, seed: seed)
  }

  /// Each chosen optimizer with the scene's settings and then the flags laid over its
  /// defaults.
  func optimizers(for scene: Scene) throws -> [any Optimizer] {
    let chosen = try kinds
    return try (chosen.isEmpty ? scene.raceKinds : chosen).map { kind in
      do {
        return try scene.optimizer(kind, overrides: overrides)
      } catch let error as HyperparameterError {
        throw Failure.data(error.description)
      }
    }
  }
}
