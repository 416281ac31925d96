import TOMLKit

/// Reads `[[claim]]` and `[[step.claim]]` tables (see `Claim` for the format).
extension TOMLReader {
  static let claimKeys =
    Claim.Kind.allCases.map(\.rawValue) + [
      "loss", "distance", "to", "by", "ratio", "steps", "from", "epsilon", "seeds", "least",
      "most", "values", "gradients", "optimizers", "gradient",
    ]

  /// The claims in `parent[key]`, an array of tables at `path + [key]`, about `scene` (nil
  /// when no scene is known there, which is an error if there are claims).
  mutating func claims(_ parent: TOMLTable, _ key: String, path: [String], scene: Scene?)
    -> [Claim]
  {
    guard let value = parent[key] else { return [] }
    guard let array = value.array else {
      report(
        path + [key], "`\(key)` must be an array of tables: write [[\(path.first ?? key).claim]]")
      return []
    }
    var result: [Claim] = []
    for (index, element) in array.enumerated() {
      let claimPath = path + [key, String(index)]
      guard let table = element.table else {
        report(claimPath, "each entry of `\(key)` must be a table")
        continue
      }
      guard let scene else {
        report(claimPath, "a claim needs a scene: name one in this step or an earlier one")
        continue
      }
      if let claim = claim(table, path: claimPath, scene: scene) { result.append(claim) }
    }
    return result
  }

  private mutating func claim(_ table: TOMLTable, path: [String], scene: Scene) -> Claim? {
    checkKeys(table, allowed: Self.claimKeys, path: path, what: "in a claim")
    let kinds = Claim.Kind.allCases.filter { table[$0.rawValue] != nil }
    let names = Claim.Kind.allCases.map(\.rawValue).joined(separator: ", ")
    guard kinds.count == 1, let kind = kinds.first else {
      report(
        path,
        kinds.isEmpty
          ? "a claim needs one kind: one of \(names)"
          : "a claim has one kind, not \(kinds.map(\.rawValue).joined(separator: " and "))")
      return nil
    }
    let start = diagnostics.count
    let location = locator.location(path)
    let header = SceneDiagnostic(
      file: file, line: location?.line, column: location?.keyColumn,
      length: location?.keyLength ?? 1, message: "",
      sourceLine: location.flatMap { sourceLine($0.line) })
    let optimizers = claimOptimizers(table, kind, path: path)
    var claim = Claim(kind: kind, optimizers: optimizers ?? [], location: header)

    claim.settings = optimizerSettings(table, path: path)
    if let text = string(table, "gradient", path: path) {
      claim.gradient = SceneObjective.GradientMode(rawValue: text)
      if claim.gradient == nil {
        report(
          path + ["gradient"], value: true,
          "gradient must be \"backprop\" or \"finite-differences\", not \"\(text)\"")
      }
    }
    claim.steps = integer(table, "steps", path: path, in: 1...100_000)
    claim.from = integer(table, "from", path: path, in: 0...100_000) ?? 0
    claim.seeds = integer(table, "seeds", path: path, in: 1...1000) ?? 0
    claim.least = integer(table, "least", path: path, in: 0...1000)
    claim.most = integer(table, "most", path: path, in: 0...1000)
    claim.values = integer(table, "values", path: path, in: 0...1_000_000)
    claim.gradients = integer(table, "gradients", path: path, in: 0...1_000_000)
    claim.epsilon = positive(table, "epsilon", path: path)
    if let ratio = positive(table, "ratio", path: path) { claim.ratio = ratio }
    if let by = string(table, "by", path: path) {
      switch by {
      case "steps": claim.byEvaluations = false
      case "evaluations": claim.byEvaluations = true
      default:
        report(
          path + ["by"], value: true, "`by` must be \"steps\" or \"evaluations\", not \"\(by)\"")
      }
    }
    let loss = number(table, "loss", path: path)
    let distance = positive(table, "distance", path: path)
    if loss != nil && distance != nil {
      report(path + ["distance"], "a claim's target is a `loss` or a `distance`, not both")
    } else if let loss {
      claim.target = .loss(loss)
    } else if let distance, let (points, name) = claimLandmark(table, path: path, scene: scene) {
      claim.target = .distance(distance, points: points, name: name)
    }

    // What each kind needs, and what it must not be given.
    func need(_ key: String, _ present: Bool, _ why: String) {
      if !present { report(path + [kind.rawValue], "`\(kind.rawValue)` needs \(why)") }
    }
    func only(_ keys: [String], for kinds: [Claim.Kind]) {
      for key in keys where table[key] != nil && !kinds.contains(kind) {
        let users = kinds.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        report(path + [key], "`\(key)` belongs to \(users) claims, not `\(kind.rawValue)`")
      }
    }
    only(["loss", "distance"], for: [.faster, .reaches, .misses, .basin])
    only(["to"], for: [.faster, .reaches, .misses, .basin])
    only(["by", "ratio"], for: [.faster])
    only(["from", "epsilon"], for: [.stalls])
    only(["seeds", "least", "most"], for: [.basin])
    only(["values", "gradients"], for: [.counts])
    switch kind {
    case .faster:
      if optimizers != nil && optimizers?.count != 2 {
        report(path + ["faster"], value: true, "`faster` names two optimizers: [\"A\", \"B\"]")
      }
      need("loss", loss != nil || distance != nil, "a target: `loss = ...` or `distance = ...`")
    case .reaches, .misses:
      need("loss", loss != nil || distance != nil, "a target: `loss = ...` or `distance = ...`")
    case .stalls:
      need("epsilon", claim.epsilon != nil, "`epsilon`, the most the run may move")
      need("steps", claim.steps != nil, "`steps`, the length of the window")
    case .basin:
      need("distance", distance != nil, "`distance`, the basin's radius around `to`")
      need("seeds", claim.seeds > 0, "`seeds`, how many runs")
      need("least", claim.least != nil || claim.most != nil, "`least` or `most`")
      if let least = claim.least, least > claim.seeds {
        report(path + ["least"], value: true, "`least` is more than `seeds`")
      }
    case .counts:
      need("values", claim.values != nil || claim.gradients != nil, "`values` or `gradients`")
    case .diverges, .stable:
      break
    }
    return optimizers == nil || diagnostics.count > start ? nil : claim
  }

