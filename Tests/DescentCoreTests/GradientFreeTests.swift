import DescentCore
import Foundation
import Testing

/// Nelder–Mead against scipy, and CMA-ES and ACO_R: reproducible per seed, and global enough.
@Suite struct GradientFreeTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var file: String
    var expression: String
    var start: SIMD2<Double>
    var steps: Int
    var testDescription: String { file }
  }

  static let catalogue = fixtures.appendingPathComponent("catalogue")

  /// The Nelder–Mead rows of the catalogue's `cases.tsv`; row k is `NN-name-nelder-mead.csv`
  /// with NN = k + 1.
  static let nelderMeadCases: [Case] = {
    let tsv = try! String(
      contentsOf: catalogue.appendingPathComponent("cases.tsv"), encoding: .utf8)
    let lines = tsv.split(separator: "\n").filter { !$0.isEmpty }
    return lines.enumerated().compactMap { index, line in
      let fields = line.split(separator: "\t").map(String.init)
      guard fields[5] == "nelder-mead" else { return nil }
      let number = index + 1 < 10 ? "0\(index + 1)" : "\(index + 1)"
      return Case(
        file: "\(number)-\(fields[0])-nelder-mead.csv", expression: fields[1],
        start: [Double(fields[2])!, Double(fields[3])!], steps: Int(fields[4])!)
    }
  }()

  @Test func everyNelderMeadFixtureHasACase() {
    #expect(
      Self.nelderMeadCases.map(\.file).sorted() == [
        "08-ravine-nelder-mead.csv", "14-booth-nelder-mead.csv", "21-camel-nelder-mead.csv",
      ])
  }

  /// scipy's `nfev` for each case: evaluations of f after `steps` iterations (a counter in f,
  /// read in the callback), the initial simplex's three included.
  static let scipyEvaluations = [
    "08-ravine-nelder-mead.csv": 155, "14-booth-nelder-mead.csv": 118,
    "21-camel-nelder-mead.csv": 80,
  ]

  @Test(arguments: nelderMeadCases)
  func nelderMeadReproducesSciPy(_ c: Case) throws {
    let text = try String(
      contentsOf: Self.catalogue.appendingPathComponent(c.file), encoding: .utf8)
    let expected = text.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",").map { Double($0)! }
    }
    #expect(expected.count == c.steps + 1)
    var objective = TapeEvaluator(try Tape(c.expression))
    var simplex = NelderMead.start(at: c.start) { objective.value(at: $0) }
    for (k, scipy) in expected.enumerated() {
      if k > 0 { simplex = NelderMead.step(simplex) { objective.value(at: $0) } }
      let ok =
        close(simplex.position.x, scipy[1]) && close(simplex.position.y, scipy[2])
        && close(simplex.loss, scipy[3])
      #expect(
        ok, "\(c.file) step \(k): descent \(simplex.position) \(simplex.loss), scipy \(scipy)")
      if !ok { break }
    }
    #expect(simplex.evaluations == Self.scipyEvaluations[c.file])
  }
}
