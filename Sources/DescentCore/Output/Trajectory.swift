/// A recorded run: every position and loss from the start, plus what the run spent.
public struct Trajectory: Sendable {
  /// One row: the position after `step` updates and f there (the torch.optim convention).
  public struct Row: Sendable, Equatable {
    public var step: Int
    public var position: SIMD2<Double>
    public var loss: Double
    /// Every member of a swarm or population after this step; nil for one-point methods.
    public var population: [SIMD2<Double>]? = nil
    /// For a network: the fraction of the data classified right after this step.
    public var accuracy: Double? = nil
  }

  public var optimizer: OptimizerKind
  /// The run's name in output: the optimizer's, or an instance's (`gd@lr=0.05`).
  public var name: String
  public var hyperparameters: Hyperparameters
  public var start: SIMD2<Double>
  public var rows: [Row]
  public var evaluations: EvaluationCount
  /// The step at which the run diverged, if it did; the trajectory ends there.
  public var divergedAt: Int?
  /// The run's last state.
  public var finalState: RunState? = nil
  /// For a network, the final weights (the best so far, for a population).
  public var weights: Parameters? = nil

  /// The updates taken: the last row's step.
  public var steps: Int { finalState?.step ?? rows.last?.step ?? 0 }

  /// Runs `optimizer` from `start` for `steps` updates, or until it diverges.
  public static func record(
    _ optimizer: any Optimizer, from start: SIMD2<Double>, steps: Int,
    on objective: inout some Objective<SIMD2<Double>>
  ) -> Trajectory {
    var rows: [Row] = []
    rows.reserveCapacity(steps + 1)
    var trajectory = record(optimizer, from: start, steps: steps, on: &objective) {
      rows.append($0)
    }
    trajectory.rows = rows
    return trajectory
  }

  /// Runs `optimizer` as `record` does, handing each row to `each` as it is computed instead
  /// of keeping it: the trajectory returned has no rows, and memory does not grow with
  /// `steps`.
  public static func record(
    _ optimizer: any Optimizer, from start: SIMD2<Double>, steps: Int,
    on objective: inout some Objective<SIMD2<Double>>, each: (Row) throws -> Void
  ) rethrows -> Trajectory {
    var run = Run(optimizer, from: start, on: &objective)
    func row() -> Row {
      let state = run.state
      return Row(
        step: state.step, position: state.position, loss: state.loss,
        population: state.members.isEmpty ? nil : state.members, accuracy: state.accuracy)
    }
    try each(row())
    while run.state.step < steps, run.advance(on: &objective) { try each(row()) }
    return Trajectory(
      optimizer: optimizer.kind, name: optimizer.kind.rawValue,
      hyperparameters: optimizer.hyperparameters, start: start,
      rows: [], evaluations: run.state.evaluations, divergedAt: run.divergedAt,
      finalState: run.state, weights: run.weights)
  }
}
