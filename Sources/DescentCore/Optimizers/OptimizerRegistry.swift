/// Every optimizer descent knows, in the order legends, keys and colours follow. Adding an
/// optimizer is one file (its type and its `spec`) and one line here.
public enum OptimizerRegistry {
  public static let all: [OptimizerSpec] = [
    GradientDescent.spec,
    Momentum.spec,
    Momentum.nesterovSpec,
    RMSProp.spec,
    Adam.spec,
    Annealing.spec,
    ParticleSwarm.spec,
    GeneticAlgorithm.spec,
    Adagrad.spec,
    AdamW.spec,
    NAdam.spec,
    AMSGrad.spec,
    Rprop.spec,
    Newton.spec,
    LBFGS.spec,
    ConjugateGradient.spec,
    NelderMead.spec,
    CMAES.spec,
    AntColony.spec,
  ]

  private static let indices: [String: Int] = {
    var indices: [String: Int] = [:]
    for (i, spec) in all.enumerated() {
      precondition(indices[spec.kind.rawValue] == nil, "two optimizers named \(spec.kind)")
      indices[spec.kind.rawValue] = i
    }
    return indices
  }()

  /// The spec of the optimizer called `name`, or nil.
  public static func spec(named name: String) -> OptimizerSpec? {
    indices[name].map { all[$0] }
  }

  /// The position of `kind` in `all`.
  public static func index(of kind: OptimizerKind) -> Int { indices[kind.rawValue]! }

  /// Every name, for messages: "gd, momentum, ...".
  public static var names: String { all.map(\.kind.rawValue).joined(separator: ", ") }

  /// The setting called `name` as the first optimizer that reads it declares it: the rule a
  /// flag is checked against before any optimizer is made.
  public static func setting(named name: String) -> SettingSpec? {
    for spec in all { if let setting = spec.setting(name) { return setting } }
    return nil
  }

  /// Every setting any optimizer reads, each name once, in registry order, with the
  /// optimizers that read it.
  public static var settings: [(setting: SettingSpec, readers: [OptimizerKind])] {
    var result: [(SettingSpec, [OptimizerKind])] = []
    for spec in all {
      for setting in spec.settings {
        if let i = result.firstIndex(where: { $0.0.name == setting.name }) {
          result[i].1.append(spec.kind)
        } else {
          result.append((setting, [spec.kind]))
        }
      }
    }
    return result
  }
}
