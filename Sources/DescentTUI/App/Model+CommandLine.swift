import DescentCore
import DescentRender

/// The command line (`:`, as in vim): exact values for any setting of a shown run, the
/// start and the speed, with completion from the optimizer registry and a history.
public struct CommandPrompt: Sendable, Equatable {
  /// What has been typed after the `:`.
  public var text = ""
  /// Where ↑ and ↓ are in the history: an index into it, or nil for the line being typed.
  var historyIndex: Int?
  /// The line being typed, kept while ↑ and ↓ show older ones.
  var draft = ""
  /// What Tab could complete to, when it was ambiguous.
  public var choices: [String] = []
}

/// Why a command line cannot address a run.
struct CommandProblem: Error {
  var text: String
  init(_ text: String) { self.text = text }
}

extension Model {
  /// The commands, for the message after a mistake.
  static let commandUsage = "NAME.SETTING VALUE (gd.lr 0.09), start X Y, steps/s N, w"

  /// Every first word a command can start with, for completion: NAME.SETTING for each
  /// setting of each shown run (from the registry), then start, steps/s and w. A run is
  /// NAME by its optimizer's name when it is the only run of it shown, else by its label
  /// (`2.lr`: the number its head and legend entry carry); a run a scene labels is also
  /// NAME by that label, in quotes when it is more than one word (`"past 2/λ".lr`).
  var commandWords: [String] {
    var words: [String] = []
    for index in runSpecs.indices {
      let name = commandName(of: index)
      for setting in runSpecs[index].kind.spec.settings {
        words.append("\(name).\(setting.name)")
      }
    }
    for index in runSpecs.indices {
      guard let label = Self.commandName(label: runSpecs[index].label) else { continue }
      for setting in runSpecs[index].kind.spec.settings {
        words.append("\(label).\(setting.name)")
      }
    }
    return words + ["start", "steps/s", "w"]
  }

  /// How the command line writes a run's label: as it is when it is one word, in quotes
  /// when it holds a space, a comma or a dot (`"past 2/λ"`); nil for none, or one that
  /// holds a quote (its number names it).
  static func commandName(label: String?) -> String? {
    guard let label, !label.isEmpty, !label.contains("\"") else { return nil }
    return label.contains(where: { $0 == " " || $0 == "," || $0 == "." }) ? "\"\(label)\"" : label
  }

  /// Where the first word of `text` ends: at its first space or comma, outside a quoted
  /// label at its start (`"past 2/λ".lr 0.12`). Nil while it has not ended.
  static func firstWordEnd(_ text: String) -> String.Index? {
    var from = text.startIndex
    if text.first == "\"" {
      guard let close = text.dropFirst().firstIndex(of: "\"") else { return nil }
      from = close
    }
    return text[from...].firstIndex { $0 == " " || $0 == "," }
  }

  /// How the command line names run `index`: its optimizer, or with several runs of that
  /// optimizer shown, its label.
  func commandName(of index: Int) -> String {
    let spec = runSpecs[index]
    if runSpecs.filter({ $0.kind == spec.kind }).count == 1 { return spec.kind.rawValue }
    return runLabel(index).map(String.init) ?? spec.name
  }

  /// The shown run that `name` addresses: a label (`2`, `B`), a run's name (`gd@lr=0.05`)
  /// or scene label, or an optimizer with one run shown. Otherwise why not, for the message.
  func addressedRun(_ name: String) -> Result<Int, CommandProblem> {
    if name.count == 1,
      let index = runSpecs.indices.first(where: {
        runLabel($0).map { String($0).lowercased() } == name.lowercased()
      })
    {
      return .success(index)
    }
    if let index = runSpecs.firstIndex(where: { $0.isNamed(name) }) { return .success(index) }
    guard let kind = OptimizerKind(rawValue: name) else {
      if name.count == 1 {
        return .failure(CommandProblem("no run is labelled \(name); the legend shows the labels"))
      }
      return .failure(CommandProblem("no optimizer '\(name)'; " + OptimizerRegistry.names))
    }
    let shown = runSpecs.indices.filter { runSpecs[$0].kind == kind }
    if shown.isEmpty { return .failure(CommandProblem("\(name) is not shown; o picks the race")) }
    if shown.count > 1 {
      let labels = shown.compactMap { runLabel($0) }.map(String.init).joined(separator: ", ")
      return .failure(
        CommandProblem(
          "\(shown.count) \(name) runs are shown: name one by its label (\(labels)), e.g. :\(labels.prefix(1)).lr"
        ))
    }
    return .success(shown[0])
  }

