/// Evaluates a tape at single points: the value alone, the value and the gradient by one
/// forward and one reverse sweep, or those and the Hessian by forward over reverse.
///
/// The evaluator owns its scratch buffers, so after `init` no call allocates (the Hessian's
/// buffers are allocated by its first call).
public struct TapeEvaluator: Sendable {
  public let tape: Tape
  private var values: [Double]
  private var adjoints: [Double]
  /// The Hessian's scratch, empty until its first call: each slot's tangent (∂/∂x, ∂/∂y),
  /// each slot's adjoint's tangent, and each instruction's first derivatives (∂/∂a, ∂/∂b).
  private var tangents: [SIMD2<Double>] = []
  private var adjointTangents: [SIMD2<Double>] = []
  private var firstPartials: [SIMD2<Double>] = []

  public init(_ tape: Tape) {
    self.tape = tape
    self.values = tape.initialSlots
    self.adjoints = Array(repeating: 0, count: tape.initialSlots.count)
  }

  /// Sets the named inputs (dataset columns), in the order of `tape.inputNames`.
  public mutating func setInputs(_ inputs: [Double]) {
    for (i, value) in inputs.prefix(tape.inputNames.count).enumerated() {
      values[Tape.firstInputSlot + i] = value
    }
  }

  /// Sets one input by its index in `tape.inputNames`.
  public mutating func setInput(_ index: Int, to value: Double) {
    values[Tape.firstInputSlot + index] = value
  }

  /// f(x, y) by a forward sweep.
  public mutating func value(at point: SIMD2<Double>) -> Double {
    let tape = self.tape
    return tape.instructions.withUnsafeBufferPointer { program in
      values.withUnsafeMutableBufferPointer { slots in
        Self.forward(program, slots, point)
        return slots[tape.output]
      }
    }
  }

  /// f(x, y) and ∇f(x, y): a forward sweep, then a reverse sweep that chains each
  /// instruction's local derivatives from the output back to `x` and `y`.
  public mutating func valueAndGradient(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>
  ) {
    let tape = self.tape
    return tape.instructions.withUnsafeBufferPointer { program in
      values.withUnsafeMutableBufferPointer { slots in
        adjoints.withUnsafeMutableBufferPointer { adjoint in
          Self.forward(program, slots, point)
          for i in adjoint.indices { adjoint[i] = 0 }
          adjoint[tape.output] = 1
          for instruction in program.reversed() {
            let r̄ = adjoint[instruction.result]
            let a = slots[instruction.a]
            let b = slots[instruction.b]
            let (da, db) = instruction.operation.partials(
              a, b, slots[instruction.result], instruction.constant)
            adjoint[instruction.a] += r̄ * da
            if instruction.operation.isBinary { adjoint[instruction.b] += r̄ * db }
          }
          return (slots[tape.output], SIMD2(adjoint[0], adjoint[1]))
        }
      }
    }
  }

  // MARK: - Hessian

  /// f(x, y), ∇f(x, y) and the Hessian ∇²f(x, y), exactly, by forward over reverse.
  ///
  /// The forward sweep carries beside each value rᵢ its tangent ṙᵢ = (∂rᵢ/∂x, ∂rᵢ/∂y), by
  /// ṙ = ∂op/∂a·ȧ + ∂op/∂b·ḃ. The reverse sweep is the gradient's, differentiated along the
  /// same tangents: beside each adjoint r̄ it carries the adjoint's tangent, and chains
  ///
  ///     ā += r̄·∂op/∂a                    (the gradient, bit for bit `valueAndGradient`'s)
  ///     ā˙ += r̄˙·∂op/∂a + r̄·(∂²op/∂a²·ȧ + ∂²op/∂a∂b·ḃ)
  ///
  /// (and likewise for b), where a tangent component that is exactly 0 contributes 0 even
  /// through an infinite local derivative. The tangents of x's and y's adjoints are then the Hessian's two
  /// rows. Both directions ride in one SIMD2, one pass for the two of them: on Rosenbrock a
  /// Hessian costs about 1.3 gradients (`Benchmarks/compare.sh`). Slots that depend on neither x nor y (constants, dataset inputs) carry no
  /// tangent and take no adjoint, so a NaN derivative in a constant direction cannot leak in.
  /// The off-diagonal entry is the mean of ∂²f/∂x∂y and ∂²f/∂y∂x as the sweeps compute them,
  /// equal but for rounding (taken as a + (b − a)/2, which cannot overflow where they agree).
  public mutating func hessian(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>, hessian: SymmetricMatrix2
  ) {
    let (value, gradient, rowX, rowY) = hessianRows(at: point)
    let mixed = rowX.y == rowY.x ? rowX.y : rowX.y + (rowY.x - rowX.y) / 2
    return (value, gradient, SymmetricMatrix2(xx: rowX.x, xy: mixed, yy: rowY.y))
  }

