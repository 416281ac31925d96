import DescentCore
import Foundation
import Testing

@Suite struct SceneLibraryTests {
  @Test func everyBuiltinSceneLoads() {
    #expect(SceneLibrary.builtinProblems.isEmpty, "\(SceneLibrary.builtinProblems)")
    #expect(SceneLibrary.builtins.count >= 16)
    #expect(SceneLibrary.builtin(named: SceneLibrary.defaultName) != nil)
  }

  @Test func libraryHasTheTeachingSurfaces() {
    let names = Set(SceneLibrary.builtins.map(\.name))
    for name in [
      "bowl", "ravine", "rosenbrock", "beale", "himmelblau", "booth", "matyas", "camel",
      "rastrigin", "ackley", "goldstein-price", "saddle", "monkey-saddle", "plateau",
      "too-large-lr", "linreg-unscaled", "linreg-standardized", "logistic", "linreg-minibatch",
    ] {
      #expect(names.contains(name), "missing scene \(name)")
    }
    #expect(SceneLibrary.builtins.filter(\.isData).count >= 4)
    #expect(SceneLibrary.builtins.contains { $0.batch != nil })
    #expect(SceneLibrary.builtin(named: "himmelblau")?.minima.count == 4)
  }

  @Test func everySceneTeaches() {
    for scene in SceneLibrary.builtins {
      let sentences = scene.description.split(separator: ".").count
      #expect(sentences >= 2, "\(scene.name): description too short")
      #expect(!scene.title.isEmpty)
      #expect(Set(scene.settings.keys).isSuperset(of: OptimizerKind.classic), "\(scene.name)")
      #expect((200...600).contains(scene.steps), "\(scene.name): \(scene.steps) steps")
    }
  }

  @Test func ravineIsIllConditioned() throws {
    // f = 0.5x² + 10y²: Hessian diag(1, 20).
    let ravine = try #require(SceneLibrary.builtin(named: "ravine"))
    var f = ravine.objective()
    let h = 1e-3
    let fxx = (f.value(at: [h, 0]) - 2 * f.value(at: .zero) + f.value(at: [-h, 0])) / (h * h)
    let fyy = (f.value(at: [0, h]) - 2 * f.value(at: .zero) + f.value(at: [0, -h])) / (h * h)
    #expect(max(fxx, fyy) / min(fxx, fyy) >= 20 - 1e-6)
  }
}

@Suite struct SceneMathTests {
  /// Every listed minimum and saddle is a stationary point: |∇f| < 1e-6. Where the gradient
  /// is undefined (Ackley's kink), the point must instead be lower than every neighbour.
  @Test(arguments: SceneLibrary.builtins.map(\.name))
  func landmarksAreStationary(name: String) throws {
    let scene = try #require(SceneLibrary.builtin(named: name))
    var f = scene.objective(fullBatch: true)
    for landmark in scene.minima + scene.saddles {
      let (value, gradient) = f.valueAndGradient(at: landmark.position)
      if gradient.x.isFinite && gradient.y.isFinite {
        let norm = (gradient * gradient).sum().squareRoot()
        #expect(norm < 1e-6, "\(name): |∇f| = \(norm) at \(landmark.label) \(landmark.position)")
      } else {
        let isMinimum = scene.minima.contains(landmark)
        #expect(isMinimum, "\(name): undefined gradient at saddle \(landmark.position)")
        for angle in stride(from: 0.0, to: 2 * Double.pi, by: Double.pi / 8) {
          let neighbour = landmark.position + 1e-4 * SIMD2(cos(angle), sin(angle))
          #expect(f.value(at: neighbour) > value, "\(name): not a minimum at \(landmark.position)")
        }
      }
    }
  }

