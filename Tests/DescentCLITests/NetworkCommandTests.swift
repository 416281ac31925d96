import Foundation
import Testing

/// `run` and `eval` on a network scene: the CSV contract, the JSON additions, saved weights
/// and the dumped data.
@Suite struct NetworkCommandTests {
  @Test func runSavesWeightsThatEvalReads() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-net-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let weights = folder.appendingPathComponent("w.json").path
    let data = folder.appendingPathComponent("d.csv").path
    let run = try descent(
      "run", "moons-small", "--optimizer", "adam", "--steps", "200", "--save-weights", weights,
      "--dump-data", data)
    #expect(run.status == 0, "\(run.stderr)")
    let (header, rows) = csvRows(run.stdout)
    #expect(header == "optimizer,step,x,y,loss")
    #expect(rows.count == 201)
    let finalLoss = try #require(Double(rows.last![4]))

    let eval = try descent("eval", "moons-small", "--weights", weights, "--format", "json")
    #expect(eval.status == 0, "\(eval.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])
    #expect(object["parameters"] as? Int == 33)
    let loss = try #require(object["loss"] as? Double)
    #expect(Swift.abs(loss - finalLoss) < 1e-12)
    #expect((object["accuracy"] as? Double ?? 0) >= 0.95)

    let csv = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n")
    #expect(csv.first == "x1,x2,label")
    #expect(csv.count == 201)

    let saved = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: weights)))
        as? [String: Any])
    #expect(saved["layers"] as? [Int] == [2, 8, 1])
    #expect((saved["weights"] as? [[[Double]]])?.map(\.count) == [8, 1])
  }

  @Test func jsonAddsAccuracyTheNetworkAndCounts() throws {
    let result = try descent("run", "moons-small", "--steps", "5", "--format", "json")
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let network = try #require(object["network"] as? [String: Any])
    #expect(network["parameters"] as? Int == 33)
    let runs = try #require(object["runs"] as? [[String: Any]])
    #expect(
      runs.map { $0["optimizer"] as? String } == [
        "gd", "momentum", "nesterov", "rmsprop", "adam", "anneal",
      ])
    let rows = try #require(runs[0]["rows"] as? [[String: Any]])
    #expect(rows.allSatisfy { $0["accuracy"] is Double })
    #expect(runs[0]["gradient_evaluations"] as? Int == 6)
  }

  /// On a network scene eval's Hessian is in the plane's (α, β): its columns agree with
  /// central differences of eval's own gradient.
  @Test func evalPrintsTheHessianInThePlane() throws {
    func derivatives(_ alpha: Double, _ beta: Double) throws -> (
      gradient: [Double], hessian: [[Double]]
    ) {
      let eval = try descent("eval", "moons-small", "--at", "\(alpha),\(beta)", "--format", "json")
      #expect(eval.status == 0, "\(eval.stderr)")
      let json = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any]
      return (
        try #require(json?["gradient"] as? [Double]), try #require(json?["hessian"] as? [[Double]])
      )
    }
    let h = try derivatives(0.2, -0.1).hessian
    #expect(h[0][1] == h[1][0] && h[0][0] > 0)
    let step = 1e-5
    let (xPlus, xMinus) = (try derivatives(0.2 + step, -0.1), try derivatives(0.2 - step, -0.1))
    let (yPlus, yMinus) = (try derivatives(0.2, -0.1 + step), try derivatives(0.2, -0.1 - step))
    for i in 0..<2 {
      let alpha = (xPlus.gradient[i] - xMinus.gradient[i]) / (2 * step)
      let beta = (yPlus.gradient[i] - yMinus.gradient[i]) / (2 * step)
      #expect(abs(h[i][0] - alpha) <= 1e-6 * max(1, abs(alpha)), "\(h) vs \(alpha)")
      #expect(abs(h[i][1] - beta) <= 1e-6 * max(1, abs(beta)), "\(h) vs \(beta)")
    }
  }

  @Test func networkOnlyFlagsNeedANetwork() throws {
    let result = try descent("run", "bowl", "--save-weights", "/tmp/x.json")
    #expect(result.status == 64)
    #expect(result.stderr.contains("need a network scene"))
    let eval = try descent("eval", "moons-small")
    #expect(eval.status == 64)
    let wrong = try descent("eval", "spiral-large", "--weights", "/nonexistent.json")
    #expect(wrong.status == 66)
  }
}

extension TUITests {
  /// A network scene in tmux: a preview at once, the full slice later with the keys live
  /// meanwhile, the legend's notes, and the network panel.
  @Test func aNetworkSceneInTmux() throws {
    try #require(Tmux.available)
    let session = try Tmux(environment: Self.environments[0])
    try session.run(command("moons-small", in: session))
    try session.waitFor("the legend's notes") { $0.contains("paths: shadows of 33 weights") }
    try session.send("n")
    try session.waitFor("the network panel") { $0.contains("% right") }
    try session.waitFor("the full slice", seconds: 120) {
      !$0.contains("computing the slice") && $0.contains("network panel on")
    }
    try session.send("q")
    let end = try session.waitFor("the exit status") { $0.contains("EXIT=") }
    #expect(end.contains("EXIT=0"))
    #expect(try settingsRestored(session))
  }
}

