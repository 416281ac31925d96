/// A multi-layer perceptron: layer sizes such as [2, 16, 16, 1], one activation for the hidden
/// layers, and an output that suits the loss (a sigmoid for binary cross-entropy, the
/// identity for mean squared error).
///
/// The parameters θ are one flat vector, layer by layer: the weights Wˡ (row = output unit,
/// row-major) then the biases bˡ. `lossAndGradient` is backpropagation, written as the four
/// equations:
///
///     (1) δᴸ = ∇ₐC ⊙ σ'(zᴸ)                  the output error
///     (2) δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ'(zˡ)        the error carried back one layer
///     (3) ∂C/∂bˡ = δˡ                         the gradient of the biases
///     (4) ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ                 the gradient of the weights
///
/// each over a whole batch of samples at once (rows of the matrices), averaged.
public struct MLP: Sendable, Equatable {
  public enum Activation: String, Sendable, CaseIterable, Codable {
    case tanh, relu, sigmoid

    @inline(__always) func apply(_ z: Double) -> Double {
      switch self {
      // 1 − 2/(e^{2z} + 1): tanh to within 2⁻⁵² absolute, twice as fast as libm's tanh (the
      // forward pass's main cost). e^{2z} overflowing to ∞ gives exactly 1.
      case .tanh: 1 - 2 / (Math.exp(2 * z) + 1)
      case .relu: z > 0 ? z : 0
      case .sigmoid: 1 / (1 + Math.exp(-z))
      }
    }

    /// σ'(z), from the activation a = σ(z) where that is cheaper.
    @inline(__always) func derivative(z: Double, a: Double) -> Double {
      switch self {
      case .tanh: 1 - a * a
      case .relu: z > 0 ? 1 : 0
      case .sigmoid: a * (1 - a)
      }
    }
  }

  public enum Loss: String, Sendable, CaseIterable, Codable {
    /// Binary cross-entropy on a sigmoid output; targets 0 or 1.
    case bce
    /// Mean squared error (halved: ½(a − y)²) on a linear output.
    case mse
  }

  public var layers: [Int]
  public var activation: Activation
  public var loss: Loss

  public init(layers: [Int], activation: Activation, loss: Loss) {
    precondition(layers.count >= 2 && layers.allSatisfy { $0 >= 1 }, "an MLP needs layer sizes")
    self.layers = layers
    self.activation = activation
    self.loss = loss
  }

  /// P, the number of parameters.
  public var parameterCount: Int {
    (1..<layers.count).reduce(0) { $0 + layers[$1] * layers[$1 - 1] + layers[$1] }
  }

  /// Where layer l's (1-based) weights and biases start in θ.
  func offsets(_ l: Int) -> (weights: Int, biases: Int) {
    var offset = 0
    for k in 1..<l { offset += layers[k] * layers[k - 1] + layers[k] }
    return (offset, offset + layers[l] * layers[l - 1])
  }

  /// Glorot (Xavier) uniform weights, U(−a, a) with a = √(6 / (fan_in + fan_out)), and zero
  /// biases, from xoshiro256** seeded with `seed`.
  public func initialParameters(seed: UInt64) -> Parameters {
    var generator = Xoshiro256StarStar(seed: seed)
    var theta = Parameters(repeating: 0, count: parameterCount)
    for l in 1..<layers.count {
      let (w, _) = offsets(l)
      let bound = (6 / Double(layers[l] + layers[l - 1])).squareRoot()
      for i in 0..<(layers[l] * layers[l - 1]) {
        theta[w + i] = (2 * generator.uniform() - 1) * bound
      }
    }
    return theta
  }

  /// The network's output for each row of `inputs` (n × layers[0], row-major): one value
  /// per sample for a single output unit.
  public func predict(_ theta: Parameters, inputs: [Double]) -> [Double] {
    forward(theta, inputs: inputs).activations.last!
  }

  /// zˡ and aˡ for every layer (a⁰ is the input), each n × layers[l], row-major.
  func forward(_ theta: Parameters, inputs: [Double]) -> (
    preactivations: [[Double]], activations: [[Double]]
  ) {
    let n = inputs.count / layers[0]
    var zs: [[Double]] = [[]]
    var activations = [inputs]
    theta.values.withUnsafeBufferPointer { p in
      for l in 1..<layers.count {
        let (wOffset, bOffset) = offsets(l)
        let fanIn = layers[l - 1]
        let fanOut = layers[l]
        var z = [Double](repeating: 0, count: n * fanOut)
        var a = z
        let output = l == layers.count - 1
        activations[l - 1].withUnsafeBufferPointer { previous in
          z.withUnsafeMutableBufferPointer { z in
            a.withUnsafeMutableBufferPointer { a in
              for s in 0..<n {
                for j in 0..<fanOut {
                  let row = wOffset + j * fanIn
                  let input = s * fanIn
                  // Four running sums, so that the multiply-adds do not wait on each other.
                  var sums = SIMD4<Double>.zero
                  var k = 0
                  while k + 4 <= fanIn {
                    let w = SIMD4<Double>(
                      p[row + k], p[row + k + 1], p[row + k + 2], p[row + k + 3])
                    let i0 = input + k
                    let x = SIMD4<Double>(
                      previous[i0], previous[i0 + 1], previous[i0 + 2], previous[i0 + 3])
                    sums += w * x
                    k += 4
                  }
                  var sum = p[bOffset + j] + sums.sum()
                  while k < fanIn {
                    sum += p[row + k] * previous[input + k]
                    k += 1
                  }
                  z[s * fanOut + j] = sum
                  a[s * fanOut + j] =
                    output
                    ? (loss == .bce ? MLP.Activation.sigmoid.apply(sum) : sum)
                    : activation.apply(sum)
                }
              }
            }
          }
        }
        zs.append(z)
        activations.append(a)
      }
    }
    return (zs, activations)
  }

