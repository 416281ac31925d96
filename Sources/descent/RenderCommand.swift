import ArgumentParser
import DescentCore
import DescentRender

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `descent render`: one frame, as the TUI would draw it, printed to stdout.
struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Print one frame after N steps: exactly H lines of W columns, or an SVG picture.",
    discussion: """
      --format ansi (the default) writes colours as ANSI SGR sequences for the colour tier \
      (detected from TERM, COLORTERM and NO_COLOR unless --color is given); --format plain \
      (or --plain) prints glyphs only; --format svg writes an SVG picture of the frame, in \
      true colour unless --color says otherwise. The default size is the terminal's, or \
      100x30 when stdout is not a terminal. --from-cast FILE reads a recording made with \
      --record instead: with --format svg an animated SVG of it, otherwise its last screen.
      """
        + "\n\n" + OptimizerOptions.settingsHelp)

  enum Tier: String, ExpressibleByArgument, CaseIterable {
    case truecolor, xterm256 = "256", ansi16 = "16", ansi8 = "8", none
  }

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case ansi, plain, svg
  }

  @OptionGroup var surface: SurfaceOptions
  @OptionGroup var optimizers: OptimizerOptions

  @Option(
    parsing: .unconditional, help: "Frame size in columns x rows, e.g. 120x40.",
    transform: FrameSize.parse)
  var size: FrameSize?
  @OptionGroup var setup: StartOptions
  @Option(
    parsing: .unconditional, help: "Updates per optimizer before the frame (default: the scene's).",
    transform: parseSteps)
  var steps: Int?
  @Option(help: "Colour tier: truecolor, 256, 16, 8 or none.") var color: Tier?
  @Option(help: ColormapArgument.help) var colormap: ColormapArgument?
  @Option(help: StyleArgument.help) var style: StyleArgument?
  @Option(help: TrailsArgument.help) var trails: TrailsArgument?
  @Option(help: "Colour scale: linear or log (default: the scene's).") var scale: ScaleArgument?
  @Flag(help: "Draw contour lines.") var contours = false
  @Flag(help: "Draw the downhill gradient at each head.") var arrows = false
  @Flag(help: "Draw the axes (ticks in the scene's units) and the colour bar.") var axes = false
  @Option(
    name: .customLong("3d"), parsing: .unconditional,
    help: ArgumentHelp(
      "Draw the 3-D view, turned and tilted by these degrees (e.g. -30,35).",
      valueName: "turn,tilt"),
    transform: PointArgument.parse)
  var view3D: PointArgument?
  @Option(help: "Output: ansi (text with colour sequences), plain (glyphs only) or svg.")
  var format: Format?
  @Flag(help: "Glyphs only, no escape sequences (the same as --format plain).") var plain = false
  @Flag(help: "ASCII glyphs only (no ▀ ● ★).") var ascii = false
  @Option(
    name: .customLong("from-cast"),
    help: ArgumentHelp(
      "Draw the frames of a recording made with --record instead of a scene.", valueName: "file"))
  var fromCast: String?

  func validate() throws {
    if let steps, steps < 0 || steps > 1_000_000 {
      throw ValidationError("--steps must be between 0 and 1000000, got \(steps).")
    }
    if plain, let format, format != .plain {
      throw ValidationError("--plain means --format plain; it cannot go with --format \(format).")
    }
    if fromCast != nil, let option = sceneOptions.first {
      throw ValidationError(
        "--from-cast draws the recording's own frames; it cannot go with \(option).")
    }
  }

  /// The options that draw a scene, by name, when given; a recording has its own frames.
  var sceneOptions: [String] {
    var given: [String] = []
    if surface.scene != nil { given.append("SCENE") }
    if surface.expr != nil { given.append("--expr") }
    if !optimizers.names.isEmpty { given.append("--optimizer") }
    if size != nil { given.append("--size") }
    if steps != nil { given.append("--steps") }
    if color != nil { given.append("--color") }
    if scale != nil { given.append("--scale") }
    if contours { given.append("--contours") }
    if arrows { given.append("--arrows") }
    if axes { given.append("--axes") }
    if view3D != nil { given.append("--3d") }
    if ascii { given.append("--ascii") }
    if colormap != nil { given.append("--colormap") }
    if style != nil { given.append("--style") }
    if trails != nil { given.append("--trails") }
    return given
  }

  /// The output format: `--format`, or plain with `--plain`, else ANSI.
  var output: Format { plain ? .plain : format ?? .ansi }

  var frameStyle: FrameStyle { style?.style ?? .screen }

  func run() throws {
    try reportingFailures {
      if let fromCast { return try renderCast(fromCast) }
      let scene = try self.surface.resolve()
      let (width, height) = size.map { ($0.width, $0.height) } ?? FrameSize.terminal() ?? (100, 30)
      let environment = ProcessInfo.processInfo.environment
      let chosen = color.flatMap { ColorTier(rawValue: $0.rawValue) }
      let tier: ColorTier
      switch output {
      case .plain: tier = .none
      // A picture does not depend on the terminal it was made in.
      case .svg: tier = chosen ?? .truecolor
      case .ansi:
        tier =
          chosen
          ?? ColorTier.detect(
            term: environment["TERM"], colorTerm: environment["COLORTERM"],
            noColor: environment["NO_COLOR"], colors: nil)
      }
      let from = setup.point(on: scene)
      let count = steps ?? scene.steps
      var runs = try optimizers.optimizers(for: scene).map {
        var view = RunView.record(
          $0.optimizer, on: scene, from: from, steps: count, gradient: setup.gradientMode)
        view.name = $0.run.displayName
        return view
      }
      RunView.shade(&runs)
      let map = Renderer.mapSize(width: width, height: height)
      let viewport = Viewport(scene: scene, columns: map.columns, rows: map.rows)
      let heat = HeatLayer(
        heatmap: Heatmap(scene: scene, viewport: viewport), scale: scale?.scale ?? scene.scale,
        ramp: HeatRamp.make(colormap?.colormap ?? frameStyle.defaultColormap, tier: tier))
      var state = FrameState(scene: scene, heat: heat, runs: runs, theme: Theme(tier: tier))
      state.start = from  // --start's, where the runs began
      state.contours = contours
      state.arrows = arrows
      state.axes = axes
      state.style = frameStyle
      state.noisyTrails = trails?.mode ?? .full
      if let view3D { state.surface = SurfaceView(yaw: view3D.point.x, pitch: view3D.point.y) }
      if scene.network != nil { state.axisNames = ("α", "β") }
      state.unicode = !ascii
      state.paused = true
      state.message = "descent render \(scene.name): \(count) steps"
      let frame = Renderer.render(state, width: width, height: height)
      switch output {
      case .plain: try emit(frame.plainText)
      case .ansi: try emit(frame.ansi(tier: tier))
      case .svg: try emit(frame.svg(title: state.message))
      }
    }
  }
}

