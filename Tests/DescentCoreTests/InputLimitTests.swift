import Foundation
import Testing

@testable import DescentCore

/// Limits that say what they enforce, and values that are refused rather than accepted
/// silently.
@Suite struct InputLimitTests {
  /// The README's 200 levels count parentheses, calls, unary signs and powers, one each.
  @Test func nestingLimitCountsWhatTheReadmeCounts() throws {
    func nested(_ open: String, _ close: String, _ n: Int) -> String {
      String(repeating: open, count: n) + "x" + String(repeating: close, count: n)
    }
    for (open, close) in [("(", ")"), ("sin(", ")"), ("-", ""), ("-(", ")")] {
      let levels = open == "-(" ? 100 : 200
      _ = try Tape(nested(open, close, levels))
      #expect(throws: ExpressionError.self, "\(open)") {
        try Tape(nested(open, close, levels + 1))
      }
    }
    _ = try Tape(Array(repeating: "x", count: 201).joined(separator: "^"))
    #expect(throws: ExpressionError.self) {
      try Tape(Array(repeating: "x", count: 202).joined(separator: "^"))
    }
    do {
      _ = try Tape(nested("(", ")", 201))
    } catch {
      #expect(error.reason == "expression is nested too deeply (the limit is 200 levels)")
    }
  }

  @Test func parameterNamesThatCannotBe() {
    #expect(Surface.parameterNameProblem("b") == nil)
    #expect(Surface.parameterNameProblem("_b2") == nil)
    for name in ["x", "y", "sin", "pi", "e", "a b", "π", "2a", ""] {
      #expect(Surface.parameterNameProblem(name) != nil, "\(name)")
    }
  }

  @Test func hyperparameterErrorsNameTheirSetting() {
    #expect(
      throws: HyperparameterError(
        "gd: lr = -1.0 is invalid; it must be greater than 0", setting: "lr")
    ) {
      try OptimizerKind.gd.make(["lr": -1])
    }
    #expect(
      throws: HyperparameterError(
        "pso: population = 0 is invalid; it must be between 2 and 10000", setting: "population")
    ) {
      try OptimizerKind.pso.make(["population": 0])
    }
  }

  /// The gradient in (α, β) that eval reports on a network scene is the derivative of the
  /// loss along the plane: central differences of the loss agree.
  @Test func networkGradientOnThePlaneIsTheLossDerivative() throws {
    let scene = try #require(SceneLibrary.builtin(named: "moons-small"))
    let network = try #require(scene.network)
    for point in [SIMD2(0.0, 0.0), SIMD2(0.7, -0.3)] {
      let (loss, gradient) = network.lossAndGradient(at: point)
      #expect(loss == network.loss(at: point))
      let h = 1e-5
      let dAlpha =
        (network.loss(at: point + SIMD2(h, 0)) - network.loss(at: point - SIMD2(h, 0))) / (2 * h)
      let dBeta =
        (network.loss(at: point + SIMD2(0, h)) - network.loss(at: point - SIMD2(0, h))) / (2 * h)
      #expect(abs(gradient.x - dAlpha) < 1e-7 * max(1, abs(dAlpha)), "\(point)")
      #expect(abs(gradient.y - dBeta) < 1e-7 * max(1, abs(dBeta)), "\(point)")
    }
  }

  @Test func builtinNamesAreCaseInsensitive() {
    #expect(SceneLibrary.builtin(named: "Rosenbrock")?.name == "rosenbrock")
    #expect(SceneLibrary.builtin(named: "MOONS-SMALL")?.name == "moons-small")
    #expect(LessonLibrary.builtin(named: "Ravines")?.name == "ravines")
    #expect(SceneLibrary.builtin(named: "rosenbrok") == nil)
  }

  /// CRLF CSV files read as LF ones do, and their errors sit at the same lines and columns.
  @Test func crlfCsvFilesReadAsLfOnes() throws {
    let lf = "# hours, score\nu,v\n1,2\n\n3,4.5\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    let a = try Dataset(csv: lf, file: "d.csv")
    let b = try Dataset(csv: crlf, file: "d.csv")
    #expect(a == b)
    #expect(b.columns == ["u", "v"] && b.values == [1, 2, 3, 4.5])
    for text in ["u,v\n1,2\n3, abc\n", "u,v\r\n1,2\r\n3, abc\r\n", "u,v\r\n1,2\r\n3, abc"] {
      #expect(throws: SceneDiagnostic.self) { try Dataset(csv: text, file: "d.csv") }
      do {
        _ = try Dataset(csv: text, file: "d.csv")
      } catch {
        #expect(error.line == 3 && error.column == 4, "\(text.debugDescription)")
        #expect(error.message == "`abc` in column `v` is not a finite number")
        #expect(error.sourceLine == "3, abc")
      }
    }
  }

  /// A network scene's CSV with loss = "bce" holds class labels, 0 or 1; "mse" takes any.
  @Test func crossEntropyLabelsAreZeroOrOne() throws {
    let csv = "x1,x2,label\r\n0.5,1,0\r\n-1,2,1\r\n0.25,0.5, 2\r\n1,1,-1\r\n"
    func load(loss: String) -> Result<Scene, SceneErrors> {
      let text = """
        format = 1
        title = "Labels"
        [model]
        layers = [2, 3, 1]
        loss = "\(loss)"
        dataset = "labels.csv"
        """
      return SceneLoader.load(text: text, file: "labels.toml", name: "labels") { _ in
        .success(csv)
      }
    }
    guard case .failure(let errors) = load(loss: "bce") else {
      Issue.record("labels 2 and -1 were accepted for bce")
      return
    }
    let diagnostic = try #require(errors.diagnostics.first)
    #expect(errors.diagnostics.count == 1)
    #expect(diagnostic.file == "labels.csv")
    #expect(diagnostic.line == 4 && diagnostic.column == 11)
    #expect(
      diagnostic.message
        == "`2` in column `label` is not a class label: with loss = \"bce\" the targets are 0 or 1 (loss = \"mse\" takes any number)"
    )
    guard case .success(let scene) = load(loss: "mse") else {
      Issue.record("mse refused labels that are numbers")
      return
    }
    #expect(scene.network?.data.targets == [0, 1, 2, -1])
  }

  /// A weights file whose activation or loss is not the scene network's is refused, naming
  /// both; a file without them is read by its shapes.
  @Test func weightsForAnotherActivationOrLossAreRefused() throws {
    let mlp = MLP(layers: [2, 3, 1], activation: .tanh, loss: .bce)
    let theta = mlp.initialParameters(seed: 1)
    let json = WeightsFile.json(mlp, theta).rendered()
    // Foundation's JSON reader may round a last digit: compare to 1e-15.
    func close(_ read: Parameters) -> Bool {
      read.count == theta.count
        && (0..<theta.count).allSatisfy {
          abs(read[$0] - theta[$0]) <= 1e-15 * max(1, abs(theta[$0]))
        }
    }
    #expect(close(try WeightsFile.read(Data(json.utf8), for: mlp)))
    let relu = json.replacingOccurrences(of: "\"tanh\"", with: "\"relu\"")
    #expect(
      throws: HyperparameterError(
        "the weights are for activation \"relu\", the scene's network has activation \"tanh\"")
    ) { try WeightsFile.read(Data(relu.utf8), for: mlp) }
    let mse = json.replacingOccurrences(of: "\"bce\"", with: "\"mse\"")
    #expect(
      throws: HyperparameterError(
        "the weights are for loss \"mse\", the scene's network has loss \"bce\"")
    ) { try WeightsFile.read(Data(mse.utf8), for: mlp) }
    let bare = json.replacingOccurrences(of: "\"activation\":\"tanh\",", with: "")
    #expect(bare != json)
    #expect(close(try WeightsFile.read(Data(bare.utf8), for: mlp)))
  }

  /// A lesson step's start must lie in its scene's view, and its inspector on an optimizer
  /// it shows; both are refused at their keys.
  @Test func lessonStartsAndInspectorsThatCannotShow() {
    let text = """
      format = 1
      title = "Contradictions"
      [[step]]
      caption = "A bowl."
      scene = "bowl"
      show = ["gd", "momentum"]
      start = [40.0, 1.0]
      [[step]]
      caption = "Adam, hidden."
      inspector = "adam"
      [[step]]
      caption = "Adam, shown."
      show = ["adam"]
      inspector = "adam"
      start = [1.0, -1.0]
      view = { x = [-1e308, 1e308], y = [-1.0, 1.0] }
      """
    let result = LessonLoader.load(text: text, file: "l.toml", name: "l") { name in
      SceneLibrary.builtin(named: name).map { .success($0) } ?? .failure(.notFound(name))
    }
    guard case .failure(let errors) = result else {
      Issue.record("the lesson should not load")
      return
    }
    let bowl = SceneLibrary.builtin(named: "bowl")!
    #expect(
      errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" } == [
        "7:9: start (40.0, 1.0) is outside the view of scene `bowl` (x = \(bowl.xRange), y = \(bowl.yRange))",
        "10:13: inspector `adam` is not among the optimizers this step shows (gd, momentum); add it to `show`",
        "16:14: view x = [-1e+308, 1e+308] is too wide: its width x[1] - x[0] must be a finite number",
      ])
  }
}
