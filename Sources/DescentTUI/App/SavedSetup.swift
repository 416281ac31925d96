import DescentCore
import DescentRender

/// What the view's save key (`w`) keeps: the scene as it is shown (start, view, colour
/// scale, each shown run's settings as it now runs them, `+`/`-` included) and the flags
/// that bring back the rest of the screen (which optimizers, speed, step, panels). The
/// model makes it (a pure value); the runtime writes it (`save(in:)`).
public struct SavedSetup: Sendable, Equatable {
  public var scene: Scene
  /// The flags after the file's name in the command that reopens the screen.
  public var arguments: [String]

  /// The name files are saved under: descent-saved-N.toml (and .csv for a data scene's
  /// data), N the first number free for both.
  public static let prefix = "descent-saved-"

  /// The command that reopens this screen from `file`.
  public func command(file: String) -> String {
    (["descent", file] + arguments).joined(separator: " ")
  }

  /// The scene file's text, and the data's CSV for a data scene, for files named `base`
  /// (`.toml`, `.csv`).
  /// - Throws: `SceneWriter.Refusal` for a scene that cannot be written.
  public func files(base: String) throws(SceneWriter.Refusal) -> (toml: String, csv: String?) {
    let name = base.split(separator: "/").last.map(String.init) ?? base
    let csv = scene.dataset.map(SceneWriter.csv) ?? scene.network.flatMap(SceneWriter.csv)
    let toml = try SceneWriter.toml(
      scene, dataFile: csv == nil ? nil : name + ".csv",
      header: [
        "Saved by descent from the view of \(scene.name) (\(scene.file)).",
        "Reopen this screen with: " + command(file: name + ".toml"),
      ])
    return (toml, csv)
  }

  /// Writes the files as descent-saved-N.toml (and .csv) in `folder`, N the first number
  /// with neither taken; nothing is ever overwritten. Returns the scene file's path as
  /// written (`descent-saved-1.toml` in the current folder) and the command.
  public func save(in folder: String = ".") throws -> (file: String, command: String) {
    for number in 1...10_000 {
      let name = Self.prefix + String(number)
      let base = folder == "." ? name : folder + "/" + name
      let (toml, csv) = try files(base: base)
      if let csv {
        guard try OutputFile.create(csv, at: base + ".csv") else { continue }
      }
      guard try OutputFile.create(toml, at: base + ".toml") else {
        if csv != nil { _ = unlinkFile(base + ".csv") }
        continue
      }
      return (base + ".toml", command(file: base + ".toml"))
    }
    throw SceneWriter.Refusal(
      description: "\(Self.prefix)1 to 10000 are all taken in \(folder); move some away")
  }

