import DescentCore
import Foundation

/// `a ≈ b` to `relative` tolerance, or within `absolute` near zero.
func close(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-12) -> Bool {
  if a == b { return true }
  guard a.isFinite, b.isFinite else { return false }
  let difference = abs(a - b)
  return difference <= absolute || difference <= relative * max(abs(a), abs(b))
}

/// f and ∇f of `expression` at `point`, by the tape.
func valueAndGradient(_ expression: String, at point: SIMD2<Double>) throws -> (
  value: Double, gradient: SIMD2<Double>
) {
  var evaluator = TapeEvaluator(try Tape(expression))
  return evaluator.valueAndGradient(at: point)
}

/// The folder of copied torch.optim fixtures.
let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
