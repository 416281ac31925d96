/// Reads lesson files (TOML, `format = 1`), collecting every problem with its position.
///
///     format = 1                    required
///     title = "..."                 required
///     summary = "..."               one sentence for the list; default ""
///     number = 1                    the place in `descent demo`'s list; default 1000
///     [[step]]                      one or more, in order
///     caption = "..."               required: 1-4 sentences
///     scene = "bowl"                a built-in scene, or a scene file relative to the lesson
///     show = ["gd", "adam"]         optimizers to show, or "all"
///     start = [x, y]
///     run = 40                      run until step 40, then pause
///     pause = true                  start the step paused (default: running)
///     speed = 20                    steps per second
///     gradient = "backprop"         or "finite-differences"
///     race = "evaluations"          what each frame keeps equal: "steps", "evaluations"
///                                   or "seconds" (see `RaceMode`)
///     inspector = "adam"            or "off"
///     plot = true                   the loss plot
///     curve = true                  the cost curve (what a gradient costs against P)
///     arrows = true                 gradient arrows
///     contours = true
///     scale = "log"                 or "linear"
///     view = { x = [lo, hi], y = [lo, hi] }   zoom
///     [step.optimizers.NAME]        settings, as in a scene's [optimizers.NAME]
///     [step.schedule]               the learning-rate schedule, as in a scene's [schedule]
///     [[step.claim]]                what the caption asserts, checked (see `Claim`)
///
/// Captions may hold placeholders such as `{weights}` (see `Placeholders`), filled with the
/// settings in force at their step.
public enum LessonLoader {
  /// The most steps a lesson may have.
  public static let maximumSteps = 200
  /// The longest caption, in characters: four long sentences.
  public static let maximumCaption = 600

  /// Reads one lesson.
  ///
  /// - Parameters:
  ///   - resolveScene: the scene a step's `scene = "..."` names, or a message saying why
  ///     there is none.
  public static func load(
    text: String, file: String, name: String,
    resolveScene: (String) -> Result<Scene, SceneLookupError>
  ) -> Result<Lesson, SceneErrors> {
    var reader = TOMLReader(text: text, file: file)
    let lesson = reader.readLesson(name: name, resolveScene: resolveScene)
    if let lesson, reader.diagnostics.isEmpty { return .success(lesson) }
    return .failure(reader.errors)
  }
}

extension TOMLReader {
  static let lessonKeys = ["format", "title", "summary", "number", "step"]
  static let stepKeys = [
    "caption", "scene", "show", "start", "run", "pause", "speed", "gradient", "race", "inspector",
    "plot", "curve", "arrows", "contours", "scale", "view", "optimizers", "schedule", "claim",
    "runs",
  ]

  mutating func readLesson(
    name: String, resolveScene: (String) -> Result<Scene, SceneLookupError>
  ) -> Lesson? {
    guard let root = parse() else { return nil }
    checkKeys(root, allowed: Self.lessonKeys, path: [], what: "in a lesson")
    checkFormat(root, what: "lesson")
    let title = string(root, "title", required: true) ?? ""
    let summary = string(root, "summary") ?? ""
    let number = integer(root, "number", in: 0...1_000_000) ?? 1000
    guard let value = root["step"] else {
      report([], "a lesson needs at least one [[step]]")
      return nil
    }
    guard let array = value.array, array.count > 0 else {
      report(["step"], "`step` must be an array of tables: write [[step]] sections")
      return nil
    }
    if array.count > LessonLoader.maximumSteps {
      report(["step"], "a lesson has at most \(LessonLoader.maximumSteps) steps")
      return nil
    }
    var steps: [Lesson.Step] = []
    var paths: [[String]] = []
    var scene: Scene? = nil
    for (index, element) in array.enumerated() {
      let path = ["step", String(index)]
      guard let table = element.table else {
        report(path, "each entry of `step` must be a table")
        continue
      }
      if let step = readStep(table, path: path, scene: scene, resolveScene: resolveScene) {
        steps.append(step)
        paths.append(path)
        scene = step.scene ?? scene
      }
    }
    var lesson = Lesson(
      name: name, file: file, number: number, title: title, summary: summary, steps: steps)
    checkSetups(lesson, paths: paths)
    if diagnostics.isEmpty && steps.count == array.count {
      // Placeholders take the settings in force at each step, known once all are read.
      let first = steps.lazy.compactMap(\.scene).first
      var memo = Placeholders.Memo()
      for index in steps.indices {
        let context = first.flatMap { first in
          steps[0...index].contains { $0.scene != nil }
            ? ClaimChecker.Context(lesson.setup(at: index, initial: first)) : nil
        }
        lesson.steps[index].caption = filled(
          steps[index].caption, at: ["step", String(index), "caption"], context: context,
          memo: &memo)
      }
    }
    return lesson
  }

