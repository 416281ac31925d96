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
    output.withUnsafeMutableBufferPointer { out in
      run(count: points.count, inputs: inputs) { start, n, x, y in
        for k in 0..<n {
          x[k] = points[start + k].x
          y[k] = points[start + k].y
        }
      } store: { start, n, f in
        for k in 0..<n { out[start + k] = f[k] }
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
    precondition(output.count == width * ys.count, "output must hold xs.count × ys.count values")
    guard width > 0 else { return }
    xs.withUnsafeBufferPointer { xs in
      ys.withUnsafeBufferPointer { ys in
        output.withUnsafeMutableBufferPointer { out in
          run(count: out.count, inputs: inputs) { start, n, x, y in
            for k in 0..<n {
              let index = start + k
              x[k] = xs[index % width]
              y[k] = ys[index / width]
            }
          } store: { start, n, f in
            if overwrite {
              for k in 0..<n { out[start + k] = weight * f[k] }
            } else {
              for k in 0..<n { out[start + k] += weight * f[k] }
            }
          }
        }
      }
    }
  }

  /// Runs the tape over `count` points in blocks. `load` fills the x and y rows of a block;
  /// `store` receives the output row.
  private func run(
    count: Int, inputs: [Double],
    load: (Int, Int, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void,
    store: (Int, Int, UnsafeMutablePointer<Double>) -> Void
  ) {
    let block = Self.batchBlock
    let slotCount = initialSlots.count
    let workspace = UnsafeMutablePointer<Double>.allocate(capacity: slotCount * block)
    defer { workspace.deallocate() }
    // Constant and input rows never change, so they are filled once.
    for slot in 0..<slotCount {
      var value = initialSlots[slot]
      let input = slot - Self.firstInputSlot
      if input >= 0 && input < inputNames.count { value = input < inputs.count ? inputs[input] : 0 }
      (workspace + slot * block).update(repeating: value, count: block)
    }
    instructions.withUnsafeBufferPointer { program in
      var start = 0
      while start < count {
        let n = Swift.min(block, count - start)
        load(start, n, workspace, workspace + block)
        for instruction in program {
          Self.apply(
            instruction, n, workspace + instruction.a * block, workspace + instruction.b * block,
            workspace + instruction.result * block)
        }
        store(start, n, workspace + output * block)
        start += n
      }
    }
  }

  /// One instruction over a block. The common arithmetic has its own loop so it vectorises.
  @inline(__always)
  private static func apply(
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
    case let operation:
      let c = instruction.constant
      for k in 0..<n { r[k] = operation.apply(a[k], b[k], c) }
    }
  }
}
