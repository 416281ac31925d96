extension TOMLReader {
  /// The keys of a `[schedule]` table.
  static let scheduleKeys = ["kind"] + Schedule.settingNames

  /// The `[schedule]` table of `parent` (at `path`), read into a schedule; nil when there is
  /// none or after reporting what is wrong with it, at the key or value at fault.
  ///
  ///     [schedule]
  ///     kind = "cosine"     "step", "exponential", "cosine" or "constant"
  ///     t-max = 300         and the kind's settings: every, gamma, t-max, lr-min
  mutating func schedule(_ parent: TOMLTable, path parentPath: [String]) -> Schedule? {
    guard let table = self.table(parent, "schedule", path: parentPath) else { return nil }
    let path = parentPath + ["schedule"]
    checkKeys(
      table, allowed: Self.scheduleKeys, path: path,
      what: "in [schedule] (it reads \(Self.scheduleKeys.joined(separator: ", ")))")
    let before = diagnostics.count
    let kind = string(table, "kind", path: path, required: true)
    let every = integer(table, "every", path: path, in: 1...Int.max)
    let gamma = number(table, "gamma", path: path)
    let tMax = integer(table, "t-max", path: path, in: 1...Int.max)
    let lrMin = number(table, "lr-min", path: path)
    guard let kind, diagnostics.count == before else { return nil }
    do {
      return try Schedule.make(kind: kind, every: every, gamma: gamma, tMax: tMax, lrMin: lrMin)
    } catch {
      report(path + (error.setting.map { [$0] } ?? []), value: !error.misplaced, error.message)
      return nil
    }
  }
}
