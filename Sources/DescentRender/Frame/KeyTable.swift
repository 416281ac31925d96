import DescentCore

/// A key the TUI understands, independent of how the terminal reports it.
public enum Key: Hashable, Sendable {
  case character(Character)
  case up, down, left, right, enter, tab, backTab, escape, pageUp, pageDown, backspace
}

/// Everything a key (or a click) can ask the app to do.
public enum Action: Hashable, Sendable {
  /// Show the race's optimizer number N (1-based) alone.
  case show(Int)
  case openPicker
  case showAll
  case togglePause
  case stepOnce
  case reset
  case slower, faster
  case increaseLearningRate, decreaseLearningRate
  case moveCursor(dx: Int, dy: Int)
  case restartAtCursor
  case nextScene, previousScene
  case nextLessonStep, previousLessonStep
  case zoomIn, zoomOut, resetView
  case cycleColormap, toggleScale, toggleContours, toggleArrows
  case cycleInspector
  case toggleEquations
  case toggleExplain
  case toggleLossPlot
  case toggleCostCurve
  case toggleModelPanel
  case toggleFiniteDifferences
  case cycleRaceMode
  case toggleAxes
  case toggleDescription
  case toggleSurface
  case turnSurface(degrees: Double)
  case tiltSurface(degrees: Double)
  case cycleCrossSection
  /// The projector style on or off (thick paths, block heads, the graphite colormap).
  case toggleProjector
  /// Noisy trails (annealing's, a population's): full, recent, hidden.
  case cycleTrails
  case rewind
  /// Write the setup as a scene file and say the command that reopens it.
  case save
  /// Open the command line (`:`).
  case openCommandLine
  case toggleHelp
  case quit
}

/// One line of the key table: how the keys are written, what they do (in full, and in a few
/// words for small terminals), and the bindings.
public struct KeyRow: Sendable {
  public let keys: String
  public let help: String
  public let short: String
  public let bindings: [(key: Key, action: Action)]

  public init(keys: String, help: String, short: String, bindings: [(key: Key, action: Action)]) {
    self.keys = keys
    self.help = help
    self.short = short
    self.bindings = bindings
  }
}

