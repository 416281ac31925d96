import DescentCore
import DescentRender
import Foundation

/// The whole state of the interactive app, and its `update`: a value that tests drive with
/// events and no terminal.
public struct Model: Sendable {
  /// Steps per second the speed keys choose from, on a roughly logarithmic scale.
  public static let speeds: [Double] = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000]
  /// Steps taken in one tick at most, so a stalled clock cannot freeze the app.
  public static let maximumStepsPerTick = 1000

  public private(set) var scenes: [Scene]
  public private(set) var sceneIndex: Int
  /// The optimizers shown, in the canonical order.
  public private(set) var visible: [OptimizerKind]
  /// Whether every optimizer the scene races is shown (`a`), so that a new scene shows its own.
  private var racingAll: Bool
  /// Settings from the command line, laid over each scene's.
  public let overrides: Hyperparameters
  /// The ×2 / ÷2 factor the `+` and `-` keys have applied to each optimizer's step size.
  public private(set) var stepScale: [OptimizerKind: Double] = [:]

  public private(set) var runs: [Run] = []
  public private(set) var trails: [Trail] = []
  /// The numbers the status bar and legend show, refreshed at most `numbersInterval` apart
  /// while animating: paths move every frame, but digits changing 30 times a second cannot
  /// be read, and rewriting them would be most of each frame's bytes.
  /// The legend's evaluation counts are part of the same snapshot, so they agree with the
  /// step the status bar shows.
  private var shownNumbers:
    [(
      step: Int, loss: Double, gradient: SIMD2<Double>?, diverged: Bool,
      evaluations: EvaluationCount
    )] = []
  private var numbersAge = 0.0
  public static let numbersInterval = 0.1
  /// The runs before each of the last steps, for rewinding.
  private var history = History<[Run]>(capacity: Model.historyLimit)
  /// How many steps rewind can undo.
  public static let historyLimit = 10_000
  /// Each run's (step, loss) points for the loss plot, thinned like trails.
  public private(set) var lossHistories: [Trail] = []
  public private(set) var showLossPlot = false
  /// Whether a network scene's model panel is open (`n`).
  public private(set) var showModelPanel = false
  /// How the gradient optimizers get their gradients: `d` switches.
  public private(set) var gradientMode = SceneObjective.GradientMode.backprop
  /// Which run the inspector shows, if it is open.
  public private(set) var inspectedIndex: Int?
  private var objectives: [SceneObjective] = []
  /// A network slice: the job computing it, the preview shown meanwhile, and the last
  /// full slice.
  private var sliceJob: SliceJob?
  private var slicePreview: (key: ViewKey, heatmap: Heatmap)?
  private var sliceHeatmap: (key: ViewKey, heatmap: Heatmap)?
  /// A network scene's gradient cost, measured once per scene.
  private var networkCost:
    (
      scene: Int,
      cost: (parameters: Int, backprop: Double, forward: Double, finiteDifferences: Double)
    )?
  /// Settings a lesson step gives each optimizer, laid over the scene's.
  private var lessonSettings: [OptimizerKind: Hyperparameters] = [:]
  /// The lesson playing, if any.
  public private(set) var lesson: LessonPlayback?
  /// The runs as each lesson step found them on entering it: going back to a step shows it
  /// as it was then (its caption over its own paths), and its run plays again from there.
  private var lessonSnapshots: [Int: RunsSnapshot] = [:]
  private struct RunsSnapshot: Sendable {
    var key: RunsKey
    var runs: [Run]
    var objectives: [SceneObjective]
    var trails: [Trail]
    var lossHistories: [Trail]
  }
  /// Run until every live run reaches this step, then pause (a lesson step's `run`).
  public private(set) var runTarget: Int?

  /// Where the runs start.
  public private(set) var start: SIMD2<Double>
  public private(set) var cursor: SIMD2<Double>
  public private(set) var xRange: ClosedRange<Double>
  public private(set) var yRange: ClosedRange<Double>

  public private(set) var colormap: Colormap
  public private(set) var scale: Scene.Scale
  public private(set) var contours = false
  public private(set) var arrows = false
  public private(set) var showHelp = false
  public private(set) var paused = false
  public private(set) var speedIndex = 6
  private var pendingSteps = 0.0
  public private(set) var message = ""
  /// Seconds of stepping one tick may spend, so that keys are handled and frames drawn
  /// however slow the steps; steps beyond it are dropped, not owed. A step that alone takes
  /// longer is computed on a worker thread (`StepJob`) while frames go on. Nil (tests, the
  /// soak) steps all that the speed asks for, on the caller's thread.
  public var stepBudget: Double?
  /// The step being computed on a worker thread.
  private var stepJob: StepJob?
  /// Whether the last step took longer than the budget, so the next goes to a worker.
  private var slowSteps = false
  /// Steps taken and seconds passed while running, since the speed was last worked out.
  private var achievedCount = 0
  private var achievedSeconds = 0.0
  /// Steps per second actually taken over the last second or so while running, when that
  /// falls short of the speed chosen; nil while it keeps up (or paused).
  public private(set) var achievedStepsPerSecond: Double?

  public private(set) var width: Int
  public private(set) var height: Int
  public let tier: ColorTier
  public let unicode: Bool
  private let theme: Theme
  private var heatCache: (key: HeatKey, layer: HeatLayer)?

  public var scene: Scene { scenes[sceneIndex] }
  public var stepsPerSecond: Double { Self.speeds[speedIndex] }

  public init(
    scenes: [Scene], sceneIndex: Int = 0, visible: [OptimizerKind] = [],
    overrides: Hyperparameters = Hyperparameters(), tier: ColorTier, unicode: Bool = true,
    colormap: Colormap = .viridis, width: Int, height: Int
  ) {
    precondition(!scenes.isEmpty, "the app needs a scene")
    self.scenes = scenes
    self.sceneIndex = min(max(0, sceneIndex), scenes.count - 1)
    self.racingAll = visible.isEmpty
    self.visible = visible.isEmpty ? scenes[self.sceneIndex].raceKinds : visible
    self.overrides = overrides
    self.tier = tier
    self.unicode = unicode
    self.theme = Theme(tier: tier)
    self.colormap = colormap
    self.width = width
    self.height = height
    let scene = scenes[self.sceneIndex]
    self.start = scene.start
    self.cursor = scene.start
    self.xRange = scene.xRange
    self.yRange = scene.yRange
    self.scale = scene.scale
    restartRuns()
  }

  // MARK: - Update

  /// Applies one event. The only way the model changes.
  public mutating func update(_ event: Event) -> Effect {
    let effect = apply(event)
    if case .tick(let seconds) = event {
      numbersAge += seconds
      // A run that has just paused itself shows its final numbers at once.
      if numbersAge < Self.numbersInterval && shownNumbers.count == runs.count && !paused {
        return effect
      }
    }
    numbersAge = 0
    refreshShownNumbers()
    return effect
  }

  private mutating func apply(_ event: Event) -> Effect {
    switch event {
    case .key(let key):
      // While a lesson plays, → and ← page through it; hjkl still move the cursor.
      if lesson != nil && (key == .right || key == .left) {
        showHelp = false
        return perform(key == .right ? .nextLessonStep : .previousLessonStep)
      }
      guard let action = KeyTable.action(for: key) else {
        if showHelp {
          showHelp = false
        } else {
          message = "unbound key; ? lists the keys"
        }
        return .none
      }
      return perform(action)
    case .click(let column, let row):
      guard let point = worldPoint(column: column, row: row) else { return .none }
      cursor = point
      restart(from: point, reason: "restarted at the clicked point")
    case .tick(let seconds):
      advance(by: seconds)
      measureSpeed(over: seconds)
      autoplay(after: seconds)
    case .ignored(let text):
      message = text
    case .resize(let width, let height):
      self.width = max(0, width)
      self.height = max(0, height)
      cursor = clampedToView(cursor)
    }
    return .none
  }

  private mutating func perform(_ action: Action) -> Effect {
    if showHelp && action != .toggleHelp && action != .quit { showHelp = false }
    switch action {
    case .quit:
      return .quit
    case .show(let kind):
      visible = [kind]
      racingAll = false
      restart(from: start, reason: "\(kind.rawValue): \(kind.title)")
    case .showAll:
      racingAll = true
      visible = scene.raceKinds
      restart(from: start, reason: "all \(visible.count) race from the same start")
    case .togglePause:
      paused.toggle()
      pendingSteps = 0
      stepJob = nil
      message = paused ? "paused" : "running"
    case .stepOnce:
      paused = true
      if stepJob == nil {
        if stepBudget != nil && slowSteps {
          startStepJob()
        } else {
          step(1)
        }
      }
      message = "one step"
    case .reset:
      cursor = scene.start
      restart(from: scene.start, reason: "reset to the start")
    case .slower:
      speedIndex = max(0, speedIndex - 1)
      message = Self.describeSpeed(stepsPerSecond)
    case .faster:
      speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
      message = Self.describeSpeed(stepsPerSecond)
    case .increaseLearningRate:
      rescaleSteps(by: 2)
    case .decreaseLearningRate:
      rescaleSteps(by: 0.5)
    case .moveCursor(let dx, let dy):
      let viewport = currentViewport
      let cellWidth =
        (viewport.xRange.upperBound - viewport.xRange.lowerBound) / Double(viewport.columns)
      let cellHeight =
        (viewport.yRange.upperBound - viewport.yRange.lowerBound) / Double(viewport.rows)
      cursor = clampedToView(cursor + SIMD2(Double(dx) * cellWidth, -Double(dy) * cellHeight))
      let axes = scene.network == nil ? "" : "α, β = "
      message = "cursor at " + axes + Self.describe(cursor)
    case .restartAtCursor:
      restart(from: cursor, reason: "restarted at the cursor")
    case .nextScene:
      switchScene(to: (sceneIndex + 1) % scenes.count)
    case .previousScene:
      switchScene(to: (sceneIndex + scenes.count - 1) % scenes.count)
    case .nextLessonStep, .previousLessonStep:
      guard let playback = lesson else {
        message = "no lesson is playing; `descent demo` lists them"
        return .none
      }
      let forward = action == .nextLessonStep
      let index = playback.index + (forward ? 1 : -1)
      guard index >= 0, index < playback.lesson.steps.count else {
        message = forward ? "end of the lesson: ← goes back, q quits" : "this is the first step"
        return .none
      }
      enterLessonStep(index)
    case .zoomIn:
      zoom(by: 0.5)
    case .zoomOut:
      zoom(by: 2)
    case .resetView:
      xRange = scene.xRange
      yRange = scene.yRange
      cursor = clampedToView(cursor)
      message = "view reset"
    case .cycleColormap:
      colormap = colormap.next
      message = "colormap \(colormap.rawValue)"
    case .toggleScale:
      scale = scale == .linear ? .log : .linear
      message = "\(scale.rawValue) colour scale"
    case .toggleContours:
      contours.toggle()
      message = contours ? "contours on" : "contours off"
    case .toggleArrows:
      arrows.toggle()
      message = arrows ? "gradient arrows on" : "gradient arrows off"
    case .cycleInspector:
      if let index = inspectedIndex, index + 1 < runs.count {
        inspectedIndex = index + 1
      } else {
        inspectedIndex = inspectedIndex == nil && !runs.isEmpty ? 0 : nil
      }
      message = inspectedIndex.map { "inspector: \(runs[$0].kind.rawValue)" } ?? "inspector off"
    case .toggleFiniteDifferences:
      gradientMode = gradientMode == .backprop ? .finiteDifferences : .backprop
      stepJob = nil
      slowSteps = scene.network != nil
      for index in objectives.indices { objectives[index].gradientMode = gradientMode }
      message =
        gradientMode == .backprop
        ? "gradients by backprop: one forward and one reverse sweep"
        : "gradients by central finite differences: \(2 * (scene.network?.mlp.parameterCount ?? 2)) evaluations of f for \(scene.network?.mlp.parameterCount ?? 2) parameters"
    case .toggleModelPanel:
      guard scene.network != nil else {
        message = "the network panel is for network scenes (descent scenes lists them)"
        return .none
      }
      showModelPanel.toggle()
      message = showModelPanel ? "network panel on" : "network panel off"
    case .toggleLossPlot:
      showLossPlot.toggle()
      message = showLossPlot ? "loss plot on" : "loss plot off"
    case .rewind:
      paused = true
      pendingSteps = 0
      stepJob = nil
      guard let previous = history.pop() else {
        message = "nothing to rewind (rewind keeps the last \(Self.historyLimit) steps)"
        return .none
      }
      for index in runs.indices where index < previous.count {
        if previous[index].state.step < runs[index].state.step {
          trails[index].removeLast()
          lossHistories[index].removeLast()
        }
      }
      runs = previous
      // Rewind restores where the runs were and their optimizers' state (momentum,
      // moments), not the settings: a step size changed with + or - since stays.
      var kept: [String] = []
      for index in runs.indices {
        let kind = runs[index].kind
        guard let optimizer = makeOptimizer(kind) else { continue }
        if let (name, key) = kind.stepSetting,
          runs[index].optimizer.hyperparameters[keyPath: key]
            != optimizer.hyperparameters[keyPath: key]
        {
          kept.append(
            "\(kind.rawValue) \(name) \(Renderer.format(optimizer.hyperparameters[keyPath: key] ?? 0))"
          )
        }
        runs[index].continueWith(optimizer)
      }
      message = "rewound to step \(runs.map(\.state.step).max() ?? 0)"
      if !kept.isEmpty { message += "; kept " + kept.joined(separator: ", ") }
    case .toggleHelp:
      showHelp.toggle()
    }
    return .none
  }

  // MARK: - Runs

  /// Starts every shown optimizer afresh from `point`.
  private mutating func restart(from point: SIMD2<Double>, reason: String) {
    start = point
    restartRuns()
    message = reason
  }

  private mutating func refreshShownNumbers() {
    shownNumbers = runs.map {
      ($0.state.step, $0.state.loss, $0.state.gradient, $0.isDiverged, $0.state.evaluations)
    }
  }

  /// What the runs shown were started with, to tell whether a lesson step can continue them.
  private struct RunsKey: Equatable {
    var scene: Int
    var kinds: [OptimizerKind]
    var start: SIMD2<Double>
    var gradient: SceneObjective.GradientMode
    var settings: [OptimizerKind: Hyperparameters]
    var stepScale: [OptimizerKind: Double]
  }
  private var runsKey: RunsKey?
  private var currentRunsKey: RunsKey {
    RunsKey(
      scene: sceneIndex, kinds: visible, start: start, gradient: gradientMode,
      settings: lessonSettings, stepScale: stepScale)
  }

  private mutating func restartRuns() {
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

  /// `kind` with the scene's settings, the command line's, and the `+`/`-` factor.
  private func makeOptimizer(_ kind: OptimizerKind) -> (any Optimizer)? {
    var settings = kind.defaults.merging(scene.settings(for: kind))
      .merging(lessonSettings[kind] ?? Hyperparameters()).merging(overrides)
    if let (_, key) = kind.stepSetting {
      settings[keyPath: key] = settings[keyPath: key].map { $0 * (stepScale[kind] ?? 1) }
    }
    return try? scene.optimizer(kind, overrides: settings)
  }

  private mutating func rescaleSteps(by factor: Double) {
    stepJob = nil
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

  private mutating func advance(by seconds: TimeInterval) {
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

  private mutating func stopAtRunTarget() {
    if let target = runTarget, liveStep >= target || !runs.contains(where: { !$0.isDiverged }) {
      runTarget = nil
      paused = true
      pendingSteps = 0
    }
  }

  private mutating func startStepJob() {
    guard runs.contains(where: { !$0.isDiverged }) else { return }
    stepJob = StepJob(runs: runs, objectives: objectives)
  }

  /// Counts the steps taken while running, and once a second or so works out the speed
  /// achieved.
  private mutating func measureSpeed(over seconds: Double) {
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
  private var liveStep: Int {
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
  private mutating func step(_ count: Int) -> Int {
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
  private mutating func commit(previous: [Run], advanced: [Bool]) {
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

  private mutating func switchScene(to index: Int) {
    sceneIndex = index
    xRange = scene.xRange
    yRange = scene.yRange
    scale = scene.scale
    cursor = scene.start
    stepScale = [:]
    if racingAll { visible = scene.raceKinds }
    restart(from: scene.start, reason: "scene \(scene.name): \(scene.title)")
  }

  private mutating func zoom(by factor: Double) {
    let halfX = (xRange.upperBound - xRange.lowerBound) * factor / 2
    let halfY = (yRange.upperBound - yRange.lowerBound) * factor / 2
    guard halfX > 1e-9, halfY > 1e-9, halfX < 1e9, halfY < 1e9 else {
      message = "cannot zoom further"
      return
    }
    xRange = (cursor.x - halfX)...(cursor.x + halfX)
    yRange = (cursor.y - halfY)...(cursor.y + halfY)
    message = factor < 1 ? "zoomed in" : "zoomed out"
  }

  // MARK: - Lessons

  /// Starts `lesson` at its first step. With `autoplay`, each step advances on its own that
  /// many seconds after its run finishes (or after it opens, if it has no `run`).
  public mutating func play(_ lesson: Lesson, autoplay: Double? = nil) {
    guard !lesson.steps.isEmpty else { return }
    self.lesson = LessonPlayback(lesson: lesson, initialScene: scene, autoplay: autoplay)
    lessonSnapshots = [:]
    enterLessonStep(0)
  }

  /// Shows step `index` of the lesson playing: its scene, runs, panels and caption. Going
  /// back, the runs are the ones the step found when it was entered. Going forward, they
  /// start afresh when they differ from the ones shown, or when the step runs to a step they
  /// have passed; otherwise they carry on.
  private mutating func enterLessonStep(_ index: Int) {
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
    visible = setup.kinds
    lessonSettings = setup.settings
    stepScale = [:]
    gradientMode = setup.gradient
    contours = setup.contours
    arrows = setup.arrows
    showLossPlot = setup.plot
    if let speed = setup.speed {
      speedIndex =
        Self.speeds.indices.min { abs(Self.speeds[$0] - speed) < abs(Self.speeds[$1] - speed) }
        ?? speedIndex
    }
    start = setup.start
    cursor = setup.start
    if back, let snapshot = lessonSnapshots[index], snapshot.key == currentRunsKey {
      stepJob = nil
      history.removeAll()
      runs = snapshot.runs
      objectives = snapshot.objectives
      trails = snapshot.trails
      lossHistories = snapshot.lossHistories
      runsKey = snapshot.key
      refreshShownNumbers()
    } else if back || runsKey != currentRunsKey || setup.run.map({ liveStep > $0 }) == true {
      restartRuns()
    }
    lessonSnapshots[index] = RunsSnapshot(
      key: currentRunsKey, runs: runs, objectives: objectives, trails: trails,
      lossHistories: lossHistories)
    inspectedIndex = setup.inspector.flatMap { visible.firstIndex(of: $0) }
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
  private mutating func autoplay(after seconds: Double) {
    guard var playback = lesson, let delay = playback.autoplay, seconds > 0, runTarget == nil,
      playback.index + 1 < playback.lesson.steps.count
    else { return }
    playback.clock += seconds
    lesson = playback
    if playback.clock >= delay { enterLessonStep(playback.index + 1) }
  }

  /// Whether the app needs ticks: while running, or while an autoplaying lesson waits to turn
  /// the page. Otherwise it can sleep until a key arrives.
  public var needsTicks: Bool {
    if !paused || sliceJob != nil || stepJob != nil { return true }
    guard let playback = lesson, playback.autoplay != nil else { return false }
    return playback.index + 1 < playback.lesson.steps.count
  }

  // MARK: - View

  /// The viewport of the map at the current size.
  public var currentViewport: Viewport {
    let map = Renderer.mapSize(width: width, height: height)
    return Viewport(scene: scene, x: xRange, y: yRange, columns: map.columns, rows: map.rows)
  }

  /// The frame to show: the renderer applied to this state. Samples the heatmap again only
  /// when the scene, the view, the size, the scale or the colormap has changed.
  public mutating func frame() -> Buffer {
    guard width >= Renderer.minimumWidth, height >= Renderer.minimumHeight else {
      return Renderer.render(placeholderState(), width: width, height: height)
    }
    return Renderer.render(frameState(), width: width, height: height)
  }

  mutating func frameState() -> FrameState {
    let viewport = currentViewport
    let key = HeatKey(view: viewKey(viewport), scale: scale, colormap: colormap)
    let layer: HeatLayer
    if let cache = heatCache, cache.key == key, sliceJob == nil {
      layer = cache.layer
    } else {
      layer = HeatLayer(
        heatmap: heatmap(viewport: viewport), scale: scale,
        ramp: HeatRamp.make(colormap, tier: tier))
      heatCache = (key, layer)
    }
    var views = zip(runs, trails).map { RunView(run: $0, trail: $1) }
    if shownNumbers.count == views.count {
      for index in views.indices {
        let shown = shownNumbers[index]
        views[index].step = shown.step
        views[index].loss = shown.loss
        views[index].gradient = shown.gradient
        views[index].diverged = shown.diverged
        views[index].evaluations = shown.evaluations
      }
    }
    var state = FrameState(scene: scene, heat: layer, runs: views, theme: theme)
    state.start = start
    state.cursor = cursor
    state.contours = contours
    state.arrows = arrows
    state.unicode = unicode
    state.stepsPerSecond = achievedStepsPerSecond ?? stepsPerSecond
    state.paused = paused
    state.message = message
    if let network = scene.network {
      if networkCost?.scene != sceneIndex {
        networkCost = (sceneIndex, network.gradientCost())
      }
      let cost = networkCost!.cost
      func ms(_ seconds: Double) -> String { Renderer.format(seconds * 1000) + " ms" }
      // Each line fits the narrow legend (31 columns).
      state.legendNotes = [
        "paths: shadows of \(cost.parameters) weights",
        "on α-β; each loss is the true one",
        "one gradient of all the weights:",
        "backprop \(ms(cost.backprop))",
        "finite diff. \(ms(cost.finiteDifferences))",
        "(\(2 * cost.parameters) forward passes)",
      ]
    }
    if showModelPanel, let network = scene.network, !runs.isEmpty {
      state.modelPanel = modelPanel(network, run: runs[min(inspectedIndex ?? 0, runs.count - 1)])
    }
    if let progress = sliceProgress {
      state.message = "computing the slice: \(Int(progress * 100))% (a preview is shown)"
    }
    state.showHelp = showHelp
    if let index = inspectedIndex, index < runs.count {
      state.inspected = InspectorView(run: runs[index])
      if scene.network != nil { state.inspected?.axes = ("α", "β") }
    }
    state.finiteDifferences = gradientMode == .finiteDifferences
    if let playback = lesson {
      state.caption = CaptionView(
        title: playback.lesson.title, text: playback.lesson.steps[playback.index].caption,
        index: playback.index, count: playback.lesson.steps.count)
    }
    if showLossPlot {
      state.lossPlot = zip(runs, lossHistories).map { ($0.kind, $1.points) }
    }
    return state
  }

  /// The heatmap of the view. A network's slice costs a forward pass per pixel, so it comes
  /// in two goes: a preview at a quarter of the resolution at once, and the full slice from
  /// a background job; until that is done, each frame asks again.
  private mutating func heatmap(viewport: Viewport) -> Heatmap {
    let key = viewKey(viewport)
    guard scene.network != nil else { return Heatmap(scene: scene, viewport: viewport) }
    if let done = sliceHeatmap, done.key == key { return done.heatmap }
    if let job = sliceJob, job.key == key {
      if let full = job.heatmap {
        sliceJob = nil
        sliceHeatmap = (key, full)
        return full
      }
      if let preview = slicePreview, preview.key == key { return preview.heatmap }
    }
    sliceJob?.cancel()
    let preview = Heatmap.preview(scene: scene, viewport: viewport, factor: 4)
    slicePreview = (key, preview)
    sliceJob = SliceJob(key: key, scene: scene, viewport: viewport)
    return preview
  }

  /// What `run`'s network does over the input plane (the data's bounding box, padded), at
  /// the panel's resolution.
  private func modelPanel(_ network: NetworkScene, run: Run) -> ModelPanelView? {
    guard let state = run.state as? NetworkOptimizer.State else { return nil }
    let (columns, rows) = ModelPanelView.size(width: width, height: height)
    let inputs = network.data.inputs
    var low = SIMD2(Double.infinity, .infinity)
    var high = -low
    for i in 0..<network.data.count {
      let p = SIMD2(inputs[2 * i], inputs[2 * i + 1])
      low = pointwiseMin(low, p)
      high = pointwiseMax(high, p)
    }
    let pad = (high - low) * 0.1 + 1e-9
    low -= pad
    high += pad
    let pixelRows = 2 * rows
    var grid: [Double] = []
    grid.reserveCapacity(2 * columns * pixelRows)
    for r in 0..<pixelRows {
      let y = high.y - (Double(r) + 0.5) / Double(pixelRows) * (high.y - low.y)
      for c in 0..<columns {
        grid += [low.x + (Double(c) + 0.5) / Double(columns) * (high.x - low.x), y]
      }
    }
    let outputs = network.mlp.predict(state.theta, inputs: grid)
    let points = (0..<network.data.count).map { i in
      (
        x: Int((inputs[2 * i] - low.x) / (high.x - low.x) * Double(columns)),
        y: Int((high.y - inputs[2 * i + 1]) / (high.y - low.y) * Double(pixelRows)),
        label: network.data.targets[i] > 0.5 ? 1 : 0
      )
    }
    let accuracy = Renderer.format((state.accuracy ?? 0) * 100)
    return ModelPanelView(
      title: "\(run.kind.rawValue) · \(accuracy)% right",
      columns: columns, rows: rows, outputs: outputs, points: points)
  }

  private func viewKey(_ viewport: Viewport) -> ViewKey {
    ViewKey(
      scene: sceneIndex, x: xRange, y: yRange, columns: viewport.columns, rows: viewport.rows)
  }

  /// The progress of the full slice, while a preview is shown.
  public var sliceProgress: Double? { sliceJob?.progress }

  /// A state for frames too small to draw a map in; only the size matters.
  private func placeholderState() -> FrameState {
    let viewport = Viewport(x: 0...1, y: 0...1, columns: 1, rows: 1)
    let heat = HeatLayer(
      heatmap: Heatmap(viewport: viewport, values: [0, 0]), scale: .linear,
      ramp: HeatRamp.make(colormap, tier: tier))
    return FrameState(
      title: scene.title, minima: [], saddles: [], start: start, heat: heat, runs: [],
      theme: theme)
  }

  /// The world point at the centre of a map cell, if the cell is on the map.
  func worldPoint(column: Int, row: Int) -> SIMD2<Double>? {
    let viewport = currentViewport
    guard width >= Renderer.minimumWidth, height >= Renderer.minimumHeight, column >= 0, row >= 0,
      column < viewport.columns, row < viewport.rows
    else { return nil }
    return viewport.world(column: column, row: row)
  }

  private func clampedToView(_ p: SIMD2<Double>) -> SIMD2<Double> {
    let viewport = currentViewport
    return SIMD2(
      min(max(p.x, viewport.xRange.lowerBound), viewport.xRange.upperBound),
      min(max(p.y, viewport.yRange.lowerBound), viewport.yRange.upperBound))
  }

  /// "1 step per second", "30 steps per second".
  static func describeSpeed(_ speed: Double) -> String {
    "\(Renderer.format(speed)) \(speed == 1 ? "step" : "steps") per second"
  }

  private static func describe(_ p: SIMD2<Double>) -> String {
    "(\(Renderer.format(p.x)), \(Renderer.format(p.y)))"
  }
}

/// What a heatmap's values depend on: the scene, the view and the map's size.
struct ViewKey: Equatable, Sendable {
  var scene: Int
  var x: ClosedRange<Double>
  var y: ClosedRange<Double>
  var columns: Int
  var rows: Int
}

/// What a coloured heat layer depends on: the values, the scale and the colormap.
struct HeatKey: Equatable, Sendable {
  var view: ViewKey
  var scale: Scene.Scale
  var colormap: Colormap
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
