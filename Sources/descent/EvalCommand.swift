import ArgumentParser
import DescentCore

/// `descent eval`: the value and gradient of a surface at one point.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Print a surface's value and gradient (by backpropagation) at a point.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @OptionGroup var surface: SurfaceOptions

  @Option(parsing: .unconditional, help: "The point, e.g. --at 1,-2.")
  var at: PointArgument

  @Option(help: "Output format.") var format: Format = .text

  func run() throws {
    try reportingFailures {
      let scene = try self.surface.resolve()
      var objective = scene.objective(fullBatch: true)
      let (value, gradient) = objective.valueAndGradient(at: at.point)
      switch format {
      case .text:
        emit(
          """
          f(\(at.point.x), \(at.point.y)) = \(value)
          ∇f(\(at.point.x), \(at.point.y)) = (\(gradient.x), \(gradient.y))

          """)
      case .json:
        let json = JSONValue.object([
          ("value", .finite(value)),
          ("gradient", .array([.finite(gradient.x), .finite(gradient.y)])),
        ])
        emit(json.rendered() + "\n")
      }
    }
  }
}
