import DescentCore
import Foundation
import Testing

/// The gradient-free methods' runs, bit for bit: each case's first steps as a run takes them,
/// against a fixture recorded before their steps were made faster. A row holds the step, the
/// position and loss as bit patterns, the evaluations, and a hash of the bits of everything
/// else the step shows: its members, its marks, its inspector rows and its live equations.
/// Re-record with `DESCENT_RECORD_SNAPSHOTS=1` only for a change that means to move the runs.
/// The bits are glibc's: another C library's sin, cos, log and exp may round differently.
@Suite(.enabled(if: isGlibc)) struct GradientFreeGoldenTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var scene: String
    var kind: OptimizerKind
    var settings: Hyperparameters = Hyperparameters()
    var steps: Int
    var file: String
    var testDescription: String { file }
  }

  static let cases: [Case] = [
    Case(scene: "rosenbrock", kind: .cmaes, steps: 200, file: "rosenbrock-cmaes.txt"),
    Case(
      scene: "rosenbrock", kind: .cmaes, settings: ["sigma": 0.3, "population": 11, "seed": 5],
      steps: 200, file: "rosenbrock-cmaes-population-11.txt"),
    Case(scene: "himmelblau", kind: .cmaes, steps: 200, file: "himmelblau-cmaes.txt"),
    Case(scene: "moons-small", kind: .cmaes, steps: 25, file: "moons-small-cmaes.txt"),
    Case(scene: "rosenbrock", kind: .anneal, steps: 200, file: "rosenbrock-anneal.txt"),
    Case(scene: "rosenbrock", kind: .pso, steps: 200, file: "rosenbrock-pso.txt"),
    Case(scene: "rosenbrock", kind: .ga, steps: 200, file: "rosenbrock-ga.txt"),
    Case(scene: "rosenbrock", kind: .aco, steps: 200, file: "rosenbrock-aco.txt"),
    Case(scene: "moons-small", kind: .aco, steps: 25, file: "moons-small-aco.txt"),
    Case(scene: "rosenbrock", kind: .nelderMead, steps: 200, file: "rosenbrock-nelder-mead.txt"),
    Case(scene: "moons-small", kind: .nelderMead, steps: 25, file: "moons-small-nelder-mead.txt"),
  ]

  /// FNV-1a over 64-bit words and strings.
  struct Hash {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ word: UInt64) {
      for shift in stride(from: 0, to: 64, by: 8) {
        value = (value ^ ((word >> UInt64(shift)) & 0xff)) &* 0x100_0000_01b3
      }
    }
    mutating func add(_ x: Double) { add(x.bitPattern) }
    mutating func add(_ point: SIMD2<Double>) {
      add(point.x)
      add(point.y)
    }
    mutating func add(_ points: [SIMD2<Double>]) {
      add(UInt64(points.count))
      for p in points { add(p) }
    }
    mutating func add(_ text: String) {
      add(UInt64(text.utf8.count))
      for byte in text.utf8 { add(UInt64(byte)) }
    }
    mutating func add(_ numbers: [Double]) {
      add(UInt64(numbers.count))
      for x in numbers { add(x) }
    }
  }

  static func hex(_ x: Double) -> String { String(x.bitPattern, radix: 16) }

  /// One line per step: everything the step shows.
  static func line(_ state: RunState, after previous: RunState?) -> String {
    var hash = Hash()
    hash.add(state.members)
    for mark in state.marks {
      hash.add(mark.name)
      hash.add(UInt64(mark.role == .primary ? 1 : 2))
      switch mark.shape {
      case .points(let points): hash.add(points)
      case .path(let points, let closed):
        hash.add(points)
        hash.add(UInt64(closed ? 1 : 0))
      case .segment(let a, let b):
        hash.add(a)
        hash.add(b)
      }
    }
    for row in state.rows {
      hash.add(row.label)
      switch row.value {
      case .vector(let v): hash.add(v)
      case .number(let x): hash.add(x)
      case .text(let words): hash.add(words)
      }
      hash.add(row.suffix)
    }
    for equation in previous.map({ state.equations(after: $0) }) ?? [] {
      hash.add(equation.symbols)
      hash.add(equation.link)
      for term in equation.values + [.text("=")] + equation.result {
        switch term {
        case .text(let words): hash.add(words)
        case .number(let x): hash.add(x)
        case .vector(let v): hash.add(v)
        }
      }
    }
    let evaluations = state.evaluations
    return [
      String(state.step), hex(state.position.x), hex(state.position.y), hex(state.loss),
      String(evaluations.values), String(evaluations.gradients), String(hash.value, radix: 16),
    ].joined(separator: " ")
  }

  /// The case's run as lines, the start's first.
  static func record(_ c: Case) throws -> [String] {
    let scene = try #require(SceneLibrary.builtin(named: c.scene))
    var objective = scene.objective()
    var run = Run(
      try scene.optimizer(c.kind, overrides: c.settings), from: scene.start, on: &objective)
    var lines = [line(run.state, after: nil)]
    while run.state.step < c.steps {
      let previous = run.state
      guard run.advance(on: &objective) else { break }
      lines.append(line(run.state, after: previous))
    }
    return lines
  }

  static let folder = "GradientFreeGolden"

  @Test(arguments: cases)
  func runIsUnchangedBitForBit(_ c: Case) throws {
    let lines = try Self.record(c)
    #expect(lines.count == c.steps + 1)
    if ProcessInfo.processInfo.environment["DESCENT_RECORD_SNAPSHOTS"] == "1" {
      let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/\(Self.folder)/\(c.file)")
      try (lines.joined(separator: "\n") + "\n").write(
        to: source, atomically: true, encoding: .utf8)
      return
    }
    let text = try String(
      contentsOf: fixtures.appendingPathComponent("\(Self.folder)/\(c.file)"), encoding: .utf8)
    let expected = text.split(separator: "\n").map(String.init)
    #expect(expected.count == lines.count)
    for (got, want) in zip(lines, expected) where got != want {
      Issue.record("\(c.file): step \(want.split(separator: " ")[0]) is\n\(got)\nnot\n\(want)")
      break
    }
  }

  /// The hash sees a change in the last bit of any number a step shows.
  @Test func theHashSeesOneBit() {
    var a = Hash()
    var b = Hash()
    a.add(1.0)
    b.add(1.0.nextUp)
    #expect(a.value != b.value)
  }
}

#if canImport(Glibc)
  private let isGlibc = true
#else
  private let isGlibc = false
#endif
