import Foundation
import Testing

@testable import DescentCore

/// Limits that say what they enforce, and values that are refused rather than accepted
/// silently.
@Suite struct InputLimitTests {
  /// The README's 200 levels count parentheses, calls, unary signs and powers, one each.
  @Test func nestingLimitCountsWhatTheReadmeCounts() throws {
    func nested(_ open: String, _ close: String, _ n: Int) -> String {
      String(repeating: open, count: n) + "x" + String(repeating: close, count: n)
    }
    for (open, close) in [("(", ")"), ("sin(", ")"), ("-", ""), ("-(", ")")] {
      let levels = open == "-(" ? 100 : 200
      _ = try Tape(nested(open, close, levels))
      #expect(throws: ExpressionError.self, "\(open)") {
        try Tape(nested(open, close, levels + 1))
      }
    }
    _ = try Tape(Array(repeating: "x", count: 201).joined(separator: "^"))
    #expect(throws: ExpressionError.self) {
      try Tape(Array(repeating: "x", count: 202).joined(separator: "^"))
    }
    do {
      _ = try Tape(nested("(", ")", 201))
    } catch {
      #expect(error.reason == "expression is nested too deeply (the limit is 200 levels)")
    }
  }

  @Test func parameterNamesThatCannotBe() {
    #expect(Surface.parameterNameProblem("b") == nil)
    #expect(Surface.parameterNameProblem("_b2") == nil)
    for name in ["x", "y", "sin", "pi", "e", "a b", "π", "2a", ""] {
      #expect(Surface.parameterNameProblem(name) != nil, "\(name)")
    }
  }

  @Test func hyperparameterErrorsNameTheirSetting() {
    #expect(throws: HyperparameterError("gd: lr = -1.0 is invalid; it must be greater than 0", setting: "lr")) {
      try OptimizerKind.gd.make(Hyperparameters(lr: -1))
    }
    #expect(
      throws: HyperparameterError(
        "pso: population = 0 is invalid; it must be between 2 and 10000", setting: "population")
    ) {
      try OptimizerKind.pso.make(Hyperparameters(population: 0))
    }
  }
}
