/// The scenes compiled into descent, so that a binary copied anywhere still has them.
public enum BuiltinScenes {
  /// The scene `descent` opens when none is named.
  public static let defaultName = "rosenbrock"

  /// Every built-in scene, in the order `descent scenes` lists them.
  public static let all: [Scene] = [
    make(
      name: "rosenbrock", title: "Rosenbrock's banana valley",
      description: """
        A long, curved, nearly flat valley. Plain gradient descent crawls along its floor; \
        momentum overshoots the bend; Adam and RMSProp rescale each coordinate and follow \
        the curve.
        """,
      f: "(a - x)^2 + b*(y - x^2)^2", parameters: ["a": 1, "b": 100],
      x: -2...2, y: -1...3, start: [-1.5, 2],
      settings: [
        .gd: .init(lr: 5e-4), .momentum: .init(lr: 2e-4, momentum: 0.9),
        .nesterov: .init(lr: 2e-4, momentum: 0.9), .rmsprop: .init(lr: 1e-2),
        .adam: .init(lr: 5e-2), .anneal: .init(temperature: 10, cooling: 0.99, sigma: 0.1),
      ], steps: 500),
    make(
      name: "ravine", title: "An ill-conditioned ravine",
      description: """
        A bowl twenty times steeper across than along (condition number 20). Gradient \
        descent zig-zags across the ravine; momentum and Nesterov damp the zig-zag and \
        run along it.
        """,
      f: "0.5*x^2 + 10*y^2", x: -4...4, y: -2...2, start: [3, 1.5],
      settings: [
        .gd: .init(lr: 0.05), .momentum: .init(lr: 0.02, momentum: 0.9),
        .nesterov: .init(lr: 0.02, momentum: 0.9), .rmsprop: .init(lr: 0.05),
        .adam: .init(lr: 0.1), .anneal: .init(temperature: 1, cooling: 0.98, sigma: 0.2),
      ], steps: 150),
    make(
      name: "booth", title: "Booth's function",
      description: """
        A tilted quadratic bowl with its minimum at (1, 3). Every gradient method gets \
        there; compare how straight their paths are.
        """,
      f: "(x + 2*y - 7)^2 + (2*x + y - 5)^2", x: -10...10, y: -10...10, start: [-5, 5],
      settings: [
        .gd: .init(lr: 0.02), .momentum: .init(lr: 0.01, momentum: 0.8),
        .nesterov: .init(lr: 0.01, momentum: 0.8), .rmsprop: .init(lr: 0.1, alpha: 0.9),
        .adam: .init(lr: 0.3, beta1: 0.8, beta2: 0.99),
        .anneal: .init(temperature: 10, cooling: 0.97, sigma: 0.5),
      ], steps: 150),
    make(
      name: "camel", title: "The six-hump camel",
      description: """
        Six minima, two of them global at (±0.0898, ∓0.7126). Which one an optimizer \
        reaches depends on where it starts and how it moves.
        """,
      f: "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2", x: -2...2, y: -1...1,
      start: [1.5, 0.8],
      settings: [
        .gd: .init(lr: 0.01), .momentum: .init(lr: 0.005, momentum: 0.9),
        .nesterov: .init(lr: 0.005, momentum: 0.9), .rmsprop: .init(lr: 0.01),
        .adam: .init(lr: 0.05, eps: 1e-6),
        .anneal: .init(temperature: 2, cooling: 0.98, sigma: 0.15),
      ], steps: 200),
  ]

  /// The built-in scene called `name`, if there is one.
  public static func named(_ name: String) -> Scene? {
    all.first { $0.name == name.lowercased() }
  }

  private static func make(
    name: String, title: String, description: String, f: String,
    parameters: [String: Double] = [:], x: ClosedRange<Double>, y: ClosedRange<Double>,
    start: SIMD2<Double>, settings: [OptimizerKind: Hyperparameters], steps: Int
  ) -> Scene {
    // The built-in expressions are fixed text that the tests compile, so this cannot fail.
    let surface = try! Surface(f, parameters: parameters)
    return Scene(
      name: name, title: title, description: description, surface: surface, xRange: x,
      yRange: y, start: start, settings: settings, steps: steps)
  }
}
