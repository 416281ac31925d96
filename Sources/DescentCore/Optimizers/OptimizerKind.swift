/// The six built-in optimizers, by the names the command line, scene files and the TUI use.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
  case gd, momentum, nesterov, rmsprop, adam, anneal

  /// A human name for legends and help.
  public var title: String {
    switch self {
    case .gd: "gradient descent"
    case .momentum: "momentum"
    case .nesterov: "Nesterov momentum"
    case .rmsprop: "RMSProp"
    case .adam: "Adam"
    case .anneal: "simulated annealing"
    }
  }

  /// Whether the optimizer follows the gradient. Annealing uses values of f only.
  public var usesGradient: Bool { self != .anneal }

  /// Every setting the optimizer reads, with its default: PyTorch's where PyTorch has one.
  public var defaults: Hyperparameters {
    switch self {
    case .gd: Hyperparameters(lr: 1e-3)
    case .momentum, .nesterov: Hyperparameters(lr: 1e-3, momentum: 0.9)
    case .rmsprop: Hyperparameters(lr: 1e-2, alpha: 0.99, eps: 1e-8)
    case .adam: Hyperparameters(lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8)
    case .anneal: Hyperparameters(temperature: 1, cooling: 0.99, sigma: 0.1, seed: 0)
    }
  }

  /// The optimizer with `settings` laid over the defaults. Settings this optimizer does not
  /// read are ignored, so one set of flags can configure a whole race.
  ///
  /// - Throws: `HyperparameterError` for a value outside its valid range.
  public func make(_ settings: Hyperparameters = Hyperparameters()) throws(HyperparameterError)
    -> any Optimizer
  {
    let h = defaults.merging(settings)
    try Self.validate(h, for: self)
    switch self {
    case .gd: return GradientDescent(lr: h.lr!)
    case .momentum: return Momentum(lr: h.lr!, momentum: h.momentum!)
    case .nesterov: return Momentum(lr: h.lr!, momentum: h.momentum!, nesterov: true)
    case .rmsprop: return RMSProp(lr: h.lr!, alpha: h.alpha!, eps: h.eps!)
    case .adam: return Adam(lr: h.lr!, beta1: h.beta1!, beta2: h.beta2!, eps: h.eps!)
    case .anneal:
      return Annealing(
        temperature: h.temperature!, cooling: h.cooling!, sigma: h.sigma!, seed: h.seed!)
    }
  }

  private static func validate(_ h: Hyperparameters, for kind: OptimizerKind)
    throws(HyperparameterError)
  {
    let used = Set(kind.defaults.names)
    func check(_ name: String, _ value: Double?, _ valid: (Double) -> Bool, _ rule: String)
      throws(HyperparameterError)
    {
      guard used.contains(name), let value else { return }
      guard value.isFinite, valid(value) else {
        throw HyperparameterError("\(kind.rawValue): \(name) = \(value) is invalid; \(rule)")
      }
    }
    try check("lr", h.lr, { $0 > 0 }, "it must be greater than 0")
    try check("momentum", h.momentum, { $0 >= 0 && $0 < 1 }, "it must be in [0, 1)")
    try check("alpha", h.alpha, { $0 >= 0 && $0 < 1 }, "it must be in [0, 1)")
    try check("beta1", h.beta1, { $0 >= 0 && $0 < 1 }, "it must be in [0, 1)")
    try check("beta2", h.beta2, { $0 >= 0 && $0 < 1 }, "it must be in [0, 1)")
    try check("eps", h.eps, { $0 >= 0 }, "it must be 0 or more")
    try check("temperature", h.temperature, { $0 > 0 }, "it must be greater than 0")
    try check("cooling", h.cooling, { $0 > 0 && $0 <= 1 }, "it must be in (0, 1]")
    try check("sigma", h.sigma, { $0 > 0 }, "it must be greater than 0")
  }
}
