#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The C library's elementary functions (libm), under one name on every platform.
///
/// The code used to write `Foundation.exp(x)`: full Foundation re-exports the C library, and
/// the module name keeps a bare `exp` from finding a member of the same name (Operation's
/// `.exp` case, an activation's `.tanh`). DescentCore imports only FoundationEssentials, which
/// keeps ICU out of the static binary but re-exports nothing of libc; `Math.exp(x)` says the
/// same thing on Linux and macOS.
@usableFromInline
enum Math {
  /// Euler's number, e.
  static let e = M_E

  static func exp(_ x: Double) -> Double { libmExp(x) }
  static func log(_ x: Double) -> Double { libmLog(x) }
  /// log(1 + x), exact for small x.
  static func log1p(_ x: Double) -> Double { libmLog1p(x) }
  @usableFromInline
  static func pow(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }
  static func cbrt(_ x: Double) -> Double { libmCbrt(x) }
  /// √(x² + y²) without overflow or underflow in between.
  static func hypot(_ x: Double, _ y: Double) -> Double { libmHypot(x, y) }
  static func sin(_ x: Double) -> Double { libmSin(x) }
  static func cos(_ x: Double) -> Double { libmCos(x) }
  static func tan(_ x: Double) -> Double { libmTan(x) }
  static func asin(_ x: Double) -> Double { libmAsin(x) }
  static func acos(_ x: Double) -> Double { libmAcos(x) }
  static func atan(_ x: Double) -> Double { libmAtan(x) }
  static func atan2(_ y: Double, _ x: Double) -> Double { libmAtan2(y, x) }
  static func sinh(_ x: Double) -> Double { libmSinh(x) }
  static func cosh(_ x: Double) -> Double { libmCosh(x) }
  static func tanh(_ x: Double) -> Double { libmTanh(x) }
}

// Inside `Math` a bare `exp` names `Math.exp` itself; out here it names the C library's.
private func libmExp(_ x: Double) -> Double { exp(x) }
private func libmLog(_ x: Double) -> Double { log(x) }
private func libmLog1p(_ x: Double) -> Double { log1p(x) }
private func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func libmCbrt(_ x: Double) -> Double { cbrt(x) }
private func libmHypot(_ x: Double, _ y: Double) -> Double { hypot(x, y) }
private func libmSin(_ x: Double) -> Double { sin(x) }
private func libmCos(_ x: Double) -> Double { cos(x) }
private func libmTan(_ x: Double) -> Double { tan(x) }
private func libmAsin(_ x: Double) -> Double { asin(x) }
private func libmAcos(_ x: Double) -> Double { acos(x) }
private func libmAtan(_ x: Double) -> Double { atan(x) }
private func libmAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
private func libmSinh(_ x: Double) -> Double { sinh(x) }
private func libmCosh(_ x: Double) -> Double { cosh(x) }
private func libmTanh(_ x: Double) -> Double { tanh(x) }
