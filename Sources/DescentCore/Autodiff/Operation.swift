/// One primitive of the tape, with its value and its local derivatives.
///
/// Kinks follow PyTorch, so descent's gradients match `torch.autograd` everywhere:
/// - `abs'(0) = 0` (the derivative is `sign(a)`);
/// - `min(a, b)` and `max(a, b)` split the gradient evenly on a tie: ∂/∂a = ∂/∂b = ½;
/// - `pow(a, b)` has ∂/∂b = 0 where a = 0 and b ≥ 0, and ∂/∂a = 0 where b = 0;
/// - `sqrt'(0) = +∞`, `log'(0) = +∞`, as the mathematics says; a run that steps there diverges.
enum Operation: UInt8, Sendable {
  // Binary.
  case add, subtract, multiply, divide, power, minimum, maximum, atan2
  // Unary. `powerConstant` raises to the instruction's constant `c`.
  case negate, square, powerConstant, sqrt, abs, sin, cos, tan, asin, acos, atan
  case exp, log, tanh, sinh, cosh, sigmoid, softplus

  var isBinary: Bool { rawValue <= Operation.atan2.rawValue }

  /// The value of the primitive at (a, b); `c` is the constant exponent of `powerConstant`.
  @inline(__always)
  func apply(_ a: Double, _ b: Double, _ c: Double) -> Double {
    switch self {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    case .power: return Math.pow(a, b)
    case .minimum: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
    case .maximum: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
    case .atan2: return Math.atan2(a, b)
    case .negate: return -a
    case .square: return a * a
    case .powerConstant: return c == 3 ? a * a * a : Math.pow(a, c)
    case .sqrt: return a.squareRoot()
    case .abs: return Swift.abs(a)
    case .sin: return Math.sin(a)
    case .cos: return Math.cos(a)
    case .tan: return Math.tan(a)
    case .asin: return Math.asin(a)
    case .acos: return Math.acos(a)
    case .atan: return Math.atan(a)
    case .exp: return Math.exp(a)
    case .log: return Math.log(a)
    case .tanh: return Math.tanh(a)
    case .sinh: return Math.sinh(a)
    case .cosh: return Math.cosh(a)
    case .sigmoid: return Self.sigmoid(a)
    case .softplus: return Swift.max(a, 0) + Math.log1p(Math.exp(-Swift.abs(a)))
    }
  }

  /// Local derivatives (∂r/∂a, ∂r/∂b) of r = op(a, b), given the forward result `r`.
  @inline(__always)
  func partials(_ a: Double, _ b: Double, _ r: Double, _ c: Double) -> (Double, Double) {
    switch self {
    case .add: return (1, 1)
    case .subtract: return (1, -1)
    case .multiply: return (b, a)
    // −(a/b)/b, as PyTorch computes it: b·b under- or overflows where the quotient does not.
    case .divide: return (1 / b, -(r / b))
    case .power:
      var da = b == 0 ? 0 : b * Math.pow(a, b - 1)
      // b − 1 rounds to b for |b| ≥ 2⁵³, an even number: a negative base then gets the sign
      // of an even power where the odd power b − 1 has the base's.
      if a < 0, Self.isEvenInteger(b), Self.isEvenInteger(b - 1) { da = -da }
      let db = a == 0 && b >= 0 ? 0 : r * Math.log(a)
      return (da, db)
    case .minimum: return a == b ? (0.5, 0.5) : (a < b ? (1, 0) : (0, 1))
    case .maximum: return a == b ? (0.5, 0.5) : (a > b ? (1, 0) : (0, 1))
    case .atan2:
      // ∂/∂a = b/(a² + b²), ∂/∂b = −a/(a² + b²), with a² + b² = h² for h = hypot(a, b):
      // dividing by h twice neither overflows nor underflows where a² and b² would.
      let h = Math.hypot(a, b)
      return ((b / h) / h, (-a / h) / h)
    case .negate: return (-1, 0)
    case .square: return (2 * a, 0)
    case .powerConstant: return (c == 0 ? 0 : c * Math.pow(a, c - 1), 0)
    case .sqrt: return (1 / (2 * r), 0)
    case .abs: return (a > 0 ? 1 : (a < 0 ? -1 : (a.isNaN ? .nan : 0)), 0)
    case .sin: return (Math.cos(a), 0)
    case .cos: return (-Math.sin(a), 0)
    case .tan: return (1 + r * r, 0)
    case .asin: return (1 / (1 - a * a).squareRoot(), 0)
    case .acos: return (-1 / (1 - a * a).squareRoot(), 0)
    case .atan:
      // 1/(1 + a²); for |a| > 1 as t/(1 + t²)·t with t = 1/a, so that a² cannot overflow.
      guard Swift.abs(a) > 1 else { return (1 / (1 + a * a), 0) }
      let t = 1 / a
      return (t / (1 + t * t) * t, 0)
    case .exp: return (r, 0)
    case .log: return (1 / a, 0)
    case .tanh:
      // 1 − tanh² cancels to 0 once tanh rounds to ±1 (|a| > 19); 1/cosh² does not.
      guard Swift.abs(a) > 1 else { return (1 - r * r, 0) }
      let c = Math.cosh(a)
      return ((1 / c) / c, 0)
    case .sinh: return (Math.cosh(a), 0)
    case .cosh: return (Math.sinh(a), 0)
    // σ(a)·σ(−a): 1 − σ(a) cancels to 0 once σ(a) rounds to 1 (a > 37).
    case .sigmoid: return (r * Self.sigmoid(-a), 0)
    case .softplus: return (Self.sigmoid(a), 0)
    }
  }

  /// Whether `v` is an even integer; every double of magnitude 2⁵³ or more is one.
  @inline(__always)
  static func isEvenInteger(_ v: Double) -> Bool {
    v.isFinite && (v / 2).rounded(.towardZero) == v / 2
  }

  /// σ(a) = 1 / (1 + e^(−a)), written so that neither branch overflows.
  @inline(__always)
  static func sigmoid(_ a: Double) -> Double {
    if a >= 0 { return 1 / (1 + Math.exp(-a)) }
    let e = Math.exp(a)
    return e / (1 + e)
  }
}

/// The functions an expression may call, by name, with their arity.
enum BuiltinFunction {
  static let table: [String: (arity: Int, operation: Operation)] = [
    "sin": (1, .sin), "cos": (1, .cos), "tan": (1, .tan),
    "asin": (1, .asin), "acos": (1, .acos), "atan": (1, .atan),
    "exp": (1, .exp), "log": (1, .log), "sqrt": (1, .sqrt), "abs": (1, .abs),
    "tanh": (1, .tanh), "sinh": (1, .sinh), "cosh": (1, .cosh),
    "sigmoid": (1, .sigmoid), "softplus": (1, .softplus),
    "min": (2, .minimum), "max": (2, .maximum), "pow": (2, .power), "atan2": (2, .atan2),
  ]

  static let constants: [String: Double] = ["pi": Double.pi, "e": Math.e]
}
