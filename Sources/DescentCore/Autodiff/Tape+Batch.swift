import Foundation

extension Tape {
  /// Points per block in batch evaluation: large enough that the per-instruction loops
  /// vectorise, small enough that a block of every slot stays in cache.
  static let batchBlock = 256

  /// f over the grid `xs × ys`, row-major: `result[j * xs.count + i] = f(xs[i], ys[j])`.
  ///
  /// This is the heatmap's sampler. It runs the tape once per block of points rather than
  /// once per point, with the instruction dispatch outside the inner loop, as NumPy does for
  /// whole arrays.
  public func values(xs: [Double], ys: [Double], inputs: [Double] = []) -> [Double] {
    var output = [Double](repeating: 0, count: xs.count * ys.count)
    accumulateValues(xs: xs, ys: ys, inputs: inputs, weight: 1, into: &output, overwrite: true)
    return output
  }

  /// f at each of `points`.
  public func values(at points: [SIMD2<Double>], inputs: [Double] = []) -> [Double] {
    var output = [Double](repeating: 0, count: points.count)
    withWorkspace(inputs: inputs) { workspace in
      var start = 0
      while start < points.count {
        let n = Swift.min(Self.batchBlock, points.count - start)
        for k in 0..<n {
          workspace.x[k] = points[start + k].x
          workspace.y[k] = points[start + k].y
        }
        let f = workspace.run(n)
        for k in 0..<n { output[start + k] = f[k] }
        start += n
      }
    }
    return output
  }

  /// Adds `weight · f` over the grid to `output` (or stores it, if `overwrite`). Data scenes
  /// use this to average a per-sample loss over the rows of a dataset.
  public func accumulateValues(
    xs: [Double], ys: [Double], inputs: [Double], weight: Double, into output: inout [Double],
    overwrite: Bool = false
  ) {
    let width = xs.count
    guard output.count == width * ys.count, width > 0 else { return }
    xs.withUnsafeBufferPointer { xs in
      output.withUnsafeMutableBufferPointer { out in
        withWorkspace(inputs: inputs) { workspace in
          // Row by row, so that y is constant across a block and x is a straight copy.
          for (j, y) in ys.enumerated() {
            var i = 0
            while i < width {
              let n = Swift.min(Self.batchBlock, width - i)
              workspace.x.update(from: xs.baseAddress! + i, count: n)
              workspace.y.update(repeating: y, count: n)
              let f = workspace.run(n)
              let row = out.baseAddress! + j * width + i
              if overwrite {
                for k in 0..<n { row[k] = weight * f[k] }
              } else {
                for k in 0..<n { row[k] += weight * f[k] }
              }
              i += n
            }
          }
        }
      }
    }
  }

  /// Scratch space for one block of every slot, with the constant and input rows filled in.
  struct BlockWorkspace {
    let tape: Tape
    let program: UnsafeBufferPointer<Instruction>
    let base: UnsafeMutablePointer<Double>
    var x: UnsafeMutablePointer<Double> { base }
    var y: UnsafeMutablePointer<Double> { base + Tape.batchBlock }

    /// Runs the tape over the first `n` points of the block; returns the output row.
    func run(_ n: Int) -> UnsafeMutablePointer<Double> {
      let block = Tape.batchBlock
      for instruction in program {
        Tape.apply(
          instruction, n, base + instruction.a * block, base + instruction.b * block,
          base + instruction.result * block)
      }
      return base + tape.output * block
    }
  }

  private func withWorkspace(inputs: [Double], _ body: (BlockWorkspace) -> Void) {
    let block = Self.batchBlock
    let slotCount = initialSlots.count
    let base = UnsafeMutablePointer<Double>.allocate(capacity: slotCount * block)
    defer { base.deallocate() }
    // Constant and input rows never change, so they are filled once.
    for slot in 0..<slotCount {
      var value = initialSlots[slot]
      let input = slot - Self.firstInputSlot
      if input >= 0 && input < inputNames.count { value = input < inputs.count ? inputs[input] : 0 }
      (base + slot * block).update(repeating: value, count: block)
    }
    instructions.withUnsafeBufferPointer { program in
      body(BlockWorkspace(tape: self, program: program, base: base))
    }
  }

  /// One instruction over a block. The common arithmetic has its own loop so it vectorises.
  @inline(__always)
  fileprivate static func apply(
    _ instruction: Instruction, _ n: Int, _ a: UnsafeMutablePointer<Double>,
    _ b: UnsafeMutablePointer<Double>, _ r: UnsafeMutablePointer<Double>
  ) {
    switch instruction.operation {
    case .add: for k in 0..<n { r[k] = a[k] + b[k] }
    case .subtract: for k in 0..<n { r[k] = a[k] - b[k] }
    case .multiply: for k in 0..<n { r[k] = a[k] * b[k] }
    case .divide: for k in 0..<n { r[k] = a[k] / b[k] }
    case .negate: for k in 0..<n { r[k] = -a[k] }
    case .square: for k in 0..<n { r[k] = a[k] * a[k] }
    case .sqrt: for k in 0..<n { r[k] = a[k].squareRoot() }
    // Transcendentals get loops of their own too: no dispatch per point.
    case .sin: for k in 0..<n { r[k] = Foundation.sin(a[k]) }
    case .cos: for k in 0..<n { r[k] = Foundation.cos(a[k]) }
    case .exp: for k in 0..<n { r[k] = Foundation.exp(a[k]) }
    case .log: for k in 0..<n { r[k] = Foundation.log(a[k]) }
    case .tanh: for k in 0..<n { r[k] = Foundation.tanh(a[k]) }
    case let operation:
      let c = instruction.constant
      for k in 0..<n { r[k] = operation.apply(a[k], b[k], c) }
    }
  }
}
