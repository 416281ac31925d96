import DescentCore

/// One step of every run, computed on a worker thread, for steps that take longer than a
/// frame (a network's gradients by finite differences): the view keeps handling keys and
/// drawing frames while the step is computed. It works on copies, so the model's runs stay
/// as they are until it takes the result; a job the model drops (a restart, a pause) only
/// finishes its step, and its result is thrown away.
final class StepJob: @unchecked Sendable {
  /// The runs and objectives after the step, which runs moved, and the seconds it took.
  struct Result: Sendable {
    var runs: [Run]
    var objectives: [SceneObjective]
    var advanced: [Bool]
    var seconds: Double
  }

  private let lock = Lock()
  private var result: Result?

  init(runs: [Run], objectives: [SceneObjective]) {
    let box = self
    detachThread {
      let start = TUI.monotonicSeconds()
      var runs = runs
      var objectives = objectives
      let advanced = Model.advanceAll(&runs, &objectives)
      let done = Result(
        runs: runs, objectives: objectives, advanced: advanced,
        seconds: TUI.monotonicSeconds() - start)
      box.lock.withLock { box.result = done }
    }
  }

  /// The step, once computed.
  var finished: Result? { lock.withLock { result } }
}
