import ArgumentParser
import DescentCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `descent eval`: the value, gradient and Hessian of a surface at one point.
struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract:
      "Print a surface's value, gradient (by backpropagation) and exact Hessian at a point.",
    discussion: """
      On a network scene, --at A,B is a point (α, β) of the scene's plane: the value is the \
      loss of the weights θ₀ + α·d₁ + β·d₂ over all the data (what run reports), and the \
      gradient and Hessian are in (α, β): the weight gradient projected on d₁ and d₂, and \
      dᵢᵀ H dⱼ for the weights' Hessian H. The Hessian is exact, by forward over reverse \
      differentiation, never by finite differences.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @OptionGroup var surface: SurfaceOptions

  @Option(
    parsing: .unconditional, help: "The point, e.g. --at 1,-2.",
    transform: PointArgument.parse)
  var at: PointArgument?

  @Option(
    help: ArgumentHelp(
      "Network scenes: weights (as written by run --save-weights) to evaluate over all the data.",
      valueName: "file"))
  var weights: String?

  @Option(help: "Output format.") var format: Format = .text

  func validate() throws {
    if (at == nil) == (weights == nil) {
      throw ValidationError("Give either --at X,Y or, for a network scene, --weights FILE.")
    }
  }

  func run() throws {
    try reportingFailures {
      let scene = try self.surface.resolve()
      if let path = weights {
        try evaluateWeights(path, scene: scene)
        return
      }
      guard let at else { return }
      let value: Double
      let gradient: SIMD2<Double>
      let hessian: SymmetricMatrix2
      if let network = scene.network {
        // A network's loss at the weights θ(α, β), and its derivatives in (α, β).
        (value, gradient, hessian) = network.lossGradientAndHessian(at: at.point)
      } else {
        var objective = scene.objective(fullBatch: true)
        (value, gradient, hessian) = objective.hessian(at: at.point)
      }
      switch format {
      case .text:
        let point = "(\(at.point.x), \(at.point.y))"
        let rows = "[[\(hessian.xx), \(hessian.xy)], [\(hessian.xy), \(hessian.yy)]]"
        try emit(
          """
          f\(point) = \(value)
          ∇f\(point) = (\(gradient.x), \(gradient.y))
          ∇²f\(point) = \(rows)

          """)
      case .json:
        let json = JSONValue.object([
          ("value", .finite(value)),
          ("gradient", .array([.finite(gradient.x), .finite(gradient.y)])),
          ("hessian", .array(hessian.rows.map { .array($0.map { .finite($0) }) })),
        ])
        try emit(json.rendered() + "\n")
      }
    }
  }

  /// The loss, accuracy and parameter count of saved weights over a network scene's data.
  func evaluateWeights(_ path: String, scene: Scene) throws {
    guard let network = scene.network else {
      throw Failure(message: "--weights needs a network scene (one with a [model])", code: 64)
    }
    let data: Data
    do {
      data = try InputFile.read(path, what: "weights file", limit: WeightsFile.maximumFileSize)
    } catch {
      switch error {
      case .missing(let message), .unusable(let message): throw Failure.noInput(message)
      case .tooLarge: throw Failure.data("\(path): \(error.description)")
      }
    }
    let theta: Parameters
    do {
      theta = try WeightsFile.read(data, for: network.mlp)
    } catch {
      throw Failure.data("\(path): \(error.description)")
    }
    let inputs = network.data.inputs
    let targets = network.data.targets
    let loss = network.mlp.loss(theta, inputs: inputs, targets: targets)
    let accuracy = network.mlp.accuracy(theta, inputs: inputs, targets: targets)
    switch format {
    case .text:
      try emit("loss = \(loss)\naccuracy = \(accuracy)\nparameters = \(theta.count)\n")
    case .json:
      let json = JSONValue.object([
        ("loss", .finite(loss)), ("accuracy", .finite(accuracy)),
        ("parameters", .integer(theta.count)),
      ])
      try emit(json.rendered() + "\n")
    }
  }
}
