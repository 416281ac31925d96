/// Reads `[[runs]]` (a scene's) and `[[step.runs]]` (a lesson step's): each an optimizer at
/// settings of its own, with an optional label.
///
/// ```toml
/// [[runs]]
/// optimizer = "gd"
/// lr = 0.09
/// label = "just below 2/λ"
/// ```
extension TOMLReader {
  /// The runs in `parent["runs"]` (at `path`), nil when there is none. Each run's settings
  /// are checked as they will be made: over `settings` (the `[optimizers.NAME]` tables in
  /// force). Two runs with the same name and no label to tell them apart, or two with the
  /// same label, are refused.
  mutating func runSpecs(
    _ parent: TOMLTable, path parentPath: [String],
    settings: [OptimizerKind: Hyperparameters] = [:]
  ) -> [RunSpec]? {
    guard let value = parent["runs"] else { return nil }
    let header = parentPath.isEmpty ? "[[runs]]" : "[[\(parentPath[0]).runs]]"
    guard let array = value.array else {
      report(
        parentPath + ["runs"], "`runs` must be an array of tables: write \(header) sections")
      return []
    }
    if array.count > RunSpec.maximumRuns {
      report(
        parentPath + ["runs"], "\(array.count) runs; a race has at most \(RunSpec.maximumRuns)")
      return []
    }
    var result: [RunSpec] = []
    for (index, element) in array.enumerated() {
      let path = parentPath + ["runs", String(index)]
      guard let table = element.table else {
        report(path, "each entry of `runs` must be a table with `optimizer`")
        continue
      }
      guard let name = string(table, "optimizer", path: path, required: true) else { continue }
      guard let kind = OptimizerKind(rawValue: name) else {
        report(
          path + ["optimizer"], value: true,
          "unknown optimizer `\(name)` in \(header) (known: \(OptimizerRegistry.names))")
        continue
      }
      let names = RunSpec.settingNames(kind)
      checkKeys(
        table, allowed: ["optimizer", "label"] + kind.spec.settings.map(\.name), path: path,
        what: "in \(header) for \(name) (it has \(names), and `label`)")
      var label = string(table, "label", path: path)
      if let text = label, text.trimmingBlanks().isEmpty {
        report(path + ["label"], value: true, "a run's label cannot be empty")
        label = nil
      }
      let own = self.settings(of: kind, in: table, path: path)
      do {
        _ = try kind.make((settings[kind] ?? Hyperparameters()).merging(own))
      } catch {
        let key = error.setting.flatMap { table[$0] == nil ? nil : $0 }
        report(path + (key.map { [$0] } ?? []), value: key != nil, error.description)
        continue
      }
      let run = RunSpec(kind, settings: own, label: label)
      if result.contains(where: { $0.name == run.name && $0.label == run.label }) {
        report(
          path,
          "this run is the same as an earlier one (`\(run.name)`); give it other settings or a label"
        )
        continue
      }
      if let label, result.contains(where: { $0.label == label || $0.name == label }) {
        report(path + ["label"], value: true, "another run is already called `\(label)`")
        continue
      }
      result.append(run)
    }
    return result
  }
}
