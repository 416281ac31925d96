/// One run of a race: a registered optimizer and the settings this run alone gives it, so
/// that one optimizer can race itself at several settings (`gd@lr=0.05`, `gd@lr=0.11`).
///
/// A run's settings are laid over the flags' and the scene's, for this run only. A plain
/// run (`gd`) has none and is the optimizer as it always was. A run is known by its `name`,
/// its canonical text: the optimizer, then `@SETTING=VALUE` for each of its settings in the
/// order the optimizer declares them (`momentum@lr=0.01@momentum=0.95`), so two spellings
/// of the same run have the same name.
public struct RunSpec: Hashable, Sendable, CustomStringConvertible {
  public let kind: OptimizerKind
  /// The settings this run alone gives its optimizer; empty for a plain run.
  public let settings: Hyperparameters
  /// A scene's or lesson's label for the run (`label = "just below 2/λ"`), if it has one.
  public let label: String?
  /// The canonical text: `gd`, `gd@lr=0.05`.
  public let name: String

  /// `kind` with `settings` (checked by `parse`, or by the caller) and an optional label.
  public init(
    _ kind: OptimizerKind, settings: Hyperparameters = Hyperparameters(), label: String? = nil
  ) {
    self.kind = kind
    self.settings = settings
    self.label = label
    var name = kind.rawValue
    for setting in kind.spec.settings {
      if let value = settings.word(setting.name) {
        name += "@\(setting.name)=\(value)"
      } else if let value = settings[setting.name] {
        name += "@\(setting.name)=\(Self.text(value))"
      }
    }
    self.name = name
  }

  /// A plain run: the optimizer at the settings in force, with none of its own.
  public var isPlain: Bool { settings.isEmpty && label == nil }

  public var description: String { name }

  /// The most runs one race may have: enough for every optimizer several times over, few
  /// enough that every frame can draw and label them all.
  public static let maximumRuns = 64

  /// How the legend and the status bar name the run: its label, else the optimizer and its
  /// own settings (`gd lr=0.05`).
  public var displayName: String {
    if let label { return label }
    return name.replacingAt()
  }

  /// Whether `word` names this run: its name, its label, or for a plain run its optimizer.
  public func isNamed(_ word: String) -> Bool {
    word == name || (label != nil && word == label)
  }

  public static func == (a: RunSpec, b: RunSpec) -> Bool {
    a.name == b.name && a.label == b.label
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
  }

