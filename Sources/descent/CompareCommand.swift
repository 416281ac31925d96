import ArgumentParser
import DescentCore

/// `descent compare`: a fair comparison of optimizers on one scene, as a table.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare optimizers fairly: the same budget, each one's step size tuned, many seeds.",
    discussion: """
      Every run gets the same budget of evaluations of f (a swarm's step costs its \
      population; a gradient counts as --gradient-cost evaluations). Each optimizer's step \
      size (lr, or σ for anneal and ga) is tuned on a log grid (1 and 3 times each power of \
      ten) by the median final loss over --seeds seeds, then run on --seeds fresh seeds. \
      The table gives the setting chosen, the median final loss and its interquartile \
      range, the share of seeds that reached the target, and the median evaluations they \
      needed. A step size given with --lr or --sigma is used as it is, not tuned.
      """
        + "\n\n" + OptimizerOptions.settingsHelp)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

  @OptionGroup var surface: SurfaceOptions
  @OptionGroup var optimizers: OptimizerOptions

  @Option(help: "Evaluations of f per run (10 to 10000000).") var budget: Int = 2000

  @Option(help: "Seeds to tune on, and as many fresh ones to report (1 to 100).")
  var seeds: Int = 5

  @Option(
    help: ArgumentHelp(
      "Success means reaching this loss (default: the scene's lowest marked minimum + 1e-6).",
      valueName: "loss"))
  var target: Double?

  @Option(help: "What one gradient evaluation counts as, in evaluations of f.")
  var gradientCost: Double = 1

  @Option(help: "Output format.") var format: Format = .text

  /// The cheapest a gradient may count: a run then takes at most 100 steps per evaluation of
  /// its budget.
  static let smallestGradientCost = 0.01

  func validate() throws {
    guard (10...10_000_000).contains(budget) else {
      throw ValidationError("--budget must be between 10 and 10000000.")
    }
    guard (1...100).contains(seeds) else {
      throw ValidationError("--seeds must be between 1 and 100.")
    }
    // Below 0.01 a gradient method's run would take budget / cost steps: for ever at 0.
    guard gradientCost.isFinite, gradientCost >= Self.smallestGradientCost else {
      throw ValidationError(
        "--gradient-cost must be a finite number of at least 0.01 (got \(gradientCost)): a gradient that costs nothing would let a gradient method's run never spend its budget."
      )
    }
    if let target, !target.isFinite {
      throw ValidationError("--target must be a finite number.")
    }
  }

  func run() throws {
    try reportingFailures {
      let scene = try optimizers.scene(surface.resolve())
      let chosen = try optimizers.runs
      // Each run's settings checked, and named, before any is tuned.
      _ = try optimizers.optimizers(for: scene)
      guard let target = target ?? Comparison.defaultTarget(for: scene) else {
        throw Failure.data(
          "\(scene.name) marks no minimum to aim for: give the loss to reach with --target.")
      }
      let comparison = Comparison(
        scene: scene, runs: chosen.isEmpty ? scene.raceRuns : chosen,
        overrides: try optimizers.overrides, budget: budget, gradientCost: gradientCost,
        seeds: seeds, target: target)
      let entries: [Comparison.Entry]
      do {
        entries = try comparison.run { progressLine($0) }
      } catch let error as HyperparameterError {
        throw Failure.data(error.description)
      }
      progressLine(nil)
      switch format {
      case .text: try emit(text(comparison, entries))
      case .csv: try emit(csv(entries))
      case .json: try emit(json(comparison, entries).rendered() + "\n")
      }
    }
  }

  // MARK: - Output

  private static func number(_ value: Double) -> String {
    value.isFinite ? String(printf: "%.4g", value) : "diverged"
  }

  private func setting(_ entry: Comparison.Entry) -> String {
    entry.tuned.map { "\($0.name == "sigma" ? "σ" : $0.name) = \(Self.number($0.value))" }
      ?? "defaults"
  }

  private func text(_ comparison: Comparison, _ entries: [Comparison.Entry]) -> String {
    let cost = gradientCost == 1 ? "1" : Self.number(gradientCost)
    var out = """
      \(comparison.scene.title): each run \(budget) evaluations of f (a gradient counts as \
      \(cost)), step size tuned over \(seeds) seeds, reported over \(seeds) others;
      success = loss ≤ \(Self.number(comparison.target)).


      """
    let header = [
      "optimizer", "step size", "steps", "median loss", "IQR", "success", "evals to target",
    ]
    var table = [header]
    for entry in entries {
      let spread = entry.spread
      table.append([
        entry.name, setting(entry), String(entry.steps), Self.number(entry.medianLoss),
        spread.low == spread.high
          ? Self.number(spread.low) : "\(Self.number(spread.low)) – \(Self.number(spread.high))",
        "\(Int((entry.successRate * 100).rounded()))%",
        entry.medianEvaluationsToTarget.map(String.init) ?? "—",
      ])
    }
    let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    for line in table {
      out +=
        zip(line, widths).map { $0.0.padding(toWidth: $0.1) }
        .joined(separator: "  ").trimmingBlanks() + "\n"
    }
    return out
  }

  private func csv(_ entries: [Comparison.Entry]) -> String {
    var out =
      "optimizer,setting,value,steps,median_loss,q25_loss,q75_loss,success_rate,"
      + "median_evaluations_to_target\n"
    for entry in entries {
      let spread = entry.spread
      out +=
        [
          entry.name, entry.tuned?.name ?? "", entry.tuned.map { "\($0.value)" } ?? "",
          String(entry.steps), "\(entry.medianLoss)", "\(spread.low)", "\(spread.high)",
          "\(entry.successRate)", entry.medianEvaluationsToTarget.map(String.init) ?? "",
        ].joined(separator: ",") + "\n"
    }
    return out
  }

  private func json(_ comparison: Comparison, _ entries: [Comparison.Entry]) -> JSONValue {
    .object([
      ("scene", .string(comparison.scene.name)), ("budget", .integer(budget)),
      ("gradient_cost", .number(gradientCost)), ("seeds", .integer(seeds)),
      ("target", .number(comparison.target)),
      (
        "results",
        .array(
          entries.map { entry in
            .object([
              ("optimizer", .string(entry.name)),
              ("setting", entry.tuned.map { .string($0.name) } ?? .null),
              ("value", entry.tuned.map { .number($0.value) } ?? .null),
              ("steps", .integer(entry.steps)),
              ("final_losses", .array(entry.finalLosses.map { .finite($0) })),
              ("median_loss", .finite(entry.medianLoss)),
              ("success_rate", .number(entry.successRate)),
              (
                "evaluations_to_target",
                .array(entry.evaluationsToTarget.map { $0.map { .integer($0) } ?? .null })
              ),
              (
                "median_evaluations_to_target",
                entry.medianEvaluationsToTarget.map { .integer($0) } ?? .null
              ),
            ])
          })
      ),
    ])
  }
}
