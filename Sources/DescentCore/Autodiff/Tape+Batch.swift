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
  ///
  /// Sub-expressions of `x` alone (`sin(3*x)`) are evaluated once per grid column and those
  /// of `y` alone once per grid row; only the rest runs once per point.
  public func accumulateValues(
    xs: [Double], ys: [Double], inputs: [Double], weight: Double, into output: inout [Double],
    overwrite: Bool = false
  ) {
    let width = xs.count
    guard output.count == width * ys.count, width > 0 else { return }
    let slotCount = initialSlots.count
    let block = Self.batchBlock
    // Slot rows: constants and inputs filled once, x-only slots over the whole width,
    // y-only slots as one value per grid row, and the rest per block.
    let columns = UnsafeMutablePointer<Double>.allocate(capacity: slotCount * width)
    let rows = UnsafeMutablePointer<Double>.allocate(capacity: slotCount * block)
    defer {
      columns.deallocate()
      rows.deallocate()
    }
    // Constants, inputs, and what depends on inputs alone (`1 - v`): one value per call.
    var scalars = initialSlots
    for index in 0..<Swift.min(inputs.count, inputNames.count) {
      scalars[Self.firstInputSlot + index] = inputs[index]
    }
    for instruction in instructions where dependency[instruction.result] == 0 {
      scalars[instruction.result] = instruction.operation.apply(
        scalars[instruction.a], scalars[instruction.b], instruction.constant)
    }
    for slot in 0..<slotCount {
      (columns + slot * width).update(repeating: scalars[slot], count: width)
      (rows + slot * block).update(repeating: scalars[slot], count: block)
    }
    xs.withUnsafeBufferPointer { columns.update(from: $0.baseAddress!, count: width) }
    instructions.withUnsafeBufferPointer { program in
      // x alone: once over every column.
      for instruction in program where dependency[instruction.result] == 1 {
        Self.apply(
          instruction, width, columns + instruction.a * width, columns + instruction.b * width,
          columns + instruction.result * width)
      }
      output.withUnsafeMutableBufferPointer { out in
        for (j, y) in ys.enumerated() {
          // y alone: once for this row, by the scalar rules.
          scalars[1] = y
          for instruction in program where dependency[instruction.result] == 2 {
            scalars[instruction.result] = instruction.operation.apply(
              scalars[instruction.a], scalars[instruction.b], instruction.constant)
          }
          var i = 0
          while i < width {
            let n = Swift.min(block, width - i)
            func row(_ slot: Int) -> UnsafeMutablePointer<Double> {
              switch dependency[slot] {
              case 1: return columns + slot * width + i
              default: return rows + slot * block
              }
            }
            for slot in 0..<slotCount where dependency[slot] == 2 {
              (rows + slot * block).update(repeating: scalars[slot], count: n)
            }
            for instruction in program where dependency[instruction.result] == 3 {
              Self.apply(
                instruction, n, row(instruction.a), row(instruction.b), row(instruction.result))
            }
            let f = row(self.output)
            let target = out.baseAddress! + j * width + i
            if overwrite {
              for k in 0..<n { target[k] = weight * f[k] }
            } else {
              for k in 0..<n { target[k] += weight * f[k] }
            }
            i += n
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
    case .sin: for k in 0..<n { r[k] = Math.sin(a[k]) }
    case .cos: for k in 0..<n { r[k] = Math.cos(a[k]) }
    case .exp: for k in 0..<n { r[k] = Math.exp(a[k]) }
    case .log: for k in 0..<n { r[k] = Math.log(a[k]) }
    case .tanh: for k in 0..<n { r[k] = Math.tanh(a[k]) }
    case let operation:
      let c = instruction.constant
      for k in 0..<n { r[k] = operation.apply(a[k], b[k], c) }
    }
  }
}
