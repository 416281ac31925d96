/// The objective a scene's optimizers train on: the surface itself, or, for a data scene, the
/// mean of the per-sample loss over the dataset.
///
/// For a data scene with a `batch` size, each update's gradient is the mean over a fresh
/// mini-batch: update t uses batch t of a seeded shuffle of the rows, reshuffled every epoch
/// (as a PyTorch `DataLoader(shuffle=True)` does). Batches are a function of the update
/// number, so a replayed or rewound run sees the same ones. The loss reported is always the
/// full-data loss, so that runs can be compared with each other and with the heatmap.
public struct SceneObjective: Objective, Sendable {
  /// How gradients are computed.
  public enum GradientMode: String, Sendable, CaseIterable {
    /// Backpropagation over the tape: one forward and one reverse sweep.
    case backprop
    /// Central finite differences, (f(x + hᵢ) − f(x − hᵢ)) / 2hᵢ per parameter, with
    /// hᵢ = ∛ε · max(1, |xᵢ|): two evaluations of f per parameter, four for two, plus one
    /// for f itself.
    case finiteDifferences = "finite-differences"
  }

  /// How `valueAndGradient` computes the gradient. Can change between steps.
  public var gradientMode = GradientMode.backprop
  private var evaluator: TapeEvaluator
  public let dataset: Dataset?
  public let batch: Int?
  public let seed: UInt64
  private var permutation: [Int] = []
  private var epoch = -1
  private var batchStart = 0
  private var batchEnd = 0

  /// For a network scene, its network: runs then train all the weights (`Run`).
  public let network: NetworkScene?

  public init(
    tape: Tape, dataset: Dataset?, batch: Int?, seed: UInt64, network: NetworkScene? = nil
  ) {
    self.evaluator = TapeEvaluator(tape)
    self.network = network
    self.dataset = dataset
    self.seed = seed
    if let dataset, let batch, batch < dataset.rowCount {
      self.batch = batch
      self.permutation = Array(0..<dataset.rowCount)
    } else {
      self.batch = nil
    }
    // A fresh objective is ready for the first update, even before anyone prepares it.
    prepare(forUpdate: 1)
  }

  /// ∛ε: the step that balances truncation and rounding error in central differences.
  static let differenceStep = Math.cbrt(Double.ulpOfOne)

  public mutating func prepare(forUpdate t: Int) {
    guard let batch, let dataset else { return }
    let n = dataset.rowCount
    let perEpoch = (n + batch - 1) / batch
    let update = max(t, 1) - 1
    let e = update / perEpoch
    if e != epoch {
      epoch = e
      // A Fisher–Yates shuffle from a generator seeded by (seed, epoch).
      var generator = Xoshiro256StarStar(seed: seed &+ UInt64(e) &* 0x9E37_79B9_7F4A_7C15)
      for i in 0..<n { permutation[i] = i }
      for i in stride(from: n - 1, to: 0, by: -1) {
        let j = Int(generator.next() % UInt64(i + 1))
        permutation.swapAt(i, j)
      }
    }
    let b = update % perEpoch
    batchStart = b * batch
    batchEnd = min(n, batchStart + batch)
  }

  public mutating func value(at point: SIMD2<Double>) -> Double {
    guard let dataset else { return evaluator.value(at: point) }
    let width = dataset.columns.count
    var sum = 0.0
    for r in 0..<dataset.rowCount {
      for c in 0..<width { evaluator.setInput(c, to: dataset.values[r * width + c]) }
      sum += evaluator.value(at: point)
    }
    return sum / Double(dataset.rowCount)
  }

  public var gradientCost: EvaluationCount {
    gradientMode == .backprop ? EvaluationCount(gradients: 1) : EvaluationCount(values: 5)
  }

  public mutating func valueAndGradient(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>
  ) {
    if gradientMode == .finiteDifferences {
      let step = SIMD2(
        Self.differenceStep * max(1, abs(point.x)), Self.differenceStep * max(1, abs(point.y)))
      let dx = SIMD2(step.x, 0)
      let dy = SIMD2(0, step.y)
      let gradient = SIMD2(
        (value(at: point + dx) - value(at: point - dx)) / (2 * step.x),
        (value(at: point + dy) - value(at: point - dy)) / (2 * step.y))
      return (value(at: point), gradient)
    }
    guard let dataset else { return evaluator.valueAndGradient(at: point) }
    let width = dataset.columns.count
    var sum = 0.0
    var gradient = SIMD2<Double>.zero
    if batch == nil {
      for r in 0..<dataset.rowCount {
        for c in 0..<width { evaluator.setInput(c, to: dataset.values[r * width + c]) }
        let (v, g) = evaluator.valueAndGradient(at: point)
        sum += v
        gradient += g
      }
      let n = Double(dataset.rowCount)
      return (sum / n, gradient / n)
    }
    for k in batchStart..<batchEnd {
      let r = permutation[k]
      for c in 0..<width { evaluator.setInput(c, to: dataset.values[r * width + c]) }
      gradient += evaluator.valueAndGradient(at: point).gradient
    }
    return (value(at: point), gradient / Double(batchEnd - batchStart))
  }

  /// `hessian(at:)` with H as a matrix, for Newton's method.
  public mutating func valueGradientAndHessian(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>, hessian: Matrix
  )? {
    let (value, gradient, hessian) = hessian(at: point)
    return (value, gradient, hessian.matrix)
  }

  /// `hessian(at:)`, for Newton's method on the plane.
  public mutating func valueGradientAndSurfaceHessian(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>, hessian: SymmetricMatrix2
  )? {
    hessian(at: point)
  }

  /// f, ∇f and the exact Hessian ∇²f at `point`, over the same data as `valueAndGradient`
  /// (the whole dataset, or this update's mini-batch, whose mean Hessian it is).
  ///
  /// The Hessian always comes from the tape by forward over reverse
  /// (`TapeEvaluator.hessian`), never from differences; f and ∇f are `valueAndGradient`'s,
  /// bit for bit, in either gradient mode.
  public mutating func hessian(at point: SIMD2<Double>) -> (
    value: Double, gradient: SIMD2<Double>, hessian: SymmetricMatrix2
  ) {
    if gradientMode == .finiteDifferences {
      let (value, gradient) = valueAndGradient(at: point)
      return (value, gradient, exactHessian(at: point))
    }
    guard let dataset else { return evaluator.hessian(at: point) }
    let width = dataset.columns.count
    var sum = 0.0
    var gradient = SIMD2<Double>.zero
    var hessian = SymmetricMatrix2.zero
    let rows =
      batch == nil ? Array(0..<dataset.rowCount) : Array(permutation[batchStart..<batchEnd])
    for r in rows {
      for c in 0..<width { evaluator.setInput(c, to: dataset.values[r * width + c]) }
      let (v, g, h) = evaluator.hessian(at: point)
      sum += v
      gradient += g
      hessian += h
    }
    let n = Double(rows.count)
    return (batch == nil ? sum / n : value(at: point), gradient / n, hessian / n)
  }

  /// The tape's Hessian, whatever the gradient mode, over this update's data.
  private mutating func exactHessian(at point: SIMD2<Double>) -> SymmetricMatrix2 {
    let mode = gradientMode
    gradientMode = .backprop
    defer { gradientMode = mode }
    return hessian(at: point).hessian
  }
}
