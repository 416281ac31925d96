#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one gradient of a network's loss costs, three ways, against one forward pass: by
/// backpropagation, by forward mode (P Jacobian-vector products) and by central finite
/// differences (2P forward passes). `descent cost` measures a family of networks of growing
/// width, so the answer is a curve: backprop's ratio stays flat while the others grow like P.
public enum GradientCost {
  /// One network of the family, measured.
  public struct Row: Sendable, Equatable {
    public var layers: [Int]
    /// P, the number of weights and biases.
    public var parameters: Int
    /// Median seconds for one loss (a forward pass over every sample) and for one gradient
    /// by each method.
    public var forward: Double
    public var backprop: Double
    public var forwardMode: Double
    public var finiteDifferences: Double
    /// Whether forward mode's and finite differences' times are extrapolated: measured on
    /// `measuredAxes` of the P axes and scaled by P / measuredAxes, because the whole
    /// gradient would have taken longer than the time cap.
    public var measuredAxes: Int
    public var extrapolated: Bool { measuredAxes < parameters }
    /// Multiply-adds, counted from the layer sizes (machine-independent): one forward pass,
    /// one backprop gradient, one forward-mode gradient, one finite-difference gradient.
    public var operations: Operations
  }

  /// Multiply-adds of each computation, over the whole batch.
  public struct Operations: Sendable, Equatable {
    public var forward: Int
    public var backprop: Int
    public var forwardMode: Int
    public var finiteDifferences: Int
  }

  /// The networks `descent cost` measures: `2-w-…-w-1` with `depth` hidden layers of width w
  /// for each w in `widths`, tanh, cross-entropy.
  public static func family(widths: [Int], depth: Int) -> [MLP] {
    widths.map { width in
      MLP(layers: [2] + Array(repeating: width, count: depth) + [1], activation: .tanh, loss: .bce)
    }
  }

  /// Multiply-adds for `mlp` on `samples` samples. A forward pass is Σ fan_in·fan_out per
  /// sample; backprop adds the weight gradients (the same again) and the errors carried back
  /// through every layer but the first; a Jacobian-vector product carries the tangent beside
  /// the value (twice a forward pass); finite differences are two forward passes per weight.
  public static func operations(_ mlp: MLP, samples: Int) -> Operations {
    let products = (1..<mlp.layers.count).map { mlp.layers[$0 - 1] * mlp.layers[$0] }
    let forward = samples * products.reduce(0, +)
    let backward = samples * (products.reduce(0, +) + products.dropFirst().reduce(0, +))
    let p = mlp.parameterCount
    return Operations(
      forward: forward, backprop: forward + backward, forwardMode: p * 3 * forward,
      finiteDifferences: 2 * p * forward)
  }

  /// Measures `mlp` on `data`, in CPU seconds of the measuring thread. Each time is the
  /// median of repeated runs after a warm-up;
  /// forward mode and finite differences go over as many axes as fit in `timeCap` seconds
  /// (at least one) and are scaled up to all P.
  public static func measure(
    _ mlp: MLP, data: NetworkData, timeCap: Double, seed: UInt64 = 0,
    clock: () -> Double = GradientCost.threadSeconds
  ) -> Row {
    let theta = mlp.initialParameters(seed: seed)
    let (inputs, targets) = (data.inputs, data.targets)
    let p = mlp.parameterCount
    let forward = median(clock: clock) {
      _ = mlp.loss(theta, inputs: inputs, targets: targets)
    }
    let backprop = median(clock: clock) {
      _ = mlp.lossAndGradient(theta, inputs: inputs, targets: targets)
    }
    // One axis of each costs about a forward pass or two; measure as many as the cap allows.
    let axes = max(1, min(p, Int(timeCap / max(2 * forward, 1e-9))))
    let forwardMode = median(clock: clock, repeats: 3) {
      _ = mlp.forwardModeGradient(theta, inputs: inputs, targets: targets, count: axes)
    }
    let finiteDifferences = median(clock: clock, repeats: 3) {
      _ = NetworkObjective.finiteDifferences(mlp, theta, data, count: axes)
    }
    let scale = Double(p) / Double(axes)
    return Row(
      layers: mlp.layers, parameters: p, forward: forward, backprop: backprop,
      forwardMode: forwardMode * scale, finiteDifferences: finiteDifferences * scale,
      measuredAxes: axes, operations: operations(mlp, samples: data.count))
  }

  /// The median time of `body` over `repeats` runs (or more, up to 0.2 s in all, for fast
  /// bodies), after one warm-up run.
  static func median(clock: () -> Double, repeats: Int = 7, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    let begin = clock()
    while times.count < repeats || (clock() - begin < 0.2 && times.count < 1_000) {
      let start = clock()
      body()
      times.append(clock() - start)
    }
    times.sort()
    return times[times.count / 2]
  }

  /// The CPU time this thread has used, in seconds: unlike the wall clock, it does not count
  /// the time other processes on a shared machine take, so the ratios stay fair.
  public static func threadSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