  /// The mean loss over the rows of `inputs` with `targets`, and its gradient by
  /// backpropagation (the four equations above).
  public func lossAndGradient(_ theta: Parameters, inputs: [Double], targets: [Double]) -> (
    loss: Double, gradient: Parameters
  ) {
    let n = targets.count
    let (zs, activations) = forward(theta, inputs: inputs)
    let L = layers.count - 1
    let outputs = layers[L]
    var gradient = Parameters(repeating: 0, count: parameterCount)
    var total = 0.0
    // (1) The output error. For a sigmoid output with cross-entropy, and a linear output
    // with squared error, ∇ₐC ⊙ σ'(zᴸ) simplifies to a − y.
    var delta = [Double](repeating: 0, count: n * outputs)
    for s in 0..<n {
      for j in 0..<outputs {
        let a = activations[L][s * outputs + j]
        let y = targets[s * outputs + j]
        switch loss {
        case .bce:
          // −[y log a + (1 − y) log(1 − a)], from z for accuracy: softplus(z) − y·z.
          let z = zs[L][s * outputs + j]
          total += Swift.max(z, 0) - y * z + Math.log1p(Math.exp(-Swift.abs(z)))
        case .mse:
          total += 0.5 * (a - y) * (a - y)
        }
        delta[s * outputs + j] = (a - y) / Double(n)
      }
    }
    gradient.values.withUnsafeMutableBufferPointer { grad in
      theta.values.withUnsafeBufferPointer { p in
        for l in stride(from: L, through: 1, by: -1) {
          let (wOffset, bOffset) = offsets(l)
          let fanIn = layers[l - 1]
          let fanOut = layers[l]
          activations[l - 1].withUnsafeBufferPointer { previous in
            delta.withUnsafeBufferPointer { delta in
              // (3) ∂C/∂bˡ = δˡ and (4) ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, summed over the batch.
              for s in 0..<n {
                let a = s * fanIn
                for j in 0..<fanOut {
                  let d = delta[s * fanOut + j]
                  grad[bOffset + j] += d
                  let row = wOffset + j * fanIn
                  for k in 0..<fanIn { grad[row + k] += d * previous[a + k] }
                }
              }
            }
          }
          guard l > 1 else { break }
          // (2) δˡ⁻¹ = ((Wˡ)ᵀ δˡ) ⊙ σ'(zˡ⁻¹)
          var back = [Double](repeating: 0, count: n * fanIn)
          back.withUnsafeMutableBufferPointer { back in
            delta.withUnsafeBufferPointer { delta in
              zs[l - 1].withUnsafeBufferPointer { z in
                activations[l - 1].withUnsafeBufferPointer { a in
                  for s in 0..<n {
                    let base = s * fanIn
                    for j in 0..<fanOut {
                      let d = delta[s * fanOut + j]
                      let row = wOffset + j * fanIn
                      for k in 0..<fanIn { back[base + k] += p[row + k] * d }
                    }
                    for k in 0..<fanIn {
                      let i = base + k
                      back[i] *= activation.derivative(z: z[i], a: a[i])
                    }
                  }
                }
              }
            }
          }
          delta = back
        }
      }
    }
    return (total / Double(n), gradient)
  }

  /// The mean loss alone: one forward pass.
  public func loss(_ theta: Parameters, inputs: [Double], targets: [Double]) -> Double {
    lossAndAccuracy(theta, inputs: inputs, targets: targets).loss
  }

  /// The mean loss and the accuracy (see `accuracy`) from one forward pass.
  public func lossAndAccuracy(_ theta: Parameters, inputs: [Double], targets: [Double]) -> (
    loss: Double, accuracy: Double
  ) {
    let (zs, activations) = forward(theta, inputs: inputs)
    let L = layers.count - 1
    var total = 0.0
    var right = 0
    for i in targets.indices {
      let y = targets[i]
      let a = activations[L][i]
      switch loss {
      case .bce:
        let z = zs[L][i]
        total += Swift.max(z, 0) - y * z + Math.log1p(Math.exp(-Swift.abs(z)))
        if (a > 0.5) == (y > 0.5) { right += 1 }
      case .mse:
        total += 0.5 * (a - y) * (a - y)
        if Swift.abs(a - y) < 0.1 { right += 1 }
      }
    }
    return (total / Double(targets.count), Double(right) / Double(targets.count))
  }

  /// The fraction of samples classified right (output above ½ means 1); for regression, the
  /// fraction within 0.1 of the target.
  public func accuracy(_ theta: Parameters, inputs: [Double], targets: [Double]) -> Double {
    lossAndAccuracy(theta, inputs: inputs, targets: targets).accuracy
  }

  /// The weights and biases of layer l (1-based) as nested arrays, row = output unit.
  public func layer(_ l: Int, of theta: Parameters) -> (weights: [[Double]], biases: [Double]) {
    let (w, b) = offsets(l)
    let weights = (0..<layers[l]).map { j in
      Array(theta.values[(w + j * layers[l - 1])..<(w + (j + 1) * layers[l - 1])])
    }
    return (weights, Array(theta.values[b..<(b + layers[l])]))
  }
}
