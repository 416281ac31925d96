/// What the update rules of the gradient optimizers compute with: a vector of parameters,
/// with element-wise arithmetic. `SIMD2<Double>` is the two parameters of a surface;
/// `Parameters` is any number of them, a network's weights. The rules are written once,
/// generically (`UpdateRule`), so both follow torch.optim's operations in the same order.
public protocol ParameterVector: Sendable, Equatable {
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  /// Element-wise product.
  static func * (a: Self, b: Self) -> Self
  /// Element-wise quotient.
  static func / (a: Self, b: Self) -> Self
  static func * (a: Self, s: Double) -> Self
  static func * (s: Double, a: Self) -> Self
  static func + (a: Self, s: Double) -> Self
  static func / (a: Self, s: Double) -> Self
  /// Element-wise square root.
  func squareRoot() -> Self
  /// How many parameters.
  var scalarCount: Int { get }
  subscript(index: Int) -> Double { get set }
}

extension SIMD2: ParameterVector where Scalar == Double {}

extension ParameterVector {
  /// max |xᵢ|: the infinity norm (NaN if any coordinate is, as torch's `abs().max()`).
  public var maxMagnitude: Double {
    var m = 0.0
    for i in 0..<scalarCount {
      let a = Swift.abs(self[i])
      if a.isNaN { return .nan }
      if a > m { m = a }
    }
    return m
  }

  /// Σ |xᵢ|: the 1-norm.
  public var magnitudeSum: Double {
    var s = 0.0
    for i in 0..<scalarCount { s += Swift.abs(self[i]) }
    return s
  }
}

extension ParameterVector {
  /// The dot product, summed in index order without fused multiply-adds (as torch's `dot`).
  public func dot(_ other: Self) -> Double {
    var sum = 0.0
    for i in 0..<scalarCount { sum += self[i] * other[i] }
    return sum
  }

  /// The Euclidean norm.
  public var norm: Double { dot(self).squareRoot() }
}

/// Any number of parameters, for networks. Arithmetic is element-wise on equal lengths.
public struct Parameters: ParameterVector, CustomStringConvertible {
  public var values: [Double]

  public init(_ values: [Double]) { self.values = values }
  public init(repeating value: Double, count: Int) {
    values = [Double](repeating: value, count: count)
  }

  public var count: Int { values.count }
  public var scalarCount: Int { values.count }
  public subscript(i: Int) -> Double {
    get { values[i] }
    set { values[i] = newValue }
  }
  public var description: String { "Parameters(\(values))" }

  @inline(__always)
  static func zip(_ a: Parameters, _ b: Parameters, _ f: (Double, Double) -> Double) -> Parameters {
    precondition(a.count == b.count, "parameter vectors of different lengths")
    var out = a.values
    b.values.withUnsafeBufferPointer { b in
      out.withUnsafeMutableBufferPointer { o in
        for i in o.indices { o[i] = f(o[i], b[i]) }
      }
    }
    return Parameters(out)
  }

  @inline(__always)
  func map(_ f: (Double) -> Double) -> Parameters {
    var out = values
    out.withUnsafeMutableBufferPointer { o in
      for i in o.indices { o[i] = f(o[i]) }
    }
    return Parameters(out)
  }

  public static func + (a: Parameters, b: Parameters) -> Parameters { zip(a, b, +) }
  public static func - (a: Parameters, b: Parameters) -> Parameters { zip(a, b, -) }
  public static func * (a: Parameters, b: Parameters) -> Parameters { zip(a, b, *) }
  public static func / (a: Parameters, b: Parameters) -> Parameters { zip(a, b, /) }
  public static func * (a: Parameters, s: Double) -> Parameters { a.map { $0 * s } }
  public static func * (s: Double, a: Parameters) -> Parameters { a.map { s * $0 } }
  public static func + (a: Parameters, s: Double) -> Parameters { a.map { $0 + s } }
  public static func / (a: Parameters, s: Double) -> Parameters { a.map { $0 / s } }
  public func squareRoot() -> Parameters { map { $0.squareRoot() } }

  /// The dot product.
  public func dot(_ other: Parameters) -> Double {
    var sum = 0.0
    for i in values.indices { sum += values[i] * other.values[i] }
    return sum
  }

  /// The Euclidean norm.
  public var norm: Double { dot(self).squareRoot() }
}

/// What an update rule carries between steps: momentum's buffer b, RMSProp's running mean
/// of g², or Adam's two moments m and v. Nil before the first update.
public struct RuleMemory<V: ParameterVector>: Sendable, Equatable {
  /// Momentum's b, RMSProp's v, Adam's m, AdaGrad's sum of g², Rprop's previous gradient.
  public var first: V?
  /// Adam's v, Rprop's step sizes.
  public var second: V?
  /// AMSGrad's running maximum of v.
  public var third: V?
  /// NAdam's product of the momentum coefficients μ₁·…·μₜ.
  public var scalar: Double?
  public init(first: V? = nil, second: V? = nil, third: V? = nil, scalar: Double? = nil) {
    self.first = first
    self.second = second
    self.third = third
    self.scalar = scalar
  }
}
