import Dispatch

/// A plane through weight space, θ(α, β) = θ₀ + α·d₁ + β·d₂: where a network's loss is drawn.
public struct Plane: Sendable, Equatable {
  public var origin: Parameters
  public var d1: Parameters
  public var d2: Parameters

  public init(origin: Parameters, d1: Parameters, d2: Parameters) {
    self.origin = origin
    self.d1 = d1
    self.d2 = d2
  }

  /// θ(α, β).
  public func point(_ p: SIMD2<Double>) -> Parameters {
    var theta = origin
    for i in 0..<theta.count { theta[i] += p.x * d1[i] + p.y * d2[i] }
    return theta
  }

  /// The (α, β) whose point is nearest θ: the least-squares projection onto the plane (the
  /// directions need not be orthogonal). Its "shadow".
  public func project(_ theta: Parameters) -> SIMD2<Double> {
    let offset = theta - origin
    let a = d1.dot(d1)
    let b = d1.dot(d2)
    let c = d2.dot(d2)
    let u = d1.dot(offset)
    let v = d2.dot(offset)
    let determinant = a * c - b * b
    guard determinant != 0, determinant.isFinite else { return .zero }
    return SIMD2((c * u - b * v) / determinant, (a * v - b * u) / determinant)
  }

  /// Filter-normalised random directions (Li et al. 2018): each row of each weight matrix
  /// (one output unit's incoming weights) gets a Gaussian direction scaled to that row's norm
  /// in `theta`; biases get none.
  public static func randomDirections(for mlp: MLP, at theta: Parameters, seed: UInt64)
    -> (Parameters, Parameters)
  {
    var generator = Xoshiro256StarStar(seed: seed)
    func direction() -> Parameters {
      var d = Parameters(repeating: 0, count: theta.count)
      for l in 1..<mlp.layers.count {
        let (w, _) = mlp.offsets(l)
        let fanIn = mlp.layers[l - 1]
        for j in 0..<mlp.layers[l] {
          let row = w + j * fanIn
          var dNorm = 0.0
          var tNorm = 0.0
          for k in 0..<fanIn {
            let g = generator.normalPair().x
            d[row + k] = g
            dNorm += g * g
            tNorm += theta[row + k] * theta[row + k]
          }
          let scale = dNorm > 0 ? (tNorm / dNorm).squareRoot() : 0
          for k in 0..<fanIn { d[row + k] *= scale }
        }
      }
      return d
    }
    let d1 = direction()
    return (d1, direction())
  }

  /// The first two principal components of a path's points (Li et al.'s "PCA directions"),
  /// by power iteration on the Gram matrix of the points' offsets from the last one.
  public static func principalDirections(of path: [Parameters]) -> (Parameters, Parameters)? {
    guard let last = path.last, path.count >= 3 else { return nil }
    // At most 100 points, evenly spaced along the path: enough for two directions.
    let stride = Swift.max(1, (path.count - 1 + 99) / 100)
    let offsets = Swift.stride(from: 0, to: path.count - 1, by: stride).map { path[$0] - last }
    let n = offsets.count
    var gram = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in i..<n {
        let value = offsets[i].dot(offsets[j])
        gram[i * n + j] = value
        gram[j * n + i] = value
      }
    }
    var components: [Parameters] = []
    var found: [[Double]] = []
    for _ in 0..<2 {
      var vector = (0..<n).map { Double($0 % 7) + 1 }
      for _ in 0..<200 {
        var next = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<n { next[i] += gram[i * n + j] * vector[j] } }
        for previous in found {  // deflate: stay orthogonal to the first component
          let overlap = zip(next, previous).map(*).reduce(0, +)
          for i in 0..<n { next[i] -= overlap * previous[i] }
        }
        let norm = next.map { $0 * $0 }.reduce(0, +).squareRoot()
        guard norm > 0, norm.isFinite else { return nil }
        vector = next.map { $0 / norm }
      }
      found.append(vector)
      var component = Parameters(repeating: 0, count: last.count)
      for i in 0..<n { component = component + offsets[i] * vector[i] }
      let norm = component.norm
      guard norm > 0 else { return nil }
      components.append(component / norm)
    }
    return (components[0], components[1])
  }
}

/// A scene whose two parameters are a slice through a network's weights: the network, its
/// data, and the plane.
public struct NetworkScene: Sendable {
  public var mlp: MLP
  public var data: NetworkData
  /// What the data is: a generated dataset's name, or a CSV file.
  public var dataName: String
  /// Mini-batch size; nil for the full batch.
  public var batch: Int?
  /// The seed of the weight initialisation (and the mini-batch shuffle).
  public var seed: UInt64
  /// The initial weights, from `seed`.
  public var initial: Parameters
  public var plane: Plane

  public init(
    mlp: MLP, data: NetworkData, dataName: String, batch: Int?, seed: UInt64, plane: Plane
  ) {
    self.mlp = mlp
    self.data = data
    self.dataName = dataName
    self.batch = batch
    self.seed = seed
    self.initial = mlp.initialParameters(seed: seed)
    self.plane = plane
  }

