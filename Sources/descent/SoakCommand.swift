import ArgumentParser
import DescentCore
import DescentRender
import DescentTUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `descent soak`: drives the interactive app's model headless for many steps, every
/// optimizer racing with the loss plot and the inspector open, drawing a frame now and then,
/// and reports resident memory. Hidden: it is a tool for checking that memory stays flat.
struct SoakCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "soak",
    abstract: "Drive the view's model headless and report resident memory (a check, hidden).",
    shouldDisplay: false)

  @Option(parsing: .unconditional, help: "Steps to take.") var steps = 1_000_000
  @Option(
    parsing: .unconditional, help: "Sample memory (and draw a frame) every this many steps.")
  var every = 10_000
  @Option(help: "The scene.") var scene = SceneLibrary.defaultName

  func validate() throws {
    guard steps > 0, every > 0 else {
      throw ValidationError("--steps and --every must be positive, got \(steps) and \(every)")
    }
  }

  func run() throws {
    let scenes = SceneLibrary.builtins
    guard let index = scenes.firstIndex(where: { $0.name == scene }) else {
      throw ValidationError("no built-in scene named '\(scene)'")
    }
    var model = Model(
      scenes: scenes, sceneIndex: index, visible: OptimizerKind.allCases, tier: .xterm256,
      width: 120, height: 40)
    for key in [">", ">", ">", ">", ">", ">", ">", "p", "i"] {
      _ = model.update(.key(.character(Character(key))))
    }
    var out = "steps,resident_mb\n"
    var samples: [(Double, Double)] = []
    var taken = 0
    while taken < steps {
      // A tick of one second at 1,000 steps a second: 1,000 steps.
      _ = model.update(.tick(1))
      taken += Model.maximumStepsPerTick
      if model.runs.allSatisfy(\.isDiverged) || model.paused {
        _ = model.update(.key(.character("r")))
      }
      if taken % every == 0 {
        _ = model.frame()
        let megabytes = Double(residentBytes()) / 1_048_576
        samples.append((Double(taken), megabytes))
        out += "\(taken),\(String(printf: "%.1f", megabytes))\n"
      }
    }
    // The slope over the second half, past any warm-up, by least squares.
    let tail = samples.suffix(max(2, samples.count / 2))
    let n = Double(tail.count)
    let mx = tail.map(\.0).reduce(0, +) / n
    let my = tail.map(\.1).reduce(0, +) / n
    let sxy = tail.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +)
    let sxx = tail.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
    let slope = sxx > 0 ? sxy / sxx * 1_000_000 : 0
    let peak = samples.map(\.1).max() ?? 0
    out += String(printf: "# peak %.1f MB, slope %.3f MB per million steps\n", peak, slope)
    try emit(out)
  }

  /// Resident set size, from /proc/self/statm.
  func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
      return 0
    }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
  }
}
