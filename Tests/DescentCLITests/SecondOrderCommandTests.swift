import Foundation
import Testing

/// `descent run` with the second-order family and the line-search flag.
@Suite struct SecondOrderCommandTests {
  @Test func lbfgsWithStrongWolfeFollowsTorch() throws {
    let result = try descent(
      "run", "ravine", "--optimizer", "lbfgs", "--line-search", "strong-wolfe", "--steps", "3",
      "--start", "3,1.5", "--format", "json")
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let run = try #require((json["runs"] as? [[String: Any]])?.first)
    let settings = try #require(run["hyperparameters"] as? [String: Any])
    #expect(settings["line-search"] as? String == "strong-wolfe")
    #expect(settings["history"] as? Double == 10)
    let rows = try #require(run["rows"] as? [[String: Any]])
    // Catalogue fixture 06-ravine-lbfgs, rows 1 and 3.
    let x1 = try #require(rows[1]["x"] as? Double)
    let y3 = try #require(rows[3]["y"] as? Double)
    #expect(abs(x1 - 2.909090909090909) <= 1e-15 && abs(y3 + 0.043108740861206335) <= 1e-15)
    // One gradient at the start, and one per trial: each of these three searches accepted
    // its first guess.
    #expect(run["gradient_evaluations"] as? Int == 4)
  }

  @Test func cgAndArmijoRun() throws {
    let cg = try descent("run", "ravine", "--optimizer", "cg", "--steps", "2", "--start", "3,1.5")
    #expect(cg.status == 0, "\(cg.stderr)")
    let last = try #require(csvRows(cg.stdout).rows.last)
    #expect(last[0] == "cg" && Double(last[4])! < 1e-8)
    let gd = try descent(
      "run", "ravine", "--optimizer", "gd", "--line-search", "armijo", "--lr", "1", "--steps",
      "1", "--start", "3,1.5")
    // Catalogue fixture 09-ravine-gd: t = 1/16 after four halvings.
    #expect(csvRows(gd.stdout).rows.last == ["gd", "1", "2.8125", "-0.375", "5.361328125"])
  }

  @Test func aLineSearchAnOptimizerDoesNotHaveIsRefused() throws {
    let lbfgs = try descent(
      "run", "ravine", "--optimizer", "lbfgs", "--line-search", "armijo", "--steps", "1")
    #expect(lbfgs.status == 65)
    #expect(lbfgs.stderr.contains("lbfgs: line-search = armijo is invalid"))
    let unknown = try descent(
      "run", "ravine", "--optimizer", "gd", "--line-search", "exact", "--steps", "1")
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("none, armijo, strong-wolfe"))
    let help = try descent("run", "--help")
    #expect(help.stdout.contains("--line-search") && help.stdout.contains("--history"))
  }

  @Test func compareEndsWhenTheyReachTheMinimum() throws {
    // At the minimum lbfgs and cg stay put; each such step still spends an evaluation, so
    // the budget runs out (it did not: compare ran for ever).
    let result = try descent(
      "compare", "ravine", "--optimizer", "cg,lbfgs", "--seeds", "1", "--budget", "200")
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.split(separator: "\n").filter {
      $0.hasPrefix("cg ") || $0.hasPrefix("lbfgs ")
    }
    #expect(rows.count == 2)
    #expect(rows.allSatisfy { $0.contains("100%") })
  }

  @Test func newtonJumpsToTheMinimumOfAQuadratic() throws {
    let result = try descent(
      "run", "ravine", "--optimizer", "newton", "--steps", "1", "--start", "3,1.5")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(csvRows(result.stdout).rows.last == ["newton", "1", "0.0", "0.0", "0.0"])
    let damped = try descent(
      "run", "ravine", "--optimizer", "newton", "--damping", "1", "--lr", "0.5", "--steps", "1",
      "--start", "3,1.5")
    // x − 0.5·(H + I)⁻¹g = (3 − 0.5·3/2, 1.5 − 0.5·30/21).
    let row = try #require(csvRows(damped.stdout).rows.last)
    #expect(abs(Double(row[2])! - 2.25) < 1e-12 && abs(Double(row[3])! - (1.5 - 15.0 / 21)) < 1e-12)
    let negative = try descent("run", "ravine", "--optimizer", "newton", "--damping", "-1")
    #expect(negative.status == 65)
  }
}
