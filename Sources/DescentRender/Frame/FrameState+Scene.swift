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
      kind: run.kind, trail: trail, heads: state.points, step: state.step, loss: state.loss,
      gradient: state.gradient, learningRate: run.optimizer.hyperparameters.lr,
      diverged: run.isDiverged)
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
