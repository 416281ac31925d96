import ArgumentParser
import DescentCore
import DescentRender
import DescentTUI

/// `descent [SCENE]`: the interactive terminal view. The default command.
struct OpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open the interactive view (the default command): `descent [SCENE]`.",
    discussion: """
      Press ? in the view for the keys. Exit status: 0 after q or Esc, 128 + the signal \
      number after SIGINT (130), SIGTERM (143) or SIGHUP (129), 69 when the terminal cannot \
      be used.
      """
        + "\n\n" + OptimizerOptions.settingsHelp)

  @OptionGroup var surface: SurfaceOptions
  @OptionGroup var optimizers: OptimizerOptions
  @OptionGroup var setup: StartOptions
  @OptionGroup var view: ViewOptions
  @OptionGroup var screen: ScreenOptions

  func run() throws {
    try reportingFailures {
      // --view first, so that --start is checked against it.
      let scene = try setup.sceneForView(
        screen.apply(to: try optimizers.scene(surface.resolve())))
      try screen.check(scene)
      // Validate the settings before the screen is taken over.
      _ = try optimizers.optimizers(for: scene)
      var scenes = SceneLibrary.builtins
      var index = scenes.firstIndex { $0.name == scene.name && $0.file == scene.file }
      if let index {
        scenes[index] = scene  // with --start's start
      } else {
        scenes.insert(scene, at: 0)
        index = 0
      }
      let runs = scene.resolving(try optimizers.runs)
      try screen.check(inspecting: runs.isEmpty ? scene.raceRuns : runs)
      var options = view.options(
        scenes: scenes, sceneIndex: index!, runs: runs, overrides: try optimizers.overrides)
      options.gradient = setup.gradientMode
      let style = options.screen.style
      let trails = options.screen.trails
      options.screen = screen.setup
      options.screen.style = style
      options.screen.trails = trails
      try runInteractive(options)
    }
  }
}

/// How the interactive view looks and whether it is recorded: options `descent` and
/// `descent demo` share.
struct ViewOptions: ParsableArguments {
  @Option(help: "Colour tier: truecolor, 256, 16, 8 or none (default: detected).")
  var color: RenderCommand.Tier?
  @Option(help: ColormapArgument.help) var colormap: ColormapArgument?
  @Option(help: StyleArgument.help) var style: StyleArgument?
  @Option(help: TrailsArgument.help) var trails: TrailsArgument?
  @Option(help: ArgumentHelp("Record the session as an asciicast v2 file.", valueName: "file"))
  var record: String?

  var frameStyle: FrameStyle { style?.style ?? .screen }

  func options(
    scenes: [Scene], sceneIndex: Int, runs: [RunSpec] = [],
    overrides: Hyperparameters = Hyperparameters()
  ) -> TUI.Options {
    var options = TUI.Options(
      scenes: scenes, sceneIndex: sceneIndex, runs: runs, overrides: overrides,
      tier: color.flatMap { ColorTier(rawValue: $0.rawValue) },
      colormap: colormap?.colormap ?? frameStyle.defaultColormap)
    options.record = record
    options.screen.style = frameStyle
    options.screen.trails = trails?.mode ?? .full
    return options
  }
}

/// Runs the interactive view and ends with its exit status: 69 when the terminal cannot be
/// used, 128 + n after signal n.
func runInteractive(_ options: TUI.Options) throws {
  let result = Result { () throws(TerminalError) in try TUI.run(options) }
  switch result {
  case .failure(let error): throw Failure(message: error.description, code: error.code)
  case .success(let status): if status != 0 { throw ExitCode(status) }
  }
}
