import Foundation
import Testing

/// `descent run` with the adaptive optimizers and `--schedule`, end to end: each torch
/// catalogue fixture (`Tests/DescentCoreTests/Fixtures/catalogue`) reproduced from its flags.
@Suite struct ScheduleCommandTests {
  static let folder = repository.appendingPathComponent(
    "Tests/DescentCoreTests/Fixtures/catalogue")

  /// The fixtures `descent run` reproduces here, by their number in `cases.tsv`.
  static let numbers = [
    "01", "02", "03", "04", "05", "10", "11", "15", "16", "17", "18", "22", "23",
  ]

  @Test(arguments: numbers)
  func runReproducesTheFixture(number: String) throws {
    let tsv = try String(
      contentsOf: Self.folder.appendingPathComponent("cases.tsv"), encoding: .utf8)
    let fields = tsv.split(separator: "\n")[Int(number)! - 1].split(separator: "\t").map(
      String.init)
    let file = try #require(
      try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).first {
        $0.hasPrefix(number + "-") && $0.hasSuffix(".csv")
      })
    let flags = fields.dropFirst(6).flatMap { pair -> [String] in
      let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
      return ["--" + kv[0], kv[1]]
    }
    let result = try descent(
      arguments: [
        "run", "--expr", fields[1], "--start", "\(fields[2]),\(fields[3])", "--optimizer",
        fields[5], "--steps", fields[4],
      ] + flags)
    #expect(result.status == 0, "\(result.stderr)")
    let rows = csvRows(result.stdout).rows
    let expected = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
      .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    #expect(rows.count == expected.count)
    for (row, torch) in zip(rows, expected) {
      let ours = row.dropFirst(2).prefix(3).map { Double($0)! }
      let ok = Int(row[1]) == Int(torch[0]) && zip(ours, torch.dropFirst()).allSatisfy(close)
      #expect(ok, "\(file) step \(row[1]): descent \(ours), torch \(torch)")
      if !ok { break }
    }
  }

  @Test(arguments: [
    (["--schedule", "cosine"], 64, "needs t-max"),
    (["--schedule", "linear"], 64, "unknown schedule 'linear'"),
    (["--every", "3"], 64, "give --schedule too"),
    (
      ["--schedule", "exponential", "--gamma", "0.5", "--t-max", "3"], 64,
      "t-max is a setting of the cosine"
    ),
    (["--schedule", "step", "--every", "0"], 65, "every must be at least 1, got 0"),
    (["--schedule", "exponential", "--gamma", "-1"], 65, "gamma must be a positive number"),
    (
      ["--schedule", "cosine", "--t-max", "10", "--lr-min", "-0.1"], 65,
      "lr-min must be a number at least 0"
    ),
  ])
  func badSchedulesAreRefused(arguments: [String], status: Int32, message: String) throws {
    let result = try descent(
      arguments: [
        "run", "--expr", "x^2 + y^2", "--start", "1,1", "--optimizer", "adam", "--steps", "2",
      ]
        + arguments)
    #expect(result.status == status)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  /// A scene's `[schedule]` applies to every optimizer with an lr, and `--schedule` replaces it.
  @Test func aSceneScheduleAndItsOverride() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-schedule-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let scene = folder.appendingPathComponent("decay.toml")
    try """
    format = 1
    title = "decay"
    f = "x^2"
    [start]
    at = [1.0, 0.0]
    [optimizers.gd]
    lr = 0.1
    [schedule]
    kind = "step"
    every = 1
    gamma = 0.5
    """.write(to: scene, atomically: true, encoding: .utf8)
    let scheduled = try descent("run", scene.path, "--optimizer", "gd", "--steps", "2")
    #expect(scheduled.status == 0, "\(scheduled.stderr)")
    // x₁ = 1 − 0.1·2 = 0.8, then lr 0.05: x₂ = 0.8 − 0.05·1.6 = 0.72
    let xs = csvRows(scheduled.stdout).rows.map { Double($0[2])! }
    #expect(xs.count == 3 && close(xs[1], 0.8) && close(xs[2], 0.72), "\(xs)")
    let constant = try descent(
      "run", scene.path, "--optimizer", "gd", "--steps", "2", "--schedule", "constant")
    let plain = csvRows(constant.stdout).rows.map { Double($0[2])! }
    #expect(plain.count == 3 && close(plain[2], 0.64), "\(plain)")
  }
}

private func close(_ a: Double, _ b: Double) -> Bool {
  a == b || abs(a - b) <= 1e-12 || abs(a - b) <= 1e-9 * max(abs(a), abs(b))
}
