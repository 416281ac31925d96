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
  public var seed: UInt64?

  public init(
    lr: Double? = nil, momentum: Double? = nil, alpha: Double? = nil, beta1: Double? = nil,
    beta2: Double? = nil, eps: Double? = nil, temperature: Double? = nil,
    cooling: Double? = nil, sigma: Double? = nil, seed: UInt64? = nil
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
    self.seed = seed
  }

  /// These values, with every value `other` sets taking precedence.
  public func merging(_ other: Hyperparameters) -> Hyperparameters {
    Hyperparameters(
      lr: other.lr ?? lr, momentum: other.momentum ?? momentum, alpha: other.alpha ?? alpha,
      beta1: other.beta1 ?? beta1, beta2: other.beta2 ?? beta2, eps: other.eps ?? eps,
      temperature: other.temperature ?? temperature, cooling: other.cooling ?? cooling,
      sigma: other.sigma ?? sigma, seed: other.seed ?? seed)
  }

  /// The names of the settings that are set, in a fixed order.
  public var names: [String] { entries.map(\.name) }

  /// The settings that are set, as (name, value) in a fixed order. `seed` is shown exactly.
  public var entries: [(name: String, value: Double)] {
    var result: [(String, Double)] = []
    func add(_ name: String, _ value: Double?) { if let value { result.append((name, value)) } }
    add("lr", lr)
    add("momentum", momentum)
    add("alpha", alpha)
    add("beta1", beta1)
    add("beta2", beta2)
    add("eps", eps)
    add("temperature", temperature)
    add("cooling", cooling)
    add("sigma", sigma)
    if let seed { result.append(("seed", Double(seed))) }
    return result
  }
}

/// A hyperparameter outside its valid range, or given to an optimizer that has no use for it.
public struct HyperparameterError: Error, Equatable, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
