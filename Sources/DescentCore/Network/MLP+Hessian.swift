/// Second derivatives of the MLP's loss by forward over reverse: backpropagation (the four
/// equations of `MLP`) differentiated along a direction v in weight space. Beside each value
/// the forward pass carries its tangent (as `lossAndDirectionalDerivative` does), and beside
/// each error δˡ the backward pass carries δ̇ˡ, its derivative along v:
///
///     δ̇ᴸ = ȧᴸ / n
///     δ̇ˡ⁻¹ = ((Vˡ)ᵀ δˡ + (Wˡ)ᵀ δ̇ˡ) ⊙ σ'(zˡ⁻¹) + ((Wˡ)ᵀ δˡ) ⊙ σ''(zˡ⁻¹) żˡ⁻¹
///     (∂C/∂bˡ)˙ = δ̇ˡ,    (∂C/∂Wˡ)˙ = δ̇ˡ (aˡ⁻¹)ᵀ + δˡ (ȧˡ⁻¹)ᵀ
///
/// The gradient's tangent is the Hessian-vector product H v, exactly, at the cost of about two
/// gradients; the whole P × P Hessian is P of them, one per weight.
extension MLP {
  /// H v: the Hessian of the mean loss at θ times `direction`, by forward over reverse.
  public func hessianVectorProduct(
    _ theta: Parameters, along direction: Parameters, inputs: [Double], targets: [Double]
  ) -> Parameters {
    precondition(direction.count == theta.count, "a direction has one entry per parameter")
    let record = backpropRecord(theta, inputs: inputs, targets: targets)
    return gradientTangent(theta, along: direction, record: record, targets: targets)
  }

  /// The P × P Hessian of the mean loss at θ: column i is H eᵢ, one Hessian-vector product
  /// along each parameter's axis (the forward and backward values are computed once). The
  /// result is symmetrised, (H + Hᵀ)/2, which changes entries only by rounding.
  public func hessian(_ theta: Parameters, inputs: [Double], targets: [Double]) -> Matrix {
    let p = theta.count
    let record = backpropRecord(theta, inputs: inputs, targets: targets)
    var columns = Matrix(rows: p, columns: p)
    var axis = Parameters(repeating: 0, count: p)
    for i in 0..<p {
      axis[i] = 1
      let column = gradientTangent(theta, along: axis, record: record, targets: targets)
      for j in 0..<p { columns[i, j] = column[j] }
      axis[i] = 0
    }
    var hessian = columns
    for i in 0..<p {
      for j in 0..<i {
        let mean = (columns[i, j] + columns[j, i]) / 2
        hessian[i, j] = mean
        hessian[j, i] = mean
      }
    }
    return hessian
  }

  /// What the tangent sweeps need from one forward and one backward pass: zˡ and aˡ (index l,
  /// a⁰ the input), δˡ, and eˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹, the error carried back before σ'(zˡ) scales
  /// it (index l for l = 1 ..< L).
  struct BackpropRecord {
    var preactivations: [[Double]]
    var activations: [[Double]]
    var deltas: [[Double]]
    var carried: [[Double]]
  }

  func backpropRecord(_ theta: Parameters, inputs: [Double], targets: [Double])
    -> BackpropRecord
  {
    let (zs, activations) = forward(theta, inputs: inputs)
    let last = layers.count - 1
    let samples = inputs.count / layers[0]
    var deltas = [[Double]](repeating: [], count: layers.count)
    var carried = [[Double]](repeating: [], count: layers.count)
    deltas[last] = zip(activations[last], targets).map { ($0 - $1) / Double(targets.count) }
    for l in stride(from: last, to: 1, by: -1) {
      let (wOffset, _) = offsets(l)
      let fanIn = layers[l - 1]
      let fanOut = layers[l]
      var back = [Double](repeating: 0, count: samples * fanIn)
      for s in 0..<samples {
        for j in 0..<fanOut {
          let d = deltas[l][s * fanOut + j]
          for k in 0..<fanIn { back[s * fanIn + k] += theta[wOffset + j * fanIn + k] * d }
        }
      }
      carried[l - 1] = back
      deltas[l - 1] = back.indices.map {
        back[$0] * activation.derivative(z: zs[l - 1][$0], a: activations[l - 1][$0])
      }
    }
    return BackpropRecord(
      preactivations: zs, activations: activations, deltas: deltas, carried: carried)
  }

