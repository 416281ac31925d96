import DescentCore

extension Viewport {
  /// The viewport that shows `view` (default: the scene's) in a map of `columns` × `rows`,
  /// fitted as the scene asks.
  public init(
    scene: Scene, x: ClosedRange<Double>? = nil, y: ClosedRange<Double>? = nil, columns: Int,
    rows: Int
  ) {
    self.init(
      x: x ?? scene.xRange, y: y ?? scene.yRange, columns: columns, rows: rows,
      aspect: scene.aspect == .fill ? .fill : .equal)
  }
}

extension RunView {
  /// How a core run looks in a frame, with the trail the caller has been keeping.
  public init(run: Run, trail: Trail) {
    let state = run.state
    self.init(
      kind: run.kind, trail: trail, head: state.position, step: state.step, loss: state.loss,
      gradient: state.gradient,
      learningRate: state.number("lr") ?? run.optimizer.hyperparameters.lr,
      diverged: run.isDiverged)
    scheduled = run.optimizer is Scheduled
    evaluations = state.evaluations
    if !state.members.isEmpty { swarm = state.members }
    marks = state.marks
  }
}

extension RunView {
  /// Runs `optimizer` on `scene` from `start` for `steps` updates (or until it diverges),
  /// keeping its trail: the frame of a finished run, for `descent render` and tests.
  public static func record(
    _ optimizer: any Optimizer, on scene: Scene, from start: SIMD2<Double>, steps: Int,
    gradient: SceneObjective.GradientMode = .backprop
  ) -> RunView {
    var objective = scene.objective()
    objective.gradientMode = gradient
    var run = Run(optimizer, from: start, on: &objective)
    var trail = Trail()
    trail.append(run.state.position)
    while run.state.step < steps, run.advance(on: &objective) {
      trail.append(run.state.position)
    }
    return RunView(run: run, trail: trail)
  }
}

extension FrameState {
  /// A frame of `scene` with its title, landmarks and start filled in.
  public init(scene: Scene, heat: HeatLayer, runs: [RunView], theme: Theme) {
    self.init(
      title: scene.title, minima: scene.minima.map(\.position),
      saddles: scene.saddles.map(\.position), start: scene.start, heat: heat, runs: runs,
      theme: theme)
  }
}
