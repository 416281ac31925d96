/// Optimizer settings, each optional so that defaults, scene values and command-line flags
/// can be layered: `defaults.merging(scene).merging(flags)`.
public struct Hyperparameters: Sendable, Equatable, Codable {
  public var lr: Double?
  public var momentum: Double?
  public var alpha: Double?
  public var beta1: Double?
  public var beta2: Double?
  public var eps: Double?
  public var temperature: Double?
  public var cooling: Double?
  public var sigma: Double?
  /// PSO: the inertia weight w.
  public var inertia: Double?
  /// PSO: the cognitive coefficient c₁ (pull towards a particle's own best).
  public var c1: Double?
  /// PSO: the social coefficient c₂ (pull towards the swarm's best).
  public var c2: Double?
  /// GA: α of the blend crossover BLX-α.
  public var blend: Double?
  /// GA: the probability that a child's coordinate is mutated.
  public var mutation: Double?
  /// PSO and GA: how many points the swarm or population holds.
  public var population: Int?
  /// GA: how many members each tournament draws.
  public var tournament: Int?
  /// GA: how many of the best members pass unchanged to the next generation.
  public var elite: Int?
  public var seed: UInt64?

  public init(
    lr: Double? = nil, momentum: Double? = nil, alpha: Double? = nil, beta1: Double? = nil,
    beta2: Double? = nil, eps: Double? = nil, temperature: Double? = nil,
    cooling: Double? = nil, sigma: Double? = nil, inertia: Double? = nil, c1: Double? = nil,
    c2: Double? = nil, blend: Double? = nil, mutation: Double? = nil, population: Int? = nil,
    tournament: Int? = nil, elite: Int? = nil, seed: UInt64? = nil
  ) {
    self.lr = lr
    self.momentum = momentum
    self.alpha = alpha
    self.beta1 = beta1
    self.beta2 = beta2
    self.eps = eps
    self.temperature = temperature
    self.cooling = cooling
    self.sigma = sigma
    self.inertia = inertia
    self.c1 = c1
    self.c2 = c2
    self.blend = blend
    self.mutation = mutation
    self.population = population
    self.tournament = tournament
    self.elite = elite
    self.seed = seed
  }

  /// The real-valued settings, by name, in the fixed order they are listed in.
  public static var realFields: [(name: String, key: WritableKeyPath<Hyperparameters, Double?>)] {
    [
      ("lr", \.lr), ("momentum", \.momentum), ("alpha", \.alpha), ("beta1", \.beta1),
      ("beta2", \.beta2), ("eps", \.eps), ("temperature", \.temperature),
      ("cooling", \.cooling), ("sigma", \.sigma), ("inertia", \.inertia), ("c1", \.c1),
      ("c2", \.c2), ("blend", \.blend), ("mutation", \.mutation),
    ]
  }

  /// The integer settings other than `seed`, by name.
  public static var integerFields: [(name: String, key: WritableKeyPath<Hyperparameters, Int?>)] {
    [("population", \.population), ("tournament", \.tournament), ("elite", \.elite)]
  }

  /// These values, with every value `other` sets taking precedence.
  public func merging(_ other: Hyperparameters) -> Hyperparameters {
    var result = self
    for (_, key) in Self.realFields {
      result[keyPath: key] = other[keyPath: key] ?? self[keyPath: key]
    }
    for (_, key) in Self.integerFields {
      result[keyPath: key] = other[keyPath: key] ?? self[keyPath: key]
    }
    result.seed = other.seed ?? seed
    return result
  }

  /// The names of the settings that are set, in a fixed order.
  public var names: [String] { entries.map(\.name) }

  /// The settings that are set, as (name, value) in a fixed order. Integers (`population`,
  /// `seed`, ...) are exact as doubles up to 2⁵³.
  public var entries: [(name: String, value: Double)] {
    var result: [(String, Double)] = []
    for (name, key) in Self.realFields {
      if let value = self[keyPath: key] { result.append((name, value)) }
    }
    for (name, key) in Self.integerFields {
      if let value = self[keyPath: key] { result.append((name, Double(value))) }
    }
    if let seed { result.append(("seed", Double(seed))) }
    return result
  }
}

extension Hyperparameters {
  /// The values a real-valued setting may take on its own, as a test and in words ("greater
  /// than 0"), whichever optimizer reads it; nil for a name that is not a real setting.
  public static func rule(for name: String) -> (isValid: (Double) -> Bool, words: String)? {
    switch name {
    case "lr", "temperature", "sigma": ({ $0 > 0 }, "greater than 0")
    case "momentum", "alpha", "beta1", "beta2": ({ $0 >= 0 && $0 < 1 }, "in [0, 1)")
    case "eps", "c1", "c2", "blend": ({ $0 >= 0 }, "0 or more")
    case "cooling": ({ $0 > 0 && $0 <= 1 }, "in (0, 1]")
    case "inertia", "mutation": ({ $0 >= 0 && $0 <= 1 }, "in [0, 1]")
    default: nil
    }
  }

  /// The values an integer setting may take on its own (`tournament` and `elite` are further
  /// bounded by the population when an optimizer is made); nil for a name that is not one.
  public static func integerRange(for name: String) -> ClosedRange<Int>? {
    switch name {
    case "population": 2...OptimizerKind.maximumPopulation
    case "tournament": 1...OptimizerKind.maximumPopulation
    case "elite": 0...(OptimizerKind.maximumPopulation - 1)
    case "seed": 0...Int.max
    default: nil
    }
  }
}

/// A hyperparameter outside its valid range, or given to an optimizer that has no use for it.
public struct HyperparameterError: Error, Equatable, Sendable, CustomStringConvertible {
  public var description: String
  /// The setting at fault (`lr`, `population`), when there is one: a scene file's message
  /// points at its key.
  public var setting: String?
  public init(_ description: String, setting: String? = nil) {
    self.description = description
    self.setting = setting
  }
}
