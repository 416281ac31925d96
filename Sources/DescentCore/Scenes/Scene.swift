/// What a teacher opens: a surface, a view, a start, and per-optimizer settings that make a
/// point.
public struct Scene: Sendable {
  /// The short name used on the command line, e.g. `rosenbrock`.
  public var name: String
  public var title: String
  public var description: String
  public var surface: Surface
  /// The visible region, as closed ranges of x and y.
  public var xRange: ClosedRange<Double>
  public var yRange: ClosedRange<Double>
  public var start: SIMD2<Double>
  /// Settings per optimizer, laid over each optimizer's defaults.
  public var settings: [OptimizerKind: Hyperparameters]
  /// How many steps a run takes when none is asked for.
  public var steps: Int

  public init(
    name: String, title: String, description: String, surface: Surface,
    xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, start: SIMD2<Double>,
    settings: [OptimizerKind: Hyperparameters] = [:], steps: Int = 200
  ) {
    self.name = name
    self.title = title
    self.description = description
    self.surface = surface
    self.xRange = xRange
    self.yRange = yRange
    self.start = start
    self.settings = settings
    self.steps = steps
  }

  /// The settings this scene gives `kind`, or none.
  public func settings(for kind: OptimizerKind) -> Hyperparameters {
    settings[kind] ?? Hyperparameters()
  }
}
