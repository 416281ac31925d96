/// Numbers in prose that come from the scene rather than from the writer: a caption or a
/// description may say `{weights}` and show the scene's count, so the text cannot drift
/// from what the screen shows. `{{` and `}}` write braces.
///
///     {weights}          the parameters trained: a network's weights, or 2
///     {rows}             the data set's rows (samples)
///     {passes.fd}        forward passes per gradient by central differences: 2 × weights
///     {evals.NAME}       evaluations of f per update of optimizer NAME
///     {grads.NAME}       evaluations of ∇f per update of optimizer NAME
///     {SETTING.NAME}     a setting of optimizer NAME, e.g. {lr.gd}, {population.ga}
public enum Placeholders {
  /// A placeholder that cannot be filled: its offset in the text (in characters, from 0) and
  /// why.
  public struct Problem: Error, Sendable {
    public var offset: Int
    public var length: Int
    public var message: String
  }

  /// `text` with every placeholder filled in `context`, or the first problem.
  public static func fill(_ text: String, in context: ClaimChecker.Context?)
    -> Result<String, Problem>
  {
    var memo = Memo()
    return fill(text, in: context, memo: &memo)
  }

  /// Evaluations per update already measured, so that a file with many placeholders runs
  /// each optimizer once per setting rather than once per placeholder.
  public struct Memo: Sendable {
    var counts: [String: EvaluationCount] = [:]
    public init() {}
  }

  /// `text` with every placeholder filled in `context`, measuring through `memo`.
  public static func fill(
    _ text: String, in context: ClaimChecker.Context?, memo: inout Memo
  ) -> Result<String, Problem> {
    guard text.contains("{") || text.contains("}") else { return .success(text) }
    var output = ""
    let characters = Array(text)
    var i = 0
    while i < characters.count {
      let c = characters[i]
      if (c == "{" || c == "}") && i + 1 < characters.count && characters[i + 1] == c {
        output.append(c)
        i += 2
        continue
      }
      if c == "}" {
        return .failure(Problem(offset: i, length: 1, message: "a `}` with no `{`: write }}"))
      }
      guard c == "{" else {
        output.append(c)
        i += 1
        continue
      }
      guard let close = characters[i...].firstIndex(of: "}") else {
        return .failure(
          Problem(offset: i, length: 1, message: "a `{` with no `}`: write {{ for a brace"))
      }
      let name = String(characters[(i + 1)..<close])
      guard let context else {
        return .failure(
          Problem(
            offset: i, length: close - i + 1,
            message: "`{\(name)}` needs a scene: name one in this step or an earlier one"))
      }
      switch value(name, context, &memo) {
      case .success(let text): output += text
      case .failure(let message):
        return .failure(Problem(offset: i, length: close - i + 1, message: message.text))
      }
      i = close + 1
    }
    return .success(output)
  }

  private struct Message: Error { var text: String }

  private static func value(_ name: String, _ context: ClaimChecker.Context, _ memo: inout Memo)
    -> Result<String, Message>
  {
    let scene = context.scene
    let weights = scene.network?.mlp.parameterCount ?? 2
    switch name {
    case "weights": return .success(grouped(weights))
    case "passes.fd": return .success(grouped(2 * weights))
    case "rows":
      guard let rows = scene.network?.data.count ?? scene.dataset?.rowCount else {
        return .failure(Message(text: "`{rows}`: scene `\(scene.name)` has no data"))
      }
      return .success(grouped(rows))
    default: break
    }
    let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let known =
      "{weights}, {rows}, {passes.fd}, {evals.NAME}, {grads.NAME}, {SETTING.NAME}"
    guard parts.count == 2 else {
      return .failure(Message(text: "unknown placeholder `{\(name)}` (known: \(known))"))
    }
    guard let kind = OptimizerKind(rawValue: parts[1]) else {
      let names = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
      return .failure(
        Message(text: "`{\(name)}`: unknown optimizer `\(parts[1])` (known: \(names))"))
    }
    if parts[0] == "evals" || parts[0] == "grads" {
      // What one update costs depends on the scene, the gradient mode and the settings.
      let settings = (context.settings[kind] ?? Hyperparameters()).entries
        .map { "\($0.name)=\($0.value)" }.joined(separator: ",")
      let key =
        "\(scene.file)|\(scene.name)|\(kind.rawValue)|\(context.gradient.rawValue)|\(settings)"
      let each: EvaluationCount
      if let known = memo.counts[key] {
        each = known
      } else {
        var runs = ClaimChecker.Runs(context)
        guard let probe = try? runs.probe(RunSpec(kind), steps: 1), probe.steps == 1 else {
          return .failure(Message(text: "`{\(name)}`: \(kind) cannot take a step here"))
        }
        each = probe.evaluations[1] - probe.evaluations[0]
        memo.counts[key] = each
      }
      return .success(grouped(parts[0] == "evals" ? each.values : each.gradients))
    }
    let settings = kind.defaults.merging(scene.settings(for: kind)).merging(
      context.settings[kind] ?? Hyperparameters())
    guard let entry = settings.entries.first(where: { $0.name == parts[0] }) else {
      if let automatic = kind.spec.setting(parts[0])?.automatic {
        return .failure(
          Message(
            text:
              "`{\(name)}`: \(kind) works out its \(parts[0]) (\(automatic)) unless the scene sets it; set it to quote it"
          ))
      }
      return .failure(
        Message(
          text:
            "`{\(name)}`: \(kind) has no setting `\(parts[0])` (it has \(settings.names.joined(separator: ", ")))"
        ))
    }
    return .success(Claim.format(entry.value))
  }

  /// 1218 as "1,218".
  static func grouped(_ n: Int) -> String {
    guard n.magnitude >= 1000 else { return String(n) }
    var out = ""
    for (k, c) in String(n.magnitude).reversed().enumerated() {
      if k > 0 && k % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + String(out.reversed())
  }
}
