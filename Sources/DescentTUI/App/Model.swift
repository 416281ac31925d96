import DescentCore
import DescentRender

/// The whole state of the interactive app, and its `update`: a value that tests drive with
/// events and no terminal. This file holds the state and the dispatch of events and keys;
/// `Model+Playback` the runs, `Model+Lesson` lessons, `Model+View` the heatmap and the
/// frame, `Model+Panels` what the panels show.
public struct Model: Sendable {
  /// Steps per second the speed keys choose from, on a roughly logarithmic scale.
  public static let speeds: [Double] = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000]
  /// Steps taken in one tick at most, so a stalled clock cannot freeze the app.
  public static let maximumStepsPerTick = 1000

  public internal(set) var scenes: [Scene]
  public internal(set) var sceneIndex: Int
  /// The runs shown: optimizers, or instances of them at settings of their own
  /// (`gd@lr=0.05`).
  public internal(set) var visible: [RunSpec]
  /// The run each of `runs` is, in the same order.
  public internal(set) var runSpecs: [RunSpec] = []
  /// Whether every optimizer of the race is shown (`a`), so that a new scene shows its own.
  var racingAll: Bool
  /// The race chosen in the picker (`o`), kept across scenes; nil for each scene's own.
  public internal(set) var chosenRace: [RunSpec]?
  /// The picker, while it is open.
  public internal(set) var picker: PickerView?
  /// Settings from the command line, laid over each scene's.
  public let overrides: Hyperparameters
  /// The ×2 / ÷2 factor the `+` and `-` keys have applied to each run's step size.
  public internal(set) var stepScale: [RunSpec: Double] = [:]
  /// Settings given on the command line (`:gd.lr 0.09`), laid over all others.
  public internal(set) var commandSettings: [RunSpec: Hyperparameters] = [:]
  /// The command line (`:`), while it is open.
  public internal(set) var commandLine: CommandPrompt?
  /// The command lines run, oldest first, for ↑ and ↓.
  public internal(set) var commandHistory: [String] = []

  public internal(set) var runs: [Run] = []
  public internal(set) var trails: [Trail] = []
  /// The numbers the status bar and legend show, refreshed at most `numbersInterval` apart
  /// while animating: paths move every frame, but digits changing 30 times a second cannot
  /// be read, and rewriting them would be most of each frame's bytes.
  /// The legend's evaluation counts are part of the same snapshot, so they agree with the
  /// step the status bar shows.
  var shownNumbers:
    [(
      step: Int, loss: Double, gradient: SIMD2<Double>?, diverged: Bool,
      evaluations: EvaluationCount
    )] = []
  var numbersAge = 0.0
  public static let numbersInterval = 0.1
  /// The runs before each of the last steps, for rewinding.
  var history = History<[Run]>(capacity: Model.historyLimit)
  /// How many steps rewind can undo.
  public static let historyLimit = 10_000
  /// Each run's (step, loss) points for the loss plot, thinned like trails.
  public internal(set) var lossHistories: [Trail] = []
  /// Each run's (evaluations of f, evaluations of ∇f) at the same points as its loss
  /// history (appended and thinned in step with it), so the plot can put the loss against
  /// what was spent in any race mode, with the gradient's cost as measured now.
  var spendHistories: [Trail] = []
  /// What the race keeps equal at each frame (`b` cycles): steps, evaluations or seconds.
  public internal(set) var raceMode = RaceMode.steps
  public internal(set) var showLossPlot = false
  /// Whether the cost curve is open (`C`).
  public internal(set) var showCostCurve = false
  /// Whether a network scene's model panel is open (`n`).
  public internal(set) var showModelPanel = false
  /// How the gradient optimizers get their gradients: `d` switches.
  public internal(set) var gradientMode = SceneObjective.GradientMode.backprop
  /// Which run the inspector shows, if it is open.
  public internal(set) var inspectedIndex: Int?
  /// Whether the equations panel is open (`e`): the inspected run's update with its numbers.
  public internal(set) var showEquations = false
  /// The speed to return to when explain mode (`E`) ends; nil while it is off. Explain mode
  /// steps once a second and draws the update's vectors at the inspected run's head.
  public internal(set) var explainSpeed: Double?
  var objectives: [SceneObjective] = []
  /// A network slice: the one asked of the runtime and how far it has got, the preview
  /// shown meanwhile, and the last full slice.
  var sliceWanted: SliceRequest?
  var sliceFraction = 0.0
  var slicePreview: (key: ViewKey, heatmap: Heatmap)?
  var sliceHeatmap: (key: ViewKey, heatmap: Heatmap)?
  /// What a gradient costs on a scene, measured by the runtime once per scene: always on a
  /// network scene (the legend shows it), on a surface when a race by budget needs it.
  var gradientTiming: (scene: Int, cost: GradientTiming)?
  var costWanted: Int?
  /// Settings a lesson step gives each optimizer, laid over the scene's.
  var lessonSettings: [OptimizerKind: Hyperparameters] = [:]
  /// The learning-rate schedule the lesson step in force sets, over the scene's; nil outside
  /// a lesson.
  var lessonSchedule: Schedule?
  /// The lesson playing, if any.
  public internal(set) var lesson: LessonPlayback?
  /// The runs as each lesson step found them on entering it: going back to a step shows it
  /// as it was then (its caption over its own paths), and its run plays again from there.
  var lessonSnapshots: [Int: RunsSnapshot] = [:]
  struct RunsSnapshot: Sendable {
    var key: RunsKey
    var runs: [Run]
    var objectives: [SceneObjective]
    var runSpecs: [RunSpec]
    var trails: [Trail]
    var lossHistories: [Trail]
    var spendHistories: [Trail]
  }
  /// Run until every live run reaches this step, then pause (a lesson step's `run`).
  public internal(set) var runTarget: Int?

  /// Where the runs start.
  public internal(set) var start: SIMD2<Double>
  public internal(set) var cursor: SIMD2<Double>
  public internal(set) var xRange: ClosedRange<Double>
  public internal(set) var yRange: ClosedRange<Double>

  public internal(set) var colormap: Colormap
  public internal(set) var scale: Scene.Scale
  public internal(set) var contours = false
  /// Whether the map shows its axes and colour bar (`x`).
  public internal(set) var axes = false
  /// Whether the scene's description is shown (`D`).
  public internal(set) var showDescription = false
  /// The 3-D view's angles while it is on (`v`).
  public internal(set) var surfaceView: SurfaceView?
  /// The angles the 3-D view was last left at, for the next `v`.
  var surfaceAngles = SurfaceView()
  /// Where the mouse was at the last press or drag in the 3-D view: a drag turns and tilts
  /// the view by how far it moves from there.
  var dragAnchor: (column: Int, row: Int)?
  /// What the cross-section plot shows (`X`), while it is on.
  public internal(set) var crossSection: CrossSectionMode?
  public internal(set) var arrows = false
  /// How boldly the runs are drawn (`P`): for a screen or a projector.
  public internal(set) var style = FrameStyle.screen
  /// The colormap in use before `P` switched to the projector's, to switch back to.
  var colormapBeforeProjector: Colormap?
  /// How much of a noisy trail is drawn (`t`).
  public internal(set) var noisyTrails = TrailMode.full
  public internal(set) var showHelp = false
  public internal(set) var paused = false
  /// Steps per second: `<` and `>` move along `speeds`, `:steps/s` sets any in 1...1000.
  public internal(set) var stepsPerSecond = Model.defaultSpeed
  var pendingSteps = 0.0
  public internal(set) var message = ""
  /// Seconds of stepping one tick may spend, so that keys are handled and frames drawn
  /// however slow the steps; steps beyond it are dropped, not owed. A step that alone takes
  /// longer is computed on a worker thread (`StepJob`) while frames go on. Nil (tests, the
  /// soak) steps all that the speed asks for, on the caller's thread.
  public var stepBudget: Double?
  /// The step being computed on a worker thread. Dropping it (a pause, a restart) drops the
  /// steps queued behind it too.
  var stepJob: StepJob? {
    didSet { if stepJob == nil { queuedSteps = 0 } }
  }
  /// Presses of `.` while a step was being computed, each owed one step once it is done
  /// (at most `maximumQueuedSteps`), so that no press is lost.
  public internal(set) var queuedSteps = 0
  /// How many presses of `.` can wait for a step in flight.
  public static let maximumQueuedSteps = 10
  /// Whether the last step took longer than the budget, so the next goes to a worker.
  var slowSteps = false
  /// Steps taken and seconds passed while running, since the speed was last worked out.
  var achievedCount = 0
  var achievedSeconds = 0.0
  /// Steps per second actually taken over the last second or so while running, when that
  /// falls short of the speed chosen; nil while it keeps up (or paused).
  public internal(set) var achievedStepsPerSecond: Double?

  public internal(set) var width: Int
  public internal(set) var height: Int
  public let tier: ColorTier
  public let unicode: Bool
  let theme: Theme
  /// The coloured heatmap of the current view, kept up to date by `update`.
  var heat: (key: HeatKey, layer: HeatLayer)?

  public var scene: Scene { scenes[sceneIndex] }

  public init(
    scenes: [Scene], sceneIndex: Int = 0, visible: [OptimizerKind] = [], runs: [RunSpec] = [],
    overrides: Hyperparameters = Hyperparameters(), tier: ColorTier, unicode: Bool = true,
    colormap: Colormap = .viridis, width: Int, height: Int
  ) {
    precondition(!scenes.isEmpty, "the app needs a scene")
    self.scenes = scenes
    self.sceneIndex = min(max(0, sceneIndex), scenes.count - 1)
    let named = runs.isEmpty ? visible.map { RunSpec($0) } : runs
    self.racingAll = named.isEmpty
    self.visible = named.isEmpty ? scenes[self.sceneIndex].raceRuns : named
    // Named on the command line, they are the race the digits pick from.
    if !named.isEmpty { self.chosenRace = named }
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
    _ = refreshView()
  }

  /// What the runtime should do before the first event (bubbletea's `Init`): start the slice
  /// and time the gradient a network scene shows.
  public var initialEffect: Effect {
    var effect = Effect.none
    if let wanted = sliceWanted { effect = effect.then(.computeSlice(wanted)) }
    if let scene = costWanted, gradientTiming?.scene != scene {
      effect = effect.then(.measureGradientCost(scene: scene, of: scenes[scene]))
    }
    return effect
  }

  /// What the runs shown were started with, to tell whether a lesson step can continue them.
  struct RunsKey: Equatable {
    var scene: Int
    var runs: [RunSpec]
    var start: SIMD2<Double>
    var gradient: SceneObjective.GradientMode
    /// A lesson step that races by another measure starts the runs afresh.
    var race: RaceMode
    var settings: [OptimizerKind: Hyperparameters]
    var schedule: Schedule?
    var stepScale: [RunSpec: Double]
    var commands: [RunSpec: Hyperparameters]
  }
  var runsKey: RunsKey?

  // MARK: - Update

  /// Applies one event. The only way the model changes.
  public mutating func update(_ event: Event) -> Effect {
    let effect = apply(event).then(refreshView())
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

  mutating func apply(_ event: Event) -> Effect {
    switch event {
    case .key(let key) where commandLine != nil:
      return edit(key)
    case .key(let key) where picker != nil:
      return pick(key)
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
    case .click(let column, let row) where surfaceView != nil:
      // In the 3-D view a press starts a drag, which turns and tilts it.
      dragAnchor = (column, row)
      message = "drag to turn and tilt; a click picks a point on the flat map (v)"
    case .drag(let column, let row):
      drag(to: column, row: row)
    case .click(let column, let row):
      guard let point = worldPoint(column: column, row: row) else { return .none }
      cursor = point
      restart(from: point, reason: "restarted at the clicked point")
    case .tick(let seconds):
      advance(by: seconds)
      measureSpeed(over: seconds)
      autoplay(after: seconds)
    case .escapeThen(let character) where commandLine != nil || picker != nil:
      // Esc closed the line or the picker, and the key came before the escape delay was
      // over: it is the next key, not lost.
      return apply(.key(.escape)).then(apply(.key(.character(character))))
    case .escapeThen(let character):
      // Here Esc quits, so only Alt can have sent this: it means nothing.
      message = EscapeDecoder.unbound("Alt+\(character)")
    case .ignored(let text):
      message = text
    case .resize(let width, let height):
      self.width = max(0, width)
      self.height = max(0, height)
      cursor = clampedToView(cursor)
    case .sliceProgress(let key, let fraction):
      if sliceWanted?.key == key { sliceFraction = fraction }
    case .sliceComputed(let result):
      guard sliceWanted?.key == result.key else { return .none }
      sliceWanted = nil
      sliceHeatmap = (result.key, result.heatmap)
      heat = nil
    case .gradientCostMeasured(let scene, let cost):
      gradientTiming = (scene, cost)
      // The message asked for the cost while it was being measured; now it knows.
      if raceMode != .steps && message.hasPrefix("race by") { message = describeRaceMode() }
    case .setupSaved(let file, let command):
      message = "saved \(file); reopen: \(command)"
    case .saveFailed(let reason):
      message = "cannot save: \(reason)"
    }
    return .none
  }

  /// The runs that race: the picker's choice (or the command line's), or the scene's.
  public var raceRuns: [RunSpec] { chosenRace ?? scene.raceRuns }

  /// A key while the picker is open: ↑↓ (or k j) move, space ticks, enter races the ticked
  /// ones, Esc or o closes it unchanged.
  mutating func pick(_ key: Key) -> Effect {
    guard var picker else { return .none }
    let order = PickerView.order
    let index = order.firstIndex(of: picker.cursor) ?? 0
    switch key {
    case .up, .character("k"): picker.cursor = order[max(0, index - 1)]
    case .down, .character("j"): picker.cursor = order[min(order.count - 1, index + 1)]
    case .character(" "):
      if picker.chosen.contains(picker.cursor) {
        picker.chosen.remove(picker.cursor)
      } else {
        picker.chosen.insert(picker.cursor)
      }
    case .enter:
      guard !picker.chosen.isEmpty else {
        message = "tick at least one optimizer (space)"
        return .none
      }
      self.picker = nil
      // The runs of the race whose optimizers stay ticked stay, instances included; an
      // optimizer newly ticked joins plain.
      let kept = raceRuns.filter { picker.chosen.contains($0.kind) }
      let added = OptimizerKind.allCases.filter { kind in
        picker.chosen.contains(kind) && !kept.contains { $0.kind == kind }
      }
      chosenRace = RunSpec.ordered(kept + added.map { RunSpec($0) })
      racingAll = true
      visible = raceRuns
      restart(
        from: start,
        reason: "\(visible.count) race: " + visible.map(\.name).joined(separator: ", "))
      return .none
    case .escape, .character("o"), .character("q"):
      self.picker = nil
      message = "the race is unchanged"
      return .none
    default:
      message = "↑↓ move, space ticks, enter races them, esc cancels"
    }
    self.picker = picker
    return .none
  }

  mutating func perform(_ action: Action) -> Effect {
    if showHelp && action != .toggleHelp && action != .quit { showHelp = false }
    switch action {
    case .quit:
      return .quit
    case .show(let number):
      let race = raceRuns
      guard number >= 1, number <= race.count else {
        message = "the race has \(race.count) optimizers; o picks them"
        return .none
      }
      let run = race[number - 1]
      visible = [run]
      racingAll = false
      restart(
        from: start,
        reason: run.isPlain
          ? "\(run.kind.rawValue): \(run.kind.title)" : "\(run.displayName): \(run.kind.title)")
    case .openPicker:
      let race = Set(raceRuns.map(\.kind))
      picker = PickerView(chosen: race, cursor: PickerView.order.first { race.contains($0) } ?? .gd)
      message = "choose the optimizers to race"
    case .showAll:
      racingAll = true
      visible = raceRuns
      restart(from: start, reason: "all \(visible.count) race from the same start")
    case .togglePause:
      paused.toggle()
      pendingSteps = 0
      stepJob = nil
      message = paused ? "paused" : "running"
    case .stepOnce:
      let wasPaused = paused
      paused = true
      guard stepJob != nil else {
        stepOnce()
        message = "one step"
        return .none
      }
      // A step is being computed. Paused, it is an earlier press's: this one waits its turn.
      // Running, the step in flight is the one step.
      guard wasPaused else {
        message = "one step"
        return .none
      }
      if queuedSteps < Self.maximumQueuedSteps {
        queuedSteps += 1
        message = "one step (\(queuedSteps) waiting for the step being computed)"
      } else {
        message = "one step: \(queuedSteps) are waiting already"
      }
    case .reset:
      cursor = scene.start
      restart(from: scene.start, reason: "reset to the start")
    case .slower:
      stepsPerSecond = Self.speeds.last { $0 < stepsPerSecond } ?? Self.speeds[0]
      message = Self.describeSpeed(stepsPerSecond)
    case .faster:
      stepsPerSecond = Self.speeds.first { $0 > stepsPerSecond } ?? Self.speeds.last!
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
      message = inspectedIndex.map { "inspector: \(runSpecs[$0].displayName)" } ?? "inspector off"
    case .toggleEquations:
      showEquations.toggle()
      if !showEquations { endExplaining() }
      message =
        showEquations
        ? "equations of \(equationsRun.map { runSpecs[$0].displayName } ?? "no run") (i picks the run)"
        : "equations off"
    case .toggleExplain:
      if explainSpeed != nil {
        endExplaining()
        message = "explain mode off: \(Self.describeSpeed(stepsPerSecond))"
      } else {
        explainSpeed = stepsPerSecond
        stepsPerSecond = Self.explainStepsPerSecond
        showEquations = true
        // A teacher presses E to see it step: it runs even if the view was paused (a step
        // already owed at the old speed is not taken at once).
        paused = false
        pendingSteps = 0
        message = "explain mode: 1 step per second (space pauses, . steps, E ends)"
      }
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
    case .cycleRaceMode:
      // The race starts over: runs that went ahead by step would otherwise wait for the
      // others to spend as much.
      raceMode = raceMode.next
      restart(from: start, reason: describeRaceMode())
    case .toggleCostCurve:
      showCostCurve.toggle()
      message = showCostCurve ? "cost curve on" : "cost curve off"
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
          spendHistories[index].removeLast()
        }
      }
      runs = previous
      // Rewind restores where the runs were and their optimizers' state (momentum,
      // moments), not the settings: a step size changed with + or - since stays.
      var kept: [String] = []
      for index in runs.indices {
        let spec = runSpecs[index]
        guard let optimizer = makeOptimizer(spec) else { continue }
        if let name = spec.kind.stepSetting,
          runs[index].optimizer.hyperparameters[name] != optimizer.hyperparameters[name]
        {
          kept.append(
            "\(spec.displayName) \(name) \(Renderer.format(optimizer.hyperparameters[name] ?? 0))")
        }
        runs[index].continueWith(optimizer)
      }
      message = "rewound to step \(runs.map(\.state.step).max() ?? 0)"
      if !kept.isEmpty { message += "; kept " + kept.joined(separator: ", ") }
    case .toggleAxes:
      axes.toggle()
      message = axes ? "axes and colour bar on" : "axes and colour bar off"
    case .toggleDescription:
      showDescription.toggle()
      message = showDescription ? "about this scene (D closes it)" : "description closed"
    case .toggleSurface:
      toggleSurface()
    case .turnSurface(let degrees):
      turnSurface(by: degrees)
    case .tiltSurface(let degrees):
      tiltSurface(by: degrees)
    case .cycleCrossSection:
      cycleCrossSection()
    case .toggleProjector:
      toggleProjector()
    case .cycleTrails:
      noisyTrails = noisyTrails.next
      message = Self.describeTrails(noisyTrails)
    case .toggleHelp:
      showHelp.toggle()
    case .save:
      return save()
    case .openCommandLine:
      commandLine = CommandPrompt()
      message = ""
    }
    return .none
  }

  /// Explain mode's speed: slow enough to read each update.
  public static let explainStepsPerSecond = 1.0

  /// Ends explain mode, back at the speed it was entered at.
  mutating func endExplaining() {
    guard let speed = explainSpeed else { return }
    stepsPerSecond = speed
    explainSpeed = nil
  }

  /// The run the equations panel shows: the inspected one, or the first.
  var equationsRun: Int? {
    runs.isEmpty ? nil : min(inspectedIndex ?? 0, runs.count - 1)
  }

  /// Whether the app needs ticks: while running, or while an autoplaying lesson waits to turn
  /// the page. Otherwise it can sleep until a key arrives.
  /// "1 step per second", "30 steps per second".
  static func describeSpeed(_ speed: Double) -> String {
    "\(Renderer.format(speed)) \(speed == 1 ? "step" : "steps") per second"
  }

  public var needsTicks: Bool {
    if !paused || sliceWanted != nil || stepJob != nil || queuedSteps > 0 { return true }
    guard let playback = lesson, playback.autoplay != nil else { return false }
    return playback.index + 1 < playback.lesson.steps.count
  }

}
