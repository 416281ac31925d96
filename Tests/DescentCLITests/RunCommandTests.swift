import Foundation
import Testing

@Suite struct RunCommandTests {
  @Test func csvHasTheContractColumnsAndTorchRowConvention() throws {
    let result = try descent(
      "run", "--expr", "0.5*x^2 + 10*y^2", "--optimizer", "gd", "--lr", "0.05", "--steps", "3",
      "--start", "3,1.5")
    #expect(result.status == 0)
    let (header, rows) = csvRows(result.stdout)
    #expect(header.hasPrefix("optimizer,step,x,y,loss"))
    #expect(rows.count == 4)
    #expect(rows[0] == ["gd", "0", "3.0", "1.5", "27.0"])
    // torch fixture 01-ravine-gd: x₁ = 2.85, loss₁ = 4.06125.
    #expect(rows[1][0] == "gd" && rows[1][1] == "1" && rows[1][2] == "2.85")
    #expect(Double(rows[1][4])! == 4.06125)
  }

  @Test func defaultRunsAllSixOnTheDefaultScene() throws {
    let result = try descent("run", "--steps", "2")
    #expect(result.status == 0)
    let names = Set(csvRows(result.stdout).rows.map { $0[0] })
    #expect(names == ["gd", "momentum", "nesterov", "rmsprop", "adam", "anneal"])
    #expect(csvRows(result.stdout).rows.count == 6 * 3)
  }

  @Test func optimizersMayBeListedOrAll() throws {
    for arguments in [
      ["--optimizer", "adam", "gd"], ["--optimizer", "gd,adam"],
      ["--optimizer", "gd", "--optimizer", "adam"],
    ] {
      let result = try descent(
        arguments: ["run", "--expr", "x^2 + y^2", "--steps", "1"] + arguments + ["--start", "1,1"])
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      #expect(Set(csvRows(result.stdout).rows.map { $0[0] }) == ["gd", "adam"])
    }
    let all = try descent("run", "--expr", "x^2", "--steps", "0", "--optimizer", "all")
    #expect(csvRows(all.stdout).rows.count == 6)
  }

  @Test func sceneSettingsApplyAndFlagsOverrideThem() throws {
    let scene = try descent("run", "ravine", "--optimizer", "gd", "--steps", "1")
    #expect(csvRows(scene.stdout).rows[1][2] == "2.73")  // the ravine's gd lr 0.09 from (3, 1.5)
    let flagged = try descent("run", "ravine", "--optimizer", "gd", "--steps", "1", "--lr", "0.1")
    #expect(csvRows(flagged.stdout).rows[1][2] == "2.7")
  }

  @Test func jsonCarriesRowsAndMetadata() throws {
    let result = try descent(
      "run", "--expr", "(1 - x)^2 + 100*(y - x^2)^2", "--optimizer", "gd", "anneal", "--steps",
      "5", "--start=-1.5,2", "--format", "json", "--seed", "9")
    #expect(result.status == 0)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let runs = try #require(json["runs"] as? [[String: Any]])
    #expect(runs.count == 2)
    let gd = runs[0]
    #expect(gd["optimizer"] as? String == "gd")
    #expect((gd["hyperparameters"] as? [String: Any])?["lr"] as? Double == 0.001)
    #expect(gd["gradient_evaluations"] as? Int == 6)
    #expect(gd["function_evaluations"] as? Int == 0)
    #expect(gd["diverged"] as? Bool == false)
    #expect((gd["rows"] as? [[String: Any]])?.count == 6)
    let anneal = runs[1]
    #expect(anneal["function_evaluations"] as? Int == 6)
    #expect(anneal["gradient_evaluations"] as? Int == 0)
    #expect((anneal["hyperparameters"] as? [String: Any])?["seed"] as? Int == 9)
  }

  @Test func finiteDifferencesCostFourEvaluationsOfFPerGradient() throws {
    let result = try descent(
      "run", "bowl", "--optimizer", "gd", "--steps", "3", "--format", "json", "--gradient",
      "finite-differences")
    #expect(result.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let run = try #require((json?["runs"] as? [[String: Any]])?.first)
    #expect(run["function_evaluations"] as? Int == 20)  // (4 + 1) at each of 4 points
    #expect(run["gradient_evaluations"] as? Int == 0)
  }

  @Test func divergenceIsReportedNotCrashed() throws {
    let result = try descent(
      "run", "rosenbrock", "--optimizer", "gd", "--lr", "1e3", "--steps", "100", "--format",
      "json")
    #expect(result.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let run = try #require((json?["runs"] as? [[String: Any]])?.first)
    #expect(run["diverged"] as? Bool == true)
    #expect(run["diverged_at_step"] is Int)
  }