/// The one key table. The TUI maps key presses through it, and the help overlay and the
/// README's key list are generated from or checked against it, so they cannot drift.
public enum KeyTable {
  public static let rows: [KeyRow] = [
    KeyRow(
      keys: "1..9 o",
      help: "show that optimizer of the race alone (legend order); o picks the race",
      short: "one alone; o picks",
      bindings: (1...9).map { (Key.character(Character(String($0))), Action.show($0)) }
        + [(.character("o"), .openPicker)]),
    KeyRow(
      keys: "a", help: "all race from the same start (pso and ga where the scene enables them)",
      short: "race them all",
      bindings: [(.character("a"), .showAll)]),
    KeyRow(
      keys: "space", help: "pause / resume", short: "pause / resume",
      bindings: [(.character(" "), .togglePause)]),
    KeyRow(
      keys: ".", help: "one step (pauses)", short: "one step",
      bindings: [(.character("."), .stepOnce)]),
    KeyRow(
      keys: "r", help: "reset to the start", short: "reset to the start",
      bindings: [(.character("r"), .reset)]),
    KeyRow(
      keys: "< >", help: "slower / faster (steps per second, 1 to 1000)", short: "slower / faster",
      bindings: [
        (.character("<"), .slower), (.character(","), .slower), (.character(">"), .faster),
      ]),
    KeyRow(
      keys: "+ -", help: "step size ×2 / ÷2 (lr, or σ for anneal and ga) of those shown",
      short: "step size ×2 / ÷2",
      bindings: [
        (.character("+"), .increaseLearningRate), (.character("="), .increaseLearningRate),
        (.character("-"), .decreaseLearningRate),
      ]),
    KeyRow(
      keys: "arrows hjkl", help: "move the cursor", short: "move the cursor",
      bindings: [
        (.left, .moveCursor(dx: -1, dy: 0)), (.character("h"), .moveCursor(dx: -1, dy: 0)),
        (.down, .moveCursor(dx: 0, dy: 1)), (.character("j"), .moveCursor(dx: 0, dy: 1)),
        (.up, .moveCursor(dx: 0, dy: -1)), (.character("k"), .moveCursor(dx: 0, dy: -1)),
        (.right, .moveCursor(dx: 1, dy: 0)), (.character("l"), .moveCursor(dx: 1, dy: 0)),
      ]),
    KeyRow(
      keys: "Enter click",
      help: "restart every shown optimizer from the cursor, or the clicked point",
      short: "restart at cursor/click",
      bindings: [(.enter, .restartAtCursor)]),
    KeyRow(
      keys: "Tab S-Tab", help: "next / previous scene", short: "next / previous scene",
      bindings: [(.tab, .nextScene), (.backTab, .previousScene)]),
    KeyRow(
      keys: "PgDn PgUp", help: "lesson: next / previous step (→ and ← too, in descent demo)",
      short: "lesson: next / back",
      bindings: [(.pageDown, .nextLessonStep), (.pageUp, .previousLessonStep)]),
    KeyRow(
      keys: "z Z 0", help: "zoom in / out around the cursor, reset the view",
      short: "zoom in / out / reset",
      bindings: [
        (.character("z"), .zoomIn), (.character("Z"), .zoomOut), (.character("0"), .resetView),
      ]),
    KeyRow(
      keys: "m", help: "cycle colormap", short: "cycle colormap",
      bindings: [(.character("m"), .cycleColormap)]),
    KeyRow(
      keys: "L", help: "linear / log scale", short: "linear / log scale",
      bindings: [(.character("L"), .toggleScale)]),
    KeyRow(
      keys: "x", help: "axes: x and y ticks in the scene's units, and the colour bar",
      short: "axes and colour bar", bindings: [(.character("x"), .toggleAxes)]),
    KeyRow(
      keys: "D", help: "about this scene: its description", short: "about this scene",
      bindings: [(.character("D"), .toggleDescription)]),
    KeyRow(
      keys: "v", help: "3-D view: the loss as a height field in perspective, the paths on it",
      short: "3-D view", bindings: [(.character("v"), .toggleSurface)]),
    KeyRow(
      keys: "[ ] { }", help: "3-D view: turn left / right, tilt down / up (or drag the mouse)",
      short: "3-D: turn / tilt",
      bindings: [
        (.character("["), .turnSurface(degrees: -15)), (.character("]"), .turnSurface(degrees: 15)),
        (.character("{"), .tiltSurface(degrees: -10)), (.character("}"), .tiltSurface(degrees: 10)),
      ]),
    KeyRow(
      keys: "X",
      help: "cross-section: the loss from the start to the cursor, then along a run's path",
      short: "cross-section plot", bindings: [(.character("X"), .cycleCrossSection)]),
    KeyRow(
      keys: "P", help: "projector style: thick paths, heads as blocks, a grey colormap",
      short: "projector style", bindings: [(.character("P"), .toggleProjector)]),
    KeyRow(
      keys: "t", help: "trails of anneal, pso, ga, cmaes, aco: full / recent / hidden",
      short: "noisy trails", bindings: [(.character("t"), .cycleTrails)]),
    KeyRow(
      keys: "c", help: "contours", short: "contours", bindings: [(.character("c"), .toggleContours)]
    ),
    KeyRow(
      keys: "g", help: "gradient arrows", short: "gradient arrows",
      bindings: [(.character("g"), .toggleArrows)]),
    KeyRow(
      keys: "i", help: "inspector: each shown optimizer in turn, then off", short: "inspector",
      bindings: [(.character("i"), .cycleInspector)]),
    KeyRow(
      keys: "e E",
      help: "equations of the inspected run's step, with its numbers; E explains it slowly",
      short: "equations; E explains",
      bindings: [(.character("e"), .toggleEquations), (.character("E"), .toggleExplain)]),
    KeyRow(
      keys: "p", help: "loss plot: loss against step, log scale", short: "loss plot",
      bindings: [(.character("p"), .toggleLossPlot)]),
    KeyRow(
      keys: "C",
      help: "cost curve: forward passes per gradient against P, as descent cost counts them",
      short: "cost curve", bindings: [(.character("C"), .toggleCostCurve)]),
    KeyRow(
      keys: "n",
      help: "network panel: what the inspected optimizer's network does (network scenes)",
      short: "network panel", bindings: [(.character("n"), .toggleModelPanel)]),
    KeyRow(
      keys: "d", help: "gradients by backprop / by central finite differences",
      short: "backprop / finite diff.", bindings: [(.character("d"), .toggleFiniteDifferences)]),
    KeyRow(
      keys: "b",
      help: "race by step / by evaluations of f (a gradient at its measured cost) / by seconds",
      short: "race by step / budget", bindings: [(.character("b"), .cycleRaceMode)]),
    KeyRow(
      keys: "u Backspace", help: "rewind one step (pauses); hold to go further",
      short: "rewind one step",
      bindings: [(.character("u"), .rewind), (.backspace, .rewind)]),
    KeyRow(
      keys: ": w",
      help:
        "command line: :gd.lr 0.09, :start 1 -0.5, :steps/s 60; w saves the setup",
      short: "command line; w saves",
      bindings: [(.character(":"), .openCommandLine), (.character("w"), .save)]),
    KeyRow(
      keys: "?", help: "help (this list)", short: "help", bindings: [(.character("?"), .toggleHelp)]
    ),
    KeyRow(
      keys: "q Esc", help: "quit", short: "quit",
      bindings: [(.character("q"), .quit), (.escape, .quit)]),
  ]

  /// The action bound to `key`, if any.
  public static func action(for key: Key) -> Action? {
    for row in rows {
      if let binding = row.bindings.first(where: { $0.key == key }) { return binding.action }
    }
    return nil
  }
}
