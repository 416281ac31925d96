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
    #expect(
      throws: HyperparameterError(
        "gd: lr = -1.0 is invalid; it must be greater than 0", setting: "lr")
    ) {
      try OptimizerKind.gd.make(Hyperparameters(lr: -1))
    }
    #expect(
      throws: HyperparameterError(
        "pso: population = 0 is invalid; it must be between 2 and 10000", setting: "population")
    ) {
      try OptimizerKind.pso.make(Hyperparameters(population: 0))
    }
  }

  /// The gradient in (α, β) that eval reports on a network scene is the derivative of the
  /// loss along the plane: central differences of the loss agree.
  @Test func networkGradientOnThePlaneIsTheLossDerivative() throws {
    let scene = try #require(SceneLibrary.builtin(named: "moons-small"))
    let network = try #require(scene.network)
    for point in [SIMD2(0.0, 0.0), SIMD2(0.7, -0.3)] {
      let (loss, gradient) = network.lossAndGradient(at: point)
      #expect(loss == network.loss(at: point))
      let h = 1e-5
      let dAlpha =
        (network.loss(at: point + SIMD2(h, 0)) - network.loss(at: point - SIMD2(h, 0))) / (2 * h)
      let dBeta =
        (network.loss(at: point + SIMD2(0, h)) - network.loss(at: point - SIMD2(0, h))) / (2 * h)
      #expect(abs(gradient.x - dAlpha) < 1e-7 * max(1, abs(dAlpha)), "\(point)")
      #expect(abs(gradient.y - dBeta) < 1e-7 * max(1, abs(dBeta)), "\(point)")
    }
  }

  @Test func builtinNamesAreCaseInsensitive() {
    #expect(SceneLibrary.builtin(named: "Rosenbrock")?.name == "rosenbrock")
    #expect(SceneLibrary.builtin(named: "MOONS-SMALL")?.name == "moons-small")
    #expect(LessonLibrary.builtin(named: "Ravines")?.name == "ravines")
    #expect(SceneLibrary.builtin(named: "rosenbrok") == nil)
  }
}
