/// Optimizer settings by name (`lr`, `beta1`, `weight-decay`), each optional so that
/// defaults, scene values and command-line flags can be layered:
/// `defaults.merging(scene).merging(flags)`. Which names an optimizer reads, their defaults
/// and their valid values are in its `OptimizerSpec`.
///
/// `settings.lr` reads a number by name; `settings["weight-decay"]` reads and writes one.
/// Numbers keep the order they were first set in, which is the order output lists them.
@dynamicMemberLookup
public struct Hyperparameters: Sendable, Equatable, ExpressibleByDictionaryLiteral {
  private var numbers: [String: Double] = [:]
  private var words: [String: String] = [:]
  private var order: [String] = []
  /// The random seed, exact over all of `UInt64`.
  public var seed: UInt64? {
    didSet { if seed == nil { forget("seed") } else { remember("seed") } }
  }

  public init() {}

  /// `["lr": 0.1, "seed": 3]`.
  public init(dictionaryLiteral elements: (String, Double)...) {
    for (name, value) in elements { self[name] = value }
  }

  /// The number `name` is set to; `seed` as a double.
  public subscript(name: String) -> Double? {
    get { name == "seed" ? seed.map { Double($0) } : numbers[name] }
    set {
      if name == "seed" {
        seed = newValue.map { $0 >= 0 && $0 < 0x1p64 ? UInt64($0) : 0 }
        return
      }
      numbers[name] = newValue
      if newValue == nil { forget(name) } else { remember(name) }
    }
  }

  /// `settings.lr`.
  public subscript(dynamicMember name: String) -> Double? {
    get { self[name] }
    set { self[name] = newValue }
  }

  /// An integer setting (`population`), when it is set to a whole number.
  public func integer(_ name: String) -> Int? {
    guard let value = self[name], value == value.rounded(), Swift.abs(value) < 0x1p62 else {
      return nil
    }
    return Int(value)
  }

  /// A setting whose value is a word (`line-search`: `armijo`).
  public func word(_ name: String) -> String? { words[name] }

  public mutating func setWord(_ name: String, to value: String?) {
    words[name] = value
    if value == nil { forget(name) } else { remember(name) }
  }

  /// These values, with every value `other` sets taking precedence.
  public func merging(_ other: Hyperparameters) -> Hyperparameters {
    var result = self
    for name in other.order {
      if let word = other.words[name] {
        result.setWord(name, to: word)
      } else if name == "seed" {
        result.seed = other.seed
      } else {
        result[name] = other.numbers[name]
      }
    }
    return result
  }

  /// The names of the settings that are set, in the order they were first set.
  public var names: [String] { order }

  /// The numeric settings that are set, as (name, value), in order. Integers are exact as
  /// doubles up to 2⁵³.
  public var entries: [(name: String, value: Double)] {
    order.compactMap { name in self[name].map { (name, $0) } }
  }

  /// The settings that are words, as (name, value), in order.
  public var wordEntries: [(name: String, value: String)] {
    order.compactMap { name in words[name].map { (name, $0) } }
  }

  public var isEmpty: Bool { order.isEmpty }

  public static func == (a: Hyperparameters, b: Hyperparameters) -> Bool {
    a.numbers == b.numbers && a.words == b.words && a.seed == b.seed
  }

  private mutating func remember(_ name: String) {
    if !order.contains(name) { order.append(name) }
  }

  private mutating func forget(_ name: String) {
    if numbers[name] == nil, words[name] == nil, name != "seed" || seed == nil {
      order.removeAll { $0 == name }
    }
  }
}

/// One setting an optimizer reads: its name (the flag `--NAME` and the scene key), its
/// default, the values it may take, and a line of help.
public struct SettingSpec: Sendable {
  public enum Kind: Sendable {
    case real(default: Double, valid: ValidRange)
    /// A whole number; with no default, the optimizer works out its value when the setting
    /// is left out (`automatic` says how).
    case integer(default: Int?, valid: ClosedRange<Int>)
    /// A random seed: any integer from 0.
    case seed
    /// One of a few words.
    case choice(default: String, options: [String])
  }
  public var name: String
  public var kind: Kind
  public var help: String
  /// For a setting with no default: what the optimizer takes when it is left out, in
  /// words for help, the README and messages ("4 + ⌊3 ln n⌋").
  public var automatic: String? = nil

  public static func real(_ name: String, _ value: Double, _ valid: ValidRange, _ help: String)
    -> SettingSpec
  {
    SettingSpec(name: name, kind: .real(default: value, valid: valid), help: help)
  }

  public static func integer(
    _ name: String, _ value: Int, _ valid: ClosedRange<Int>, _ help: String
  ) -> SettingSpec {
    SettingSpec(name: name, kind: .integer(default: value, valid: valid), help: help)
  }

  /// An integer setting with no default: left out, the optimizer works out its value, as
  /// `automatic` says. Every value given must still be in `valid`.
  public static func integer(
    _ name: String, automatic: String, _ valid: ClosedRange<Int>, _ help: String
  ) -> SettingSpec {
    SettingSpec(
      name: name, kind: .integer(default: nil, valid: valid), help: help, automatic: automatic)
  }

