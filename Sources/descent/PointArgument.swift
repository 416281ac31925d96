import ArgumentParser

/// A point written `X,Y`, e.g. `--start -1.5,2`.
struct PointArgument: ExpressibleByArgument {
  var point: SIMD2<Double>

  init?(argument: String) {
    let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingBlanks()
    }
    guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]),
      x.isFinite, y.isFinite
    else { return nil }
    point = SIMD2(x, y)
  }

  static var defaultValueDescription: String { "X,Y" }

  /// `argument` as a point, or a usage error that says what is wrong with it.
  static func parse(_ argument: String) throws -> PointArgument {
    if let point = PointArgument(argument: argument) { return point }
    let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      throw ValidationError("write two numbers X,Y, e.g. -1.5,2")
    }
    throw ValidationError("X and Y must be finite numbers")
  }
}

/// A count of steps as a whole number (its range is checked by the command), or a usage
/// error that says why not: `99999999999999999999` is too large to be one.
func parseSteps(_ argument: String) throws -> Int {
  guard let steps = Int(argument.trimmingBlanks()) else {
    throw ValidationError("a number of steps is a whole number, at most 10000000")
  }
  return steps
}