  /// The optimizer names a claim's kind key holds: one name or a list.
  private mutating func claimOptimizers(_ table: TOMLTable, _ kind: Claim.Kind, path: [String])
    -> [OptimizerKind]?
  {
    let key = kind.rawValue
    guard let value = table[key] else { return nil }
    let names: [String]
    if let name = value.string {
      names = [name]
    } else if let array = value.array, let strings = Optional(array.compactMap(\.string)),
      strings.count == array.count, !strings.isEmpty
    {
      names = strings
    } else {
      report(
        path + [key], value: true, "`\(key)` must be an optimizer name or a list of names")
      return nil
    }
    var kinds: [OptimizerKind] = []
    for name in names {
      guard let kind = OptimizerKind(rawValue: name) else {
        let known = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
        report(path + [key], value: true, "unknown optimizer `\(name)` (known: \(known))")
        return nil
      }
      kinds.append(kind)
    }
    return kinds
  }

  /// The points `to` names: a landmark label (every landmark with it), or a point.
  private mutating func claimLandmark(_ table: TOMLTable, path: [String], scene: Scene)
    -> ([SIMD2<Double>], String)?
  {
    let landmarks = scene.minima + scene.saddles
    guard let value = table["to"] else {
      guard let first = landmarks.first else {
        report(
          path + ["distance"],
          "scene `\(scene.name)` marks no minimum or saddle: say where, with `to = [x, y]`")
        return nil
      }
      return (landmarks.filter { $0.label == first.label }.map(\.position), first.label)
    }
    if let label = value.string {
      let matching = landmarks.filter { $0.label == label }
      guard !matching.isEmpty else {
        let known = Set(landmarks.map { "\"\($0.label)\"" }).sorted().joined(separator: ", ")
        report(
          path + ["to"], value: true,
          "scene `\(scene.name)` marks no \"\(label)\""
            + (known.isEmpty ? "" : " (it marks \(known))"))
        return nil
      }
      return (matching.map(\.position), label)
    }
    guard let point = point(table, "to", path: path) else { return nil }
    return ([point], "(\(Claim.format(point.x)), \(Claim.format(point.y)))")
  }

  private mutating func positive(_ table: TOMLTable, _ key: String, path: [String]) -> Double? {
    guard let value = number(table, key, path: path) else { return nil }
    guard value > 0 else {
      report(path + [key], value: true, "`\(key)` must be positive")
      return nil
    }
    return value
  }
}

// MARK: - Scenes and placeholders

extension TOMLReader {
  /// A scene's `[[claim]]` tables, and its title and description with placeholders filled.
  mutating func readClaims(_ root: TOMLTable, into scene: inout Scene) {
    let context = ClaimChecker.Context(scene: scene)
    var memo = Placeholders.Memo()
    scene.title = filled(scene.title, at: ["title"], context: context, memo: &memo)
    scene.description = filled(
      scene.description, at: ["description"], context: context, memo: &memo)
    scene.claims = claims(root, "claim", path: [], scene: scene)
  }

  /// `text`, the string at `path`, with its placeholders filled; a problem is reported at
  /// the string.
  mutating func filled(
    _ text: String, at path: [String], context: ClaimChecker.Context?,
    memo: inout Placeholders.Memo
  ) -> String {
    switch Placeholders.fill(text, in: context, memo: &memo) {
    case .success(let filled): return filled
    case .failure(let problem):
      report(path, value: true, problem.message)
      return text
    }
  }
}