  /// The gradient's derivative along v: H v.
  func gradientTangent(
    _ theta: Parameters, along v: Parameters, record: BackpropRecord, targets: [Double]
  ) -> Parameters {
    let last = layers.count - 1
    let samples = record.activations[0].count / layers[0]
    let zs = record.preactivations
    let activations = record.activations
    // Forward: żˡ = Vˡ aˡ⁻¹ + Wˡ ȧˡ⁻¹ + v_bˡ, ȧˡ = σ'(zˡ) żˡ.
    var aDots = [[Double](repeating: 0, count: activations[0].count)]
    var zDots: [[Double]] = [[]]
    for l in 1...last {
      let (wOffset, bOffset) = offsets(l)
      let fanIn = layers[l - 1]
      let fanOut = layers[l]
      var zDot = [Double](repeating: 0, count: samples * fanOut)
      var aDot = zDot
      for s in 0..<samples {
        for j in 0..<fanOut {
          let row = wOffset + j * fanIn
          var tangent = v[bOffset + j]
          for k in 0..<fanIn {
            tangent +=
              v[row + k] * activations[l - 1][s * fanIn + k] + theta[row + k]
              * aDots[l - 1][s * fanIn + k]
          }
          let i = s * fanOut + j
          zDot[i] = tangent
          let a = activations[l][i]
          if l < last {
            aDot[i] = activation.derivative(z: zs[l][i], a: a) * tangent
          } else {
            aDot[i] = loss == .bce ? a * (1 - a) * tangent : tangent
          }
        }
      }
      zDots.append(zDot)
      aDots.append(aDot)
    }
    // Backward: δ̇ and the gradient's tangent, layer by layer.
    var product = Parameters(repeating: 0, count: theta.count)
    var deltaDot = aDots[last].map { $0 / Double(targets.count) }
    for l in stride(from: last, through: 1, by: -1) {
      let (wOffset, bOffset) = offsets(l)
      let fanIn = layers[l - 1]
      let fanOut = layers[l]
      let delta = record.deltas[l]
      for s in 0..<samples {
        for j in 0..<fanOut {
          let d = delta[s * fanOut + j]
          let dDot = deltaDot[s * fanOut + j]
          product[bOffset + j] += dDot
          let row = wOffset + j * fanIn
          for k in 0..<fanIn {
            let i = s * fanIn + k
            product[row + k] += dDot * activations[l - 1][i] + d * aDots[l - 1][i]
          }
        }
      }
      guard l > 1 else { break }
      // ė = (Vˡ)ᵀ δˡ + (Wˡ)ᵀ δ̇ˡ, then δ̇ˡ⁻¹ = ė ⊙ σ'(z) + e ⊙ (σ'(z))˙.
      var carriedDot = [Double](repeating: 0, count: samples * fanIn)
      for s in 0..<samples {
        for j in 0..<fanOut {
          let d = delta[s * fanOut + j]
          let dDot = deltaDot[s * fanOut + j]
          let row = wOffset + j * fanIn
          for k in 0..<fanIn { carriedDot[s * fanIn + k] += v[row + k] * d + theta[row + k] * dDot }
        }
      }
      let e = record.carried[l - 1]
      deltaDot = carriedDot.indices.map { i in
        let z = zs[l - 1][i]
        let a = activations[l - 1][i]
        return carriedDot[i] * activation.derivative(z: z, a: a) + e[i]
          * activation.derivativeTangent(a: a, aDot: aDots[l - 1][i])
      }
    }
    return product
  }
}

extension MLP.Activation {
  /// The derivative of σ'(z) along a tangent, σ''(z)·ż, from a = σ(z) and ȧ = σ'(z)·ż:
  /// tanh' = 1 − a² gives −2a·ȧ; σ' = a(1 − a) gives (1 − 2a)·ȧ; relu' is piecewise constant.
  @inline(__always) func derivativeTangent(a: Double, aDot: Double) -> Double {
    switch self {
    case .tanh: -2 * a * aDot
    case .sigmoid: (1 - 2 * a) * aDot
    case .relu: 0
    }
  }
}
