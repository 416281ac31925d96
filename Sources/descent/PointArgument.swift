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
}
