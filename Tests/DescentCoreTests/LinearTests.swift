import Foundation
import Testing

@testable import DescentCore

/// LU with partial pivoting against LAPACK (through SciPy), and the symmetric 2 × 2
/// eigenvalues against the closed form.
@Suite struct LinearTests {
  static let a = Matrix([[1, 2, 3, 4], [4, -1, 2, 0.5], [-6, 3, 1, 2], [2, 8, -5, 1]])

  /// `scipy.linalg.lu_factor(a)` (LAPACK dgetrf, SciPy 1.17.1): the same pivots, the same
  /// factors to rounding.
  @Test func factorsAsLAPACKDoes() throws {
    let lu = try #require(LUDecomposition(Self.a))
    #expect(lu.pivots == [2, 3, 2, 3])
    let expected: [[Double]] = [
      [-6.0, 3.0, 1.0, 2.0],
      [-0.3333333333333333, 9.0, -4.666666666666667, 1.6666666666666665],
      [-0.16666666666666666, 0.2777777777777778, 4.462962962962964, 3.8703703703703702],
      [-0.6666666666666666, 0.1111111111111111, 0.7136929460580911, -1.1141078838174263],
    ]
    for i in 0..<4 {
      for j in 0..<4 {
        #expect(close(lu.factors[i, j], expected[i][j], relative: 1e-15), "(\(i), \(j))")
      }
    }
  }

  @Test func solvesAsLAPACKDoes() throws {
    // scipy.linalg.lu_solve and numpy.linalg.solve agree on these digits.
    let x = try #require(solve(Self.a, [1, -2, 3, 0.25]))
    let expected = [
      -0.4315642458100559, -0.2751396648044696, -0.4902234636871513, 0.8631284916201123,
    ]
    for i in 0..<4 { #expect(close(x[i], expected[i], relative: 1e-15)) }
  }

  /// Random well-conditioned systems up to 12 × 12: the residual A x − b is at rounding level.
  @Test func randomSystemsHaveSmallResiduals() throws {
    var generator = Xoshiro256StarStar(seed: 99)
    for n in 1...12 {
      var a = Matrix(rows: n, columns: n)
      for i in 0..<n {
        for j in 0..<n { a[i, j] = 2 * generator.uniform() - 1 }
        a[i, i] += Double(n)  // diagonally dominant, so far from singular
      }
      let b = (0..<n).map { _ in 2 * generator.uniform() - 1 }
      let x = try #require(solve(a, b))
      let residual = zip(a.multiplied(by: x), b).map { abs($0 - $1) }.max()!
      #expect(residual <= 1e-14, "n = \(n): residual \(residual)")
    }
  }

  /// Pivoting: a zero in the corner needs a row swap, and a tiny pivot is passed over.
  @Test func pivotsPastZeroAndTinyEntries() throws {
    #expect(solve(Matrix([[0, 1], [1, 0]]), [2, 3]) == [3, 2])
    // Without pivoting, 1e-20 as the pivot loses x₂ entirely (1 − 1e20 rounds to −1e20).
    let x = try #require(solve(Matrix([[1e-20, 1], [1, 1]]), [1, 2]))
    #expect(close(x[0], 1) && close(x[1], 1))
  }

  @Test func singularSystemsHaveNoSolution() {
    #expect(solve(Matrix([[1, 2], [2, 4]]), [1, 1]) == nil)
    #expect(solve(Matrix(rows: 3, columns: 3), [1, 1, 1]) == nil)
    #expect(LUDecomposition(Matrix([[1, 2], [.nan, 4]])) == nil)
  }

  @Test func eigenvaluesOfSymmetric2x2() {
    func eigen(_ xx: Double, _ xy: Double, _ yy: Double) -> (Double, Double) {
      let e = SymmetricMatrix2(xx: xx, xy: xy, yy: yy).eigenvalues
      return (e.smaller, e.larger)
    }
    // Rosenbrock at its minimum: 501 ± √(301² + 400²) = 501 ± √250601.
    let r = eigen(802, -400, 200)
    #expect(close(r.0, 501 - 250601.0.squareRoot()) && close(r.1, 501 + 250601.0.squareRoot()))
    #expect(eigen(2, 0, -3) == (-3, 2))
    #expect(eigen(0, 1, 0) == (-1, 1))
    #expect(eigen(0, 0, 0) == (0, 0))
    // Indefinite with a negative trace: the product is the determinant.
    let i = eigen(-5, 2, 1)
    #expect(close(i.0 * i.1, -9) && close(i.0 + i.1, -4))
    // A small eigenvalue beside a large one keeps its digits, where ½(tr − √…) would lose
    // four of them (exact: mpmath at 50 digits).
    let s = eigen(1, 1e-8, 1e-12)
    #expect(close(s.0, 9.998999999999999e-13, relative: 1e-14))
    // Entries near the largest double: no overflow in the squares.
    let big = eigen(1e300, 1e300, 1e300)
    #expect(close(big.0, 0, absolute: 1e285) && close(big.1, 2e300))
  }
}

/// The allocation-free 2 × 2 path that surfaces' Newton steps take is the general LU, bit
/// for bit.
@Suite struct Solve2x2Tests {
  @Test func sameBitsAsTheGeneralLU() throws {
    var generator = Xoshiro256StarStar(seed: 21)
    func entry() -> Double {
      // Mixed magnitudes and signs, some zeros, so that both pivot orders and the skipped
      // zero updates all occur.
      switch generator.next() % 6 {
      case 0: return 0
      case 1: return Double(Int(generator.next() % 7)) - 3
      default: return (2 * generator.uniform() - 1) * pow(10, 6 * generator.uniform() - 3)
      }
    }
    var swaps = 0
    var singular = 0
    for _ in 0..<5000 {
      let (a00, a01, a10, a11) = (entry(), entry(), entry(), entry())
      let b = SIMD2(entry(), entry())
      let general = solve(Matrix([[a00, a01], [a10, a11]]), [b.x, b.y])
      let fast = LUDecomposition.solve2x2(a00, a01, a10, a11, b)
      if abs(a10) > abs(a00) { swaps += 1 }
      guard let general else {
        singular += 1
        #expect(fast == nil)
        continue
      }
      let x = try #require(fast)
      #expect(
        x.x.bitPattern == general[0].bitPattern && x.y.bitPattern == general[1].bitPattern,
        "\([a00, a01, a10, a11]) \(b): \(x) vs \(general)")
    }
    #expect(swaps > 1000 && singular > 50)
  }

  @Test func surfaceNewtonStepIsTheGeneralOne() throws {
    let h = SymmetricMatrix2(xx: -0.3, xy: 2.5, yy: 1e-3)
    let step = try #require(
      newtonStep(position: [0.7, -1.1], gradient: [3, -0.25], hessian: h, lr: 0.6, damping: 0.4))
    let general = try #require(
      newtonStep(
        position: Parameters([0.7, -1.1]), gradient: Parameters([3, -0.25]), hessian: h.matrix,
        lr: 0.6, damping: 0.4))
    #expect(step.x.bitPattern == general[0].bitPattern)
    #expect(step.y.bitPattern == general[1].bitPattern)
  }
}
