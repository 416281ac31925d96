import Foundation
import Testing

/// The repository root, for reading the scene files on disk.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

@Suite struct SceneCommandTests {
  @Test func everySceneFileInTheRepositoryPassesCheck() throws {
    let folder = repository.appendingPathComponent("scenes")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".toml") }.sorted().map { "scenes/" + $0 }
    #expect(files.count >= 16)
    let result = try descent(arguments: ["check"] + files, in: repository)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.split(separator: "\n").count == files.count)
    let builtins = try descent("check")
    #expect(builtins.status == 0)
  }

  @Test func checkReportsEveryProblemInEveryFileAndExits65() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("descent-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "format = 1\ntitle = \"a\"\nf = \"x^2 + sinn(y)\"\ntittle = 1\n".write(
      to: directory.appendingPathComponent("a.toml"), atomically: true, encoding: .utf8)
    try "format = 1\ntitle = \"b\"\nf = \"x^2\"\n[view]\nx = [1.0, -1.0]\n".write(
      to: directory.appendingPathComponent("b.toml"), atomically: true, encoding: .utf8)
    try "format = 1\ntitle = \"c\"\nf = \"x^2\"\n".write(
      to: directory.appendingPathComponent("c.toml"), atomically: true, encoding: .utf8)
    let result = try descent("check", "a.toml", "b.toml", "c.toml", in: directory)
    #expect(result.status == 65)
    #expect(result.stdout == "c.toml: ok\n")
    #expect(result.stderr.contains("a.toml:3:12: in f: unknown function `sinn`"))
    #expect(result.stderr.contains("  f = \"x^2 + sinn(y)\"\n             ^^^^"))
    #expect(result.stderr.contains("a.toml:4:1: unknown key `tittle` at the top level"))
    #expect(result.stderr.contains("b.toml:5:5: view x = [1.0, -1.0] is empty"))
    let missing = try descent("check", "c.toml", "nope.toml", in: directory)
    #expect(missing.status == 66)
  }

  @Test func scenesListsNameKindAndTitle() throws {
    let result = try descent("scenes")
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count >= 16)
    #expect(lines.contains { $0.hasPrefix("rosenbrock") && $0.contains("analytic") })
    #expect(lines.contains { $0.hasPrefix("logistic") && $0.contains("data") })
  }

  @Test func sceneFilesRunByPathFromAnotherDirectory() throws {
    // The data file is found relative to the scene file, not the working directory.
    let path = repository.appendingPathComponent("scenes/linreg-unscaled.toml").path
    let result = try descent(
      "run", path, "--optimizer", "gd", "--steps", "3", in: URL(fileURLWithPath: "/"))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(csvRows(result.stdout).rows.count == 4)
    let bad = try descent("run", "/no/such/scene.toml")
    #expect(bad.status == 66)
  }

  @Test func aCopiedBinaryStillHasItsScenes() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("descent-copy-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let copy = directory.appendingPathComponent("descent")
    // Copy with cp, not in this process: other tests fork while the copy is open for
    // writing, and a child holding that descriptor makes running the copy fail (ETXTBSY).
    let cp = Process()
    cp.executableURL = URL(fileURLWithPath: "/bin/cp")
    cp.arguments = [descentBinary.path, copy.path]
    try cp.run()
    cp.waitUntilExit()
    #expect(cp.terminationStatus == 0)
    let process = Process()
    process.executableURL = copy
    process.arguments = ["run", "linreg-minibatch", "--steps", "2", "--optimizer", "adam"]
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(output.split(separator: "\n").count == 4)
  }

  @Test func evalOnAMiniBatchSceneGivesTheFullGradient() throws {
    let result = try descent(
      "eval", "linreg-minibatch", "--at", "0.9253210745222602,2.3730458269332454e-07", "--format",
      "json")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let gradient = try #require(json?["gradient"] as? [Double])
    #expect(abs(gradient[0]) < 1e-6 && abs(gradient[1]) < 1e-6, "\(gradient)")
  }

  @Test func evalOnADataSceneIsTheFullDataLoss() throws {
    let result = try descent(
      "eval", "linreg-standardized", "--at", "0.9253210745222602,0", "--format", "json")
    #expect(result.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let value = try #require(json?["value"] as? Double)
    #expect(abs(value - 0.14377968607111777) < 1e-9)
  }
}
