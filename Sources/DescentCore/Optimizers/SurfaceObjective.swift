/// An objective on the plane with its type erased, lent by its owner for the length of one
/// call: what `Run` hands an optimizer's `surfaceStep`. Each optimizer's step is then compiled
/// once for the plane, whatever the objective, instead of running as generic code; each call
/// to the objective costs one indirect call more.
///
/// It holds the owner's objective by address, so it never outlives `lending`'s closure.
public struct SurfaceObjective: Objective {
  private let base: UnsafeMutableRawPointer
  /// The objective's methods, for its type.
  private let methods: any SurfaceObjectiveMethods.Type

  /// `body`'s result, given `objective` with its type erased.
  static func lending<F: Objective<SIMD2<Double>>, R>(
    _ objective: inout F, _ body: (inout SurfaceObjective) -> R
  ) -> R {
    withUnsafeMutablePointer(to: &objective) { pointer in
      var erased = SurfaceObjective(
        base: UnsafeMutableRawPointer(pointer), methods: Methods<F>.self)
      return body(&erased)
    }
  }

  public mutating func value(at point: SIMD2<Double>) -> Double {
    methods.value(base, point)
  }

  public mutating func valueAndGradient(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>
  ) {
    methods.valueAndGradient(base, point)
  }

  public mutating func prepare(forUpdate t: Int) { methods.prepare(base, t) }

  public var gradientCost: EvaluationCount { methods.gradientCost(base) }

  public func randomPoint(
    near start: SIMD2<Double>, in region: Region?, using generator: inout Xoshiro256StarStar
  ) -> SIMD2<Double> {
    methods.randomPoint(base, start, region, &generator)
  }

  public mutating func valueGradientAndHessian(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>, hessian: Matrix
  )? {
    methods.valueGradientAndHessian(base, point)
  }

  public mutating func valueGradientAndSurfaceHessian(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>, hessian: SymmetricMatrix2
  )? {
    methods.valueGradientAndSurfaceHessian(base, point)
  }

  public var network: NetworkScene? { methods.network(base) }
}

/// An objective's methods, called on the objective at an address.
private protocol SurfaceObjectiveMethods {
  static func value(_ base: UnsafeMutableRawPointer, _ point: SIMD2<Double>) -> Double
  static func valueAndGradient(_ base: UnsafeMutableRawPointer, _ point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>
  )
  static func prepare(_ base: UnsafeMutableRawPointer, _ t: Int)
  static func gradientCost(_ base: UnsafeMutableRawPointer) -> EvaluationCount
  static func randomPoint(
    _ base: UnsafeMutableRawPointer, _ start: SIMD2<Double>, _ region: Region?,
    _ generator: inout Xoshiro256StarStar
  ) -> SIMD2<Double>
  static func valueGradientAndHessian(_ base: UnsafeMutableRawPointer, _ point: SIMD2<Double>)
    -> (value: Double, gradient: SIMD2<Double>, hessian: Matrix)?
  static func valueGradientAndSurfaceHessian(
    _ base: UnsafeMutableRawPointer, _ point: SIMD2<Double>
  ) -> (value: Double, gradient: SIMD2<Double>, hessian: SymmetricMatrix2)?
  static func network(_ base: UnsafeMutableRawPointer) -> NetworkScene?
}

/// The methods of objectives of type `F`.
private enum Methods<F: Objective<SIMD2<Double>>>: SurfaceObjectiveMethods {
  static func objective(_ base: UnsafeMutableRawPointer) -> UnsafeMutablePointer<F> {
    base.assumingMemoryBound(to: F.self)
  }

  static func value(_ base: UnsafeMutableRawPointer, _ point: SIMD2<Double>) -> Double {
    objective(base).pointee.value(at: point)
  }

  static func valueAndGradient(_ base: UnsafeMutableRawPointer, _ point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>
  ) {
    objective(base).pointee.valueAndGradient(at: point)
  }

  static func prepare(_ base: UnsafeMutableRawPointer, _ t: Int) {
    objective(base).pointee.prepare(forUpdate: t)
  }

  // The reads go through an inout parameter: read from `pointee` in this generic code, the
  // objective would be copied (its buffers retained and released) for every call.
  static func gradientCost(_ base: UnsafeMutableRawPointer) -> EvaluationCount {
    func read(_ objective: inout F) -> EvaluationCount { objective.gradientCost }
    return read(&objective(base).pointee)
  }

  static func randomPoint(
    _ base: UnsafeMutableRawPointer, _ start: SIMD2<Double>, _ region: Region?,
    _ generator: inout Xoshiro256StarStar
  ) -> SIMD2<Double> {
    func read(_ objective: inout F) -> SIMD2<Double> {
      objective.randomPoint(near: start, in: region, using: &generator)
    }
    return read(&objective(base).pointee)
  }

  static func valueGradientAndHessian(_ base: UnsafeMutableRawPointer, _ point: SIMD2<Double>)
    -> (value: Double, gradient: SIMD2<Double>, hessian: Matrix)?
  {
    objective(base).pointee.valueGradientAndHessian(at: point)
  }

  static func valueGradientAndSurfaceHessian(
    _ base: UnsafeMutableRawPointer, _ point: SIMD2<Double>
  ) -> (value: Double, gradient: SIMD2<Double>, hessian: SymmetricMatrix2)? {
    objective(base).pointee.valueGradientAndSurfaceHessian(at: point)
  }

  static func network(_ base: UnsafeMutableRawPointer) -> NetworkScene? {
    func read(_ objective: inout F) -> NetworkScene? { objective.network }
    return read(&objective(base).pointee)
  }
}
