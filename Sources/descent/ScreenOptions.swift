import ArgumentParser
import DescentCore
import DescentRender
import DescentTUI

/// How the view opens beyond the scene, the optimizers and the start: the zoom, the speed,
/// a step to open paused at, and the panels. What the view's save key (`w`) writes into
/// the command that reopens a screen.
struct ScreenOptions: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "The view to open at, e.g. --view -1,1,-0.5,1.5 (default: the scene's).",
      valueName: "x0,x1,y0,y1"))
  var view: ViewArgument?

  @Option(help: "Steps per second, 1 to 1000 (default 30; < and > change it).")
  var speed: Double?

  @Option(help: "Open paused at this step, 0 to 1000000 (the runs take it first).")
  var step: Int?

  @Flag(help: "Open with contours on (c).") var contours = false
  @Flag(help: "Open with gradient arrows on (g).") var arrows = false
  @Flag(help: "Open with the loss plot (p).") var lossPlot = false
  @Flag(help: "Open with the network panel, on a network scene (n).") var networkPanel = false

  @Option(
    help: ArgumentHelp(
      "Open with the inspector on this run (i): an optimizer (its first run), or a run's name, label or number (gd@lr=0.05, 2).",
      valueName: "run"),
    completion: Completions.optimizer)
  var inspect: String?

  @Flag(help: "Open with the axes and the colour bar (x).") var axes = false
  @Flag(help: "Open with the scene's description shown (D).") var description = false
  @Flag(help: "Open with the equations of the inspected run's step (e).") var equations = false
  @Flag(help: "Open in explain mode: one step a second, the vectors drawn (E).") var explain =
    false

  @Option(
    name: .customLong("3d"), parsing: .unconditional,
    help: ArgumentHelp(
      "Open in the 3-D view, turned and tilted by these degrees, e.g. -30,35 (v).",
      valueName: "turn,tilt"),
    transform: PointArgument.parse)
  var view3D: PointArgument?

  enum CrossSection: String, ExpressibleByArgument, CaseIterable {
    case line, path
  }

  @Option(
    name: .customLong("cross-section"),
    help: "Open with the cross-section: line (start to cursor) or path (X).")
  var crossSection: CrossSection?

  @Option(
    parsing: .unconditional,
    help: "The cursor, e.g. --cursor 0.5,-1 (default: the start; it must be in the view).",
    transform: PointArgument.parse)
  var cursor: PointArgument?

  func validate() throws {
    if let speed, !(1...1000).contains(speed) {
      throw ValidationError("--speed must be between 1 and 1000 steps per second.")
    }
    if let step, !(0...1_000_000).contains(step) {
      throw ValidationError("--step must be between 0 and 1000000.")
    }
  }

  /// Refuses an `--inspect` that addresses none of `runs`, the runs the view will show,
  /// listing how each can be named.
  func check(inspecting runs: [RunSpec]) throws {
    guard let inspect, runs.index(addressing: inspect) == nil else { return }
    throw Failure(
      message:
        "--inspect '\(inspect)' names no run shown; give an optimizer, or a run's number, name or label: \(runs.addresses)",
      code: 64)
  }

  var setup: ScreenSetup {
    var setup = ScreenSetup()
    setup.speed = speed
    setup.step = step
    setup.contours = contours
    setup.arrows = arrows
    setup.lossPlot = lossPlot
    setup.networkPanel = networkPanel
    setup.inspect = inspect
    setup.axes = axes
    setup.description = description
    setup.equations = equations
    setup.explain = explain
    setup.surface = view3D.map { SurfaceView(yaw: $0.point.x, pitch: $0.point.y) }
    setup.crossSection = crossSection.map { $0 == .line ? .line : .path }
    setup.cursor = cursor?.point
    return setup
  }

  /// `scene` with `--view`'s view.
  func apply(to scene: Scene) -> Scene {
    guard let view else { return scene }
    var scene = scene
    scene.xRange = view.x
    scene.yRange = view.y
    return scene
  }

  /// Refuses a `--view` that does not hold the start, and a `--cursor` outside the view.
  func check(_ scene: Scene) throws {
    if let point = cursor?.point,
      !scene.xRange.contains(point.x) || !scene.yRange.contains(point.y)
    {
      throw Failure(
        message:
          "--cursor \(point.x),\(point.y) is outside the view (x in \(scene.xRange), y in \(scene.yRange)); choose a point inside it",
        code: 64)
    }
    guard let view else { return }
    if !view.x.contains(scene.start.x) || !view.y.contains(scene.start.y) {
      throw Failure(
        message:
          "the start (\(scene.start.x), \(scene.start.y)) is outside --view x in \(view.x), y in \(view.y); choose a view that holds it, or a --start inside it",
        code: 64)
    }
  }
}

/// `--view x0,x1,y0,y1`: a non-empty, finite view.
struct ViewArgument: ExpressibleByArgument {
  var x: ClosedRange<Double>
  var y: ClosedRange<Double>

  init?(argument: String) {
    let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map {
      Double($0.trimmingBlanks())
    }
    guard parts.count == 4, let x0 = parts[0], let x1 = parts[1], let y0 = parts[2],
      let y1 = parts[3], [x0, x1, y0, y1].allSatisfy(\.isFinite), x0 < x1, y0 < y1,
      (x1 - x0).isFinite, (y1 - y0).isFinite
    else { return nil }
    x = x0...x1
    y = y0...y1
  }

  static var defaultValueDescription: String { "x0,x1,y0,y1" }
}
