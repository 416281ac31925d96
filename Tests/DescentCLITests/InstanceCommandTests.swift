import Foundation
import Testing

/// One optimizer at several settings from the command line: `--optimizer gd@lr=0.05,...`,
/// as the README's "One optimizer at several settings" describes it.
@Suite struct InstanceCommandTests {
  static let example = [
    "--expr", "x^2 + 10*y^2", "--start", "1.5,0.8", "--optimizer",
    "gd@lr=0.05,gd@lr=0.09,gd@lr=0.11",
  ]

  func json(_ stdout: String) throws -> [[String: Any]] {
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
    return try #require(object["runs"] as? [[String: Any]])
  }

  /// The README's example, run: 0.05 = 1/λ is on the valley floor (y = 0) after one step,
  /// 0.09 reaches a loss of 1e-8 in about half 0.05's steps, 0.11 (past 2/λ) diverges.
  @Test func theReadmesStabilityExampleIsTrue() throws {
    let result = try descent(
      arguments: ["run"] + Self.example + ["--steps", "300", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let runs = try json(result.stdout)
    #expect(runs.map { $0["optimizer"] as? String } == ["gd@lr=0.05", "gd@lr=0.09", "gd@lr=0.11"])
    #expect(
      runs.map { ($0["hyperparameters"] as? [String: Any])?["lr"] as? Double } == [
        0.05, 0.09, 0.11,
      ])
    #expect(runs.map { $0["diverged"] as? Bool } == [false, false, true])
    let rows = runs.map { ($0["rows"] as? [[String: Any]]) ?? [] }
    #expect(rows[0][1]["y"] as? Double == 0)
    #expect(rows[1][1]["y"] as? Double != 0)
    func first(_ rows: [[String: Any]]) -> Int? {
      rows.first { ($0["loss"] as? Double ?? .infinity) <= 1e-8 }?["step"] as? Int
    }
    let slow = try #require(first(rows[0]))
    let fast = try #require(first(rows[1]))
    #expect(fast * 2 <= slow + 10, "0.09 took \(fast) steps, 0.05 \(slow)")
    #expect(first(rows[2]) == nil)
  }

  /// The README's picture of the example is this command's output, byte for byte.
  /// Re-record with `DESCENT_RECORD_SNAPSHOTS=1`.
  @Test func theReadmesPictureIsTheRenderOutput() throws {
    let command =
      ["render"] + Self.example + ["--steps", "12", "--format", "svg", "--size", "100x30"]
    let result = try descent(arguments: command)
    #expect(result.status == 0)
    let file = repository.appendingPathComponent("docs/stability.svg")
    if ProcessInfo.processInfo.environment["DESCENT_RECORD_SNAPSHOTS"] == "1" {
      try result.stdout.write(to: file, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: file, encoding: .utf8)
    #expect(committed == result.stdout, "docs/stability.svg is not the render's output")
    // The start is drawn where --start put it, and the legend numbers the runs.
    #expect(result.stdout.contains(">1</text>") || result.stdout.contains(">1<"))
    let readme = try String(
      contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("(docs/stability.svg)"))
    #expect(
      readme.replacingOccurrences(of: "\n", with: " ").contains(
        "descent render --expr 'x^2 + 10*y^2' --start 1.5,0.8 --optimizer gd@lr=0.05,gd@lr=0.09,gd@lr=0.11 --steps 12 --format svg --size 100x30 > docs/stability.svg"
      ))
  }

  @Test func renderDrawsTheStartWhereStartPutsIt() throws {
    let result = try descent(
      "render", "--expr", "x^2 + y^2", "--start", "1.5,1", "--steps", "3", "--optimizer", "gd",
      "--lr", "0.3",
      "--size", "60x20", "--plain")
    let rows = result.stdout.split(separator: "\n").map(String.init)
    let row = try #require(rows.firstIndex { $0.contains("○") })
    let column = rows[row].distance(
      from: rows[row].startIndex, to: rows[row].firstIndex(of: "○")!)
    // Right of the centre and above it: (1.5, 1), not the origin.
    #expect(column > 35)
    #expect(row < 8)
  }

  @Test func csvNamesTheInstanceAndAPlainRunIsUnchanged() throws {
    let result = try descent(
      "run", "--expr", "x^2 + 10*y^2", "--start", "1,1", "--steps", "1", "--optimizer",
      "adam", "gd@lr=0.05", "gd", "--lr", "0.01")
    #expect(result.status == 0, "\(result.stderr)")
    let rows = csvRows(result.stdout).rows
    // The registry's order of optimizers; runs of one optimizer as given.
    #expect(rows.map { $0[0] } == ["gd@lr=0.05", "gd@lr=0.05", "gd", "gd", "adam", "adam"])
    // The instance's lr over the flag's: x₁ = 1 − 0.05·2 and 1 − 0.01·2.
    #expect(rows[1][2] == "0.9")
    #expect(rows[3][2] == "0.98")
    let plain = try descent(
      "run", "--expr", "x^2 + 10*y^2", "--start", "1,1", "--steps", "1", "--optimizer", "gd",
      "--lr", "0.01")
    #expect(plain.stdout.hasPrefix("optimizer,step,x,y,loss\ngd,0,1.0,1.0,11.0\ngd,1,0.98,"))
  }

  @Test func theSameRunTwiceRacesOnce() throws {
    let result = try descent(
      "run", "--expr", "x^2", "--steps", "0", "--optimizer", "gd@lr=0.05,gd@lr=0.050,gd,gd")
    #expect(csvRows(result.stdout).rows.map { $0[0] } == ["gd@lr=0.05", "gd"])
  }

  @Test(arguments: [
    ("gd@", 64, "'gd@': an empty setting after @"),
    ("gd@lr", 64, "'gd@lr': lr needs a value: gd@lr=VALUE"),
    ("gd@lr=abc", 64, "'gd@lr=abc': the value 'abc' is invalid for lr"),
    ("gd@@lr=1", 64, "'gd@@lr=1': an empty setting after @"),
    ("nope@lr=1", 64, "Unknown optimizer 'nope' in 'nope@lr=1'"),
    ("gd@momentum=0.9", 64, "gd has no setting 'momentum'; it has lr, line-search"),
    ("all,gd@lr=0.1", 64, "--optimizer all races each optimizer once"),
    ("gd@lr=-1", 65, "descent: error: gd@lr=-1: lr must be greater than 0, got -1"),
    ("ga@population=40@tournament=50", 65, "ga@population=40@tournament=50: "),
  ])
  func badInstancesAreRefused(text: String, status: Int32, message: String) throws {
    for command in ["run", "render", "compare"] {
      let result = try descent(command, "--expr", "x^2", "--optimizer", text)
      #expect(result.status == status, "\(command) \(text): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(command) \(text): \(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
  }

  /// A race has at most 64 runs, whatever the command line asks.
  @Test func aVeryLongListIsRefusedPastTheLimit() throws {
    let many = (1...65).map { "gd@lr=\($0)e-3" }.joined(separator: ",")
    let refused = try descent("run", "--expr", "x^2", "--steps", "0", "--optimizer", many)
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("--optimizer names 65 runs; a race has at most 64."))
    let most = (1...64).map { "gd@lr=\($0)e-3" }.joined(separator: ",")
    let taken = try descent("run", "--expr", "x^2", "--steps", "0", "--optimizer", most)
    #expect(taken.status == 0, "\(taken.stderr)")
    #expect(csvRows(taken.stdout).rows.count == 64)
  }

  @Test func compareNamesTheInstancesAndKeepsTheirStepSize() throws {
    let result = try descent(
      "compare", "--expr", "x^2 + 10*y^2", "--target", "1e-6", "--budget", "200", "--seeds",
      "1", "--optimizer", "gd@lr=0.05,gd@lr=0.09", "--format", "csv")
    #expect(result.status == 0, "\(result.stderr)")
    let rows = csvRows(result.stdout).rows
    #expect(rows.map { $0[0] } == ["gd@lr=0.05", "gd@lr=0.09"])
    #expect(rows.map { $0[2] } == ["0.05", "0.09"])
  }

  @Test func renderDrawsEachInstanceInTheLegend() throws {
    let result = try descent(
      arguments: ["render"] + Self.example + ["--steps", "20", "--size", "80x24", "--plain"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("1 gd lr=0.05"))
    #expect(result.stdout.contains("2 gd lr=0.09"))
    #expect(result.stdout.contains("3 gd lr=0.11"))
  }

  /// The README's `[[runs]]` scene block, written to a file: `descent check` holds its
  /// claims, and `run` races exactly its runs.
  @Test func theReadmesRunsSceneChecks() throws {
    let readme = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "```toml\n# stability.toml"))
    let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
    let text = String(readme[readme.index(start.lowerBound, offsetBy: 8)..<end.lowerBound])
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-runs-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("stability.toml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let check = try descent("check", file.path)
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    #expect(check.stdout.contains("ok (2 claims)"))
    let run = try descent("run", file.path, "--steps", "0")
    #expect(csvRows(run.stdout).rows.map { $0[0] } == ["gd@lr=0.05", "gd@lr=0.09", "gd@lr=0.11"])
    // A run named on the command line that the file's [[runs]] has takes its label.
    let render = try descent(
      "render", file.path, "--optimizer", "gd@lr=0.11,adam", "--steps", "3", "--size", "80x24",
      "--plain")
    #expect(render.stdout.contains("past 2/λ"), "\(render.stdout)")
    #expect(render.stdout.contains("adam"))
    // A broken run is reported at its key, with a caret.
    try text.replacingOccurrences(of: "lr = 0.09", with: "lr = 0").write(
      to: file, atomically: true, encoding: .utf8)
    let broken = try descent("check", file.path)
    #expect(broken.status == 65)
    #expect(broken.stderr.contains("gd: lr = 0.0 is invalid; it must be greater than 0"))
    #expect(broken.stderr.contains("lr = 0\n       ^"))
  }

  /// `--inspect` takes a run's label or its number in the race as well as a name; one that
  /// names no run shown is refused before the screen is taken over, with the choices.
  @Test func inspectTakesALabelOrANumberAndListsTheChoices() throws {
    let folder = try ScratchFolder()
    let file = folder.file("labels.toml")
    try """
    format = 1
    title = "Labels"
    f = "x^2 + 10*y^2"

    [[runs]]
    optimizer = "gd"
    lr = 0.05

    [[runs]]
    optimizer = "gd"
    lr = 0.11
    label = "past 2/λ"
    """.write(toFile: file, atomically: true, encoding: .utf8)
    // Without a terminal, a good command gets as far as refusing it (69).
    for good in ["past 2/λ", "2", "1", "gd", "gd@lr=0.05"] {
      let outcome = try descent(file, "--inspect", good)
      #expect(outcome.status == 69, "\(good): \(outcome.stderr)")
    }
    for bad in ["3", "adam", "past"] {
      let outcome = try descent(file, "--inspect", bad)
      #expect(outcome.status == 64, "\(bad): \(outcome.stderr)")
      #expect(
        outcome.stderr.contains(
          "--inspect '\(bad)' names no run shown; give an optimizer, or a run's number, name or label: 1 gd@lr=0.05, 2 gd@lr=0.11 \"past 2/λ\""
        ), "\(outcome.stderr)")
    }
    // The runs named on the command line are the ones shown.
    #expect(try descent(file, "--optimizer", "gd,adam", "--inspect", "adam").status == 69)
  }
}
