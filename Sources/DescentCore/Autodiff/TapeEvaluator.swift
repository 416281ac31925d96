/// Evaluates a tape at single points: the value alone, or the value and the gradient by one
/// forward and one reverse sweep.
///
/// The evaluator owns its scratch buffers, so after `init` no call allocates.
public struct TapeEvaluator: Sendable {
  public let tape: Tape
  private var values: [Double]
  private var adjoints: [Double]

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