  /// No point of a dense grid over the view is lower than a listed global minimum.
  @Test(arguments: SceneLibrary.builtins.map(\.name))
  func globalMinimaAreGlobal(name: String) throws {
    let scene = try #require(SceneLibrary.builtin(named: name))
    let global = scene.minima.filter { !$0.label.contains("local") }
    guard !global.isEmpty else { return }
    var f = scene.objective()
    let n = 301
    let xs = (0..<n).map {
      scene.xRange.lowerBound + Double($0) * (scene.xRange.upperBound - scene.xRange.lowerBound)
        / Double(n - 1)
    }
    let ys = (0..<n).map {
      scene.yRange.lowerBound + Double($0) * (scene.yRange.upperBound - scene.yRange.lowerBound)
        / Double(n - 1)
    }
    let lowest = scene.values(xs: xs, ys: ys).filter(\.isFinite).min()!
    for minimum in global {
      let value = f.value(at: minimum.position)
      #expect(
        value <= lowest + 1e-9 * max(1, abs(lowest)), "\(name): f = \(value) > grid min \(lowest)")
    }
  }

  /// The heatmap's grid evaluation (which computes x-only and y-only parts once per column
  /// and row) agrees with evaluating the scene point by point, data scenes included.
  @Test(arguments: SceneLibrary.builtins.map(\.name))
  func gridValuesMatchPointValues(name: String) throws {
    let scene = try #require(SceneLibrary.builtin(named: name))
    var f = scene.objective()
    let width = 300  // more than one block of 256
    let xs = (0..<width).map {
      scene.xRange.lowerBound + Double($0) * (scene.xRange.upperBound - scene.xRange.lowerBound)
        / Double(width)
    }
    let ys = (0..<4).map {
      scene.yRange.upperBound - Double($0) * (scene.yRange.upperBound - scene.yRange.lowerBound) / 4
    }
    let grid = scene.values(xs: xs, ys: ys)
    for (j, y) in ys.enumerated() {
      for (i, x) in xs.enumerated() {
        let value = f.value(at: [x, y])
        #expect(close(grid[j * width + i], value, relative: 1e-12), "\(name) at (\(x), \(y))")
      }
    }
  }

  /// Each scene's own settings give finite runs for all six optimizers; only the divergence
  /// scene diverges, and there gradient descent must.
  @Test(arguments: SceneLibrary.builtins.map(\.name))
  func defaultRunsStayFinite(name: String) throws {
    let scene = try #require(SceneLibrary.builtin(named: name))
    for kind in scene.raceKinds {
      var objective = scene.objective()
      let trajectory = Trajectory.record(
        try scene.optimizer(kind), from: scene.start, steps: scene.steps,
        on: &objective)
      if name == "too-large-lr" {
        if kind == .gd { #expect(trajectory.divergedAt != nil) }
      } else {
        #expect(trajectory.divergedAt == nil, "\(name): \(kind) diverged")
      }
    }
  }
}

@Suite struct DataSceneTests {
  @Test(arguments: ["linreg-unscaled", "linreg-standardized", "logistic"])
  func gradientMatchesFiniteDifferencesOfTheFullLoss(name: String) throws {
    let scene = try #require(SceneLibrary.builtin(named: name))
    var f = scene.objective()
    let mid = SIMD2(
      (scene.xRange.lowerBound + scene.xRange.upperBound) / 2,
      (scene.yRange.lowerBound + scene.yRange.upperBound) / 2)
    for p in [scene.start, mid, mid + [0.3, -0.2]] {
      let (_, gradient) = f.valueAndGradient(at: p)
      let h = 1e-5
      let dx = (f.value(at: p + [h, 0]) - f.value(at: p - [h, 0])) / (2 * h)
      let dy = (f.value(at: p + [0, h]) - f.value(at: p - [0, h])) / (2 * h)
      #expect(close(gradient.x, dx, relative: 1e-6, absolute: 1e-8), "\(name) at \(p)")
      #expect(close(gradient.y, dy, relative: 1e-6, absolute: 1e-8), "\(name) at \(p)")
    }
  }

  @Test func lossIsTheMeanOverRows() throws {
    let scene = try #require(SceneLibrary.builtin(named: "linreg-unscaled"))
    let data = try #require(scene.dataset)
    var f = scene.objective()
    let p = SIMD2(2.0, 30.0)
    var sum = 0.0
    for r in 0..<data.rowCount {
      let row = data.row(r)
      sum += (p.x * row[0] + p.y - row[1]) * (p.x * row[0] + p.y - row[1])
    }
    #expect(close(f.value(at: p), sum / Double(data.rowCount)))
    // The heatmap's grid evaluation is the same full-data mean.
    #expect(close(scene.values(xs: [p.x], ys: [p.y])[0], sum / Double(data.rowCount)))
  }

