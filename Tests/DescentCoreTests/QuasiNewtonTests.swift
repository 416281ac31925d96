import DescentCore
import Foundation
import Testing

/// L-BFGS, conjugate gradient, Newton and gradient descent with a line search, against
/// trajectories recorded from PyTorch (`Fixtures/catalogue`, copied from the shared
/// catalogue fixtures; its README says how they were made).
@Suite struct QuasiNewtonTests {
  static let ravine = "0.5*x^2 + 10*y^2"
  static let booth = "(x + 2*y - 7)^2 + (2*x + y - 5)^2"
  static let camel = "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2"

  /// The rows (step, x, y, loss) of a catalogue fixture.
  static func fixture(_ name: String) throws -> [[Double]] {
    let url = fixtures.appendingPathComponent("catalogue").appendingPathComponent(name)
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",").map { Double($0)! }
    }
  }

  /// Whether `path` (position and loss per row) matches the fixture's rows to 1e-9.
  static func matches(_ path: [(SIMD2<Double>, Double)], _ expected: [[Double]], _ name: String) {
    #expect(path.count == expected.count, "\(name): \(path.count) rows, torch \(expected.count)")
    for (k, (row, torch)) in zip(path, expected).enumerated() {
      let ok = close(row.0.x, torch[1]) && close(row.0.y, torch[2]) && close(row.1, torch[3])
      #expect(ok, "\(name) step \(k): descent \(row.0) \(row.1), torch \(torch)")
      if !ok { break }
    }
  }

  struct LBFGSCase: Sendable, CustomTestStringConvertible {
    var file: String
    var expression: String
    var start: SIMD2<Double>
    var steps: Int
    var lbfgs: LBFGS
    var testDescription: String { file }
  }

  static let lbfgsCases = [
    LBFGSCase(
      file: "06-ravine-lbfgs.csv", expression: ravine, start: [3, 1.5], steps: 20,
      lbfgs: LBFGS(lineSearch: .strongWolfe)),
    LBFGSCase(
      file: "12-booth-lbfgs.csv", expression: booth, start: [-4, 4], steps: 30,
      lbfgs: LBFGS(lr: 0.1, history: 4)),
    LBFGSCase(
      file: "19-camel-lbfgs.csv", expression: camel, start: [-1.5, 1.2], steps: 40,
      lbfgs: LBFGS(history: 5, lineSearch: .strongWolfe)),
  ]

  @Test(arguments: lbfgsCases)
  func lbfgsIterationReproducesTorch(_ c: LBFGSCase) throws {
    var f = TapeEvaluator(try Tape(c.expression))
    var x = c.start
    var (loss, gradient) = f.valueAndGradient(at: x)
    var memory = LBFGS.Memory<SIMD2<Double>>()
    var path = [(x, loss)]
    for _ in 0..<c.steps {
      let out = c.lbfgs.iterate(
        from: x, loss: loss, gradient: gradient, memory: memory,
        evaluate: { f.valueAndGradient(at: $0) })
      (x, loss, gradient, memory) = (out.position, out.loss, out.gradient, out.memory)
      path.append((x, loss))
    }
    Self.matches(path, try Self.fixture(c.file), c.file)
  }
}
