import DescentCore
import DescentRender

/// Lessons: playing one step after another, each setting up the scene, runs and panels.
extension Model {
  /// Starts `lesson` at its first step. With `autoplay`, each step advances on its own that
  /// many seconds after its run finishes (or after it opens, if it has no `run`).
  public mutating func play(_ lesson: Lesson, autoplay: Double? = nil) {
    guard !lesson.steps.isEmpty else { return }
    self.lesson = LessonPlayback(lesson: lesson, initialScene: scene, autoplay: autoplay)
    lessonSnapshots = [:]
    enterLessonStep(0)
    // The map of the first step's view at once: a step that opens paused gets no tick to
    // refresh it. A slice or timing this asks for is in `initialEffect`.
    _ = refreshView()
  }

  /// Shows step `index` of the lesson playing: its scene, runs, panels and caption. Going
  /// back, the runs are the ones the step found when it was entered. Going forward, they
  /// start afresh when they differ from the ones shown, or when the step runs to a step they
  /// have passed; otherwise they carry on.
  mutating func enterLessonStep(_ index: Int) {
    guard var playback = lesson else { return }
    let back = index < playback.index
    let setup = playback.lesson.setup(at: index, initial: playback.initialScene)
    if scene.name != setup.scene.name || scene.file != setup.scene.file {
      if let found = scenes.firstIndex(where: {
        $0.name == setup.scene.name && $0.file == setup.scene.file
      }) {
        sceneIndex = found
      } else {
        scenes.append(setup.scene)
        sceneIndex = scenes.count - 1
      }
    }
    xRange = setup.view.x
    yRange = setup.view.y
    scale = setup.scale
    racingAll = setup.show.isEmpty
    visible = setup.runs
    lessonSettings = setup.settings
    lessonSchedule = setup.scene.schedule
    stepScale = [:]
    commandSettings = [:]
    gradientMode = setup.gradient
    raceMode = setup.race
    contours = setup.contours
    arrows = setup.arrows
    showLossPlot = setup.plot
    showCostCurve = setup.curve
    if let speed = setup.speed {
      stepsPerSecond = Self.speeds.min { abs($0 - speed) < abs($1 - speed) } ?? stepsPerSecond
    }
    start = setup.start
    cursor = setup.start
    if back, let snapshot = lessonSnapshots[index], snapshot.key == currentRunsKey {
      stepJob = nil
      history.removeAll()
      runs = snapshot.runs
      runSpecs = snapshot.runSpecs
      objectives = snapshot.objectives
      trails = snapshot.trails
      lossHistories = snapshot.lossHistories
      spendHistories = snapshot.spendHistories
      runsKey = snapshot.key
      refreshShownNumbers()
    } else if back || runsKey != currentRunsKey || setup.run.map({ liveStep > $0 }) == true {
      restartRuns()
    }
    lessonSnapshots[index] = RunsSnapshot(
      key: currentRunsKey, runs: runs, objectives: objectives, runSpecs: runSpecs,
      trails: trails,
      lossHistories: lossHistories, spendHistories: spendHistories)
    inspectedIndex = setup.inspector.flatMap { runSpecs.index(named: $0) }
    runTarget = setup.run
    paused = setup.pause
    pendingSteps = 0
    if let target = runTarget, liveStep >= target {
      runTarget = nil
      paused = true
    }
    playback.index = index
    playback.setup = setup
    playback.clock = 0
    lesson = playback
    message = "\(playback.lesson.title): step \(index + 1) of \(playback.lesson.steps.count)"
  }

  /// Advances an autoplaying lesson once its step has shown for long enough.
  mutating func autoplay(after seconds: Double) {
    guard var playback = lesson, let delay = playback.autoplay, seconds > 0, runTarget == nil,
      playback.index + 1 < playback.lesson.steps.count
    else { return }
    playback.clock += seconds
    lesson = playback
    if playback.clock >= delay { enterLessonStep(playback.index + 1) }
  }

}

/// A lesson being played: which step shows, and the autoplay clock.
public struct LessonPlayback: Sendable {
  public let lesson: Lesson
  /// The scene shown before the lesson started: where a lesson whose first step names no
  /// scene plays.
  public let initialScene: Scene
  /// Seconds each step shows before the next, for a projector; nil to wait for a key.
  public let autoplay: Double?
  public internal(set) var index = 0
  /// What the step shown set up.
  public internal(set) var setup: Lesson.Setup?
  /// Seconds the step has shown since its run finished.
  var clock = 0.0

  init(lesson: Lesson, initialScene: Scene, autoplay: Double?) {
    self.lesson = lesson
    self.initialScene = initialScene
    self.autoplay = autoplay
  }
}