  /// `1` rather than `1.0`, `0.05` as written; seeds and populations as integers.
  static func text(_ value: Double) -> String {
    value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int(value)) : "\(value)"
  }

  // MARK: - Parsing

  /// Why a run's text was refused: a mistake in the text (a usage error) or a value out of
  /// its range (bad data, as a flag's is).
  public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    /// True for a value outside its valid range (exit 65); false for malformed text (64).
    public var outOfRange: Bool
    /// True when the optimizer's name is not registered.
    public var unknownOptimizer = false
  }

  /// The run `text` names: `gd`, `gd@lr=0.05`, `momentum@lr=0.01@momentum=0.95`. Each
  /// setting is one the optimizer declares, given once, checked against its valid values as
  /// the flag `--SETTING` is.
  public static func parse(_ text: String) throws(ParseError) -> RunSpec {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
    let head = parts[0]
    guard let kind = OptimizerKind(rawValue: head) else {
      throw ParseError(
        description: "Unknown optimizer '\(head)' in '\(text)'. Choose from "
          + OptimizerRegistry.names + ".", outOfRange: false, unknownOptimizer: true)
    }
    var settings = Hyperparameters()
    for part in parts.dropFirst() {
      guard !part.isEmpty else {
        throw ParseError(
          description: "'\(text)': an empty setting after @; write \(head)@SETTING=VALUE, "
            + "\(head) has " + Self.settingNames(kind), outOfRange: false)
      }
      guard let equals = part.firstIndex(of: "=") else {
        throw ParseError(
          description: "'\(text)': \(part) needs a value: \(head)@\(part)=VALUE",
          outOfRange: false)
      }
      let name = String(part[..<equals])
      let value = String(part[part.index(after: equals)...])
      guard let setting = kind.spec.setting(name) else {
        throw ParseError(
          description: "'\(text)': \(head) has no setting '\(name)'; it has "
            + Self.settingNames(kind), outOfRange: false)
      }
      guard settings[name] == nil, settings.word(name) == nil else {
        throw ParseError(description: "'\(text)': \(name) is set twice", outOfRange: false)
      }
      if setting.isNumber {
        guard let number = Double(value) else {
          throw ParseError(
            description: "'\(text)': the value '\(value)' is invalid for \(name)",
            outOfRange: false)
        }
        if let problem = setting.problem(with: number) {
          throw ParseError(
            description: "\(text): \(name) \(problem), got \(Self.text(number))",
            outOfRange: true)
        }
        settings[name] = number
      } else {
        if let problem = setting.problem(with: value) {
          throw ParseError(
            description: "\(text): \(name) \(problem), got \(value)", outOfRange: true)
        }
        settings.setWord(name, to: value)
      }
    }
    return RunSpec(kind, settings: settings)
  }

  /// "lr, line-search", or "no settings".
  static func settingNames(_ kind: OptimizerKind) -> String {
    let names = kind.spec.settings.map(\.name)
    return names.isEmpty ? "no settings" : names.joined(separator: ", ")
  }

  /// `runs` in the registry's order of their optimizers (runs of one optimizer in the order
  /// given), each name once: what `--optimizer gd adam gd@lr=0.1` races.
  public static func ordered(_ runs: [RunSpec]) -> [RunSpec] {
    var seen = Set<String>()
    let unique = runs.filter { seen.insert($0.name).inserted }
    return unique.enumerated().sorted {
      ($0.element.kind.index, $0.offset) < ($1.element.kind.index, $1.offset)
    }.map(\.element)
  }
}

extension String {
  /// `gd@lr=0.05@momentum=0.9` as `gd lr=0.05 momentum=0.9`.
  fileprivate func replacingAt() -> String {
    String(map { $0 == "@" ? " " : $0 })
  }
}

extension RunSpec {
  /// How the legend, the heads and the command line number the run at `position` (from 0)
  /// of a race: 1 to 9 (its digit key), then A to Z, then `*`.
  public static func number(at position: Int) -> Character {
    numbers.indices.contains(position) ? numbers[position] : "*"
  }
  private static let numbers = Array("123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
}

extension Array where Element == RunSpec {
  /// Which of these runs `word` names: a run's name or label, else the only run of that
  /// optimizer, or with several, the first. Nil when none does.
  public func index(named word: String) -> Int? {
    if let exact = firstIndex(where: { $0.isNamed(word) }) { return exact }
    return firstIndex { $0.kind.rawValue == word }
  }

  /// Which of these runs, a race in its order, `word` addresses as `--inspect` takes it: a
  /// run's name or label, its number in the race as the legend shows it (`2`, `B`), or an
  /// optimizer (its first run). Nil when none does.
  public func index(addressing word: String) -> Int? {
    if let exact = firstIndex(where: { $0.isNamed(word) }) { return exact }
    if word.count == 1,
      let numbered = indices.first(where: {
        String(RunSpec.number(at: $0)).lowercased() == word.lowercased()
      })
    {
      return numbered
    }
    return firstIndex { $0.kind.rawValue == word }
  }

  /// The ways to address each of these runs, for a message: its number, its name and its
  /// label (`1 gd@lr=0.05, 2 gd@lr=0.11 "past 2/λ"`).
  public var addresses: String {
    indices.map { index in
      var text = "\(RunSpec.number(at: index)) \(self[index].name)"
      if let label = self[index].label { text += " \"\(label)\"" }
      return text
    }.joined(separator: ", ")
  }
}
