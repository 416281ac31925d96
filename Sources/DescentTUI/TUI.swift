import CNCurses
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

/// The interactive app: the loop that sends key presses, clicks, resizes and ticks to
/// `Model.update` and shows `Model.frame()`.
public enum TUI {
  /// Frames per second at most, however fast the steps run.
  static let framesPerSecond = 30.0

  /// What to open, and how.
  public struct Options: Sendable {
    public var scenes: [Scene]
    public var sceneIndex: Int
    /// The runs to show; empty for the scene's race.
    public var runs: [RunSpec]
    public var overrides: Hyperparameters
    /// A tier to use instead of the detected one.
    public var tier: ColorTier?
    public var colormap: Colormap
    /// A lesson to play, and the seconds between its steps when it plays on its own.
    public var lesson: Lesson?
    public var autoplay: Double?
    /// Where to write an asciicast v2 recording of the session, if anywhere.
    public var record: String?
    /// How the gradients are computed at first (`d` switches).
    public var gradient = SceneObjective.GradientMode.backprop
    /// Speed, step and panels to open with.
    public var screen = ScreenSetup()

    public init(
      scenes: [Scene], sceneIndex: Int, runs: [RunSpec], overrides: Hyperparameters,
      tier: ColorTier?, colormap: Colormap
    ) {
      self.scenes = scenes
      self.sceneIndex = sceneIndex
      self.runs = runs
      self.overrides = overrides
      self.tier = tier
      self.colormap = colormap
    }
  }

