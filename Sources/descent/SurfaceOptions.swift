import ArgumentParser
import DescentCore

/// Where the surface comes from: a built-in scene, a scene file, or `--expr`.
struct SurfaceOptions: ParsableArguments {
  @Argument(
    help: "A built-in scene (see `descent scenes`) or a scene file. Default: rosenbrock.",
    completion: Completions.scene)
  var scene: String?

  @Option(name: .long, help: "A surface in x and y, e.g. '(1 - x)^2 + 100*(y - x^2)^2'.")
  var expr: String?

  @Option(
    name: .customLong("param"),
    help: ArgumentHelp("A named constant for --expr, e.g. --param b=100.", valueName: "name=value"))
  var parameters: [String] = []

  func validate() throws {
    if scene != nil && expr != nil {
      throw ValidationError("Give a SCENE or --expr, not both.")
    }
    if expr == nil && !parameters.isEmpty {
      throw ValidationError("--param only applies to --expr.")
    }
    _ = try parsedParameters()
  }

  private func parsedParameters() throws -> [String: Double] {
    var result: [String: Double] = [:]
    for text in parameters {
      let parts = text.split(separator: "=", maxSplits: 1)
      guard parts.count == 2, let value = Double(parts[1]), value.isFinite,
        let first = parts[0].first, first.isLetter || first == "_"
      else {
        throw ValidationError("--param expects name=value, e.g. --param b=100; got '\(text)'.")
      }
      result[String(parts[0])] = value
    }
    return result
  }

  /// The chosen scene: the named one, `--expr` with its parameters, or the default scene.
  func resolve() throws -> Scene {
    if let expr {
      do {
        return try Scene.expression(expr, parameters: try parsedParameters())
      } catch let error as ExpressionError {
        throw Failure.data("--expr: \(error)")
      }
    }
    do {
      return try SceneLibrary.resolve(scene ?? SceneLibrary.defaultName)
    } catch {
      throw error.failure
    }
  }
}
