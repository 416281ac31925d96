import DescentCore

/// One optimizer's run as a frame shows it.
public struct RunView: Sendable {
  public var kind: OptimizerKind
  /// How the legend and status bar name it: the optimizer, or an instance's label or
  /// settings (`gd lr=0.05`).
  public var name: String
  /// Its shade of the optimizer's colour, among the runs of that optimizer shown.
  public var shade = Theme.Shade.only
  public var trail: Trail
  /// The current point (for a population, the best point seen so far); none to hide it.
  public var head: SIMD2<Double>?
  /// For a swarm or population: every member, drawn as small dots around the head.
  public var swarm: [SIMD2<Double>] = []
  public var step: Int
  public var loss: Double
  /// ∇f at the head, where the optimizer computes it.
  public var gradient: SIMD2<Double>?
  /// The learning rate of the last update (the base rate before any), where there is one.
  public var learningRate: Double?
  /// The values of its main settings, for the legend when it has room: "lr 0.09 μ 0.9".
  public var settings = ""
  /// Whether the learning rate follows a schedule: the legend then shows it.
  public var scheduled = false
  public var diverged: Bool
  /// Evaluations of f and of ∇f the run has spent.
  public var evaluations = EvaluationCount()
  /// In a race by budget, what the run has spent in the race's unit (evaluations of f, a
  /// gradient at its measured cost, or seconds): the legend shows it.
  public var spend: Double?
  /// How the head and legend entry are labelled without colour: the run's number in the
  /// race (its digit key); nil for its place in the registry.
  public var label: Character?
  /// What the optimizer's last update drew (a simplex, a search direction, a model's level
  /// curve): shown for the inspected run.
  public var marks: [Mark<SIMD2<Double>>] = []

  public init(
    kind: OptimizerKind, trail: Trail, head: SIMD2<Double>?, step: Int, loss: Double,
    gradient: SIMD2<Double>?, learningRate: Double?, diverged: Bool
  ) {
    self.kind = kind
    self.name = kind.rawValue
    self.trail = trail
    self.head = head
    self.step = step
    self.loss = loss
    self.gradient = gradient
    self.learningRate = learningRate
    self.diverged = diverged
  }
}

extension RunView {
  /// Gives the runs of an optimizer shown more than once their shades, in order: each
  /// `index` of `count` (see `Theme.Shade`); a run alone keeps the optimizer's colour. Such
  /// runs without a label get their place among the runs (1 to 9, then A to Z), which
  /// their heads and legend entries then show.
  public static func shade(_ runs: inout [RunView]) {
    let counts = Dictionary(runs.map { ($0.kind, 1) }, uniquingKeysWith: +)
    var seen: [OptimizerKind: Int] = [:]
    for index in runs.indices {
      let kind = runs[index].kind
      let count = counts[kind] ?? 1
      runs[index].shade = Theme.Shade(seen[kind, default: 0], of: count)
      seen[kind, default: 0] += 1
      if count > 1 && runs[index].label == nil {
        runs[index].label = RunSpec.number(at: index)
      }
    }
  }
}

/// Everything a frame shows. The renderer is a pure function of this and a size.
public struct FrameState: Sendable {
  public var title: String
  public var minima: [SIMD2<Double>]
  public var saddles: [SIMD2<Double>]
  public var start: SIMD2<Double>
  /// The quantised heatmap; its viewport is the map's world-to-pixel mapping.
  public var heat: HeatLayer
  public var runs: [RunView]
  public var cursor: SIMD2<Double>?
  public var theme: Theme
  public var contours = false
  public var arrows = false
  /// Whether to use Unicode glyphs (▀ ● ★ ✕); ASCII otherwise.
  public var unicode = true
  public var stepsPerSecond: Double?
  public var paused = false
  public var message = ""
  /// The command line (`:…`) while it is open: shown in place of the message.
  public var commandLine: String?
  public var showHelp = false
  /// The optimizer picker, while it is open (it takes the help overlay's place).
  public var picker: PickerView?
  /// Whether gradients come from central finite differences instead of backprop.
  public var finiteDifferences = false
  /// Each shown run's loss against step, as (step, loss) points, when the plot is open; in
  /// a race by budget, against what it has spent, (evaluations or seconds, loss).
  public var lossPlot: [(kind: OptimizerKind, points: [SIMD2<Double>])]?
  /// What a gradient costs as a network grows, when the cost curve is open.
  public var costCurve: CostCurveView?
  /// What the race keeps equal: the loss plot's x-axis and the legend's spend follow it.
  public var raceMode = RaceMode.steps
  /// The optimizer whose internals the inspector panel shows, if it is open.
  public var inspected: InspectorView?
  /// The inspected run's last update with its numbers, while the equations panel is open;
  /// in explain mode, with the vectors drawn at its head.
  public var equations: EquationsView?
  /// A lesson's caption, while one plays.
  public var caption: CaptionView?
  /// Lines shown under the legend.
  public var legendNotes: [String] = []
  /// A network scene's model panel, when it is open.
  public var modelPanel: ModelPanelView?
  /// Whether the map shows its axes (ticks in data units on the left and bottom edges) and
  /// the colour bar.
  public var axes = false
  /// The names of the map's two coordinates, for the axes: x and y, or α and β on a
  /// network's plane.
  public var axisNames = ("x", "y")
  /// The 3-D view's angles, while the map is shown as a height field.
  public var surface: SurfaceView?
  /// The loss along a line or a run's path, while the cross-section is shown.
  public var crossSection: CrossSectionView?
  /// The scene's description, while its panel is open.
  public var description: String?
  /// How boldly the runs are drawn: for a screen, or for a projector.
  public var style = FrameStyle.screen
  /// How much of a noisy trail (annealing's, a population's) is drawn.
  public var noisyTrails = TrailMode.full

  public init(
    title: String, minima: [SIMD2<Double>], saddles: [SIMD2<Double>], start: SIMD2<Double>,
    heat: HeatLayer, runs: [RunView], theme: Theme
  ) {
    self.title = title
    self.minima = minima
    self.saddles = saddles
    self.start = start
    self.heat = heat
    self.runs = runs
    self.theme = theme
  }
}

/// What the inspector shows of one optimizer at its current step.
public struct InspectorView: Sendable {
  public var kind: OptimizerKind
  /// The run's name, as the legend shows it.
  public var name: String
  /// Its shade of the optimizer's colour.
  public var shade = Theme.Shade.only
  public var step: Int
  public var position: SIMD2<Double>
  public var loss: Double
  public var gradient: SIMD2<Double>?
  /// The optimizer's own rows for its last update.
  public var rows: [InspectorRow]
  public var evaluations: EvaluationCount
  /// The names of the two coordinates: x and y, or α and β on a network's plane.
  public var axes = ("x", "y")

  public init(run: Run) {
    kind = run.kind
    name = run.kind.rawValue
    step = run.state.step
    position = run.state.position
    loss = run.state.loss
    gradient = run.state.gradient
    rows = run.state.rows
    evaluations = run.state.evaluations
  }
}

extension FrameState {
  /// The shade of run `index` of `runs` (see `RunView.shade`); the optimizer's own colour
  /// when there is no such run.
  func shade(ofRun index: Int?) -> Theme.Shade {
    guard let index, runs.indices.contains(index) else { return .only }
    return runs[index].shade
  }
}
