import Foundation
import Testing

/// What `make install` and the release ship besides the binary: the version it reports, and
/// shell completion of the built-in names.
@Suite struct InstallTests {
  /// `descent --version` is what git said when it was built: the same commit (and tag) as
  /// the checkout the tests run in. Only `-dirty` may differ, since editing a file without
  /// staging it changes nothing SwiftPM watches.
  @Test func versionComesFromGit() throws {
    let outcome = try descent("--version")
    #expect(outcome.status == 0)
    let version = outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let git = try runProcess(
      URL(fileURLWithPath: "/usr/bin/env"),
      arguments: ["git", "-C", repository.path, "describe", "--tags", "--always"])
    try #require(git.status == 0, "not a git checkout")
    var expected = git.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    if expected.hasPrefix("v") { expected.removeFirst() }
    #expect(version == expected || version == expected + "-dirty")
  }

  /// The code imports FoundationEssentials, never all of Foundation: Foundation's
  /// internationalization and ICU would make the static release binary 59 MB instead of
  /// 18.5 MB. The debug build links Swift's libraries dynamically, so `ldd` shows what the code
  /// imports; one `import Foundation` anywhere in Sources brings these back.
  @Test func theBinaryLeavesOutFoundationsInternationalizationAndICU() throws {
    #if os(Linux)
      let outcome = try runProcess(
        URL(fileURLWithPath: "/usr/bin/env"), arguments: ["ldd", descentBinary.path])
      try #require(outcome.status == 0, "\(outcome)")
      // (A static build, `swift test --static-swift-stdlib`, lists none of them.)
      if outcome.stdout.contains("libswiftCore") {
        #expect(outcome.stdout.contains("libFoundationEssentials"), "\(outcome.stdout)")
      }
      for library in ["libFoundation.so", "libFoundationInternationalization", "_FoundationICU"] {
        #expect(!outcome.stdout.contains(library), "\(outcome.stdout)")
      }
    #endif
  }

  /// bash completion, as a shell calls it, offers the built-in scenes and lessons, and
  /// scene files next to the built-in names.
  @Test(arguments: [
    (["descent", "run", "ros"], "rosenbrock"),
    (["descent", "render", "moons"], "moons-small"),
    (["descent", "demo", "rav"], "ravines"),
    (["descent", "check", "my"], "my-scene.toml"),
  ])
  func bashCompletesBuiltinNames(words: [String], expected: String) throws {
    let completions = try bashCompletions(words)
    #expect(completions.contains(expected), "\(completions)")
  }

  /// The optimizers' settings are flags that swift-argument-parser does not parse (they are
  /// taken out of the command line first), yet completion offers them, their words, and
  /// knows that each takes a value; `--help` still lists them once, under SETTINGS.
  @Test(arguments: [
    (["descent", "run", "--sig"], "--sigma"),
    (["descent", "compare", "--line-s"], "--line-search"),
    (["descent", "render", "--momentum-"], "--momentum-decay"),
    (["descent", "open", "--be"], "--beta2"),
    (["descent", "run", "--line-search", "armijo", "--sig"], "--sigma"),
    (["descent", "run", "--line-search", "str"], "strong-wolfe"),
    (["descent", "run", "--lr", "0.1", "ros"], "rosenbrock"),
  ])
  func completionOffersTheSettingsFlags(words: [String], expected: String) throws {
    let completions = try bashCompletions(words)
    #expect(completions.contains(expected), "\(completions)")
    #expect(!completions.contains { $0.contains("unused-setting-slot") })
    for shell in ["zsh", "fish"] {
      let script = try descent("--generate-completion-script", shell).stdout
      #expect(script.contains("sigma") && script.contains("momentum-decay"), "\(shell)")
    }
    let help = try descent("run", "--help").stdout
    #expect(help.components(separatedBy: "--sigma <n>").count == 2, "\(help)")
  }

  /// What bash's completion of `words` offers, as a shell asks for it.
  func bashCompletions(_ words: [String]) throws -> [String] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-completion-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "f = \"x^2\"\n".write(
      to: folder.appendingPathComponent("my-scene.toml"), atomically: true, encoding: .utf8)
    let script = folder.appendingPathComponent("descent.bash")
    let generated = try descent("--generate-completion-script", "bash")
    try generated.stdout.write(to: script, atomically: true, encoding: .utf8)
    let outcome = try runProcess(
      URL(fileURLWithPath: "/usr/bin/env"),
      arguments: [
        "PATH=\(descentBinary.deletingLastPathComponent().path):/usr/bin:/bin", "bash", "-c",
        """
        source "$0"
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"
        COMP_POINT=${#COMP_LINE}; COMPREPLY=()
        _descent "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"; printf '%s\\n' "${COMPREPLY[@]}"
        """,
        script.path,
      ] + words, in: folder)
    #expect(outcome.status == 0, "\(outcome)")
    return outcome.stdout.split(separator: "\n").map(String.init)
  }
}
