import ArgumentParser
import DescentCore

/// Where the runs start and how their gradients are computed: options that `descent run`,
/// `descent render` and the interactive view share.
struct StartOptions: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: "Start point, e.g. --start -1.5,2 (default: the scene's, or 0,0 with --expr).",
    transform: PointArgument.parse)
  var start: PointArgument?

  enum Gradient: String, ExpressibleByArgument, CaseIterable {
    case backprop, finiteDifferences = "finite-differences"
  }

  @Option(help: "How gradients are computed: backprop, or central finite differences.")
  var gradient: Gradient = .backprop

  var gradientMode: SceneObjective.GradientMode {
    gradient == .backprop ? .backprop : .finiteDifferences
  }

  /// Where the runs start on `scene`: `--start`, or the scene's start.
  func point(on scene: Scene) -> SIMD2<Double> { start?.point ?? scene.start }

  /// `scene` starting at `--start`, for the interactive view, which shows only the scene's
  /// view: an `--expr` scene's default view grows (a square about the origin) to hold the
  /// start, and a scene's own view must already hold it.
  func sceneForView(_ scene: Scene) throws -> Scene {
    guard let point = start?.point else { return scene }
    var scene = scene
    if !scene.xRange.contains(point.x) || !scene.yRange.contains(point.y) {
      guard scene.file == "--expr" else {
        throw Failure(
          message:
            "--start \(point.x),\(point.y) is outside the view of \(scene.name) (x in \(scene.xRange), y in \(scene.yRange)), so the view could not show it; choose a start inside it, or use `descent run`",
          code: 64)
      }
      let half = (max(abs(point.x), abs(point.y)) * 1.25).rounded(.up)
      scene.xRange = -half...half
      scene.yRange = -half...half
    }
    scene.start = point
    return scene
  }
}
