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
      scene: sceneIndex, runs: visible, start: start, gradient: gradientMode, race: raceMode,
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
    spendHistories = []
    runs = []
    runSpecs = []
    trails = []
    objectives = []
    pendingSteps = 0
    for spec in visible {
      guard let optimizer = makeOptimizer(spec) else { continue }
      var objective = scene.objective()
      objective.gradientMode = gradientMode
      let run = Run(optimizer, from: start, on: &objective)
      var trail = Trail()
      trail.append(run.state.position)
      runs.append(run)
      runSpecs.append(spec)
      trails.append(trail)
      lossHistories.append(Trail([SIMD2(0, run.state.loss)]))
      spendHistories.append(Trail([Self.spendPoint(run)]))
      objectives.append(objective)
    }
    refreshShownNumbers()
    if let index = inspectedIndex, index >= runs.count { inspectedIndex = runs.isEmpty ? nil : 0 }
  }

  /// `run`'s optimizer with the scene's settings, the flags', the run's own, the view's
  /// command line's (`:`), and the `+`/`-` factor.
  func makeOptimizer(_ run: RunSpec) -> (any Optimizer)? {
    var scene = self.scene
    if let lessonSchedule { scene.schedule = lessonSchedule }
    return try? scene.optimizer(run.kind, overrides: settings(for: run))
  }

  /// The settings `run` runs with: its optimizer's defaults, the scene's, a lesson step's,
  /// the flags', the run's own (`gd@lr=0.05`), the command line's, then the `+`/`-` factor
  /// on its step size.
  func settings(for run: RunSpec) -> Hyperparameters {
    let kind = run.kind
    var settings = kind.defaults.merging(scene.settings(for: kind))
      .merging(lessonSettings[kind] ?? Hyperparameters()).merging(overrides)
      .merging(run.settings).merging(commandSettings[run] ?? Hyperparameters())
    if let name = kind.stepSetting {
      settings[name] = settings[name].map { $0 * (stepScale[run] ?? 1) }
    }
    return settings
  }

  mutating func rescaleSteps(by factor: Double) {
    stepJob = nil
    var changes: [String] = []
    for index in runs.indices {
      let spec = runSpecs[index]
      guard let name = spec.kind.stepSetting else {
        changes.append("\(spec.displayName) has no step size")
        continue
      }
      stepScale[spec] = (stepScale[spec] ?? 1) * factor
      guard let optimizer = makeOptimizer(spec) else { continue }
      runs[index].continueWith(optimizer)
      let value = optimizer.hyperparameters[name] ?? 0
      changes.append("\(spec.displayName) \(name) \(Renderer.format(value))")
    }
    message = changes.joined(separator: ", ")
  }

  mutating func advance(by seconds: TimeInterval) {
    guard seconds > 0, seconds.isFinite else { return }
    if let job = stepJob {
      // A worker computes the next step: take it when done, otherwise wait for it.
      guard let done = job.finished else { return }
      let queued = queuedSteps
      stepJob = nil
      slowSteps = stepBudget.map { done.seconds > $0 } ?? false
      let previous = runs
      runs = done.runs
      objectives = done.objectives
      commit(previous: previous, advanced: done.advanced)
      pendingSteps = 0
      stopAtRunTarget()
      // Taking the step it computed drops none of the presses waiting for it.
      queuedSteps = queued
      guard queuedSteps > 0 else { return }
    }
    if queuedSteps > 0 {
      // A press of `.` that waited for a step in flight gets its own, one at a time.
      let owed = queuedSteps - 1
      stepOnce()
      queuedSteps = owed
      return
    }
    guard !paused else { return }
    guard raceMode == .steps || timing != nil else {
      // A race by budget waits for the gradient's cost, which the runtime is measuring.
      pendingSteps = 0
      return
    }
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

  /// One step of every run that can move: on a worker thread when steps are slow (the
  /// view's), otherwise here.
  mutating func stepOnce() {
    if stepBudget != nil && slowSteps {
      startStepJob()
    } else {
      step(1)
    }
  }

  mutating func startStepJob() {
    let moving = movingRuns()
    guard moving.contains(true) else { return }
    stepJob = StepJob(runs: runs, objectives: objectives, moving: moving)
  }

  // MARK: - Racing by budget

  /// The gradient's measured cost on this scene, if the runtime has reported it.
  var timing: GradientTiming? {
    gradientTiming?.scene == sceneIndex ? gradientTiming?.cost : nil
  }

  /// What `run` has spent in the race mode shown: steps, evaluations (a gradient at its
  /// measured cost in forward passes) or seconds. Nil in a race by budget before the
  /// gradient's cost is known.
  func spend(_ run: Run) -> Double? {
    spend(steps: run.state.step, evaluations: run.state.evaluations)
  }

  func spend(steps: Int, evaluations: EvaluationCount) -> Double? {
    guard raceMode == .steps || timing != nil else { return nil }
    return raceMode.spend(
      steps: steps, evaluations: evaluations, forward: timing?.forward ?? 1,
      gradient: timing?.backprop ?? 1)
  }

  /// A point of a spend history: evaluations of f and of ∇f so far.
  static func spendPoint(_ run: Run) -> SIMD2<Double> {
    SIMD2(Double(run.state.evaluations.values), Double(run.state.evaluations.gradients))
  }

  /// Which runs take the next step: every run that can, racing by step; by budget, the
  /// runs that have spent least (see `RaceMode.catchingUp`).
  func movingRuns() -> [Bool] {
    let live = runs.map { !$0.isDiverged }
    guard raceMode != .steps else { return live }
    let spends = runs.map { spend($0) ?? .nan }
    return RaceMode.catchingUp(spends: spends, steps: runs.map(\.state.step), live: live)
  }

  /// What the race keeps equal, for the message line: "race by evaluations of f: a gradient
  /// counts as 2.4, as measured".
  func describeRaceMode() -> String {
    switch raceMode {
    case .steps:
      return "race by step: every optimizer takes a step each step"
    case .evaluations:
      let cost = timing.map { Renderer.format($0.gradientCost) } ?? "(timing…)"
      return "race by evaluations of f: a gradient counts as \(cost), as measured"
    case .seconds:
      return "race by seconds: each evaluation at its measured time"
    }
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

  /// Every run that `moving` names (all, by default) one step further on its objective.
  /// Returns which runs moved (a diverged run stays).
  static func advanceAll(
    _ runs: inout [Run], _ objectives: inout [SceneObjective], moving: [Bool]? = nil
  ) -> [Bool] {
    runs.indices.map { index in
      guard moving?[index] ?? true else { return false }
      return runs[index].advance(on: &objectives[index])
    }
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
      let moving = movingRuns()
      guard moving.contains(true) else { break }
      let previous = runs
      let advanced = Self.advanceAll(&runs, &objectives, moving: moving)
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
      spendHistories[index].append(Self.spendPoint(runs[index]))
    }
    for index in runs.indices where !previous[index].isDiverged {
      if let step = runs[index].divergedAt {
        message = "\(runSpecs[index].displayName) diverged at step \(step): lower its lr with -"
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
    if racingAll { visible = raceRuns }
    restart(from: scene.start, reason: "scene \(scene.name): \(scene.title)")
  }

}
