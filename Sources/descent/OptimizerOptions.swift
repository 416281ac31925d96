import ArgumentParser
import DescentCore

/// Which optimizers to run, and the settings that override the scene's.
///
/// The settings' flags come from the optimizer registry: every setting an optimizer declares
/// is a flag `--NAME VALUE` (or `--NAME=VALUE`), checked against the setting's valid values.
/// swift-argument-parser cannot declare flags at run time, so they are collected as
/// unrecognised arguments and read here; `settingsHelp` lists them for `--help` and the man
/// page.
struct OptimizerOptions: ParsableArguments {
  @Option(
    name: .customLong("optimizer"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Optimizers to run (see OPTIMIZERS below), or one at settings of its own: gd@lr=0.05; all: the scene's race; every: all of them.",
      valueName: "name"),
    completion: Completions.optimizer)
  var names: [String] = []

  /// The settings' flags, declared for the completion scripts (`SettingFlags`).
  @OptionGroup var settingFlags: SettingFlags

  @Option(
    help: ArgumentHelp(
      "Learning-rate schedule of every optimizer with an lr: step, exponential, cosine or constant (default: the scene's).",
      valueName: "kind"))
  var schedule: String?
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("step: multiply lr by gamma every N updates.", valueName: "N"))
  var every: Int?
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("step, exponential: the factor (step: default 0.1).", valueName: "factor"))
  var gamma: Double?
  @Option(
    name: .customLong("t-max"), parsing: .unconditional,
    help: ArgumentHelp("cosine: updates from lr down to lr-min.", valueName: "T"))
  var tMax: Int?
  @Option(
    name: .customLong("lr-min"), parsing: .unconditional,
    help: ArgumentHelp("cosine: the lowest rate (default 0).", valueName: "rate"))
  var lrMin: Double?

  /// The schedule the flags give, or nil without `--schedule`. A schedule's setting without
  /// `--schedule` is refused, as is one the schedule does not read.
  var scheduleOverride: Schedule? {
    get throws {
      guard let kind = schedule else {
        let given = [
          ("every", every != nil), ("gamma", gamma != nil), ("t-max", tMax != nil),
          ("lr-min", lrMin != nil),
        ].filter(\.1).map(\.0)
        if let first = given.first {
          throw ValidationError("--\(first) is a setting of a schedule: give --schedule too.")
        }
        return nil
      }
      do {
        return try Schedule.make(kind: kind, every: every, gamma: gamma, tMax: tMax, lrMin: lrMin)
      } catch {
        // A value out of range fails the command (exit 65), as a setting's does; a schedule
        // misspelt, or missing or given a setting, is a usage error.
        guard let setting = error.setting, setting != "kind", !error.misplaced else {
          throw ValidationError("--schedule \(kind): \(error.message).")
        }
        throw Failure.data("--\(error.message)")
      }
    }
  }

  /// `scene` with the flags' schedule, if they give one.
  func scene(_ scene: Scene) throws -> Scene {
    var scene = scene
    if let schedule = try scheduleOverride { scene.schedule = schedule }
    return scene
  }

  /// The settings' flags and their values, taken out of the command line by `extract`
  /// before swift-argument-parser sees it: it cannot declare flags at run time, and it would
  /// read the value of an undeclared flag as the SCENE argument. Set once, before parsing.
  nonisolated(unsafe) static var extracted: [(name: String, value: String?)] = []

  /// The commands that take optimizer settings; with none named, the default (`open`).
  static let commandsTakingSettings: Set<String> = ["open", "run", "render", "compare"]

  /// `arguments` without the optimizer settings' flags (`--lr 0.1`, `--lr=-1`), which are
  /// kept in `extracted`, when the command takes them; otherwise `arguments` unchanged, so
  /// that the parser reports such a flag as unknown. A value may start with a minus sign:
  /// `--lr -1` is then refused with its range. After `--`, nothing is taken.
  static func extract(from arguments: [String], subcommands: Set<String>) -> [String] {
    let command = arguments.first { !$0.hasPrefix("-") }
    if let command, subcommands.contains(command), !commandsTakingSettings.contains(command) {
      return arguments
    }
    var result: [String] = []
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      if argument == "--" {
        result.append(argument)
        result += rest
        break
      }
      guard argument.hasPrefix("--") else {
        result.append(argument)
        continue
      }
      let body = argument.dropFirst(2)
      let name = String(body.prefix { $0 != "=" })
      guard OptimizerRegistry.setting(named: name) != nil else {
        result.append(argument)
        continue
      }
      if let equals = body.firstIndex(of: "=") {
        extracted.append((name, String(body[body.index(after: equals)...])))
      } else if let value = rest.popFirst() {
        extracted.append((name, value))
      } else {
        extracted.append((name, nil))
      }
    }
    return result
  }

  /// The runs named, in the registry's order of their optimizers (runs of one optimizer in
  /// the order given), each name once; empty for all of them (what "all" means depends on
  /// the scene: `Scene.raceRuns`). A word is an optimizer (`gd`) or an instance of one at
  /// settings of its own (`gd@lr=0.05`, `momentum@lr=0.01@momentum=0.95`).
  var runs: [RunSpec] {
    get throws {
      let words = names.flatMap { $0.split(separator: ",").map(String.init) }
      let instances = words.filter { $0.contains("@") }
      if names.isEmpty || words.contains("all") || words.contains("every") {
        if let first = instances.first {
          throw ValidationError(
            "--optimizer \(words.contains("all") ? "all" : "every") races each optimizer once; "
              + "name the runs instead of mixing it with '\(first)'.")
        }
        if words.contains("every") && !words.contains("all") {
          return OptimizerKind.allCases.map { RunSpec($0) }
        }
        return []
      }
      // `--optimizer ''` or `--optimizer ,` names nothing: refused, rather than read as all.
      if words.isEmpty || words.contains(where: { $0.trimmingBlanks().isEmpty }) {
        throw ValidationError("--optimizer needs a name: \(OptimizerRegistry.names), all or every.")
      }
      var chosen: [RunSpec] = []
      for word in words {
        do {
          chosen.append(try RunSpec.parse(word))
        } catch {
          if error.unknownOptimizer && !word.contains("@") {
            throw ValidationError(
              "Unknown optimizer '\(word)'. Choose from \(OptimizerRegistry.names), all or every.")
          }
          if error.outOfRange { throw Failure.data(error.description) }
          throw ValidationError(error.description + ".")
        }
      }
      let ordered = RunSpec.ordered(chosen)
      if ordered.count > RunSpec.maximumRuns {
        throw ValidationError(
          "--optimizer names \(ordered.count) runs; a race has at most \(RunSpec.maximumRuns).")
      }
      return ordered
    }
  }

  func validate() throws {
    // A value of the wrong type is a usage error here; one out of range fails the command
    // (exit 65) when it runs.
    do { _ = try runs } catch is Failure {}
    do { _ = try settings() } catch is Failure {}
    do { _ = try scheduleOverride } catch is Failure {}
  }

  /// The settings the flags give, each checked against its valid values on its own
  /// (whichever optimizer reads it): `--lr -1` is refused even when no chosen optimizer
  /// reads lr.
  private func settings() throws -> Hyperparameters {
    var result = Hyperparameters()
    for (name, value) in Self.extracted {
      guard let setting = OptimizerRegistry.setting(named: name) else { continue }
      guard let text = value else {
        throw ValidationError("Missing value for '--\(name) <\(name)>'.")
      }
      if setting.isNumber {
        guard let number = Double(text) else {
          throw ValidationError("The value '\(text)' is invalid for '--\(name) <\(name)>'.")
        }
        if let problem = setting.problem(with: number) {
          throw Failure.data("--\(name) \(problem), got \(Self.describe(number))")
        }
        result[name] = number
      } else {
        if let problem = setting.problem(with: text) {
          throw Failure.data("--\(name) \(problem), got \(text)")
        }
        result.setWord(name, to: text)
      }
    }
    return result
  }

  /// The settings the flags give; see `settings()`.
  var overrides: Hyperparameters {
    get throws { try settings() }
  }

  /// `-1` rather than `-1.0`; other values as Swift prints them.
  static func describe(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
  }

  /// Each chosen run with its optimizer: the scene's settings, then the flags, then the
  /// run's own settings laid over its defaults.
  func optimizers(for scene: Scene) throws -> [(run: RunSpec, optimizer: any Optimizer)] {
    let scene = try self.scene(scene)
    let chosen = try runs
    let settings = try overrides
    return try (chosen.isEmpty ? scene.raceRuns : scene.resolving(chosen)).map { run in
      do {
        return (run, try scene.optimizer(run, overrides: settings))
      } catch let error as HyperparameterError {
        throw Failure.data(run.isPlain ? error.description : "\(run.name): \(error.description)")
      }
    }
  }

  /// The optimizers and their settings, from the registry, for a command's `--help` and the
  /// man page, wrapped to 79 columns.
  static var settingsHelp: String {
    var lines = ["OPTIMIZERS (--optimizer NAME ..., all for the scene's race, every for all):"]
    for family in OptimizerSpec.Family.allCases {
      let specs = OptimizerRegistry.all.filter { $0.family == family }
      guard !specs.isEmpty else { continue }
      lines.append("  \(family.title):")
      for spec in specs {
        lines += wrap(spec.summary, first: "    " + pad(spec.kind.rawValue, 13), indent: 17)
      }
    }
    lines += [
      "", "SETTINGS (over the scene's, for every optimizer that reads them):",
    ]
    for (setting, readers) in OptimizerRegistry.settings {
      let flag = pad("  --\(setting.name) <\(setting.isNumber ? "n" : "word")>", 24)
      let names = readers.map(\.rawValue).joined(separator: ", ")
      let meanings = Self.meanings(of: setting.name, readers: readers)
      guard meanings.count > 1 else {
        lines += wrap("\(meanings[0].text) Read by \(names).", first: flag, indent: 24)
        continue
      }
      // A flag that optimizers read each in its own way says what it is to each of them.
      lines += wrap("Read by \(names):", first: flag, indent: 24)
      for (text, readers) in meanings {
        lines += wrap(
          readers.map(\.rawValue).joined(separator: ", ") + ": " + text,
          first: String(repeating: " ", count: 24), indent: 26)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// What the setting `name` is to each optimizer that reads it (its help and valid values),
  /// those that read it alike together, in registry order.
  static func meanings(of name: String, readers: [OptimizerKind])
    -> [(text: String, readers: [OptimizerKind])]
  {
    var meanings: [(text: String, readers: [OptimizerKind])] = []
    for kind in readers {
      guard let setting = kind.spec.setting(name) else { continue }
      let text = "\(setting.help) \(setting.validWords)."
      if let index = meanings.firstIndex(where: { $0.text == text }) {
        meanings[index].readers.append(kind)
      } else {
        meanings.append((text, [kind]))
      }
    }
    return meanings
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }

  /// `text` after `first`, wrapped at word boundaries to 79 columns, later lines indented.
  private static func wrap(_ text: String, first: String, indent: Int) -> [String] {
    var lines: [String] = []
    var line = first
    var empty = true
    for word in text.split(separator: " ") {
      if !empty && line.count + 1 + word.count > 79 {
        lines.append(line)
        line = String(repeating: " ", count: indent)
        empty = true
      }
      line += (empty ? "" : " ") + word
      empty = false
    }
    lines.append(line)
    return lines
  }
}