  /// What each step shows must make sense with every earlier step applied: a `start` inside
  /// the scene's view (where the view can show it), and an `inspector` on an optimizer the
  /// step shows (else the panel would close without a word).
  private mutating func checkSetups(_ lesson: Lesson, paths: [[String]]) {
    // A lesson whose first step names no scene plays on the scene `descent demo` opens.
    guard let initial = SceneLibrary.builtin(named: SceneLibrary.defaultName) else { return }
    for (index, step) in lesson.steps.enumerated() {
      let setup = lesson.setup(at: index, initial: initial)
      let scene = setup.scene
      if let start = step.start, !scene.xRange.contains(start.x) || !scene.yRange.contains(start.y)
      {
        report(
          paths[index] + ["start"], value: true,
          "start (\(start.x), \(start.y)) is outside the view of scene `\(scene.name)` (x = \(scene.xRange), y = \(scene.yRange))"
        )
      }
      if case .some(.some(let name)) = step.inspector, setup.runs.index(named: name) == nil,
        OptimizerKind(rawValue: String(name.prefix { $0 != "@" })) != nil
      {
        let shown = setup.runs.map(\.name).joined(separator: ", ")
        report(
          paths[index] + ["inspector"], value: true,
          "inspector `\(name)` is not among the optimizers this step shows (\(shown)); add it to `show`"
        )
      }
    }
  }

