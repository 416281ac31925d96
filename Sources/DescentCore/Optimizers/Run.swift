/// One optimizer's run from a start point: its current state, and whether it diverged.
///
/// `Run` erases the optimizer's type so that runs of different optimizers can race side by
/// side. On a surface the optimizer steps the point itself; in a network scene (an objective
/// with a `network`) it trains all the weights (`NetworkObjective`) and the run shows their
/// shadow on the scene's plane. A run diverges when its position or loss stops being finite,
/// or when the position leaves the box |x|, |y| ≤ `bound`; it then stops stepping, and the
/// other runs go on.
public struct Run: Sendable {
  /// Positions beyond this magnitude count as diverged.
  public static let defaultBound = 1e10

  public private(set) var optimizer: any Optimizer
  /// The state as the map, the legend and the inspector show it.
  public private(set) var state: RunState
  /// The step at which the run diverged, if it did.
  public private(set) var divergedAt: Int?
  public let bound: Double
  /// In a network scene, the loss over all the weights, which the optimizer steps on.
  private var networkObjective: NetworkObjective?

  public init(
    _ optimizer: any Optimizer, from start: SIMD2<Double>,
    on objective: inout some Objective<SIMD2<Double>>, bound: Double = Run.defaultBound
  ) {
    self.optimizer = optimizer
    self.bound = bound
    objective.prepare(forUpdate: 1)
    if let network = objective.network {
      var weights = NetworkObjective(
        network, finiteDifferences: objective.gradientCost.values > 0)
      weights.prepare(forUpdate: 1)
      let iterate = optimizer.start(at: network.plane.point(start), on: &weights)
      networkObjective = weights
      state = RunState(iterate, network: network, optimizer: optimizer)
    } else {
      let iterate = optimizer.start(at: start, on: &objective)
      state = RunState(iterate, optimizer: optimizer)
    }
    checkDivergence()
  }

  public var kind: OptimizerKind { optimizer.kind }
  public var isDiverged: Bool { divergedAt != nil }

  /// In a network scene, the weights (the best so far, for a population).
  public var weights: Parameters? { state.weights }

  /// Takes one step, unless the run has diverged. Returns whether a step was taken.
  @discardableResult
  public mutating func advance(on objective: inout some Objective<SIMD2<Double>>) -> Bool {
    guard divergedAt == nil else { return false }
    // A gradient step evaluates at its new position the gradient that the next update uses.
    let next = state.step + 2
    objective.prepare(forUpdate: next)
    switch state.source {
    case .surface(_, let iterate):
      let stepped = SurfaceObjective.lending(&objective) {
        optimizer.surfaceStep(iterate, on: &$0)
      }
      state = RunState(stepped, optimizer: optimizer)
    case .network(_, let iterate, _):
      guard var weights = networkObjective else { return false }
      weights.finiteDifferences = objective.gradientCost.values > 0
      weights.prepare(forUpdate: next)
      let stepped = optimizer.step(iterate, on: &weights)
      networkObjective = weights
      state = RunState(stepped, network: weights.scene, optimizer: optimizer)
    }
    checkDivergence()
    return true
  }

  /// Continues the run with new settings for the same optimizer, keeping its state (its
  /// position, momentum, moments). Returns false, changing nothing, for another kind.
  @discardableResult
  public mutating func continueWith(_ replacement: any Optimizer) -> Bool {
    guard replacement.kind == optimizer.kind,
      type(of: replacement) == type(of: optimizer)
    else { return false }
    optimizer = replacement
    return true
  }

  private mutating func checkDivergence() {
    let p = state.position
    let finite = p.x.isFinite && p.y.isFinite && state.loss.isFinite
    if !finite || Swift.abs(p.x) > bound || Swift.abs(p.y) > bound {
      divergedAt = state.step
    }
  }
}