  /// f, ∇f, and the Hessian's rows as the reverse sweep leaves them: (∂²f/∂x², ∂²f/∂x∂y) in
  /// x's adjoint's tangent and (∂²f/∂y∂x, ∂²f/∂y²) in y's.
  @inline(__always)
  mutating func hessianRows(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>, rowX: SIMD2<Double>, rowY: SIMD2<Double>
  ) {
    let tape = self.tape
    if tangents.isEmpty {
      tangents = Array(repeating: .zero, count: values.count)
      adjointTangents = tangents
      firstPartials = Array(repeating: .zero, count: tape.instructions.count)
    }
    return tape.instructions.withUnsafeBufferPointer { program in
      tape.dependency.withUnsafeBufferPointer { dependency in
        values.withUnsafeMutableBufferPointer { slots in
          adjoints.withUnsafeMutableBufferPointer { adjoint in
            tangents.withUnsafeMutableBufferPointer { tangent in
              adjointTangents.withUnsafeMutableBufferPointer { adjointTangent in
                firstPartials.withUnsafeMutableBufferPointer { partials in
                  Self.forwardWithTangents(program, dependency, slots, tangent, partials, point)
                  for i in adjoint.indices {
                    adjoint[i] = 0
                    adjointTangent[i] = .zero
                  }
                  adjoint[tape.output] = 1
                  for k in program.indices.reversed() where dependency[program[k].result] != 0 {
                    let instruction = program[k]
                    let operation = instruction.operation
                    let r̄ = adjoint[instruction.result]
                    let ṙ̄ = adjointTangent[instruction.result]
                    let a = slots[instruction.a]
                    let b = slots[instruction.b]
                    let da = partials[k].x
                    let db = partials[k].y
                    let (daa, dab, dbb) = operation.secondPartials(
                      a, b, slots[instruction.result], instruction.constant, da, db)
                    let usesA = dependency[instruction.a] != 0
                    let usesB = operation.isBinary && dependency[instruction.b] != 0
                    let ȧ = tangent[instruction.a]
                    let ḃ = tangent[instruction.b]
                    if usesA {
                      adjoint[instruction.a] += r̄ * da
                      // The derivative of ∂op/∂a along the tangent.
                      var ḋa = Self.scale(ȧ, by: daa)
                      if usesB { ḋa += Self.scale(ḃ, by: dab) }
                      adjointTangent[instruction.a] += Self.scale(ṙ̄, by: da) + r̄ * ḋa
                    }
                    if usesB {
                      adjoint[instruction.b] += r̄ * db
                      var ḋb = Self.scale(ḃ, by: dbb)
                      if usesA { ḋb += Self.scale(ȧ, by: dab) }
                      adjointTangent[instruction.b] += Self.scale(ṙ̄, by: db) + r̄ * ḋb
                    }
                  }
                  return (
                    slots[tape.output], SIMD2(adjoint[0], adjoint[1]), adjointTangent[0],
                    adjointTangent[1]
                  )
                }
              }
            }
          }
        }
      }
    }
  }

  /// s·v, where a component of v that is exactly 0 stays 0 even if s is infinite: a
  /// direction that does not move a value adds nothing through it, however steep the
  /// primitive (x³ at 1e160, where 3x² overflows but the Hessian 6x does not).
  @inline(__always)
  private static func scale(_ v: SIMD2<Double>, by s: Double) -> SIMD2<Double> {
    (s * v).replacing(with: 0, where: v .== 0)
  }

  /// The forward sweep with tangents, storing each instruction's first derivatives for the
  /// reverse sweep.
  @inline(__always)
  private static func forwardWithTangents(
    _ program: UnsafeBufferPointer<Tape.Instruction>, _ dependency: UnsafeBufferPointer<UInt8>,
    _ slots: UnsafeMutableBufferPointer<Double>,
    _ tangent: UnsafeMutableBufferPointer<SIMD2<Double>>,
    _ partials: UnsafeMutableBufferPointer<SIMD2<Double>>, _ point: SIMD2<Double>
  ) {
    slots[0] = point.x
    slots[1] = point.y
    tangent[0] = SIMD2(1, 0)
    tangent[1] = SIMD2(0, 1)
    for k in program.indices {
      let instruction = program[k]
      let operation = instruction.operation
      let a = slots[instruction.a]
      let b = slots[instruction.b]
      let r = operation.apply(a, b, instruction.constant)
      slots[instruction.result] = r
      guard dependency[instruction.result] != 0 else { continue }
      let (da, db) = operation.partials(a, b, r, instruction.constant)
      partials[k] = SIMD2(da, db)
      var ṙ = SIMD2<Double>.zero
      if dependency[instruction.a] != 0 { ṙ = scale(tangent[instruction.a], by: da) }
      if operation.isBinary && dependency[instruction.b] != 0 {
        ṙ += scale(tangent[instruction.b], by: db)
      }
      tangent[instruction.result] = ṙ
    }
  }

  @inline(__always)
  private static func forward(
    _ program: UnsafeBufferPointer<Tape.Instruction>, _ slots: UnsafeMutableBufferPointer<Double>,
    _ point: SIMD2<Double>
  ) {
    slots[0] = point.x
    slots[1] = point.y
    for instruction in program {
      slots[instruction.result] = instruction.operation.apply(
        slots[instruction.a], slots[instruction.b], instruction.constant)
    }
  }
}
