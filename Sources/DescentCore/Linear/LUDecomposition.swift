/// PA = LU with partial pivoting: the factorisation LAPACK's `dgetrf` computes and `dgetrs`
/// solves with, and so what `torch.linalg.solve` does on a CPU.
///
/// Column by column: the pivot is the first entry of largest magnitude on or below the
/// diagonal, its row is swapped into place, the entries below it are scaled by the pivot's
/// reciprocal (as `dgetf2` does, or divided by the pivot where the reciprocal would
/// overflow) to give L's column, and the trailing block is updated, aᵢⱼ −= lᵢₖ·uₖⱼ.
public struct LUDecomposition: Sendable, Equatable {
  /// L below the diagonal (its unit diagonal implicit) and U on and above it, row-major.
  public let factors: Matrix
  /// LAPACK's `ipiv`, from 0: at step k, rows k and `pivots[k]` were swapped.
  public let pivots: [Int]

  /// Factorises the square matrix `a`; nil if it is exactly singular (a zero pivot, LAPACK's
  /// `info > 0`), where no solution is unique.
  public init?(_ a: Matrix) {
    precondition(a.rows == a.columns, "LU needs a square matrix")
    let n = a.rows
    var m = a.values
    var pivots = [Int](repeating: 0, count: n)
    // The smallest double whose reciprocal does not overflow (LAPACK's dlamch("S")).
    let safeMinimum = Double.leastNormalMagnitude
    for k in 0..<n {
      var p = k
      var largest = Swift.abs(m[k * n + k])
      for i in (k + 1)..<n where Swift.abs(m[i * n + k]) > largest {
        largest = Swift.abs(m[i * n + k])
        p = i
      }
      pivots[k] = p
      let pivot = m[p * n + k]
      // A NaN pivot is no better than a zero one: the solution is not a number either way.
      guard pivot != 0, !pivot.isNaN else { return nil }
      if p != k {
        for j in 0..<n { m.swapAt(k * n + j, p * n + j) }
      }
      if Swift.abs(pivot) >= safeMinimum {
        let reciprocal = 1 / pivot
        for i in (k + 1)..<n { m[i * n + k] *= reciprocal }
      } else {
        for i in (k + 1)..<n { m[i * n + k] /= pivot }
      }
      for i in (k + 1)..<n {
        let l = m[i * n + k]
        for j in (k + 1)..<n { m[i * n + j] -= l * m[k * n + j] }
      }
    }
    var factors = Matrix(rows: n, columns: n)
    factors.values = m
    self.factors = factors
    self.pivots = pivots
  }

  /// x with A x = b: the row swaps applied to b, then L y = Pb forward and U x = y backward,
  /// column by column as LAPACK's `dtrsm` does.
  public func solve(_ b: [Double]) -> [Double] {
    let n = factors.rows
    precondition(b.count == n, "a right-hand side of the wrong length")
    let m = factors.values
    var x = b
    for k in 0..<n where pivots[k] != k { x.swapAt(k, pivots[k]) }
    for k in 0..<n where x[k] != 0 {
      for i in (k + 1)..<n { x[i] -= x[k] * m[i * n + k] }
    }
    for k in stride(from: n - 1, through: 0, by: -1) where x[k] != 0 {
      x[k] /= m[k * n + k]
      for i in 0..<k { x[i] -= x[k] * m[i * n + k] }
    }
    return x
  }
}

/// x with A x = b, by LU with partial pivoting (`LUDecomposition`), as
/// `torch.linalg.solve(A, b)`; nil if A is exactly singular.
public func solve(_ a: Matrix, _ b: [Double]) -> [Double]? {
  LUDecomposition(a)?.solve(b)
}

extension LUDecomposition {
  /// x with A x = b for A = [[a00, a01], [a10, a11]]: the same operations as the general LU
  /// and its solve, in the same order (so the same bits), without allocating.
  @inline(__always)
  static func solve2x2(
    _ a00: Double, _ a01: Double, _ a10: Double, _ a11: Double, _ b: SIMD2<Double>
  ) -> SIMD2<Double>? {
    var (a00, a01, a10, a11) = (a00, a01, a10, a11)
    var x = b
    if Swift.abs(a10) > Swift.abs(a00) {
      swap(&a00, &a10)
      swap(&a01, &a11)
      x = SIMD2(x.y, x.x)
    }
    guard a00 != 0, !a00.isNaN else { return nil }
    let l = Swift.abs(a00) >= Double.leastNormalMagnitude ? a10 * (1 / a00) : a10 / a00
    let u11 = a11 - l * a01
    guard u11 != 0, !u11.isNaN else { return nil }
    if x.x != 0 { x.y -= x.x * l }
    if x.y != 0 {
      x.y /= u11
      x.x -= x.y * a01
    }
    if x.x != 0 { x.x /= a00 }
    return x
  }
}