  @Test func sameSeedSameAnnealingRun() throws {
    let a = try descent("run", "--optimizer", "anneal", "--seed", "5", "--steps", "50")
    let b = try descent("run", "--optimizer", "anneal", "--seed", "5", "--steps", "50")
    #expect(a.stdout == b.stdout && !a.stdout.isEmpty)
  }

  @Test func worksFromAnyDirectory() throws {
    let result = try descent("run", "camel", "--steps", "1", in: URL(fileURLWithPath: "/"))
    #expect(result.status == 0)
  }
}

@Suite struct EvalCommandTests {
  /// At (0, 0), f = 1 − 2x + x² + 100(y − x²)²: fxx = 2 − 400(y − 3x²) = 2, fyy = 200.
  @Test func jsonIsValueGradientAndHessian() throws {
    let result = try descent(
      "eval", "--expr", "(1 - x)^2 + 100*(y - x^2)^2", "--at", "0,0", "--format", "json")
    #expect(result.status == 0)
    #expect(
      result.stdout == "{\"value\":1,\"gradient\":[-2,0],\"hessian\":[[2,0],[0,200]]}\n")
    let minimum = try descent(
      "eval", "--expr", "(1 - x)^2 + 100*(y - x^2)^2", "--at", "1,1", "--format", "json")
    #expect(
      minimum.stdout
        == "{\"value\":0,\"gradient\":[0,0],\"hessian\":[[802,-400],[-400,200]]}\n")
  }

  @Test func textNamesValueGradientAndHessian() throws {
    let result = try descent("eval", "--expr", "x*y", "--at", "-2,3")
    #expect(
      result.stdout
        == "f(-2.0, 3.0) = -6.0\n∇f(-2.0, 3.0) = (3.0, -2.0)\n"
        + "∇²f(-2.0, 3.0) = [[0.0, 1.0], [1.0, 0.0]]\n")
  }

  /// A Hessian that is not finite is null in JSON, as every other number is: √(x² + y²) has
  /// no derivatives at the tip of its cone.
  @Test func anInfiniteHessianIsNull() throws {
    let result = try descent("eval", "--expr", "sqrt(x^2 + y^2)", "--at", "0,0", "--format", "json")
    #expect(result.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let hessian = try #require(json?["hessian"] as? [[Any]])
    #expect(hessian.count == 2 && hessian.allSatisfy { $0.count == 2 })
    #expect(hessian[0][0] is NSNull)
  }

  @Test func parametersAndScenes() throws {
    let p = try descent(
      "eval", "--expr", "a*x + b", "--param", "a=2", "--param", "b=5", "--at", "1,0",
      "--format", "json")
    #expect(p.stdout == "{\"value\":7,\"gradient\":[2,0],\"hessian\":[[0,0],[0,0]]}\n")
    let s = try descent("eval", "rosenbrock", "--at", "1,1", "--format", "json")
    #expect(
      s.stdout == "{\"value\":0,\"gradient\":[0,0],\"hessian\":[[802,-400],[-400,200]]}\n")
  }
}

@Suite struct ExitCodeTests {
  @Test func malformedExpressionIs65WithACaret() throws {
    let result = try descent("eval", "--expr", "1 + sinn(x)", "--at", "0,0")
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("unknown function `sinn` at column 5"))
    #expect(result.stderr.contains("  1 + sinn(x)\n      ^^^^"))
  }

  @Test(arguments: [
    ["run", "--optimizer", "sgd"], ["run", "--steps", "-1"], ["eval", "--expr", "x"],
    ["eval", "--expr", "x", "--at", "1"], ["run", "rosenbrock", "--expr", "x"],
    ["run", "--start", "a,b"], ["--frobnicate"], ["run", "--param", "a=1"],
  ])
  func usageErrorsAre64(arguments: [String]) throws {
    let process = try descent(arguments: arguments)
    #expect(process.status == 64, "\(arguments): \(process.stderr)")
    #expect(!process.stderr.isEmpty)
  }

  @Test func badHyperparameterIs65() throws {
    let result = try descent("run", "--optimizer", "adam", "--beta1", "1.5")
    #expect(result.status == 65)
    #expect(result.stderr.contains("beta1"))
  }

  @Test func unknownSceneIs66() throws {
    let result = try descent("run", "no-such-scene")
    #expect(result.status == 66)
    #expect(result.stderr.contains("no-such-scene"))
    // The interactive view checks its scene before it takes over the terminal.
    let open = try descent("no-such-scene")
    #expect(open.status == 66)
    #expect(open.stderr.contains("no such file"))
  }

}
