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

  /// A flag several optimizers read each in its own way says what it is to each: --sigma's
  /// help was annealing's alone, the first optimizer that declares it.
  @Test func sharedFlagsSayWhatEachOptimizerReadsThemAs() throws {
    let help = try descent("run", "--help").stdout
    // Joined again where the help wraps, each run of spaces one space.
    let text = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for line in [
      "--sigma <n> Read by anneal, ga, cmaes:",
      "anneal: Standard deviation σ of a proposal. > 0.",
      "ga: Standard deviation σ of a mutation. > 0.", "cmaes: Initial step size σ₀. > 0.",
      "--population <n> Read by pso, ga, cmaes:", "pso: Particles in the swarm.",
      "ga: Members per generation.", "cmaes: Offspring λ per generation",
      "newton: Step scale: 1 jumps to the model's stationary point. > 0.",
      "adam, adagrad, adamw, nadam, amsgrad: Learning rate. > 0.",
      "rmsprop: ε added to the root mean square. ≥ 0.",
      // One meaning for every reader: one line, as before.
      "--beta1 <n> β₁: decay of the first moment m. [0, 1). Read by adam, adamw, nadam, amsgrad.",
    ] {
      #expect(text.contains(line), "\(line) missing from run --help")
    }
    #expect(!text.contains("Standard deviation σ of a proposal. > 0. Read by"))
  }

  @Test func badSettingsAreRefused() throws {
    let result = try descent("run", "--optimizer", "cmaes", "--population", "1")
    #expect(result.status != 0)
    #expect(result.stderr.contains("population"))
    // A population of 0 is refused for every optimizer that has one, cmaes too (0 used to be
    // its default): the flag, and a run's own setting with what leaving it out gives.
    for optimizer in ["pso", "ga", "cmaes"] {
      let zero = try descent("run", "--optimizer", optimizer, "--population", "0")
      #expect(zero.status == 65, "\(optimizer): \(zero.stderr)")
      #expect(zero.stderr.contains("--population must be between 2 and 10000, got 0"))
    }
    let own = try descent("run", "--optimizer", "cmaes@population=0")
    #expect(own.status == 65)
    #expect(
      own.stderr.contains(
        "cmaes@population=0: population must be between 2 and 10000 (leave it out for 4 + ⌊3 ln n⌋), got 0"
      ), "\(own.stderr)")
    #expect(try descent("run", "--optimizer", "cmaes", "--steps", "2").status == 0)
    let archive = try descent("run", "--optimizer", "aco", "--archive", "1")
    #expect(archive.status != 0 && archive.stderr.contains("archive"))
  }
}
