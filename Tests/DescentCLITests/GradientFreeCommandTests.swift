import Foundation
import Testing

/// `descent run --optimizer nelder-mead | cmaes | aco`, with their flags.
@Suite struct GradientFreeCommandTests {
  @Test func nelderMeadRunsScipysIterations() throws {
    let result = try descent(
      "run", "--expr", "0.5*x^2 + 10*y^2", "--start", "3,1.5", "--optimizer", "nelder-mead",
      "--steps", "3", "--format", "json")
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let run = try #require((json["runs"] as? [[String: Any]])?.first)
    // scipy (catalogue fixture 08): x₃ = (3.39375, 0.9375); 3 + 2 + 2 + 2 evaluations.
    let rows = try #require(run["rows"] as? [[String: Any]])
    #expect(abs((rows[3]["x"] as! Double) - 3.3937500000000043) < 1e-12)
    #expect(abs((rows[3]["y"] as! Double) - 0.9374999999999987) < 1e-12)
    #expect(run["function_evaluations"] as? Int == 9)
    #expect((rows[3]["population"] as? [[Double]])?.count == 3)
  }

  @Test func cmaesAndAcoAreSeeded() throws {
    for (name, flags) in [
      ("cmaes", ["--sigma", "1", "--population", "10"]), ("aco", ["--xi", "0.5"]),
    ] {
      func run(_ seed: String) throws -> String {
        let result = try descent(
          arguments: ["run", "himmelblau", "--optimizer", name, "--steps", "20", "--seed", seed]
            + flags)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
      }
      #expect(try run("3") == run("3"))
      #expect(try run("3") != run("4"))
    }
    let json = try descent(
      "run", "himmelblau", "--optimizer", "cmaes", "--population", "10", "--steps", "4",
      "--format", "json")
    #expect(json.stdout.contains("\"function_evaluations\":41"))
  }

  @Test func badSettingsAreRefused() throws {
    let result = try descent("run", "--optimizer", "cmaes", "--population", "1")
    #expect(result.status != 0)
    #expect(result.stderr.contains("population"))
    let archive = try descent("run", "--optimizer", "aco", "--archive", "1")
    #expect(archive.status != 0 && archive.stderr.contains("archive"))
  }
}
