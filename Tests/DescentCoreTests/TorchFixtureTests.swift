import DescentCore
import Foundation
import Testing

/// Whole runs against trajectories recorded from PyTorch's torch.optim in float64
/// (`Fixtures/SOURCE.md` says how they were made).
@Suite struct TorchFixtureTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var file: String
    var expression: String
    var start: SIMD2<Double>
    var steps: Int
    var optimizer: OptimizerKind
    var settings: Hyperparameters
    var testDescription: String { file }
  }

  /// The rows of `cases.tsv`, paired with the CSV files in order.
  static let cases: [Case] = {
    let tsv = try! String(contentsOf: fixtures.appendingPathComponent("cases.tsv"), encoding: .utf8)
    let files = try! FileManager.default.contentsOfDirectory(atPath: fixtures.path)
      .filter { $0.hasSuffix(".csv") }.sorted()
    let lines = tsv.split(separator: "\n").filter { !$0.isEmpty }
    precondition(lines.count == files.count, "one fixture per case")
    return zip(lines, files).map { line, file in
      let fields = line.split(separator: "\t").map(String.init)
      var settings = Hyperparameters()
      for pair in fields.dropFirst(6) {
        let kv = pair.split(separator: "=")
        let value = Double(kv[1])!
        switch kv[0] {
        case "lr": settings.lr = value
        case "momentum": settings.momentum = value
        case "alpha": settings.alpha = value
        case "beta1": settings.beta1 = value
        case "beta2": settings.beta2 = value
        case "eps": settings.eps = value
        default: fatalError("unknown setting \(kv[0]) in cases.tsv")
        }
      }
      return Case(
        file: file, expression: fields[1], start: [Double(fields[2])!, Double(fields[3])!],
        steps: Int(fields[4])!, optimizer: OptimizerKind(rawValue: fields[5])!,
        settings: settings)
    }
  }()

  @Test func everyFixtureHasACase() {
    #expect(Self.cases.count == 15)
  }

  @Test(arguments: cases)
  func reproducesTorch(_ c: Case) throws {
    let text = try String(contentsOf: fixtures.appendingPathComponent(c.file), encoding: .utf8)
    let expected = text.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",").map { Double($0)! }
    }
    #expect(expected.count == c.steps + 1)
    var objective = TapeEvaluator(try Tape(c.expression))
    let trajectory = Trajectory.record(
      try c.optimizer.make(c.settings), from: c.start, steps: c.steps, on: &objective)
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
