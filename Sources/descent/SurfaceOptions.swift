import ArgumentParser
import DescentCore

/// Where the surface comes from: a built-in scene, a scene file, or `--expr`.
struct SurfaceOptions: ParsableArguments {
  @Argument(
    help: "A built-in scene (see `descent scenes`) or a scene file. Default: rosenbrock.",
    completion: Completions.scene)
  var scene: String?

  // `.unconditional`: an expression may start with a minus sign (`--expr '-x^2 + y^2'`).
  @Option(
    name: .long, parsing: .unconditional,
    help: "A surface in x and y, e.g. '(1 - x)^2 + 100*(y - x^2)^2'.")
  var expr: String?

  @Option(
    name: .customLong("param"),
    help: ArgumentHelp("A named constant for --expr, e.g. --param b=100.", valueName: "name=value"))
  var parameters: [String] = []

  func validate() throws {
    if let scene, expr != nil {
      // Often a flag's value read as the scene: `--steps 10` where the command has no --steps.
      let hint =
        PointArgument(argument: scene) != nil || Double(scene) != nil
        ? " ('\(scene)' looks like the value of a flag this command does not take; see --help)"
        : ""
      throw ValidationError(
        "Give a SCENE or --expr, not both: '\(scene)' was read as the SCENE.\(hint)")
    }
    if expr == nil && !parameters.isEmpty {
      throw ValidationError("--param only applies to --expr.")
    }
    _ = try parsedParameters()
  }

  private func parsedParameters() throws -> [String: Double] {
    var result: [String: Double] = [:]
    for text in parameters {
      let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2 else {
        throw ValidationError("--param expects name=value, e.g. --param b=100; got '\(text)'.")
      }
      let name = String(parts[0])
      if let problem = Surface.parameterNameProblem(name) {
        throw ValidationError("--param '\(text)': \(problem).")
      }
      guard let value = Double(parts[1].trimmingBlanks()) else {
        throw ValidationError("--param '\(text)': the value must be a number, e.g. \(name)=100.")
      }
      guard value.isFinite else {
        throw ValidationError("--param '\(text)': the value must be a finite number.")
      }
      if result[name] != nil {
        throw ValidationError("--param '\(text)': `\(name)` is given twice.")
      }
      result[name] = value
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
