import DescentCore
import DescentRender

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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
    shownNumbers = runs.map {
      ($0.state.step, $0.state.loss, $0.state.gradient, $0.isDiverged, $0.state.evaluations)
    }
  }

  var currentRunsKey: RunsKey {
    RunsKey(
      scene: sceneIndex, kinds: visible, start: start, gradient: gradientMode,
      settings: lessonSettings, schedule: lessonSchedule, stepScale: stepScale,
      commands: commandSettings)
  }

  mutating func restartRuns() {
    runsKey = currentRunsKey
    stepJob = nil
    // A network's steps may take longer than a frame: the first goes to a worker and is
    // timed; a surface's steps take microseconds.
    slowSteps = scene.network != nil
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

  /// `kind` with the scene's settings, the flags', the view's command line's (`:`), and the
  /// `+`/`-` factor.
  func makeOptimizer(_ kind: OptimizerKind) -> (any Optimizer)? {
    var scene = self.scene
    if let lessonSchedule { scene.schedule = lessonSchedule }
    return try? scene.optimizer(kind, overrides: settings(for: kind))
  }

  /// The settings `kind` runs with: its defaults, the scene's, a lesson step's, the flags',
  /// the command line's, then the `+`/`-` factor on its step size.
  func settings(for kind: OptimizerKind) -> Hyperparameters {
    var settings = kind.defaults.merging(scene.settings(for: kind))
      .merging(lessonSettings[kind] ?? Hyperparameters()).merging(overrides)
      .merging(commandSettings[kind] ?? Hyperparameters())
    if let name = kind.stepSetting {
      settings[name] = settings[name].map { $0 * (stepScale[kind] ?? 1) }
    }
    return settings
  }

  mutating func rescaleSteps(by factor: Double) {
    stepJob = nil
    var changes: [String] = []
    for index in runs.indices {
      let kind = runs[index].kind
      guard let name = kind.stepSetting else {
        changes.append("\(kind.rawValue) has no step size")
        continue
      }
      stepScale[kind] = (stepScale[kind] ?? 1) * factor
      guard let optimizer = makeOptimizer(kind) else { continue }
      runs[index].continueWith(optimizer)
      let value = optimizer.hyperparameters[name] ?? 0
      changes.append("\(kind.rawValue) \(name) \(Renderer.format(value))")
    }
    message = changes.joined(separator: ", ")
  }

  mutating func advance(by seconds: TimeInterval) {
    guard seconds > 0, seconds.isFinite else { return }
    if let job = stepJob {
      // A worker computes the next step: take it when done, otherwise wait for it.
      guard let done = job.finished else { return }
      stepJob = nil
      slowSteps = stepBudget.map { done.seconds > $0 } ?? false
      let previous = runs
      runs = done.runs
      objectives = done.objectives
      commit(previous: previous, advanced: done.advanced)
      pendingSteps = 0
      stopAtRunTarget()
      return
    }
    guard !paused else { return }
    pendingSteps += seconds * stepsPerSecond
    var count = min(Self.maximumStepsPerTick, Int(pendingSteps))
    if let target = runTarget {
      count = min(count, max(0, target - liveStep))
    }
    pendingSteps -= Double(count)
    if pendingSteps > 1 { pendingSteps = 0 }  // dropped steps are not owed later
    if count > 0, stepBudget != nil, slowSteps, runs.contains(where: { !$0.isDiverged }) {
      startStepJob()
      pendingSteps = 0
      return
    }
    let taken = step(count)
    if taken < count { pendingSteps = 0 }
    stopAtRunTarget()
  }

  mutating func stopAtRunTarget() {
    if let target = runTarget, liveStep >= target || !runs.contains(where: { !$0.isDiverged }) {
      runTarget = nil
      paused = true
      pendingSteps = 0
    }
  }

  mutating func startStepJob() {
    guard runs.contains(where: { !$0.isDiverged }) else { return }
    stepJob = StepJob(runs: runs, objectives: objectives)
  }

  /// Counts the steps taken while running, and once a second or so works out the speed
  /// achieved.
  mutating func measureSpeed(over seconds: Double) {
    guard !paused || stepJob != nil, runs.contains(where: { !$0.isDiverged }) else {
      achievedCount = 0
      achievedSeconds = 0
      achievedStepsPerSecond = nil
      return
    }
    achievedSeconds += seconds
    guard achievedSeconds >= 1 else { return }
    let rate = Double(achievedCount) / achievedSeconds
    achievedStepsPerSecond = rate < stepsPerSecond * 0.9 ? rate : nil
    achievedCount = 0
    achievedSeconds = 0
  }

  /// The step the runs that still move have reached (the furthest, if none moves).
  var liveStep: Int {
    let live = runs.filter { !$0.isDiverged }
    return (live.isEmpty ? runs : live).map(\.state.step).max() ?? 0
  }

  /// Every run one step further on its objective. Returns which runs moved (a diverged run
  /// stays).
  static func advanceAll(_ runs: inout [Run], _ objectives: inout [SceneObjective]) -> [Bool] {
    runs.indices.map { runs[$0].advance(on: &objectives[$0]) }
  }

  /// Takes up to `count` steps, fewer if they overrun the step budget. Returns the steps
  /// taken.
  @discardableResult
  mutating func step(_ count: Int) -> Int {
    guard count > 0 else { return 0 }
    let start = stepBudget == nil ? 0 : TUI.monotonicSeconds()
    var taken = 0
    var last = start
    while taken < count {
      guard runs.contains(where: { !$0.isDiverged }) else { break }
      let previous = runs
      let advanced = Self.advanceAll(&runs, &objectives)
      commit(previous: previous, advanced: advanced)
      taken += 1
      guard let budget = stepBudget else { continue }
      let now = TUI.monotonicSeconds()
      slowSteps = now - last > budget
      last = now
      if now - start > budget { break }
    }
    return taken
  }

  /// Records a step just taken: the runs before it (`previous`) for rewind, the trails and
  /// loss histories of the runs that moved, and any divergence.
  mutating func commit(previous: [Run], advanced: [Bool]) {
    history.push(previous)
    achievedCount += 1
    for index in runs.indices where advanced[index] {
      trails[index].append(runs[index].state.position)
      lossHistories[index].append(SIMD2(Double(runs[index].state.step), runs[index].state.loss))
    }
    for index in runs.indices where !previous[index].isDiverged {
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
    commandSettings = [:]
    if racingAll { visible = raceKinds }
    restart(from: scene.start, reason: "scene \(scene.name): \(scene.title)")
  }

}