  public static func == (a: SavedSetup, b: SavedSetup) -> Bool {
    a.arguments == b.arguments && a.scene.name == b.scene.name && a.scene.start == b.scene.start
      && a.scene.xRange == b.scene.xRange && a.scene.yRange == b.scene.yRange
      && a.scene.settings == b.scene.settings && a.scene.runs == b.scene.runs
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

private func unlinkFile(_ path: String) -> Bool { unlink(path) == 0 }

/// How the screen opens beyond the scene and the optimizers: what `descent`'s `--speed`,
/// `--step`, `--contours`, `--arrows`, `--loss-plot`, `--network-panel` and `--inspect`
/// ask for, and what a saved setup's command gives back.
public struct ScreenSetup: Sendable, Equatable {
  public var speed: Double?
  /// Open paused at this step: the runs take it before the first frame.
  public var step: Int?
  public var contours = false
  public var arrows = false
  public var lossPlot = false
  public var networkPanel = false
  /// The run the inspector shows: a run's name (`gd@lr=0.05`), label or number in the race
  /// (`2`), or an optimizer (its first run).
  public var inspect: String?
  /// The projector style (`P`), and how much of the noisy trails is drawn (`t`).
  public var style = FrameStyle.screen
  public var trails = TrailMode.full
  /// The axes (`x`) and the scene's description (`D`).
  public var axes = false
  public var description = false
  /// The 3-D view at these angles (`v`), if it is on.
  public var surface: SurfaceView?
  /// The cross-section (`X`), if it is on.
  public var crossSection: CrossSectionMode?
  /// Where the cursor is; nil for the start.
  public var cursor: SIMD2<Double>?
  /// The equations panel (`e`), and explain mode (`E`, which shows it too).
  public var equations = false
  public var explain = false

  public init() {}
}

extension Model {
  /// The default speed, in steps per second.
  public static let defaultSpeed = 30.0

  /// The setup shown now, to save: see `SavedSetup`.
  public var savedSetup: SavedSetup {
    var saved = scene
    saved.start = start
    saved.xRange = xRange
    saved.yRange = yRange
    saved.scale = scale
    saved.claims = []
    // Every setting each run reads, at the value it runs with: the scene's, the command
    // line's, a lesson step's, its own and the +/- factor, all folded in. The first run of
    // an optimizer gives its [optimizers.NAME] table; with runs of their own (instances),
    // each is a [[runs]] table holding its own settings and those that differ from the
    // table's, and the command names it so (`gd@lr=0.05`).
    var kept: [RunSpec: Hyperparameters] = [:]
    for (spec, run) in zip(runSpecs, runs) {
      let h = run.optimizer.hyperparameters
      var all = Hyperparameters()
      for setting in spec.kind.spec.settings {
        if setting.name == "seed" {
          all.seed = h.seed
        } else if setting.isNumber {
          all[setting.name] = h[setting.name]
        } else {
          all.setWord(setting.name, to: h.word(setting.name))
        }
      }
      kept[spec] = all
      if runSpecs.first(where: { $0.kind == spec.kind }) == spec {
        saved.settings[spec.kind] = all
      }
    }
    var names = visible.map(\.name)
    saved.runs = []
    // Each run as saved, in the order shown; two that now run alike are saved once.
    var savedSpecs = runSpecs
    if runSpecs.contains(where: { !$0.isPlain }) {
      savedSpecs = []
      for spec in runSpecs {
        guard let all = kept[spec], let table = saved.settings[spec.kind] else { continue }
        var own = Hyperparameters()
        for setting in spec.kind.spec.settings {
          let name = setting.name
          let differs =
            setting.isNumber ? all[name] != table[name] : all.word(name) != table.word(name)
          guard differs || spec.settings.names.contains(name) else { continue }
          if name == "seed" {
            own.seed = all.seed
          } else if setting.isNumber {
            own[name] = all[name]
          } else {
            own.setWord(name, to: all.word(name))
          }
        }
        let run = RunSpec(spec.kind, settings: own, label: spec.label)
        savedSpecs.append(run)
        if !saved.runs.contains(run) { saved.runs.append(run) }
      }
      names = saved.runs.map(\.name)
    }
    var arguments = ["--optimizer", names.joined(separator: ",")]
    if gradientMode == .finiteDifferences { arguments += ["--gradient", "finite-differences"] }
    if style != .screen { arguments += ["--style", style.rawValue] }
    if colormap != style.defaultColormap { arguments += ["--colormap", colormap.rawValue] }
    if noisyTrails != .full { arguments += ["--trails", noisyTrails.rawValue] }
    // In explain mode, the speed it returns to when it ends.
    let speed = explainSpeed ?? stepsPerSecond
    if speed != Self.defaultSpeed {
      arguments += ["--speed", Renderer.format(speed)]
    }
    arguments += ["--step", String(liveStep)]
    if contours { arguments.append("--contours") }
    if arrows { arguments.append("--arrows") }
    if showLossPlot { arguments.append("--loss-plot") }
    if showModelPanel { arguments.append("--network-panel") }
    if let index = inspectedIndex, index < runs.count {
      arguments += [
        "--inspect",
        saved.runs.isEmpty || index >= savedSpecs.count
          ? runSpecs[index].kind.rawValue : savedSpecs[index].name,
      ]
    }
    if axes { arguments.append("--axes") }
    if showDescription { arguments.append("--description") }
    if let view = surfaceView {
      arguments += ["--3d", Self.number(view.yaw) + "," + Self.number(view.pitch)]
    }
    if let crossSection {
      arguments += ["--cross-section", crossSection == .line ? "line" : "path"]
    }
    if cursor != start {
      arguments += ["--cursor", Self.number(cursor.x) + "," + Self.number(cursor.y)]
    }
    if explainSpeed != nil {
      arguments.append("--explain")
    } else if showEquations {
      arguments.append("--equations")
    }
    return SavedSetup(scene: saved, arguments: arguments)
  }

  /// A number as a flag's value that reads back to the same double.
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
  }

  /// The save key: asks the runtime to write the setup, unless it cannot be written.
  mutating func save() -> Effect {
    let setup = savedSetup
    do {
      _ = try setup.files(base: SavedSetup.prefix + "1")
    } catch {
      message = "cannot save: \(error)"
      return .none
    }
    message = "saving…"
    return .saveSetup(setup)
  }

  /// Opens the screen as `setup` asks: speed, panels, and the runs stepped to its step,
  /// paused there.
  public mutating func open(_ setup: ScreenSetup) {
    if let speed = setup.speed { stepsPerSecond = speed }
    contours = setup.contours
    arrows = setup.arrows
    showLossPlot = setup.lossPlot
    showModelPanel = setup.networkPanel && scene.network != nil
    if let name = setup.inspect { inspectedIndex = runSpecs.index(addressing: name) }
    style = setup.style
    // Opened in the projector style on its own colormap, P returns to the default one.
    if style == .projector && colormap == FrameStyle.projector.defaultColormap {
      colormapBeforeProjector = FrameStyle.screen.defaultColormap
    }
    noisyTrails = setup.trails
    axes = setup.axes
    showDescription = setup.description
    if let view = setup.surface {
      surfaceView = view
      surfaceAngles = view
    }
    crossSection = setup.crossSection
    showEquations = setup.equations || setup.explain
    if setup.explain {
      explainSpeed = stepsPerSecond
      stepsPerSecond = Self.explainStepsPerSecond
    }
    if let point = setup.cursor { cursor = clampedToView(point) }
    if let target = setup.step {
      paused = true
      let budget = stepBudget
      stepBudget = nil
      while liveStep < target, runs.contains(where: { !$0.isDiverged }) {
        let before = liveStep
        step(min(1000, target - liveStep))
        if liveStep == before { break }
      }
      stepBudget = budget
      message = "step \(liveStep), paused: space runs"
    }
    refreshShownNumbers()
  }
}