  /// A key while the command line is open: characters type, Backspace deletes, Tab
  /// completes, ↑↓ walk the history, Enter runs the line, Esc cancels.
  mutating func edit(_ key: Key) -> Effect {
    guard var line = commandLine else { return .none }
    line.choices = []
    switch key {
    case .character(let c):
      line.text.append(c)
      line.historyIndex = nil
    case .backspace:
      if line.text.isEmpty {
        commandLine = nil
        message = ""
        return .none
      }
      line.text.removeLast()
      line.historyIndex = nil
    case .escape:
      commandLine = nil
      message = "cancelled"
      return .none
    case .tab:
      complete(&line)
    case .up:
      guard !commandHistory.isEmpty else { break }
      if line.historyIndex == nil { line.draft = line.text }
      let index = max(0, (line.historyIndex ?? commandHistory.count) - 1)
      line.historyIndex = index
      line.text = commandHistory[index]
    case .down:
      guard let index = line.historyIndex else { break }
      if index + 1 < commandHistory.count {
        line.historyIndex = index + 1
        line.text = commandHistory[index + 1]
      } else {
        line.historyIndex = nil
        line.text = line.draft
      }
    case .enter:
      commandLine = nil
      let text = line.text.trimmingBlanks()
      guard !text.isEmpty else {
        message = ""
        return .none
      }
      if commandHistory.last != text { commandHistory.append(text) }
      if commandHistory.count > Self.commandHistoryLimit { commandHistory.removeFirst() }
      return run(command: text)
    default:
      break
    }
    commandLine = line
    return .none
  }

  /// How many lines the history keeps.
  static let commandHistoryLimit = 100

  /// Tab: completes the first word to the longest prefix every match shares (a whole word
  /// gets a space after it); when several remain, they are shown.
  func complete(_ line: inout CommandPrompt) {
    guard Self.firstWordEnd(line.text) == nil else { return }
    let matches = commandWords.filter { $0.hasPrefix(line.text) }
    guard let first = matches.first else { return }
    if matches.count == 1 {
      line.text = first + " "
      return
    }
    var prefix = first
    for match in matches.dropFirst() {
      while !match.hasPrefix(prefix) { prefix.removeLast() }
    }
    line.text = prefix
    line.choices = matches
  }

  /// Runs one command line. A mistake changes nothing and says why on the message line.
  mutating func run(command text: String) -> Effect {
    if text.first == "\"" {
      setQuoted(text)
      return .none
    }
    let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    let head = words[0]
    let arguments = Array(words.dropFirst())
    switch head {
    case "w":
      guard arguments.isEmpty else {
        message = "w takes nothing: it saves as descent-saved-N.toml"
        return .none
      }
      return save()
    case "start":
      guard arguments.count == 2, let x = Double(arguments[0]), let y = Double(arguments[1]),
        x.isFinite, y.isFinite
      else {
        message = "start takes two numbers: start 1 -0.5"
        return .none
      }
      let viewport = currentViewport
      guard viewport.xRange.contains(x), viewport.yRange.contains(y) else {
        message =
          "start \(Renderer.format(x)) \(Renderer.format(y)) is outside the view; zoom out (Z) first"
        return .none
      }
      cursor = SIMD2(x, y)
      restart(from: cursor, reason: "restarted at " + Self.describe(cursor))
    case "steps/s", "speed":
      guard arguments.count == 1, let speed = Double(arguments[0]), (1...1000).contains(speed)
      else {
        message = "\(head) takes a number from 1 to 1000"
        return .none
      }
      stepsPerSecond = speed
      message = Self.describeSpeed(speed)
    default:
      // The last dot: a run's name may hold one (`gd@lr=0.05.lr`); a setting's never does.
      guard let dot = head.lastIndex(of: ".") else {
        message = "unknown command '\(head)': " + Self.commandUsage
        return .none
      }
      set(
        String(head[..<dot]), String(head[head.index(after: dot)...]), to: arguments)
    }
    return .none
  }

