import DescentCore
import Foundation
import Testing

/// Whole runs of the adaptive optimizers and the learning-rate schedules against trajectories
/// recorded from torch.optim in float64 (`Fixtures/catalogue/README.md` says how they were
/// made).
@Suite struct CatalogueFixtureTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var file: String
    var expression: String
    var start: SIMD2<Double>
    var steps: Int
    var optimizer: String
    var settings: [String: String]
    var testDescription: String { file }
  }

  static let folder = fixtures.appendingPathComponent("catalogue")

  /// The optimizers these tests reproduce.
  static let optimizers: Set<String> = [
    "adagrad", "adamw", "nadam", "amsgrad", "rprop", "gd", "momentum", "adam",
  ]

  /// The rows of `cases.tsv` whose CSV is here (row k is the file numbered k) and whose
  /// optimizer is one of `optimizers`.
  static let cases: [Case] = {
    let tsv = try! String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)
    let lines = tsv.split(separator: "\n").filter { !$0.isEmpty }
    let files = try! FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".csv") }.sorted()
    return files.compactMap { file in
      let fields = lines[Int(file.prefix(2))! - 1].split(separator: "\t").map(String.init)
      guard optimizers.contains(fields[5]) else { return nil }
      var settings: [String: String] = [:]
      for pair in fields.dropFirst(6) {
        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
        settings[kv[0]] = kv[1]
      }
      return Case(
        file: file, expression: fields[1], start: [Double(fields[2])!, Double(fields[3])!],
        steps: Int(fields[4])!, optimizer: fields[5], settings: settings)
    }
  }()

  /// The schedule a case names, made as `--schedule` makes it.
  static func schedule(_ c: Case) throws -> Schedule {
    guard let kind = c.settings["schedule"] else { return .constant }
    return try Schedule.make(
      kind: kind, every: c.settings["every"].map { Int($0)! },
      gamma: c.settings["gamma"].map { Double($0)! },
      tMax: c.settings["t-max"].map { Int($0)! }, lrMin: c.settings["lr-min"].map { Double($0)! })
  }

  /// The optimizer a case names, made by the registry from its settings, its learning rate
  /// following its schedule.
  static func optimizer(_ c: Case) throws -> any Optimizer {
    var settings = Hyperparameters()
    for (name, value) in c.settings where !["schedule"].contains(name) {
      guard !Schedule.settingNames.contains(name) else { continue }
      settings[name] = Double(value)!
    }
    let optimizer = try #require(OptimizerKind(rawValue: c.optimizer)).make(settings)
    let schedule = try schedule(c)
    return schedule == .constant
      ? optimizer : try #require(Scheduled(optimizer, schedule: schedule))
  }

  @Test func everyAdaptiveAndScheduleFixtureHasACase() {
    #expect(
      Self.cases.map { String($0.file.prefix(2)) } == [
        "01", "02", "03", "04", "05", "10", "11", "15", "16", "17", "18", "22", "23",
      ])
  }

  @Test(arguments: cases)
  func reproducesTorch(_ c: Case) throws {
    let text = try String(
      contentsOf: Self.folder.appendingPathComponent(c.file), encoding: .utf8)
    let expected = text.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",").map { Double($0)! }
    }
    #expect(expected.count == c.steps + 1)
    var objective = TapeEvaluator(try Tape(c.expression))
    let trajectory = Trajectory.record(
      try Self.optimizer(c), from: c.start, steps: c.steps, on: &objective)
    #expect(trajectory.rows.count == expected.count)
    for (row, torch) in zip(trajectory.rows, expected) {
      let ok =
        row.step == Int(torch[0]) && close(row.position.x, torch[1])
        && close(row.position.y, torch[2]) && close(row.loss, torch[3])
      #expect(ok, "\(c.file) step \(row.step): descent \(row.position) \(row.loss), torch \(torch)")
      if !ok { break }
    }
  }
}
