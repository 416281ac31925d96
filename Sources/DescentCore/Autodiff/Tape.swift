/// An expression compiled to a flat list of instructions in topological order: the project's
/// backpropagation.
///
/// The tape generalises the "four backprop equations" of a neural network to any expression
/// graph. A forward sweep runs the instructions in order and stores every intermediate value
/// rᵢ = opᵢ(aᵢ, bᵢ). A reverse sweep then starts from the output's adjoint r̄ = ∂f/∂f = 1 and
/// visits the instructions backwards, chaining each primitive's local derivatives:
///
///     ā += r̄ · ∂opᵢ/∂a,    b̄ += r̄ · ∂opᵢ/∂b
///
/// After one forward and one reverse sweep the adjoints of `x` and `y` are the whole gradient,
/// at about twice the cost of evaluating f, however many intermediate values there are.
///
/// Slots: 0 is `x`, 1 is `y`, then the named inputs (dataset columns), then constants, then
/// one slot per instruction.
public struct Tape: Sendable {
  struct Instruction: Sendable {
    var operation: Operation
    var a: Int
    var b: Int
    var result: Int
    /// The exponent of `powerConstant`; unused otherwise.
    var constant: Double
  }

  /// The expression text this tape was compiled from.
  public let source: String
  /// Names of the per-evaluation inputs, in slot order after `x` and `y`.
  public let inputNames: [String]
  let instructions: [Instruction]
  /// Slot values before a sweep: constants filled in, everything else 0.
  let initialSlots: [Double]
  /// The slot that holds f.
  let output: Int
  /// What each slot depends on: bit 1 for `x`, bit 2 for `y`; 0 for constants and inputs.
  /// On a grid, slots of x alone are computed once per column and of y alone once per row.
  let dependency: [UInt8]

  /// Compiles `source` into a tape.
  ///
  /// - Parameters:
  ///   - parameters: named constants, e.g. `["a": 1, "b": 100]`.
  ///   - inputs: names that vary per evaluation but are not differentiated (dataset columns).
  /// - Throws: `ExpressionError` with the column of the first problem.
  public init(
    _ source: String, parameters: [String: Double] = [:], inputs: [String] = []
  ) throws(ExpressionError) {
    var parser = try Parser(source: source, parameters: parameters, inputs: inputs)
    let built = try parser.parse()
    self.source = source
    self.inputNames = inputs
    self.instructions = built.instructions
    self.initialSlots = built.slots
    self.output = built.output
    var dependency = [UInt8](repeating: 0, count: built.slots.count)
    dependency[0] = 1
    dependency[1] = 2
    for instruction in built.instructions {
      dependency[instruction.result] =
        dependency[instruction.a] | (instruction.operation.isBinary ? dependency[instruction.b] : 0)
    }
    self.dependency = dependency
  }

  /// The number of instructions: the work of one forward sweep.
  public var count: Int { instructions.count }

  /// Index of the first input slot.
  static let firstInputSlot = 2
}