  /// What one full-data gradient costs, measured here and now: the time of one backprop
  /// (a forward and a backward pass) and of one forward pass (the median of `repeats`), and
  /// so the time of central finite differences, 2P forward passes.
  public func gradientCost(repeats: Int = 5) -> (
    parameters: Int, backprop: Double, forward: Double, finiteDifferences: Double
  ) {
    func median(_ body: () -> Void) -> Double {
      var times: [Double] = []
      for _ in 0..<Swift.max(1, repeats) {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      }
      return times.sorted()[times.count / 2]
    }
    let theta = initial
    let backprop = median {
      _ = mlp.lossAndGradient(theta, inputs: data.inputs, targets: data.targets)
    }
    let forward = median { _ = mlp.loss(theta, inputs: data.inputs, targets: data.targets) }
    let p = mlp.parameterCount
    return (p, backprop, forward, 2 * Double(p) * forward)
  }

  /// The full-data loss at (α, β).
  public func loss(at p: SIMD2<Double>) -> Double {
    mlp.loss(plane.point(p), inputs: data.inputs, targets: data.targets)
  }

  /// The full-data loss at (α, β), as a run reports it there, and its gradient in (α, β):
  /// by the chain rule through θ(α, β) = θ₀ + α·d₁ + β·d₂, (∇L·d₁, ∇L·d₂), the weight
  /// gradient (by backprop over all the data) projected on the plane's directions.
  public func lossAndGradient(at p: SIMD2<Double>) -> (loss: Double, gradient: SIMD2<Double>) {
    let theta = plane.point(p)
    let g = mlp.lossAndGradient(theta, inputs: data.inputs, targets: data.targets).gradient
    return (
      mlp.loss(theta, inputs: data.inputs, targets: data.targets),
      SIMD2(g.dot(plane.d1), g.dot(plane.d2))
    )
  }

  /// The full-data loss, its gradient and its Hessian in (α, β): by the chain rule through
  /// the plane, ∂²L/∂α² = d₁ᵀH d₁, ∂²L/∂α∂β = d₁ᵀH d₂, ∂²L/∂β² = d₂ᵀH d₂, from two exact
  /// Hessian-vector products (`MLP.hessianVectorProduct`) rather than the P × P Hessian.
  public func lossGradientAndHessian(at p: SIMD2<Double>) -> (
    loss: Double, gradient: SIMD2<Double>, hessian: SymmetricMatrix2
  ) {
    let (loss, gradient) = lossAndGradient(at: p)
    let theta = plane.point(p)
    let h1 = mlp.hessianVectorProduct(
      theta, along: plane.d1, inputs: data.inputs, targets: data.targets)
    let h2 = mlp.hessianVectorProduct(
      theta, along: plane.d2, inputs: data.inputs, targets: data.targets)
    // d₁ᵀH d₂ and d₂ᵀH d₁ agree but for rounding; their mean keeps the matrix symmetric.
    let mixed = (plane.d1.dot(h2) + plane.d2.dot(h1)) / 2
    return (
      loss, gradient, SymmetricMatrix2(xx: plane.d1.dot(h1), xy: mixed, yy: plane.d2.dot(h2))
    )
  }

  /// The full-data loss over the grid `xs × ys` (α × β), row-major by β, rows computed on
  /// every core. `rowDone` is called (from any thread) after each row; once `cancelled`
  /// returns true, the remaining rows are skipped (their values are NaN).
  public func sliceValues(
    xs: [Double], ys: [Double], rowDone: @Sendable () -> Void = {},
    cancelled: @Sendable () -> Bool = { false }
  ) -> [Double] {
    guard !xs.isEmpty, !ys.isEmpty else { return [] }
    let rows = UnsafeMutableBufferPointer<Double>.allocate(capacity: xs.count * ys.count)
    rows.initialize(repeating: .nan)
    defer { rows.deallocate() }
    let base = UInt(bitPattern: rows.baseAddress)
    DispatchQueue.concurrentPerform(iterations: ys.count) { j in
      guard !cancelled() else { return }
      // Each row writes only its own part of the buffer.
      let pointer = UnsafeMutablePointer<Double>(bitPattern: base)!
      for i in xs.indices {
        pointer[j * xs.count + i] = loss(at: SIMD2(xs[i], ys[j]))
      }
      rowDone()
    }
    return Array(rows)
  }

  /// The samples update `t` (1-based) trains on: everything, or the t-th mini-batch of a
  /// seeded shuffle, reshuffled every epoch (as the data scenes do).
  public func batchData(forUpdate t: Int) -> NetworkData {
    guard let batch, batch < data.count else { return data }
    let perEpoch = (data.count + batch - 1) / batch
    let epoch = (t - 1) / perEpoch
    let index = (t - 1) % perEpoch
    var generator = Xoshiro256StarStar(seed: seed &+ UInt64(epoch) &* 0x9E37_79B9)
    var order = Array(0..<data.count)
    for i in stride(from: order.count - 1, to: 0, by: -1) {
      order.swapAt(i, generator.index(below: i + 1))
    }
    let start = index * batch
    return data.subset(Array(order[start..<Swift.min(start + batch, order.count)]))
  }
}
