/// Everything descent knows about one optimizer besides its update: the name the command
/// line, scene files and lessons use, its family, its settings with their defaults and valid
/// values, its update equations, how it is drawn, and how to make one. Each optimizer's file
/// declares its spec; `OptimizerRegistry.all` lists them, and the CLI's flags, the scene and
/// lesson keys, the key table, the legend's colours, the race sets and the README's table
/// all come from there.
public struct OptimizerSpec: Sendable {
  public enum Family: String, Sendable, CaseIterable {
    case firstOrder = "first-order"
    case adaptive
    case secondOrder = "second-order"
    case gradientFree = "gradient-free"

    /// A heading for the picker and the README.
    public var title: String {
      switch self {
      case .firstOrder: "First-order"
      case .adaptive: "Adaptive first-order"
      case .secondOrder: "Second-order and quasi-Newton"
      case .gradientFree: "Gradient-free"
      }
    }
  }

  public var kind: OptimizerKind
  /// A human name for legends and help: "Nesterov momentum".
  public var title: String
  public var family: Family
  /// One line on what it does, for the picker and `--help`.
  public var summary: String
  public var settings: [SettingSpec]
  /// The update written out, one line per equation, in the notation the inspector uses.
  public var equations: [String]
  /// The path's colour, as 0xRRGGBB: far from every colormap's colours.
  public var color: UInt32
  /// Whether it races when a scene asks for all: true for the classic methods; a method that
  /// is false races only where a scene enables it with its `[optimizers.NAME]` table, or when
  /// it is named.
  public var racesByDefault: Bool
  /// The setting `+`/`-` double and halve, and that `descent compare` tunes: lr, or the size
  /// of a random move; nil for none.
  public var stepSetting: String?
  /// Checks that involve several settings (a tournament no larger than the population).
  public var check: @Sendable (Hyperparameters) throws(HyperparameterError) -> Void
  /// The optimizer with these settings (defaults filled in, each checked), scattering a
  /// population over `region` when one is given.
  public var build: @Sendable (Hyperparameters, Region?) -> any Optimizer

  public init(
    _ name: String, title: String, family: Family, summary: String, settings: [SettingSpec],
    equations: [String], color: UInt32, racesByDefault: Bool = false,
    stepSetting: String? = "lr",
    check: @escaping @Sendable (Hyperparameters) throws(HyperparameterError) -> Void = { _ in },
    build: @escaping @Sendable (Hyperparameters, Region?) -> any Optimizer
  ) {
    self.kind = OptimizerKind(registered: name)
    self.title = title
    self.family = family
    self.summary = summary
    self.settings = settings
    self.equations = equations
    self.color = color
    self.racesByDefault = racesByDefault
    self.stepSetting = stepSetting
    self.check = check
    self.build = build
  }

  /// Whether it follows the gradient; the gradient-free family uses values of f only.
  public var usesGradient: Bool { family != .gradientFree }

  /// Every setting it reads, at its default.
  public var defaults: Hyperparameters {
    var h = Hyperparameters()
    for setting in settings {
      switch setting.kind {
      case .real(let value, _): h[setting.name] = value
      case .integer(let value, _): h[setting.name] = value.map(Double.init)
      case .seed: h.seed = 0
      case .choice(let value, _): h.setWord(setting.name, to: value)
      }
    }
    return h
  }

  /// Its settings as flags with their defaults, for help and the README: "--lr 0.001,
  /// --momentum 0.9".
  public var defaultsText: String {
    settings.map { setting in
      let value: String =
        switch setting.kind {
        case .real(let x, _): ValidRange.number(x)
        case .integer(let n, _): n.map(String.init) ?? setting.automatic ?? "automatic"
        case .seed: "0"
        case .choice(let word, _): word
        }
      return "--\(setting.name) \(value)"
    }.joined(separator: ", ")
  }

  /// The README's row for it: name, family, equations, the reference it matches, defaults.
  public func readmeRow(reference: String) -> String {
    "| `\(kind.rawValue)` | \(family.rawValue) | \(equations.joined(separator: "; ")) | "
      + "\(reference) | \(defaultsText) |"
  }

  /// The setting called `name`, if it reads one.
  public func setting(_ name: String) -> SettingSpec? { settings.first { $0.name == name } }

  /// The optimizer with `settings` laid over the defaults. Settings this optimizer does not
  /// read are ignored, so one set of flags can configure a whole race.
  ///
  /// - Throws: `HyperparameterError` for a value outside its valid range.
  public func make(_ given: Hyperparameters = Hyperparameters(), region: Region? = nil)
    throws(HyperparameterError) -> any Optimizer
  {
    let h = defaults.merging(given)
    for setting in settings {
      if setting.isNumber, let value = h[setting.name], let problem = setting.problem(with: value) {
        throw HyperparameterError(
          "\(kind.rawValue): \(setting.name) = \(setting.isInteger ? ValidRange.number(value) : "\(value)") is invalid; it \(problem)",
          setting: setting.name)
      }
      if !setting.isNumber, let word = h.word(setting.name),
        let problem = setting.problem(with: word)
      {
        throw HyperparameterError(
          "\(kind.rawValue): \(setting.name) = \(word) is invalid; it \(problem)",
          setting: setting.name)
      }
    }
    try check(h)
    return build(h, region)
  }
}

/// The name of a registered optimizer: `gd`, `adam`, `nelder-mead`.
public struct OptimizerKind: RawRepresentable, Hashable, Sendable, Codable,
  CustomStringConvertible
{
  public let rawValue: String

  /// The registered optimizer called `rawValue`, or nil.
  public init?(rawValue: String) {
    guard OptimizerRegistry.spec(named: rawValue) != nil else { return nil }
    self.rawValue = rawValue
  }

  /// For an optimizer's own file, naming itself: `OptimizerKind(registered: "gd")`.
  init(registered name: String) { rawValue = name }

  public init(from decoder: any Decoder) throws {
    let name = try decoder.singleValueContainer().decode(String.self)
    guard let kind = OptimizerKind(rawValue: name) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "unknown optimizer \(name)"))
    }
    self = kind
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  public var description: String { rawValue }

  /// Every registered optimizer, in the registry's order.
  public static var allCases: [OptimizerKind] { OptimizerRegistry.all.map(\.kind) }

  /// Those that race when a scene asks for all of them and enables none.
  public static var classic: [OptimizerKind] {
    OptimizerRegistry.all.filter(\.racesByDefault).map(\.kind)
  }

  /// Its spec. Every kind is registered: kinds come from the registry or from a spec.
  public var spec: OptimizerSpec {
    guard let spec = OptimizerRegistry.spec(named: rawValue) else {
      preconditionFailure("optimizer \(rawValue) is not in OptimizerRegistry.all")
    }
    return spec
  }

  public var title: String { spec.title }
  public var usesGradient: Bool { spec.usesGradient }
  public var stepSetting: String? { spec.stepSetting }
  public var defaults: Hyperparameters { spec.defaults }

  /// Its position in the registry: the order of legends, keys and colours.
  public var index: Int { OptimizerRegistry.index(of: self) }

  public func make(_ settings: Hyperparameters = Hyperparameters(), region: Region? = nil)
    throws(HyperparameterError) -> any Optimizer
  {
    try spec.make(settings, region: region)
  }

  /// The largest population a swarm or genetic algorithm may have.
  public static let maximumPopulation = 10_000
}
