/// A narrated lesson: an ordered list of steps, each a caption and what to show with it.
///
/// Steps are cumulative. A step states only what changes; everything else carries over from
/// the step before. Changing the scene resets the start, the view, the scale and the
/// optimizer settings to the new scene's, before the step's own values apply.
/// `Lesson.setup(at:)` resolves what step k shows.
public struct Lesson: Sendable {
  /// The short name used on the command line: the file name without `.toml`.
  public var name: String
  /// Where the lesson came from: a path, or `scenes/lessons/NAME.toml`.
  public var file: String
  /// Where the lesson sits in `descent demo`'s list.
  public var number: Int
  public var title: String
  /// One sentence for the list.
  public var summary: String
  public var steps: [Step]

  public init(
    name: String, file: String, number: Int, title: String, summary: String, steps: [Step]
  ) {
    self.name = name
    self.file = file
    self.number = number
    self.title = title
    self.summary = summary
    self.steps = steps
  }

  /// One step as written: a caption, and optional changes.
  public struct Step: Sendable {
    /// 1-4 sentences.
    public var caption: String
    /// The line of the step's `[[step]]` header, for messages.
    public var line: Int?
    public var scene: Scene?
    /// The runs to show (`show`, or `[[step.runs]]`); empty for all the scene races.
    public var show: [RunSpec]?
    /// Settings per optimizer, laid over the scene's (and over earlier steps').
    public var settings: [OptimizerKind: Hyperparameters] = [:]
    /// The learning-rate schedule from this step on, in place of the scene's.
    public var schedule: Schedule?
    public var start: SIMD2<Double>?
    /// Run (animated) until every run reaches this step, then pause.
    public var run: Int?
    /// Start paused (true) or running (false).
    public var pause: Bool?
    /// Steps per second.
    public var speed: Double?
    public var gradient: SceneObjective.GradientMode?
    /// What the race keeps equal: steps, evaluations or seconds.
    public var race: RaceMode?
    /// The run the inspector shows, by name, label or optimizer; `.some(nil)` closes it.
    public var inspector: String??
    public var plot: Bool?
    /// The cost curve panel.
    public var curve: Bool?
    public var arrows: Bool?
    public var contours: Bool?
    public var scale: Scene.Scale?
    public var view: (x: ClosedRange<Double>, y: ClosedRange<Double>)?
    /// What the caption asserts, checked at the settings this step shows.
    public var claims: [Claim] = []

    public init(caption: String) { self.caption = caption }
  }

  /// What a step shows: the scene, the runs and the panels, with every earlier step applied.
  public struct Setup: Sendable {
    public var scene: Scene
    /// Empty for all the scene races.
    public var show: [RunSpec] = []
    public var settings: [OptimizerKind: Hyperparameters] = [:]
    public var start: SIMD2<Double>
    public var gradient: SceneObjective.GradientMode = .backprop
    public var race = RaceMode.steps
    /// The run the inspector shows: a run's name or label, or an optimizer's name.
    public var inspector: String?
    public var plot = false
    public var curve = false
    public var arrows = false
    public var contours = false
    public var scale: Scene.Scale
    public var view: (x: ClosedRange<Double>, y: ClosedRange<Double>)
    public var speed: Double?
    /// This step's own: run until this step, then pause.
    public var run: Int?
    /// This step's own: whether it starts paused.
    public var pause = false

    public init(scene: Scene) {
      self.scene = scene
      start = scene.start
      scale = scene.scale
      view = (scene.xRange, scene.yRange)
    }

    /// The runs shown.
    public var runs: [RunSpec] { show.isEmpty ? scene.raceRuns : show }

    /// The optimizers of the runs shown.
    public var kinds: [OptimizerKind] { runs.map(\.kind) }

    /// The settings `kind` runs with: the scene's, then the lesson's.
    public func settings(for kind: OptimizerKind) -> Hyperparameters {
      scene.settings(for: kind).merging(settings[kind] ?? Hyperparameters())
    }
  }

  /// What step `index` (0-based) shows, with steps 0...index applied in order, starting from
  /// `initial` (the scene a lesson opens on when its first step names none).
  public func setup(at index: Int, initial: Scene) -> Setup {
    var setup = Setup(scene: initial)
    for k in 0...max(0, min(index, steps.count - 1)) where k < steps.count {
      let step = steps[k]
      if let scene = step.scene {
        let show = setup.show
        let keep = (setup.gradient, setup.inspector, setup.plot, setup.arrows, setup.contours)
        let (speed, race, curve) = (setup.speed, setup.race, setup.curve)
        setup = Setup(scene: scene)
        setup.show = show
        (setup.gradient, setup.inspector, setup.plot, setup.arrows, setup.contours) = keep
        (setup.speed, setup.race, setup.curve) = (speed, race, curve)
      }
      if let show = step.show { setup.show = show }
      for (kind, h) in step.settings {
        setup.settings[kind] = (setup.settings[kind] ?? Hyperparameters()).merging(h)
      }
      if let schedule = step.schedule { setup.scene.schedule = schedule }
      if let start = step.start { setup.start = start }
      if let gradient = step.gradient { setup.gradient = gradient }
      if let race = step.race { setup.race = race }
      if let inspector = step.inspector { setup.inspector = inspector }
      if let plot = step.plot { setup.plot = plot }
      if let curve = step.curve { setup.curve = curve }
      if let arrows = step.arrows { setup.arrows = arrows }
      if let contours = step.contours { setup.contours = contours }
      if let scale = step.scale { setup.scale = scale }
      if let view = step.view { setup.view = view }
      if let speed = step.speed { setup.speed = speed }
      setup.run = step.run
      setup.pause = step.pause ?? false
    }
    return setup
  }
}
