import Foundation
import PackagePlugin

/// Writes `descentVersion`, the version `descent --version` prints, from git at build time:
/// the tag (`v1.2.0` gives `1.2.0`), or the tag and the commits since it
/// (`1.2.0-3-gabc1234`), or, for a history with no tag, the commit (`abc1234`); `-dirty` when
/// tracked files have changes. Outside a git checkout (a source tarball) it is `unknown`.
///
/// The command's inputs are the git files that change when the answer can: HEAD, the branch
/// it points at, the tags, the packed refs and the index, so SwiftPM reruns it after a
/// commit, a checkout or a new tag. The file is replaced only when the version changes, so
/// a rerun that finds the same answer recompiles nothing.
@main
struct VersionPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let package = context.package.directoryURL
    let output = context.pluginWorkDirectoryURL.appending(path: "Version.swift")
    var inputs: [URL] = []
    if let gitDirectory = git(["rev-parse", "--absolute-git-dir"], in: package),
      let commonDirectory = git(
        ["rev-parse", "--path-format=absolute", "--git-common-dir"], in: package)
    {
      let git = URL(fileURLWithPath: gitDirectory)
      let common = URL(fileURLWithPath: commonDirectory)
      inputs = [git.appending(path: "HEAD"), git.appending(path: "index")]
      if let branch = self.git(["symbolic-ref", "-q", "HEAD"], in: package) {
        inputs.append(common.appending(path: branch))
      }
      inputs += [common.appending(path: "packed-refs"), common.appending(path: "refs/tags")]
      inputs = inputs.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
    let script = """
      v=$(git -C "$1" describe --tags --always --dirty 2>/dev/null) || v=unknown
      printf 'let descentVersion = "%s"\\n' "${v#v}" > "$2.new"
      if cmp -s "$2.new" "$2"; then rm "$2.new"; else mv "$2.new" "$2"; fi
      """
    return [
      .buildCommand(
        displayName: "Reading descent's version from git",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script, "sh", package.path, output.path],
        inputFiles: inputs, outputFiles: [output])
    ]
  }

  /// The first line `git` prints, or nil if it fails (no git, or not a checkout).
  private func git(_ arguments: [String], in directory: URL) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory.path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first
    return line.map(String.init)
  }
}