  @Test func miniBatchesAreSeededAndCoverEveryRowEachEpoch() throws {
    let scene = try #require(SceneLibrary.builtin(named: "linreg-minibatch"))
    let batch = try #require(scene.batch)
    let rows = try #require(scene.dataset).rowCount
    var a = scene.objective()
    var b = scene.objective()
    var full = try #require(SceneLibrary.builtin(named: "linreg-standardized")).objective()
    let p = SIMD2(0.2, 0.3)
    var gradients: [SIMD2<Double>] = []
    for t in 1...(rows / batch) {
      a.prepare(forUpdate: t)
      b.prepare(forUpdate: t)
      let ga = a.valueAndGradient(at: p)
      #expect(ga.gradient == b.valueAndGradient(at: p).gradient)
      // The loss reported is the full-data loss, whatever the batch.
      #expect(close(ga.value, full.value(at: p)))
      gradients.append(ga.gradient)
    }
    #expect(Set(gradients.map(\.x)).count > 1, "batches differ from update to update")
    // One epoch of equal-sized batches averages to the full gradient.
    let mean = gradients.reduce(.zero, +) / Double(gradients.count)
    let whole = full.valueAndGradient(at: p).gradient
    #expect(close(mean.x, whole.x, relative: 1e-12) && close(mean.y, whole.y, relative: 1e-12))
  }

  @Test func replayedRunsSeeTheSameBatches() throws {
    let scene = try #require(SceneLibrary.builtin(named: "linreg-minibatch"))
    func run() throws -> [Trajectory.Row] {
      var objective = scene.objective()
      return Trajectory.record(
        try OptimizerKind.gd.make(scene.settings(for: .gd)), from: scene.start, steps: 50,
        on: &objective
      ).rows
    }
    #expect(try run() == run())
  }
}

@Suite struct BrokenSceneTests {
  static let folder = Bundle.module.resourceURL!.appendingPathComponent("BrokenScenes")
  static let files = try! FileManager.default.contentsOfDirectory(atPath: folder.path)
    .filter { $0.hasSuffix(".toml") }.sorted()

  /// Each file lists the problems it must produce in `# expect: LINE:COLUMN: message` lines.
  @Test(arguments: files)
  func reportsEveryProblemWithItsPosition(file: String) throws {
    let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
    let expected = Set(
      text.split(separator: "\n").filter { $0.hasPrefix("# expect: ") }.map {
        String($0.dropFirst("# expect: ".count))
      })
    #expect(!expected.isEmpty)
    let result = SceneLoader.load(text: text, file: file, name: "broken") { _ in
      .failure(.notFound("no data"))
    }
    guard case .failure(let errors) = result else {
      Issue.record("\(file) loaded without errors")
      return
    }
    let actual = Set(
      errors.diagnostics.map { d -> String in
        let message = d.message.hasPrefix("TOML syntax:") ? "TOML syntax:" : d.message
        return "\(d.line ?? 0):\(d.column ?? 0): \(message)"
      })
    #expect(actual == expected)
    for diagnostic in errors.diagnostics where diagnostic.line != nil {
      #expect(diagnostic.description.hasPrefix("\(file):\(diagnostic.line!):"))
      #expect(diagnostic.description.contains("\n  "), "a caret display follows")
    }
  }

  /// CRLF line endings (issue 13, item 13): the same problems at the same lines and
  /// columns as with LF, and no carriage return in the caret display. (The reader once saw a
  /// CRLF file as one line and reported every problem at 1:1.)
  @Test(arguments: files)
  func crlfFilesReportTheSamePositions(file: String) throws {
    let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
    func problems(_ text: String) -> [SceneDiagnostic] {
      let result = SceneLoader.load(text: text, file: file, name: "broken") { _ in
        .failure(.notFound("no data"))
      }
      guard case .failure(let errors) = result else { return [] }
      return errors.diagnostics
    }
    let lf = problems(text)
    let crlf = problems(text.replacingOccurrences(of: "\n", with: "\r\n"))
    #expect(!lf.isEmpty)
    #expect(crlf == lf)
    #expect(crlf.allSatisfy { $0.sourceLine?.unicodeScalars.contains("\r") != true })
  }