  /// One `[[step]]`; `scene` is the scene earlier steps left in force.
  private mutating func readStep(
    _ table: TOMLTable, path: [String], scene current: Scene?,
    resolveScene: (String) -> Result<Scene, SceneLookupError>
  ) -> Lesson.Step? {
    checkKeys(table, allowed: Self.stepKeys, path: path, what: "in a [[step]]")
    let caption = string(table, "caption", path: path, required: true)
    var step = Lesson.Step(caption: caption ?? "")
    step.line = location(path)?.line
    let trimmed = step.caption.trimmingWhitespace()
    if caption != nil && trimmed.isEmpty {
      report(path + ["caption"], value: true, "the caption is empty")
    } else if trimmed.count > LessonLoader.maximumCaption {
      report(
        path + ["caption"], value: true,
        "the caption has \(trimmed.count) characters; at most \(LessonLoader.maximumCaption) fit the box"
      )
    }
    step.caption = trimmed.split(whereSeparator: \.isWhitespace).joined(separator: " ")

    if let reference = string(table, "scene", path: path) {
      switch resolveScene(reference) {
      case .success(let scene): step.scene = scene
      case .failure(let error): report(path + ["scene"], value: true, error.description)
      }
    }
    if let value = table["show"] {
      if value.string == "all" {
        step.show = []
      } else if let names = value.array?.compactMap(\.string), names.count == value.array?.count,
        !names.isEmpty
      {
        var runs: [RunSpec] = []
        for (index, name) in names.enumerated() {
          do {
            runs.append(try RunSpec.parse(name))
          } catch {
            let known = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
            report(
              path + ["show", String(index)], value: true,
              error.unknownOptimizer && !name.contains("@")
                ? "unknown optimizer `\(name)` (known: \(known))" : error.description)
          }
        }
        step.show = RunSpec.ordered(runs)
        if step.show!.count > RunSpec.maximumRuns {
          report(
            path + ["show"], value: true,
            "\(step.show!.count) runs; a race has at most \(RunSpec.maximumRuns)")
        }
      } else {
        report(
          path + ["show"], value: true,
          "`show` must be \"all\" or an array of optimizer names, e.g. [\"gd\", \"adam\"]")
      }
    }
    step.start = point(table, "start", path: path)
    step.run = integer(table, "run", path: path, in: 0...1_000_000)
    step.pause = boolean(table, "pause", path: path)
    if let speed = number(table, "speed", path: path) {
      if speed > 0 && speed <= 1000 {
        step.speed = speed
      } else {
        report(path + ["speed"], value: true, "`speed` must be in (0, 1000] steps per second")
      }
    }
    if let text = string(table, "gradient", path: path) {
      step.gradient = SceneObjective.GradientMode(rawValue: text)
      if step.gradient == nil {
        report(
          path + ["gradient"], value: true,
          "gradient must be \"backprop\" or \"finite-differences\", not \"\(text)\"")
      }
    }
    if let text = string(table, "race", path: path) {
      step.race = RaceMode(rawValue: text)
      if step.race == nil {
        report(
          path + ["race"], value: true,
          "race must be \"steps\", \"evaluations\" or \"seconds\", not \"\(text)\"")
      }
    }
    if let text = string(table, "inspector", path: path) {
      if text == "off" {
        step.inspector = .some(nil)
      } else {
        // An optimizer, a run's name or a run's label: checked against the runs shown.
        step.inspector = text
      }
    }
    step.plot = boolean(table, "plot", path: path)
    step.curve = boolean(table, "curve", path: path)
    step.arrows = boolean(table, "arrows", path: path)
    step.contours = boolean(table, "contours", path: path)
    if let text = string(table, "scale", path: path) {
      step.scale = Scene.Scale(rawValue: text)
      if step.scale == nil {
        report(
          path + ["scale"], value: true, "scale must be \"linear\" or \"log\", not \"\(text)\"")
      }
    }
    if let view = self.table(table, "view", path: path) {
      let viewPath = path + ["view"]
      checkKeys(view, allowed: ["x", "y"], path: viewPath, what: "in a step's view")
      let x = range(view, "x", path: viewPath)
      let y = range(view, "y", path: viewPath)
      if let x, let y {
        step.view = (x, y)
      } else if view["x"] == nil || view["y"] == nil {
        report(viewPath, "a step's view needs both x and y")
      }
    }
    step.settings = optimizerSettings(table, path: path)
    if let runs = runSpecs(
      table, path: path, settings: (step.scene ?? current)?.settings ?? [:])
    {
      if table["show"] != nil {
        report(path + ["runs"], "a step names its runs with `show` or [[step.runs]], not both")
      } else {
        step.show = runs
      }
    }
    if case .some(.some(let name)) = step.inspector,
      OptimizerKind(rawValue: String(name.prefix { $0 != "@" })) == nil,
      !((step.show ?? []) + ((step.scene ?? current)?.runs ?? [])).contains(where: {
        $0.isNamed(name)
      })
    {
      report(
        path + ["inspector"], value: true,
        "inspector must be \"off\", an optimizer name or a run's label, not \"\(name)\"")
    }
    step.schedule = schedule(table, path: path)
    step.claims = claims(
      table, "claim", path: path, scene: step.scene ?? current, runs: step.show ?? [])
    return caption == nil ? nil : step
  }

  mutating func boolean(_ parent: TOMLTable, _ key: String, path: [String]) -> Bool? {
    guard let value = parent[key] else { return nil }
    guard let flag = value.bool else {
      report(
        path + [key], value: true, "`\(key)` must be true or false, found \(Self.typeName(value))")
      return nil
    }
    return flag
  }
}
