/// Forward-mode differentiation of the MLP: a Jacobian-vector product carries a tangent v
/// (a direction in weight space) forward beside the values, layer by layer:
///
///     zˡ = Wˡ aˡ⁻¹ + bˡ          żˡ = Vˡ aˡ⁻¹ + Wˡ ȧˡ⁻¹ + v_bˡ
///     aˡ = σ(zˡ)                 ȧˡ = σ'(zˡ) ⊙ żˡ
///     C = mean ℓ(aᴸ, y)          Ċ = mean (aᴸ − y) ⊙ żᴸ   (= ∇C · v)
///
/// (Vˡ and v_bˡ are v's entries for layer l's weights and biases; ȧ⁰ = 0.) One product
/// costs about two forward passes and gives one directional derivative, so the whole
/// gradient takes P of them, one per weight: the cost that backpropagation avoids.
extension MLP {
  /// The mean loss and its derivative along `direction`, ∇C · v, in one forward sweep.
  public func lossAndDirectionalDerivative(
    _ theta: Parameters, along direction: Parameters, inputs: [Double], targets: [Double]
  ) -> (loss: Double, derivative: Double) {
    precondition(direction.count == theta.count, "a direction has one entry per parameter")
    let n = targets.count
    var a = inputs
    var aDot = [Double](repeating: 0, count: inputs.count)
    var z: [Double] = []
    var zDot: [Double] = []
    let last = layers.count - 1
    theta.values.withUnsafeBufferPointer { p in
      direction.values.withUnsafeBufferPointer { v in
        for l in 1...last {
          let (wOffset, bOffset) = offsets(l)
          let fanIn = layers[l - 1]
          let fanOut = layers[l]
          z = [Double](repeating: 0, count: n * fanOut)
          zDot = z
          var next = z
          var nextDot = z
          for s in 0..<n {
            let input = s * fanIn
            for j in 0..<fanOut {
              let row = wOffset + j * fanIn
              var sum = p[bOffset + j]
              var tangent = v[bOffset + j]
              for k in 0..<fanIn {
                sum += p[row + k] * a[input + k]
                tangent += v[row + k] * a[input + k] + p[row + k] * aDot[input + k]
              }
              let i = s * fanOut + j
              z[i] = sum
              zDot[i] = tangent
              if l < last {
                next[i] = activation.apply(sum)
                nextDot[i] = activation.derivative(z: sum, a: next[i]) * tangent
              } else {
                next[i] = loss == .bce ? MLP.Activation.sigmoid.apply(sum) : sum
                nextDot[i] = tangent
              }
            }
          }
          a = next
          aDot = nextDot
        }
      }
    }
    var total = 0.0
    var derivative = 0.0
    for i in 0..<n {
      let y = targets[i]
      switch loss {
      case .bce:
        // softplus(z) − y·z, whose derivative in z is σ(z) − y = a − y.
        total += Swift.max(z[i], 0) - y * z[i] + Math.log1p(Math.exp(-Swift.abs(z[i])))
      case .mse:
        total += 0.5 * (a[i] - y) * (a[i] - y)
      }
      derivative += (a[i] - y) * zDot[i]
    }
    return (total / Double(n), derivative / Double(n))
  }

  /// The gradient by forward mode: P Jacobian-vector products, one along each parameter's
  /// axis. Equal to `lossAndGradient`'s to rounding; `count` limits it to the first `count`
  /// parameters (the rest are 0), for measuring its cost on a large network.
  public func forwardModeGradient(
    _ theta: Parameters, inputs: [Double], targets: [Double], count: Int? = nil
  ) -> Parameters {
    var gradient = Parameters(repeating: 0, count: theta.count)
    var axis = Parameters(repeating: 0, count: theta.count)
    for i in 0..<Swift.min(count ?? theta.count, theta.count) {
      axis[i] = 1
      gradient[i] =
        lossAndDirectionalDerivative(theta, along: axis, inputs: inputs, targets: targets)
        .derivative
      axis[i] = 0
    }
    return gradient
  }
}