  /// A byte-order mark (Windows editors write one) is skipped: columns count from after it,
  /// and the caret display does not show it.
  @Test func byteOrderMark() {
    let text = "\u{FEFF}formatt = 1\ntitle = \"BOM\"\nf = \"x\"\n"
    guard
      case .failure(let errors) = SceneLoader.load(
        text: text, file: "b.toml", name: "b", readData: { _ in .failure(.notFound("")) })
    else {
      Issue.record("the scene should not load")
      return
    }
    #expect(
      errors.description
        == "b.toml:1:1: unknown key `formatt` at the top level (did you mean `format`?)\n"
        + "  formatt = 1\n  ^^^^^^^\n"
        + "b.toml:1:1: missing `format = 1` (the scene format version)\n  formatt = 1\n  ^")
  }

  @Test func csvErrorsNameLineAndColumn() {
    #expect(throws: SceneDiagnostic.self) { try Dataset(csv: "u,v\n1,2\n3,abc\n", file: "d.csv") }
    do {
      _ = try Dataset(csv: "u,v\n1,2\n3, abc\n", file: "d.csv")
    } catch {
      #expect(error.line == 3 && error.column == 4)
      #expect(error.message == "`abc` in column `v` is not a finite number")
    }
    do {
      _ = try Dataset(csv: "# comment\nu,x\n1,2\n", file: "d.csv")
    } catch {
      #expect(error.line == 2 && error.column == 3)
      #expect(error.message.contains("reserved"))
    }
    do {
      _ = try Dataset(csv: "u,v\n1,2,3\n", file: "d.csv")
    } catch {
      #expect(error.line == 2)
      #expect(error.message.hasPrefix("expected 2 fields"))
    }
  }
}

/// Backprop against central finite differences, through the same objective the TUI's `d`
/// key switches.
@Suite struct FiniteDifferenceTests {
  @Test(arguments: SceneLibrary.builtins.map(\.name))
  func finiteDifferencesAgreeWithBackprop(name: String) throws {
    let scene = try #require(SceneLibrary.builtin(named: name))
    var backprop = scene.objective(fullBatch: true)
    var differences = scene.objective(fullBatch: true)
    differences.gradientMode = .finiteDifferences
    let mid = SIMD2(
      (scene.xRange.lowerBound + scene.xRange.upperBound) / 2 + 0.123,
      (scene.yRange.lowerBound + scene.yRange.upperBound) / 2 - 0.0456)
    for p in [scene.start, mid] {
      let exact = backprop.valueAndGradient(at: p)
      let approximate = differences.valueAndGradient(at: p)
      #expect(exact.value == approximate.value)
      let scale = max(1, (exact.gradient * exact.gradient).sum().squareRoot())
      let error =
        ((exact.gradient - approximate.gradient) * (exact.gradient - approximate.gradient)).sum()
        .squareRoot()
      #expect(error < 1e-6 * scale, "\(name) at \(p): \(exact.gradient) vs \(approximate.gradient)")
    }
  }

  @Test func countsArePaidInEvaluationsOfF() throws {
    let scene = try #require(SceneLibrary.builtin(named: "bowl"))
    var objective = scene.objective()
    objective.gradientMode = .finiteDifferences
    let t = Trajectory.record(
      try OptimizerKind.adam.make(), from: scene.start, steps: 10, on: &objective)
    // 4 evaluations of f for the two partial derivatives, 1 for f itself, at 11 points.
    #expect(t.evaluations == EvaluationCount(values: 55, gradients: 0))
    var exact = scene.objective()
    let b = Trajectory.record(
      try OptimizerKind.adam.make(), from: scene.start, steps: 10, on: &exact)
    #expect(b.evaluations == EvaluationCount(values: 0, gradients: 11))
  }

  @Test func pathsAgree() throws {
    let scene = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    var exact = scene.objective()
    var differences = scene.objective()
    differences.gradientMode = .finiteDifferences
    let optimizer = try OptimizerKind.momentum.make(scene.settings(for: .momentum))
    let a = Trajectory.record(optimizer, from: scene.start, steps: 200, on: &exact)
    let b = Trajectory.record(optimizer, from: scene.start, steps: 200, on: &differences)
    for (p, q) in zip(a.rows, b.rows) {
      #expect(abs(p.position.x - q.position.x) < 1e-5 && abs(p.position.y - q.position.y) < 1e-5)
    }
  }
}
