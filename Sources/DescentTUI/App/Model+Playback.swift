import DescentCore
import DescentRender
import Foundation

/// Playback: the runs, started, stepped at the chosen speed and restarted, and the scene
/// they run on.
extension Model {
  /// Starts every shown optimizer afresh from `point`.
  mutating func restart(from point: SIMD2<Double>, reason: String) {
    start = point
    restartRuns()
    message = reason
  }

  mutating func refreshShownNumbers() {
    shownNumbers = runs.map { ($0.state.step, $0.state.loss, $0.state.gradient, $0.isDiverged) }
  }

  var currentRunsKey: RunsKey {
    RunsKey(
      scene: sceneIndex, kinds: visible, start: start, gradient: gradientMode,
      settings: lessonSettings, stepScale: stepScale)
  }

  mutating func restartRuns() {
    runsKey = currentRunsKey
    history.removeAll()
    lossHistories = []
    runs = []
    trails = []
    objectives = []
    pendingSteps = 0
    for kind in visible {
      guard let optimizer = makeOptimizer(kind) else { continue }
      var objective = scene.objective()
      objective.gradientMode = gradientMode
      let run = Run(optimizer, from: start, on: &objective)
      var trail = Trail()
      trail.append(run.state.position)
      runs.append(run)
      trails.append(trail)
      lossHistories.append(Trail([SIMD2(0, run.state.loss)]))
      objectives.append(objective)
    }
    refreshShownNumbers()
    if let index = inspectedIndex, index >= runs.count { inspectedIndex = runs.isEmpty ? nil : 0 }
  }

  /// `kind` with the scene's settings, the command line's, and the `+`/`-` factor.
  func makeOptimizer(_ kind: OptimizerKind) -> (any Optimizer)? {
    var settings = kind.defaults.merging(scene.settings(for: kind))
      .merging(lessonSettings[kind] ?? Hyperparameters()).merging(overrides)
    if let (_, key) = kind.stepSetting {
      settings[keyPath: key] = settings[keyPath: key].map { $0 * (stepScale[kind] ?? 1) }
    }
    return try? scene.optimizer(kind, overrides: settings)
  }

  mutating func rescaleSteps(by factor: Double) {
    var changes: [String] = []
    for index in runs.indices {
      let kind = runs[index].kind
      guard let (name, key) = kind.stepSetting else {
        changes.append("\(kind.rawValue) has no step size")
        continue
      }
      stepScale[kind] = (stepScale[kind] ?? 1) * factor
      guard let optimizer = makeOptimizer(kind) else { continue }
      runs[index].continueWith(optimizer)
      let value = optimizer.hyperparameters[keyPath: key] ?? 0
      changes.append("\(kind.rawValue) \(name) \(Renderer.format(value))")
    }
    message = changes.joined(separator: ", ")
  }

  mutating func advance(by seconds: TimeInterval) {
    guard !paused, seconds > 0, seconds.isFinite else { return }
    pendingSteps += seconds * stepsPerSecond
    var count = min(Self.maximumStepsPerTick, Int(pendingSteps))
    if let target = runTarget {
      count = min(count, max(0, target - liveStep))
    }
    pendingSteps -= Double(count)
    if pendingSteps > 1 { pendingSteps = 0 }  // dropped steps are not owed later
    step(count)
    if let target = runTarget, liveStep >= target || !runs.contains(where: { !$0.isDiverged }) {
      runTarget = nil
      paused = true
      pendingSteps = 0
    }
  }

  /// The step the runs that still move have reached (the furthest, if none moves).
  var liveStep: Int {
    let live = runs.filter { !$0.isDiverged }
    return (live.isEmpty ? runs : live).map(\.state.step).max() ?? 0
  }

  mutating func step(_ count: Int) {
    guard count > 0 else { return }
    let wasDiverged = runs.map(\.isDiverged)
    for _ in 0..<count {
      guard runs.contains(where: { !$0.isDiverged }) else { break }
      history.push(runs)
      for index in runs.indices where runs[index].advance(on: &objectives[index]) {
        trails[index].append(runs[index].state.position)
        lossHistories[index].append(SIMD2(Double(runs[index].state.step), runs[index].state.loss))
      }
    }
    for index in runs.indices where !wasDiverged[index] {
      if let step = runs[index].divergedAt {
        message = "\(runs[index].kind.rawValue) diverged at step \(step): lower its lr with -"
      }
    }
  }

  mutating func switchScene(to index: Int) {
    sceneIndex = index
    xRange = scene.xRange
    yRange = scene.yRange
    scale = scene.scale
    cursor = scene.start
    stepScale = [:]
    if racingAll { visible = scene.raceKinds }
    restart(from: scene.start, reason: "scene \(scene.name): \(scene.title)")
  }

}
