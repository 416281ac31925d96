/// A symmetric 2 × 2 matrix [[xx, xy], [xy, yy]]: the Hessian of a surface f(x, y).
public struct SymmetricMatrix2: Sendable, Equatable, CustomStringConvertible {
  public var xx: Double
  public var xy: Double
  public var yy: Double

  public init(xx: Double, xy: Double, yy: Double) {
    self.xx = xx
    self.xy = xy
    self.yy = yy
  }

  /// The rows [[xx, xy], [xy, yy]], for printing and JSON.
  public var rows: [[Double]] { [[xx, xy], [xy, yy]] }

  /// The same matrix as a general 2 × 2 `Matrix`.
  public var matrix: Matrix { Matrix(rows) }

  public var trace: Double { xx + yy }
  public var determinant: Double { xx * yy - xy * xy }

  /// The two real eigenvalues, smaller first.
  ///
  /// Computed as LAPACK's `dlaev2` does: the one of larger magnitude from
  /// ½(tr ± √((xx − yy)² + 4xy²)) with the sign of the trace, so that nothing cancels; the other
  /// from the determinant divided by it. √ of the sum is taken as |·|·√(1 + ratio²) so that
  /// squaring cannot overflow.
  public var eigenvalues: (smaller: Double, larger: Double) {
    let sum = xx + yy
    let difference = xx - yy
    let absDifference = Swift.abs(difference)
    let twiceXY = Swift.abs(xy + xy)
    let (largerDiagonal, smallerDiagonal) = Swift.abs(xx) > Swift.abs(yy) ? (xx, yy) : (yy, xx)
    let root: Double
    if absDifference > twiceXY {
      let ratio = twiceXY / absDifference
      root = absDifference * (1 + ratio * ratio).squareRoot()
    } else if absDifference < twiceXY {
      let ratio = absDifference / twiceXY
      root = twiceXY * (1 + ratio * ratio).squareRoot()
    } else {
      root = twiceXY * 2.0.squareRoot()
    }
    let first: Double
    let second: Double
    if sum < 0 {
      first = 0.5 * (sum - root)
      second = (largerDiagonal / first) * smallerDiagonal - (xy / first) * xy
    } else if sum > 0 {
      first = 0.5 * (sum + root)
      second = (largerDiagonal / first) * smallerDiagonal - (xy / first) * xy
    } else {
      first = 0.5 * root
      second = -0.5 * root
    }
    if first.isNaN || second.isNaN { return (.nan, .nan) }
    return (Swift.min(first, second), Swift.max(first, second))
  }

  public static let zero = SymmetricMatrix2(xx: 0, xy: 0, yy: 0)

  public static func + (a: SymmetricMatrix2, b: SymmetricMatrix2) -> SymmetricMatrix2 {
    SymmetricMatrix2(xx: a.xx + b.xx, xy: a.xy + b.xy, yy: a.yy + b.yy)
  }

  public static func += (a: inout SymmetricMatrix2, b: SymmetricMatrix2) { a = a + b }

  public static func / (a: SymmetricMatrix2, s: Double) -> SymmetricMatrix2 {
    SymmetricMatrix2(xx: a.xx / s, xy: a.xy / s, yy: a.yy / s)
  }

  public var description: String { "[[\(xx), \(xy)], [\(xy), \(yy)]]" }
}