/// A run's state as the plane shows it: on a surface the optimizer's own; in a network
/// scene the shadow of its weights on the scene's plane, with the accuracy on the data.
///
/// It keeps the optimizer's state as it is and works out the rest when asked: a step makes
/// it without copying or projecting anything but the position (in a network scene, the
/// weights' shadow), and without measuring the accuracy.
public struct RunState: Sendable {
  /// The position on the plane: on a surface the optimizer's; in a network scene the shadow
  /// of its weights.
  public let position: SIMD2<Double>
  /// f at the position: for a network, the loss of the weights over all the data (not the
  /// loss under the shadow).
  public let loss: Double
  /// ∇f at the position; for a network, its components along the plane's directions.
  public var gradient: SIMD2<Double>? {
    switch source {
    case .surface(_, let iterate): return iterate.gradient
    case .network(_, let iterate, let network):
      let plane = network.plane
      return iterate.gradient.map { SIMD2($0.dot(plane.d1), $0.dot(plane.d2)) }
    }
  }
  public let step: Int
  public let evaluations: EvaluationCount
  /// The inspector's rows for the last update, worked out when asked for.
  public var rows: [InspectorRow] {
    switch source {
    case .surface(let optimizer, let iterate): optimizer.rows(of: iterate)
    case .network(let optimizer, let iterate, _):
      iterate.step == 0
        ? []
        : [.text("weights", "\(iterate.position.count) trained; position is their shadow")]
          + optimizer.rows(of: iterate) + [.number("accuracy", (accuracy ?? 0) * 100, "%")]
    }
  }
  /// The update from `previous` (the state one step before) to this one written out with
  /// its numbers (`LiveEquation`), worked out when asked for; for a network, over all its
  /// weights. Empty when `previous` is not the step before.
  public func equations(after previous: RunState) -> [LiveEquation] {
    switch (source, previous.source) {
    case (.surface(let optimizer, let iterate), .surface(_, let before)):
      optimizer.equations(from: before, to: iterate)
    case (.network(let optimizer, let iterate, _), .network(_, let before, _)):
      optimizer.equations(from: before, to: iterate)
    default: []
    }
  }
  /// The optimizer and the state it made.
  fileprivate let source: Source
  fileprivate enum Source: Sendable {
    case surface(any Optimizer, Iterate<SIMD2<Double>>)
    case network(any Optimizer, Iterate<Parameters>, NetworkScene)
  }
  /// A population's members; empty for a method that holds one point.
  public var members: [SIMD2<Double>] {
    switch source {
    case .surface(_, let iterate): iterate.members
    case .network(_, let iterate, let network): iterate.members.map(network.plane.project)
    }
  }
  /// What the last update drew on the map.
  public var marks: [Mark<SIMD2<Double>>] {
    switch source {
    case .surface(_, let iterate): iterate.marks
    case .network(_, let iterate, let network):
      iterate.marks.map { $0.map(network.plane.project) }
    }
  }
  /// For a network: the fraction of the data it classifies right (a pass over all of it).
  public var accuracy: Double? {
    guard case .network(_, let iterate, let network) = source else { return nil }
    let data = network.data
    return network.mlp.accuracy(iterate.position, inputs: data.inputs, targets: data.targets)
  }

  /// Every point the optimizer holds: its members, or its position.
  public var points: [SIMD2<Double>] {
    let members = members
    return members.isEmpty ? [position] : members
  }

  /// The inspector row labelled `label`, if the last update reported one.
  public func row(_ label: String) -> InspectorRow.Value? {
    rows.first { $0.label == label }?.value
  }

  /// The pair in row `label`, when it holds one.
  public func pair(_ label: String) -> SIMD2<Double>? {
    guard case .vector(let v) = row(label), v.count == 2 else { return nil }
    return SIMD2(v[0], v[1])
  }

  /// The number in row `label`, when it holds one.
  public func number(_ label: String) -> Double? {
    guard case .number(let x) = row(label) else { return nil }
    return x
  }

  /// In a network scene, the weights (the best so far, for a population).
  var weights: Parameters? {
    if case .network(_, let iterate, _) = source { return iterate.position }
    return nil
  }

  init(_ iterate: Iterate<SIMD2<Double>>, optimizer: any Optimizer) {
    position = iterate.position
    loss = iterate.loss
    step = iterate.step
    evaluations = iterate.evaluations
    source = .surface(optimizer, iterate)
  }

  init(_ iterate: Iterate<Parameters>, network: NetworkScene, optimizer: any Optimizer) {
    position = network.plane.project(iterate.position)
    loss = iterate.loss
    step = iterate.step
    evaluations = iterate.evaluations
    source = .network(optimizer, iterate, network)
  }
}
