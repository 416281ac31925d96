/// A dense matrix of doubles, row-major: the Hessian of a network's loss (P × P) and the
/// systems Newton's method solves.
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
  public let rows: Int
  public let columns: Int
  /// The entries, row by row: entry (i, j) is `values[i * columns + j]`.
  public var values: [Double]

  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "a matrix has non-negative dimensions")
    self.rows = rows
    self.columns = columns
    self.values = [Double](repeating: value, count: rows * columns)
  }

  /// A matrix from its rows, which must all have the same length.
  public init(_ rows: [[Double]]) {
    let columns = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == columns }, "matrix rows of different lengths")
    self.rows = rows.count
    self.columns = columns
    self.values = rows.flatMap { $0 }
  }

  /// The n × n identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  public subscript(row: Int, column: Int) -> Double {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// Whether the matrix is square and equal to its transpose, entry for entry.
  public var isSymmetric: Bool {
    guard rows == columns else { return false }
    for i in 0..<rows {
      for j in 0..<i where self[i, j] != self[j, i] { return false }
    }
    return true
  }

  /// The rows, as nested arrays.
  public var nestedRows: [[Double]] {
    (0..<rows).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
  }

  /// A·x for a vector of `columns` entries.
  public func multiplied(by x: [Double]) -> [Double] {
    precondition(x.count == columns, "a vector of the wrong length")
    return (0..<rows).map { i in
      var sum = 0.0
      for j in 0..<columns { sum += self[i, j] * x[j] }
      return sum
    }
  }

  public var description: String { "Matrix(\(nestedRows))" }
}