  public static func seed(_ help: String = "Random seed.") -> SettingSpec {
    SettingSpec(name: "seed", kind: .seed, help: help)
  }

  public static func choice(
    _ name: String, _ value: String, _ options: [String], _ help: String
  ) -> SettingSpec {
    SettingSpec(name: name, kind: .choice(default: value, options: options), help: help)
  }

  /// Whether the setting is a number (real, integer or seed) rather than a word.
  public var isNumber: Bool {
    if case .choice = kind { return false }
    return true
  }

  /// Whether a value is whole: an integer or a seed.
  public var isInteger: Bool {
    switch kind {
    case .integer, .seed: true
    default: false
    }
  }

  /// The default, as a number (nil for a choice).
  public var defaultNumber: Double? {
    switch kind {
    case .real(let value, _): value
    case .integer(let value, _): value.map(Double.init)
    case .seed: 0
    case .choice: nil
    }
  }

  /// Why `value` is not valid for this setting, in words ("must be greater than 0"), or nil
  /// when it is.
  public func problem(with value: Double) -> String? {
    switch kind {
    case .real(_, let valid):
      return value.isFinite && valid.contains(value) ? nil : "must be \(valid.words)"
    case .integer(_, let valid):
      guard value == value.rounded(), value.isFinite else { return "must be a whole number" }
      guard Double(valid.lowerBound) <= value && value <= Double(valid.upperBound) else {
        return "must be between \(valid.lowerBound) and \(valid.upperBound)"
          + (automatic.map { " (leave it out for \($0))" } ?? "")
      }
      return nil
    case .seed:
      return value == value.rounded() && value >= 0 && value < 0x1p64 ? nil : "must be 0 or more"
    case .choice:
      return nil
    }
  }

  /// Why `word` is not valid for this setting, or nil when it is.
  public func problem(with word: String) -> String? {
    guard case .choice(_, let options) = kind else { return "must be a number" }
    return options.contains(word) ? nil : "must be one of \(options.joined(separator: ", "))"
  }

  /// The valid values in a few words, for help and the README: "> 0", "[0, 1)", "none |
  /// strong-wolfe".
  public var validWords: String {
    switch kind {
    case .real(_, let valid): valid.symbol
    case .integer(_, let valid):
      valid.upperBound == Int.max
        ? "≥ \(valid.lowerBound)" : "\(valid.lowerBound)…\(valid.upperBound)"
    case .seed: "≥ 0"
    case .choice(_, let options): options.joined(separator: " | ")
    }
  }
}

/// An interval of valid real values, each end open or closed.
public struct ValidRange: Sendable, Equatable {
  public var lower: Double
  public var lowerClosed: Bool
  public var upper: Double
  public var upperClosed: Bool

  public init(lower: Double, lowerClosed: Bool, upper: Double, upperClosed: Bool) {
    self.lower = lower
    self.lowerClosed = lowerClosed
    self.upper = upper
    self.upperClosed = upperClosed
  }

  /// (0, ∞).
  public static let positive = ValidRange(
    lower: 0, lowerClosed: false, upper: .infinity, upperClosed: false)
  /// [0, ∞).
  public static let nonNegative = ValidRange(
    lower: 0, lowerClosed: true, upper: .infinity, upperClosed: false)
  /// [0, 1): a decay rate.
  public static let unitOpen = ValidRange(lower: 0, lowerClosed: true, upper: 1, upperClosed: false)
  /// (0, 1]: a cooling factor.
  public static let unitLeftOpen = ValidRange(
    lower: 0, lowerClosed: false, upper: 1, upperClosed: true)
  /// [0, 1]: a probability.
  public static let unit = ValidRange(lower: 0, lowerClosed: true, upper: 1, upperClosed: true)
  /// (0, 1): strictly between.
  public static let unitInterior = ValidRange(
    lower: 0, lowerClosed: false, upper: 1, upperClosed: false)
  /// (1, ∞).
  public static let aboveOne = ValidRange(
    lower: 1, lowerClosed: false, upper: .infinity, upperClosed: false)

  public func contains(_ x: Double) -> Bool {
    (lowerClosed ? x >= lower : x > lower) && (upperClosed ? x <= upper : x < upper)
  }

  /// In words: "greater than 0", "0 or more", "in [0, 1)".
  public var words: String {
    if upper == .infinity {
      let bound = Self.number(lower)
      return lowerClosed ? "\(bound) or more" : "greater than \(bound)"
    }
    return "in " + symbol
  }

  /// As an interval: "(0, ∞)", "[0, 1)"; "> 0" and "≥ 0" for half-lines.
  public var symbol: String {
    if upper == .infinity { return (lowerClosed ? "≥ " : "> ") + Self.number(lower) }
    return (lowerClosed ? "[" : "(") + Self.number(lower) + ", " + Self.number(upper)
      + (upperClosed ? "]" : ")")
  }

  public static func number(_ x: Double) -> String {
    x == x.rounded() && Swift.abs(x) < 1e15 ? String(Int(x)) : "\(x)"
  }
}

/// A setting outside its valid range, or given to an optimizer that has no use for it.
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
