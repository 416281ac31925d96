import DescentCore
import Foundation
import Testing

/// Files from strangers: each gets a clear error (or works) and never takes the process down.
@Suite final class HostileFileTests {
  let folder: URL

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: folder) }

  func write(_ name: String, _ text: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// The messages loading `path` as a scene produces; empty if it loads.
  func problems(_ path: String) -> [String] {
    do {
      _ = try SceneLibrary.load(path: path)
      return []
    } catch {
      switch error {
      case .notFound(let message), .unusable(let message): return [message]
      case .invalid(let errors): return errors.diagnostics.map(\.description)
      }
    }
  }

  static let head = "format = 1\ntitle = \"Hostile\"\nf = \"x^2 + y^2\"\n"

  @Test func aHundredThousandElementArray() throws {
    let numbers = Array(repeating: "1.0", count: 100_000).joined(separator: ",")
    let path = try write("array.toml", Self.head + "[start]\nat = [\(numbers)]\n")
    let messages = problems(path)
    #expect(messages.count == 1)
    #expect(messages.first?.contains("5:6: `at` must be an array of two numbers") == true)
    // The caret display shows a window of the line, not all of it.
    #expect((messages.first?.count ?? 0) < 1000)
  }

  @Test func aMillionElementArrayIsTooLargeAFile() throws {
    let numbers = Array(repeating: "1.0", count: 1_000_000).joined(separator: ",")
    let path = try write("million.toml", Self.head + "[start]\nat = [\(numbers)]\n")
    #expect(problems(path).first?.contains("a scene file may have at most 1048576") == true)
  }

  /// Refused where the 33rd array or inline table opens, or at the start of the key.
  @Test(arguments: [
    (
      "arrays",
      "v = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
      "4:37: arrays and inline tables nest more than 32 deep"
    ),
    (
      "inline tables",
      "v = " + String(repeating: "{a=", count: 100_000) + "1"
        + String(repeating: "}", count: 100_000),
      "4:101: arrays and inline tables nest more than 32 deep"
    ),
    (
      "dotted headers", "[" + Array(repeating: "a", count: 100_000).joined(separator: ".") + "]",
      "4:2: a key nests more than 16 tables deep"
    ),
    (
      "dotted keys", Array(repeating: "a", count: 50_000).joined(separator: ".") + " = 1",
      "4:1: a key nests more than 16 tables deep"
    ),
  ])
  func deepNesting(kind: String, line: String, expected: String) throws {
    let path = try write("deep.toml", Self.head + line + "\n")
    let messages = problems(path)
    #expect(messages.count == 1, "\(kind)")
    #expect(messages.first?.hasPrefix("\(path):\(expected)") == true, "\(kind): \(messages)")
  }

  /// A scene written with CRLF line endings reads as with LF, and its problems are reported
  /// at their own lines and columns (they were all at 1:1, the file seen as one line).
  @Test func crlfScene() throws {
    let text =
      Self.head.replacingOccurrences(of: "x^2 + y^2", with: "x^2 + sinn(y)")
      + "[view]\nx = [1.0, -1.0]\nscale = \"\"\"\nlogg\"\"\"\n[start]\natt = [0.0, 0.0]\n"
    let lf = problems(try write("lf.toml", text)).map { String($0.split(separator: "/").last!) }
    let crlf = problems(try write("crlf.toml", text.replacingOccurrences(of: "\n", with: "\r\n")))
      .map { String($0.split(separator: "/").last!) }
    #expect(
      lf == [
        "lf.toml:3:12: in f: unknown function `sinn`\n  f = \"x^2 + sinn(y)\"\n             ^^^^",
        "lf.toml:5:5: view x = [1.0, -1.0] is empty: x[0] must be less than x[1]\n"
          + "  x = [1.0, -1.0]\n      ^^^^^^^^^^^",
        "lf.toml:6:9: scale must be \"linear\" or \"log\", not \"logg\"\n  scale = \"\"\"\n"
          + "          ^^^",
        "lf.toml:9:1: unknown key `att` in [start] (did you mean `at`?)\n  att = [0.0, 0.0]\n  ^^^",
      ])
    #expect(crlf == lf.map { $0.replacingOccurrences(of: "lf.toml", with: "crlf.toml") })
  }

  /// A 100 MB file is refused from its size, before it is read.
  @Test func aHundredMegabyteFile() throws {
    let url = folder.appendingPathComponent("huge.toml")
    FileManager.default.createFile(atPath: url.path, contents: Data(Self.head.utf8))
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: 100_000_000)  // sparse: cheap to make
    try handle.close()
    let messages = problems(url.path)
    #expect(
      messages == [
        "\(url.path): the file has 100000000 bytes; a scene file may have at most 1048576"
      ])
    #expect(throws: SceneLookupError.self) { try LessonLibrary.resolve(url.path) }
  }

  /// A byte that is not UTF-8 is reported at its line and column (characters), not just
  /// as "not UTF-8 text" somewhere in the file.
  @Test func invalidUTF8IsReportedWhereItIs() throws {
    let url = folder.appendingPathComponent("latin1.toml")
    try Data("format = 1\ntitle = \"é a".utf8 + [0xE9] + Array("\"\n".utf8)).write(to: url)
    #expect(
      problems(url.path) == [
        "\(url.path):2:13: not UTF-8 text: an invalid byte sequence starts here"
      ])
  }

  @Test func binaryGarbage() throws {
    var generator = Xoshiro256StarStar(seed: 7)
    let bytes = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let url = folder.appendingPathComponent("garbage.toml")
    try Data(bytes).write(to: url)
    let binary = problems(url.path)
    #expect(binary.count == 1 && binary[0].hasPrefix("\(url.path):1:"), "\(binary)")
    #expect(binary.first?.contains("not UTF-8 text") == true)
    // Valid UTF-8 that is not TOML is a syntax error with a position.
    let text = String(decoding: bytes.map { $0 & 0x7F }, as: UTF8.self)
    let path = try write("ascii-garbage.toml", text)
    let messages = problems(path)
    #expect(messages.count == 1, "\(messages)")
    #expect(
      messages.first?.hasPrefix(
        "\(path):1:3: TOML syntax: expected `=` after the key, found U+0016") == true,
      "\(messages.first!.prefix(300))")
  }

  @Test func nanAndInfinityLiterals() throws {
    let text =
      Self.head + """
        [params]
        a = nan
        [view]
        x = [-inf, inf]
        [start]
        at = [nan, 0.0]
        [optimizers.adam]
        lr = inf
        beta1 = -nan
        """
    let messages = problems(try write("nan.toml", text)).map {
      String($0.split(separator: "\n")[0].split(separator: "/").last!)
    }
    #expect(
      messages == [
        "nan.toml:5:5: `a` must be finite",
        "nan.toml:7:5: `x` must be an array of two numbers, e.g. [-2.0, 2.0]",
        "nan.toml:9:6: `at` must be an array of two numbers, e.g. [-2.0, 2.0]",
        "nan.toml:11:6: `lr` must be finite",
        "nan.toml:12:9: `beta1` must be finite",
      ])
  }

  func dataScene(_ csv: String) throws -> [String] {
    _ = try write("data.csv", csv)
    return problems(
      try write(
        "data.toml",
        Self.head.replacingOccurrences(of: "x^2 + y^2", with: "(x*u - y)^2")
          + "[data]\nfile = \"data.csv\"\n"))
  }

  @Test func csvLimits() throws {
    let rows = (0..<10_001).map { "\($0),1" }.joined(separator: "\n")
    let tooMany = try dataScene("u,v\n" + rows + "\n")
    #expect(
      tooMany.first?.contains("data.csv:10002:1: more than 10000 data rows") == true, "\(tooMany)")

    let ten = (0..<10_000).map { "\($0),1" }.joined(separator: "\n")
    #expect(try dataScene("u,v\n" + ten + "\n").isEmpty)

    let ragged = try dataScene("u,v\n1,2\n3\n4,5,6\n")
    #expect(
      ragged.first?.contains("data.csv:3:1: expected 2 fields (u, v), found 1") == true, "\(ragged)"
    )

    let wide = try dataScene((0..<40).map { "c\($0)" }.joined(separator: ",") + "\n")
    #expect(wide.first?.contains("40 columns; a dataset may have at most 32") == true, "\(wide)")

    let big = String(repeating: "# padding to make the file large\n", count: 140_000)
    let large = try dataScene("u,v\n1,2\n" + big)
    #expect(large.first?.contains("data file `data.csv`: the file has") == true, "\(large)")
  }
}