/// `descent cost`: its table, chart, CSV and JSON, and its usage errors.
@Suite struct CostCommandTests {
  @Test func jsonHasOneRowPerWidth() throws {
    let outcome = try descent("cost", "--widths", "2,6", "--time-cap", "0.01", "--format", "json")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
    let rows = json["rows"] as! [[String: Any]]
    #expect(rows.map { $0["parameters"] as! Int } == [15, 67])
    #expect(rows.map { $0["layers"] as! [Int] } == [[2, 2, 2, 1], [2, 6, 6, 1]])
    for row in rows {
      let seconds = row["seconds"] as! [String: Double]
      #expect(seconds.values.allSatisfy { $0 > 0 })
      let ops = row["multiply_adds"] as! [String: Int]
      #expect(ops["finite_differences"]! == 2 * (row["parameters"] as! Int) * ops["forward"]!)
    }
  }

  @Test func textHasTheTableAndTheChart() throws {
    let outcome = try descent("cost", "--widths", "2,4", "--time-cap", "0.01")
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("2-4-4-1"))
    #expect(outcome.stdout.contains("finite diff."))
    #expect(outcome.stdout.contains("ratio to one forward pass (log) against P (log)"))
    #expect(outcome.stdout.contains("P = 37"))
    let csv = try descent("cost", "--widths", "3", "--depth", "1", "--format", "csv")
    #expect(csv.stdout.split(separator: "\n").count == 2)
    #expect(csv.stdout.hasPrefix("layers,parameters,forward_s,"))
    #expect(csv.stdout.contains("\n2-3-1,13,"))
    let named = try descent("cost", "--layers", "2-8-1,2-24-20-1", "--format", "csv")
    #expect(named.stdout.contains("\n2-8-1,33,") && named.stdout.contains("\n2-24-20-1,593,"))
  }

  @Test(arguments: [
    ["--widths", "0"], ["--widths", "2,,4"], ["--depth", "7"],
    ["--samples", "0"], ["--time-cap", "0"], ["--layers", "2-8-2"], ["--layers", "2-1"],
  ])
  func badOptionsAreUsageErrors(arguments: [String]) throws {
    let outcome = try descent(arguments: ["cost"] + arguments)
    #expect(outcome.status == 64)
    #expect(outcome.stderr.contains("must be") || outcome.stderr.contains("takes"))
  }
}

/// `descent compare`: the table, its JSON, and a scene with no target.
@Suite struct CompareCommandTests {
  @Test func jsonHasOneResultPerOptimizer() throws {
    let outcome = try descent(
      "compare", "bowl", "--optimizer", "gd,adam,pso", "--budget", "200", "--seeds", "2",
      "--format", "json")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
    #expect(json["budget"] as? Int == 200 && json["seeds"] as? Int == 2)
    let results = json["results"] as! [[String: Any]]
    #expect(results.map { $0["optimizer"] as! String } == ["gd", "adam", "pso"])
    #expect(results[0]["setting"] as? String == "lr")
    #expect(results[2]["setting"] is NSNull)
    #expect(results.allSatisfy { ($0["final_losses"] as! [Any]).count == 2 })
  }

  @Test func textIsATable() throws {
    let outcome = try descent("compare", "bowl", "--optimizer", "gd", "--budget", "50")
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("optimizer  step size"))
    #expect(outcome.stdout.contains("each run 50 evaluations of f"))
    #expect(outcome.stdout.split(separator: "\n").last?.hasPrefix("gd") == true)
  }

  @Test func aSceneWithoutMinimaNeedsATarget() throws {
    let outcome = try descent("compare", "--expr", "x^2 + y^2", "--budget", "50")
    #expect(outcome.status == 65)
    #expect(outcome.stderr.contains("--target"))
    let given = try descent(
      "compare", "--expr", "x^2 + y^2", "--budget", "50", "--target", "1e-3", "--optimizer",
      "adam")
    #expect(given.status == 0)
  }
}

extension CompareCommandTests {
  /// A gradient that costs nothing (or 1e-320 of an evaluation) never spends a gradient
  /// method's budget: compare ran for ever. It is refused, and 0.01 (the least) finishes.
  @Test func aFreeGradientIsRefused() throws {
    for cost in ["0", "1e-320", "0.0099"] {
      let outcome = try descent(
        "compare", "bowl", "--gradient-cost", cost, "--budget", "200", "--seeds", "2",
        "--optimizer", "gd")
      #expect(outcome.status == 64, "\(cost): \(outcome.stderr)")
      #expect(outcome.stderr.contains("--gradient-cost must be a finite number of at least 0.01"))
    }
    let least = try descent(
      "compare", "bowl", "--gradient-cost", "0.01", "--budget", "50", "--seeds", "1",
      "--optimizer", "gd")
    #expect(least.status == 0, "\(least.stderr)")
  }

  /// The README's table is what `descent compare rosenbrock` prints.
  @Test func theReadmeTableIsTrue() throws {
    let readme = try String(
      contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
    let marker = "`descent compare rosenbrock` (about 3 s):\n\n```\n"
    let start = try #require(readme.range(of: marker)).upperBound
    let end = try #require(readme.range(of: "```", range: start..<readme.endIndex)).lowerBound
    let outcome = try descent("compare", "rosenbrock")
    #expect(outcome.stdout == String(readme[start..<end]))
  }
}
