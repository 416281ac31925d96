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

  /// The update rule of `c` at learning rate `lr` (nil: the rule's default).
  static func rule(_ c: Case, lr: Double?) -> any UpdateRule {
    func value(_ key: String) -> Double? { c.settings[key].map { Double($0)! } }
    switch c.optimizer {
    case "adagrad":
      return Adagrad(lr: lr ?? Adagrad().lr, eps: value("eps") ?? Adagrad().eps)
    case "adamw":
      let d = AdamW()
      return AdamW(
        lr: lr ?? d.lr, beta1: value("beta1") ?? d.beta1, beta2: value("beta2") ?? d.beta2,
        eps: value("eps") ?? d.eps, weightDecay: value("weight-decay") ?? d.weightDecay)
    case "nadam":
      let d = NAdam()
      return NAdam(
        lr: lr ?? d.lr, beta1: value("beta1") ?? d.beta1, beta2: value("beta2") ?? d.beta2,
        eps: value("eps") ?? d.eps, momentumDecay: value("momentum-decay") ?? d.momentumDecay)
    case "amsgrad":
      let d = AMSGrad()
      return AMSGrad(
        lr: lr ?? d.lr, beta1: value("beta1") ?? d.beta1, beta2: value("beta2") ?? d.beta2,
        eps: value("eps") ?? d.eps)
    case "rprop":
      return Rprop(lr: lr ?? Rprop().lr)
    case "gd":
      return GradientDescent(lr: lr ?? 0.01)
    case "momentum":
      return Momentum(lr: lr ?? 0.01, momentum: value("momentum") ?? 0.9)
    case "adam":
      return Adam(
        lr: lr ?? 0.001, beta1: value("beta1") ?? 0.9, beta2: value("beta2") ?? 0.999,
        eps: value("eps") ?? 1e-8)
    default:
      fatalError("no rule for \(c.optimizer)")
    }
  }

  static func schedule(_ c: Case) -> Schedule {
    func value(_ key: String) -> Double { Double(c.settings[key]!)! }
    switch c.settings["schedule"] {
    case nil: return .constant
    case "step": return .step(every: Int(value("every")), gamma: value("gamma"))
    case "exponential": return .exponential(gamma: value("gamma"))
    case "cosine":
      return .cosine(
        tMax: Int(value("t-max")), lrMin: c.settings["lr-min"].map { Double($0)! } ?? 0)
    case let other?: fatalError("unknown schedule \(other)")
    }
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
    let schedule = Self.schedule(c)
    let defaults = [
      "adagrad": Adagrad().lr, "adamw": AdamW().lr, "nadam": NAdam().lr, "amsgrad": AMSGrad().lr,
      "rprop": Rprop().lr, "gd": 0.01, "momentum": 0.01, "adam": 0.001,
    ]
    let base = c.settings["lr"].map { Double($0)! } ?? defaults[c.optimizer]!
    var lr = base
    var memory = RuleMemory<SIMD2<Double>>()
    var position = c.start
    var (loss, gradient) = objective.valueAndGradient(at: position)
    for (step, torch) in expected.enumerated() {
      if step > 0 {
        let rule = Self.rule(c, lr: lr)
        position = rule.apply(position: position, gradient: gradient, memory: &memory, t: step)
        (loss, gradient) = objective.valueAndGradient(at: position)
        lr = schedule.lr(after: lr, update: step, base: base)
      }
      let ok =
        step == Int(torch[0]) && close(position.x, torch[1]) && close(position.y, torch[2])
        && close(loss, torch[3])
      #expect(ok, "\(c.file) step \(step): descent \(position) \(loss), torch \(torch)")
      if !ok { break }
    }
  }
}
