import ArgumentParser
import DescentCore

/// Which optimizers to run, and the settings that override the scene's.
struct OptimizerOptions: ParsableArguments {
  @Option(
    name: .customLong("optimizer"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Optimizers to run: gd, momentum, nesterov, rmsprop, adam, anneal, or all (default).",
      valueName: "name"))
  var names: [String] = []

  @Option(help: "Learning rate.") var lr: Double?
  @Option(help: "Momentum μ (momentum, nesterov).") var momentum: Double?
  @Option(help: "Smoothing constant α (rmsprop).") var alpha: Double?
  @Option(help: "β₁ (adam).") var beta1: Double?
  @Option(help: "β₂ (adam).") var beta2: Double?
  @Option(help: "ε (rmsprop, adam).") var eps: Double?
  @Option(help: "Starting temperature T₀ (anneal).") var temperature: Double?
  @Option(help: "Cooling factor c per step (anneal).") var cooling: Double?
  @Option(help: "Proposal standard deviation σ (anneal).") var sigma: Double?
  @Option(help: "Random seed (anneal).") var seed: UInt64?

  /// The optimizers named, in the canonical order, each once.
  var kinds: [OptimizerKind] {
    get throws {
      let words = names.flatMap { $0.split(separator: ",").map(String.init) }
      if words.isEmpty || words.contains("all") { return OptimizerKind.allCases }
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
      temperature: temperature, cooling: cooling, sigma: sigma, seed: seed)
  }

  /// Each chosen optimizer with the scene's settings and then the flags laid over its
  /// defaults.
  func optimizers(for scene: Scene) throws -> [any Optimizer] {
    try kinds.map { kind in
      let settings = scene.settings(for: kind).merging(overrides)
      do {
        return try kind.make(settings)
      } catch let error as HyperparameterError {
        throw Failure.data(error.description)
      }
    }
  }
}