  /// Runs the app until the user quits or a signal arrives, and returns the exit status:
  /// 0 on `q` or Esc, 128 + the signal number on SIGINT, SIGTERM, SIGHUP or SIGQUIT, 74
  /// (sysexits' EX_IOERR) at once when the recording cannot be written (a full disk).
  /// - Throws: `TerminalError` if the terminal cannot be used, or the recording cannot be
  ///   written (before touching the terminal).
  public static func run(_ options: Options) throws(TerminalError) -> Int32 {
    // An unwritable recording path is reported before the screen is taken over.
    var recorder: Recorder?
    if let path = options.record {
      do {
        recorder = try Recorder(path: path)
      } catch {
        throw TerminalError(description: error.description, code: 73)
      }
    }
    defer {
      recorder?.close()
      if let failure = recorder?.failure {
        StandardError.write("descent: error: \(failure)\n")
      }
    }
    setlocale(LC_ALL, "")
    let unicode = String(cString: nl_langinfo(nl_item(CODESET))) == "UTF-8"
    descent_install_signal_handlers()
    descent_install_fatal_handlers()
    // The commands that reopen what was saved, printed once the screen is restored (this
    // runs after the terminal's `close`, declared below).
    var saved: [String] = []
    defer {
      for command in saved { print("descent: saved; reopen with: \(command)") }
    }
    let terminal: Terminal
    do {
      terminal = try Terminal.open()
    } catch {
      recorder?.discard()
      recorder = nil
      throw error
    }
    defer { terminal.close() }

    let environment = ProcessInfo.processInfo.environment
    var tier =
      options.tier
      ?? ColorTier.detect(
        term: environment["TERM"], colorTerm: environment["COLORTERM"],
        noColor: environment["NO_COLOR"], colors: terminal.colors)
    // ncurses draws direct colour only through a direct-colour terminfo entry. Without one,
    // when COLORTERM (or --color) asks for true colour, the frames go out as SGR 38;2
    // sequences written directly, as vim's termguicolors and btop do.
    if tier == .truecolor && terminal.colors < 1 << 24 {
      if terminal.colors >= 8 {
        terminal.writeRGBDirectly()
      } else {
        tier = terminal.colors >= 256 ? .xterm256 : (terminal.colors >= 16 ? .ansi16 : .ansi8)
      }
    }
    if terminal.colors == 0 { tier = .none }
    if tier == .xterm256 && terminal.colors < 256 {
      tier = terminal.colors >= 16 ? .ansi16 : .ansi8
    }

    var model = Model(
      scenes: options.scenes, sceneIndex: options.sceneIndex, runs: options.runs,
      overrides: options.overrides, tier: tier, unicode: unicode, colormap: options.colormap,
      width: terminal.width, height: terminal.height)
    // `--gradient finite-differences` starts the view as `d` would switch it (and says so).
    if options.gradient == .finiteDifferences { _ = model.update(.key(.character("d"))) }
    model.open(options.screen)
    // Half of each frame's time for steps, the rest for drawing and keys.
    model.stepBudget = 0.5 / framesPerSecond
    if let lesson = options.lesson { model.play(lesson, autoplay: options.autoplay) }
    recorder?.begin(
      width: terminal.width, height: terminal.height, tier: tier, environment: environment,
      now: monotonicSeconds())
    func show(_ frame: Buffer) {
      let shown = terminal.draw(frame)
      recorder?.frame(shown, now: monotonicSeconds())
    }
    // The model's effects, performed: a slice job in the background (polled below), the
    // timing of a gradient at once. Returns whether the app should quit.
    var slice: SliceJob?
    var sliceReported = -1.0
    func perform(_ effect: Effect) -> Bool {
      for effect in effect.all {
        switch effect {
        case .quit:
          return true
        case .computeSlice(let request):
          slice?.cancel()
          slice = SliceJob(request)
          sliceReported = -1
        case .measureGradientCost(let scene, let measured):
          let cost = GradientTiming(measuring: measured)
          if perform(model.update(.gradientCostMeasured(scene: scene, cost: cost))) { return true }
        case .saveSetup(let setup):
          let event: Event
          do {
            let result = try setup.save()
            saved.append(result.command)
            event = .setupSaved(file: result.file, command: result.command)
          } catch {
            event = .saveFailed("\(error)")
          }
          if perform(model.update(event)) { return true }
        case .none, .batch:
          break
        }
      }
      return false
    }
    if perform(model.initialEffect) { return 0 }
    show(model.frame())
    // For the end-to-end test that a crash still restores the terminal.
    if environment["DESCENT_TEST_CRASH"] == "1" {
      fatalError("crash requested by DESCENT_TEST_CRASH")
    }

    let frameInterval = 1 / framesPerSecond
    var lastTick = monotonicSeconds()
    var lastFrame = lastTick
    // Whether something changed since the last frame was drawn.
    var dirty = false
    while true {
      // A recording that cannot go on ends the session: the user asked for the recording,
      // and a session that looks recorded but is not would be lost.
      if recorder?.failure != nil { return 74 }
      let signal = descent_pending_signal()
      if signal != 0 { return 128 + signal }
      let now = monotonicSeconds()
      let untilFrame = max(0, lastFrame + frameInterval - now)
      // Idle (paused, no lesson page to turn), the loop sleeps in the read until a key, a
      // resize or a signal arrives; with a frame still to draw it wakes in time for it.
      let timeout: Int32 =
        model.needsTicks || dirty ? Int32((untilFrame * 1000).rounded(.up)) : -1
      let events = terminal.read(timeout: timeout)
      // Time spent idle, waiting for a key, is not time the app ran: counted in the next
      // tick, it would turn an autoplaying lesson's page at once after a key (← on the
      // last step, undone within a frame).
      if timeout < 0 { lastTick = monotonicSeconds() }
      // A terminal that has gone away without a SIGHUP (the far end of the pty closed)
      // ends the app as the hang-up signal would, rather than spinning on failed reads.
      if events.isEmpty && descent_terminal_hung_up() != 0 { return 128 + SIGHUP }
      for event in events {
        if case .resize(let width, let height) = event {
          recorder?.resize(width: width, height: height, now: monotonicSeconds())
        }
        if perform(model.update(event)) { return 0 }
      }
      if let job = slice {
        dirty = true
        if let result = job.result {
          slice = nil
          if perform(model.update(.sliceComputed(result))) { return 0 }
        } else if job.progress != sliceReported {
          sliceReported = job.progress
          if perform(model.update(.sliceProgress(job.request.key, sliceReported))) { return 0 }
        }
      }
      let tick = monotonicSeconds()
      let wasTicking = model.needsTicks
      if perform(model.update(.tick(tick - lastTick))) { return 0 }
      lastTick = tick
      dirty = dirty || !events.isEmpty || wasTicking
      if dirty && (!events.isEmpty || tick - lastFrame >= frameInterval - 0.001) {
        show(model.frame())
        // For the end-to-end test that a crash still restores the terminal.
        if environment["DESCENT_TEST_CRASH"] == "1" {
          fatalError("crash requested by DESCENT_TEST_CRASH")
        }
        lastFrame = tick
        dirty = false
      }
    }
  }

  static func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
