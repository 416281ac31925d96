/// The built-in optimizers, by the names the command line, scene files and the TUI use.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
  case gd, momentum, nesterov, rmsprop, adam, anneal, pso, ga

  /// The six that race by default. The population methods (`pso`, `ga`) join a race when a
  /// scene enables them (`Scene.raceKinds`) or when they are asked for by name.
  public static let classic: [OptimizerKind] = [
    .gd, .momentum, .nesterov, .rmsprop, .adam, .anneal,
  ]

  /// A human name for legends and help.
  public var title: String {
    switch self {
    case .gd: "gradient descent"
    case .momentum: "momentum"
    case .nesterov: "Nesterov momentum"
    case .rmsprop: "RMSProp"
    case .adam: "Adam"
    case .anneal: "simulated annealing"
    case .pso: "particle swarm"
    case .ga: "genetic algorithm"
    }
  }

  /// Whether the optimizer follows the gradient. The others use values of f only.
  public var usesGradient: Bool {
    switch self {
    case .anneal, .pso, .ga: false
    default: true
    }
  }

  /// Whether the optimizer holds a population of points rather than one.
  public var isPopulation: Bool { self == .pso || self == .ga }

  /// The setting that sets the size of a step, for `+`/`-`: the learning rate, or for
  /// annealing and the genetic algorithm the size of their random moves. A swarm has none:
  /// its particles' speeds follow from the distances between them.
  public var stepSetting: (name: String, key: WritableKeyPath<Hyperparameters, Double?>)? {
    switch self {
    case .anneal, .ga: ("sigma", \.sigma)
    case .pso: nil
    default: ("lr", \.lr)
    }
  }

  /// Every setting the optimizer reads, with its default: PyTorch's where PyTorch has one.
  public var defaults: Hyperparameters {
    switch self {
    case .gd: Hyperparameters(lr: 1e-3)
    case .momentum, .nesterov: Hyperparameters(lr: 1e-3, momentum: 0.9)
    case .rmsprop: Hyperparameters(lr: 1e-2, alpha: 0.99, eps: 1e-8)
    case .adam: Hyperparameters(lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8)
    case .anneal: Hyperparameters(temperature: 1, cooling: 0.99, sigma: 0.1, seed: 0)
    case .pso:
      Hyperparameters(inertia: 0.7298, c1: 1.49618, c2: 1.49618, population: 30, seed: 0)
    case .ga:
      Hyperparameters(
        sigma: 0.3, blend: 0.5, mutation: 0.2, population: 30, tournament: 3, elite: 2, seed: 0)
    }
  }

  /// The optimizer with `settings` laid over the defaults. Settings this optimizer does not
  /// read are ignored, so one set of flags can configure a whole race. A population method
  /// scatters its first generation over `region` (a scene passes its view).
  ///
  /// - Throws: `HyperparameterError` for a value outside its valid range.
  public func make(_ settings: Hyperparameters = Hyperparameters(), region: Region? = nil)
    throws(HyperparameterError) -> any Optimizer
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
    case .pso:
      return ParticleSwarm(
        inertia: h.inertia!, c1: h.c1!, c2: h.c2!, population: h.population!, seed: h.seed!,
        region: region)
    case .ga:
      return GeneticAlgorithm(
        population: h.population!, tournament: h.tournament!, blend: h.blend!,
        mutation: h.mutation!, sigma: h.sigma!, elite: h.elite!, seed: h.seed!, region: region)
    }
  }

  /// The largest population a swarm or genetic algorithm may have.
  public static let maximumPopulation = 10_000

  private static func validate(_ h: Hyperparameters, for kind: OptimizerKind)
    throws(HyperparameterError)
  {
    let used = Set(kind.defaults.names)
    for (name, key) in Hyperparameters.realFields where used.contains(name) {
      guard let value = h[keyPath: key], let rule = Hyperparameters.rule(for: name) else {
        continue
      }
      guard value.isFinite, rule.isValid(value) else {
        throw HyperparameterError(
          "\(kind.rawValue): \(name) = \(value) is invalid; it must be \(rule.words)",
          setting: name)
      }
    }
    func check(_ name: String, _ value: Int?, _ valid: ClosedRange<Int>)
      throws(HyperparameterError)
    {
      guard used.contains(name), let value else { return }
      guard valid.contains(value) else {
        throw HyperparameterError(
          "\(kind.rawValue): \(name) = \(value) is invalid; it must be between "
            + "\(valid.lowerBound) and \(valid.upperBound)", setting: name)
      }
    }
    try check("population", h.population, 2...maximumPopulation)
    try check("tournament", h.tournament, 1...max(1, h.population ?? maximumPopulation))
    try check("elite", h.elite, 0...max(0, (h.population ?? maximumPopulation) - 1))
  }
}