  /// `:"LABEL".SETTING VALUE`: a setting of the run a label of several words names (or a
  /// name, in quotes all the same).
  mutating func setQuoted(_ text: String) {
    let body = text.dropFirst()
    guard let close = body.firstIndex(of: "\"") else {
      message = "a quoted label ends with a quote: \"past 2/λ\".lr 0.12"
      return
    }
    let label = String(body[..<close])
    let rest = body[body.index(after: close)...]
    let words = rest.dropFirst().split(whereSeparator: { $0 == " " || $0 == "," }).map(
      String.init)
    guard rest.first == ".", let setting = words.first, rest.dropFirst().first != " " else {
      message = "a quoted label is followed by .SETTING VALUE: \"\(label)\".lr 0.12"
      return
    }
    guard runSpecs.contains(where: { $0.isNamed(label) }) else {
      let labels = runSpecs.compactMap { Self.commandName(label: $0.label) }
      message =
        "no run shown is labelled \"\(label)\""
        + (labels.isEmpty ? "; the legend shows the runs" : ": " + labels.joined(separator: ", "))
      return
    }
    set(label, setting, to: Array(words.dropFirst()))
  }

  /// `:NAME.SETTING VALUE`: the setting of the shown run `name`, checked against its
  /// `SettingSpec` (and the optimizer's own checks), then the run goes on with it, as after
  /// `+`; a step size set so replaces what `+` and `-` did to it.
  mutating func set(_ name: String, _ settingName: String, to arguments: [String]) {
    let index: Int
    switch addressedRun(name) {
    case .success(let found): index = found
    case .failure(let problem):
      message = problem.text
      return
    }
    let spec = runSpecs[index]
    let kind = spec.kind
    guard let setting = kind.spec.setting(settingName) else {
      message =
        "\(name) has no setting '\(settingName)'; it reads "
        + kind.spec.settings.map(\.name).joined(separator: ", ")
      return
    }
    guard arguments.count == 1 else {
      message = "\(name).\(settingName) takes one value: \(setting.validWords)"
      return
    }
    var settings = commandSettings[spec] ?? Hyperparameters()
    let text = arguments[0]
    if setting.isNumber {
      guard let value = Double(text) else {
        message = "\(name).\(settingName) takes a number, not '\(text)'"
        return
      }
      if let problem = setting.problem(with: value) {
        message = "\(name).\(settingName) \(problem); unchanged"
        return
      }
      settings[settingName] = value
    } else {
      if let problem = setting.problem(with: text) {
        message = "\(name).\(settingName) \(problem); unchanged"
        return
      }
      settings.setWord(settingName, to: text)
    }
    var next = self
    next.commandSettings[spec] = settings
    if settingName == kind.stepSetting { next.stepScale[spec] = nil }
    do {
      _ = try scene.optimizer(kind, overrides: next.settings(for: spec))
    } catch {
      message = "\(error); unchanged"
      return
    }
    commandSettings = next.commandSettings
    stepScale = next.stepScale
    stepJob = nil
    guard let optimizer = makeOptimizer(spec) else { return }
    runs[index].continueWith(optimizer)
    let shown =
      name == kind.rawValue || spec.isPlain || name == spec.displayName
      ? name : "\(name) (\(spec.displayName))"
    message = "\(shown) \(settingName) \(text) (r restarts with it)"
  }

  /// The frame's command line: what has been typed, a cursor, and Tab's choices.
  var commandLineText: String? {
    guard let line = commandLine else { return nil }
    let cursor = unicode ? "█" : "_"
    let choices = line.choices.isEmpty ? "" : "   " + line.choices.joined(separator: "  ")
    return ":" + line.text + cursor + choices
  }
}
