import ArgumentParser
import DescentCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Shell completion for a scene or a lesson: the built-in names that start with what was
/// typed, then the `.toml` files and the folders that do, so a name and a path both complete.
enum Completions {
  static let scene = CompletionKind.custom { _, _, prefix in
    matching(SceneLibrary.completionNames, prefix: prefix)
  }

  static let lesson = CompletionKind.custom { _, _, prefix in
    matching(LessonLibrary.builtins.map(\.name), prefix: prefix)
  }

  static let optimizer = CompletionKind.list(OptimizerKind.allCases.map(\.rawValue) + ["all"])

  private static func matching(_ names: [String], prefix: String) -> [String] {
    names.filter { $0.hasPrefix(prefix) } + paths(prefix: prefix)
  }

  /// Entries of the folder `prefix` names (up to its last `/`) that start with the rest: every
  /// folder (bash adds its `/`), a file only if it ends in `.toml`.
  private static func paths(prefix: String) -> [String] {
    let slash = prefix.lastIndex(of: "/")
    let folder = slash.map { String(prefix[...$0]) } ?? ""
    let start = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
    let expanded = expandingTilde(folder)
    guard
      let entries = try? FileManager.default.contentsOfDirectory(
        atPath: expanded.isEmpty ? "." : expanded)
    else { return [] }
    return entries.sorted().compactMap { entry in
      guard entry.hasPrefix(start), !entry.hasPrefix(".") || start.hasPrefix(".") else {
        return nil
      }
      let path =
        (expanded.isEmpty ? entry : expanded + (expanded.hasSuffix("/") ? "" : "/") + entry)
      // As FileManager's fileExists(atPath:isDirectory:): a link counts as what it names.
      var info = stat()
      guard stat(path, &info) == 0 else { return nil }
      if info.st_mode & S_IFMT == S_IFDIR { return folder + entry }
      return entry.hasSuffix(".toml") ? folder + entry : nil
    }
  }

  /// `path` with a leading `~` or `~user` replaced by that home folder, as a shell does.
  private static func expandingTilde(_ path: String) -> String {
    guard path.hasPrefix("~") else { return path }
    let slash = path.firstIndex(of: "/") ?? path.endIndex
    let user = String(path[path.index(after: path.startIndex)..<slash])
    let home =
      user.isEmpty
      ? FileManager.default.homeDirectoryForCurrentUser
      : FileManager.default.homeDirectory(forUser: user)
    guard let home else { return path }
    return home.path + path[slash...]
  }
}
