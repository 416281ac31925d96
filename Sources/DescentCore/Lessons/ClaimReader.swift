/// Reads `[[claim]]` and `[[step.claim]]` tables (see `Claim` for the format).
extension TOMLReader {
  /// Every key some claim reads; which kind reads which is `ClaimKind`'s business.
  static var claimKeys: [String] {
    var keys = ClaimKind.all.map(\.name) + ClaimKind.commonKeys
    for kind in ClaimKind.all { keys += kind.keys.filter { !keys.contains($0) } }
    return keys
  }

  /// The claims in `parent[key]`, an array of tables at `path + [key]`, about `scene` (nil
  /// when no scene is known there, which is an error if there are claims).
  mutating func claims(
    _ parent: TOMLTable, _ key: String, path: [String], scene: Scene?, runs: [RunSpec] = []
  ) -> [Claim] {
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
      if let claim = claim(table, path: claimPath, scene: scene, runs: runs + scene.runs) {
        result.append(claim)
      }
    }
    return result
  }

  private mutating func claim(
    _ table: TOMLTable, path: [String], scene: Scene, runs: [RunSpec]
  ) -> Claim? {
    checkKeys(table, allowed: Self.claimKeys, path: path, what: "in a claim")
    let kinds = ClaimKind.all.filter { table[$0.name] != nil }
    let names = ClaimKind.all.map(\.name).joined(separator: ", ")
    guard kinds.count == 1, let kind = kinds.first else {
      report(
        path,
        kinds.isEmpty
          ? "a claim needs one kind: one of \(names)"
          : "a claim has one kind, not \(kinds.map(\.name).joined(separator: " and "))")
      return nil
    }
    let start = diagnostics.count
    // Where a false claim is reported: the claim's `[[…claim]]` header.
    let header =
      location(path).map { diagnostic(at: $0.key, "") } ?? SceneDiagnostic(file: file, message: "")
    var subjects: [String]? = nil
    var optimizers: [RunSpec]? = nil
    if let allowed = kind.subjects {
      subjects = claimSubjects(table, kind, allowed: allowed, path: path)
      if subjects != nil { optimizers = [] }
    } else {
      optimizers = claimOptimizers(table, kind, path: path, runs: runs)
    }
    var claim = Claim(kind: kind, optimizers: optimizers ?? [], location: header)
    claim.subjects = subjects ?? []

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
    if let cost = positive(table, "gradient-cost", path: path) { claim.gradientCost = cost }
    claim.passes = bounds(table, "passes", path: path)
    claim.passesPerWeight = bounds(table, "per-weight", path: path)
    claim.widths = integers(table, "widths", path: path, in: 1...256, most: 16)
    claim.depth = integer(table, "depth", path: path, in: 1...6) ?? 2
    claim.weights = integers(table, "weights", path: path, in: 1...10_000_000, most: 2)
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

    // What this kind must not be given, and what it needs.
    for key in table.keys.sorted()
    where key != kind.name && !ClaimKind.commonKeys.contains(key) && !kind.keys.contains(key) {
      let users = ClaimKind.all.filter { $0.keys.contains(key) }
      guard !users.isEmpty else { continue }  // another kind's name, or an unknown key
      let names = users.map { "`\($0.name)`" }.joined(separator: ", ")
      report(path + [key], "`\(key)` belongs to \(names) claims, not `\(kind.name)`")
    }
    if optimizers != nil {
      // A target key whose value was refused counts as missing.
      var given = Set(table.keys)
      if loss == nil { given.remove("loss") }
      if distance == nil { given.remove("distance") }
      for problem in kind.validate(claim, given) {
        report(path + [problem.key ?? kind.name], value: problem.value, problem.message)
      }
    }
    return optimizers == nil || diagnostics.count > start ? nil : claim
  }

  /// The runs a claim's kind key names: one name or a list, each an optimizer (`gd`), an
  /// instance (`gd@lr=0.05`), or the name or label of one of `runs` (the scene's or the
  /// step's `[[runs]]`).
  private mutating func claimOptimizers(
    _ table: TOMLTable, _ kind: ClaimKind, path: [String], runs: [RunSpec]
  ) -> [RunSpec]? {
    let key = kind.name
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
    var kinds: [RunSpec] = []
    for name in names {
      if let run = runs.first(where: { $0.isNamed(name) }) {
        kinds.append(run)
        continue
      }
      do {
        kinds.append(try RunSpec.parse(name))
      } catch {
        let known = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
        report(
          path + [key], value: true,
          error.unknownOptimizer && !name.contains("@")
            ? "unknown optimizer `\(name)` (known: \(known))" : error.description)
        return nil
      }
    }
    return kinds
  }

  /// The names a kind's key holds that names something other than optimizers: one name or
  /// a list, each one of `allowed`.
  private mutating func claimSubjects(
    _ table: TOMLTable, _ kind: ClaimKind, allowed: [String], path: [String]
  ) -> [String]? {
    let key = kind.name
    guard let value = table[key] else { return nil }
    let names = value.string.map { [$0] } ?? value.array?.compactMap(\.string) ?? []
    let known = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
    guard !names.isEmpty, names.count == (value.array?.count ?? 1) else {
      report(path + [key], value: true, "`\(key)` must be one of \(known), or a list of them")
      return nil
    }
    for name in names where !allowed.contains(name) {
      report(path + [key], value: true, "`\(key)` must be one of \(known), not \"\(name)\"")
      return nil
    }
    return names
  }

  /// `[lo, hi]` with lo ≤ hi, both positive.
  private mutating func bounds(_ table: TOMLTable, _ key: String, path: [String])
    -> ClosedRange<Double>?
  {
    guard let pair = pair(table, key, path: path, required: false) else { return nil }
    guard pair.x > 0, pair.x <= pair.y else {
      report(
        path + [key], value: true,
        "`\(key)` must be [lo, hi] with 0 < lo ≤ hi, not [\(Claim.format(pair.x)), \(Claim.format(pair.y))]"
      )
      return nil
    }
    return pair.x...pair.y
  }

  /// A list of 1 to `most` integers, each in `valid`.
  private mutating func integers(
    _ table: TOMLTable, _ key: String, path: [String], in valid: ClosedRange<Int>, most: Int
  ) -> [Int]? {
    guard let value = table[key] else { return nil }
    guard let array = value.array, (1...most).contains(array.count),
      case let numbers = array.compactMap(\.int), numbers.count == array.count,
      numbers.allSatisfy(valid.contains)
    else {
      report(
        path + [key], value: true,
        "`\(key)` must be a list of 1 to \(most) integers between \(valid.lowerBound) and \(valid.upperBound)"
      )
      return nil
    }
    return numbers
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