extension RenderCommand {
  /// The largest recording read: about an hour of a large terminal.
  static let maximumCastSize = 256 << 20

  /// `--from-cast`: the recording as an animated SVG, or its last frame as text.
  func renderCast(_ path: String) throws {
    let data: Data
    do {
      data = try InputFile.read(path, what: "recording", limit: Self.maximumCastSize)
    } catch {
      switch error {
      case .missing(let message), .unusable(let message): throw Failure.noInput(message)
      case .tooLarge: throw Failure.data("\(path): \(error.description)")
      }
    }
    let recording: Recording
    do {
      recording = try Recording(asciicast: String(decoding: data, as: UTF8.self))
    } catch {
      throw Failure.data("\(path): \(error.description)")
    }
    let last = recording.frames[recording.frames.count - 1].buffer
    switch output {
    case .svg: try emit(recording.svg(title: "descent: \(Self.fileName(path))"))
    case .plain: try emit(last.plainText)
    case .ansi: try emit(last.ansi(tier: .truecolor))
    }
  }

  /// The last component of a path, as the SVG's title names the recording: `a/b.cast` is
  /// `b.cast`, a trailing `/` is ignored, and the root is `/`.
  static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? (path.hasPrefix("/") ? "/" : "")
  }
}

/// `WxH`, e.g. `120x40`.
struct FrameSize: ExpressibleByArgument {
  var width: Int
  var height: Int

  init?(argument: String) {
    let parts = argument.lowercased().split(separator: "x")
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...2000).contains(w),
      (1...1000).contains(h)
    else { return nil }
    width = w
    height = h
  }

  /// `argument` as a size, or a usage error that says what is wrong with it.
  static func parse(_ argument: String) throws -> FrameSize {
    if let size = FrameSize(argument: argument) { return size }
    throw ValidationError("write WxH, W from 1 to 2000 and H from 1 to 1000, e.g. 120x40")
  }

  /// The terminal's size, if stdout is a terminal.
  static func terminal() -> (Int, Int)? {
    var size = winsize()
    guard isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0,
      size.ws_col > 0, size.ws_row > 0
    else { return nil }
    return (Int(size.ws_col), Int(size.ws_row))
  }
}

struct ColormapArgument: ExpressibleByArgument {
  static let help = ArgumentHelp(
    "Colormap: viridis, magma, plasma, grayscale or graphite (default: viridis; graphite with "
      + "--style projector).")
  var colormap: Colormap
  init(_ colormap: Colormap) { self.colormap = colormap }
  init?(argument: String) {
    guard let map = Colormap(rawValue: argument) else { return nil }
    colormap = map
  }
  static var allValueStrings: [String] { Colormap.allCases.map(\.rawValue) }
  var defaultValueDescription: String { colormap.rawValue }
}

struct ScaleArgument: ExpressibleByArgument {
  var scale: Scene.Scale
  init?(argument: String) {
    guard let scale = Scene.Scale(rawValue: argument) else { return nil }
    self.scale = scale
  }
  static var allValueStrings: [String] { Scene.Scale.allCases.map(\.rawValue) }
}

/// `--style screen|projector`.
struct StyleArgument: ExpressibleByArgument {
  static let help = ArgumentHelp(
    "screen, or projector: thick paths, heads as blocks, the graphite colormap (P in the view).",
    valueName: "style")
  var style: FrameStyle
  init(_ style: FrameStyle) { self.style = style }
  init?(argument: String) {
    guard let style = FrameStyle(rawValue: argument) else { return nil }
    self.style = style
  }
  static var allValueStrings: [String] { FrameStyle.allCases.map(\.rawValue) }
}

/// `--trails full|recent|hidden`.
struct TrailsArgument: ExpressibleByArgument {
  static let help = ArgumentHelp(
    "The paths of optimizers that draw at random (anneal, pso, ga, cmaes, aco): full, recent "
      + "(the last \(TrailMode.recentPoints) steps) or hidden; heads are always drawn (t in the view).",
    valueName: "mode")
  var mode: TrailMode
  init(_ mode: TrailMode) { self.mode = mode }
  init?(argument: String) {
    guard let mode = TrailMode(rawValue: argument) else { return nil }
    self.mode = mode
  }
  static var allValueStrings: [String] { TrailMode.allCases.map(\.rawValue) }
}
