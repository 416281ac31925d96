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

/// The optimizers' settings as flags, declared for the completion scripts alone.
///
/// swift-argument-parser cannot declare flags at run time, so `OptimizerOptions.extract`
/// takes the settings' flags out of the command line before it parses; but its completion
/// scripts offer only what is declared. So each setting has a slot here, named from the
/// registry, and visible only while a completion script is being made (`offered`): hidden
/// from `--help`, which lists the settings itself, and never given a value.
struct SettingFlags: ParsableArguments {
  /// Whether the command line asks for a completion script.
  nonisolated(unsafe) static var offered = false

  /// Every setting any optimizer reads, once each, with its help: its own, or for a setting
  /// that optimizers read each in its own way, who reads it.
  static let settings = OptimizerRegistry.settings.map { setting, readers in
    let meanings = OptimizerOptions.meanings(of: setting.name, readers: readers)
    var described = setting
    if meanings.count > 1 {
      described.help =
        "Read by \(readers.map(\.rawValue).joined(separator: ", ")), each in its own way (see --help)."
    }
    return described
  }

  /// The slots below.
  static let slots = 48

  private static func name(_ slot: Int) -> NameSpecification {
    precondition(settings.count <= slots, "more settings than SettingFlags has slots")
    return .customLong(slot < settings.count ? settings[slot].name : "unused-setting-slot-\(slot)")
  }

  private static func help(_ slot: Int) -> ArgumentHelp {
    guard slot < settings.count else { return ArgumentHelp(visibility: .private) }
    return ArgumentHelp(
      settings[slot].help, valueName: settings[slot].isNumber ? "n" : "word",
      visibility: offered ? .default : .private)
  }

  private static func completion(_ slot: Int) -> CompletionKind? {
    guard slot < settings.count, case .choice(_, let options) = settings[slot].kind else {
      return nil
    }
    return .list(options)
  }

  @Option(name: name(0), help: help(0), completion: completion(0)) var s0: String?
  @Option(name: name(1), help: help(1), completion: completion(1)) var s1: String?
  @Option(name: name(2), help: help(2), completion: completion(2)) var s2: String?
  @Option(name: name(3), help: help(3), completion: completion(3)) var s3: String?
  @Option(name: name(4), help: help(4), completion: completion(4)) var s4: String?
  @Option(name: name(5), help: help(5), completion: completion(5)) var s5: String?
  @Option(name: name(6), help: help(6), completion: completion(6)) var s6: String?
  @Option(name: name(7), help: help(7), completion: completion(7)) var s7: String?
  @Option(name: name(8), help: help(8), completion: completion(8)) var s8: String?
  @Option(name: name(9), help: help(9), completion: completion(9)) var s9: String?
  @Option(name: name(10), help: help(10), completion: completion(10)) var s10: String?
  @Option(name: name(11), help: help(11), completion: completion(11)) var s11: String?
  @Option(name: name(12), help: help(12), completion: completion(12)) var s12: String?
  @Option(name: name(13), help: help(13), completion: completion(13)) var s13: String?
  @Option(name: name(14), help: help(14), completion: completion(14)) var s14: String?
  @Option(name: name(15), help: help(15), completion: completion(15)) var s15: String?
  @Option(name: name(16), help: help(16), completion: completion(16)) var s16: String?
  @Option(name: name(17), help: help(17), completion: completion(17)) var s17: String?
  @Option(name: name(18), help: help(18), completion: completion(18)) var s18: String?
  @Option(name: name(19), help: help(19), completion: completion(19)) var s19: String?
  @Option(name: name(20), help: help(20), completion: completion(20)) var s20: String?
  @Option(name: name(21), help: help(21), completion: completion(21)) var s21: String?
  @Option(name: name(22), help: help(22), completion: completion(22)) var s22: String?
  @Option(name: name(23), help: help(23), completion: completion(23)) var s23: String?
  @Option(name: name(24), help: help(24), completion: completion(24)) var s24: String?
  @Option(name: name(25), help: help(25), completion: completion(25)) var s25: String?
  @Option(name: name(26), help: help(26), completion: completion(26)) var s26: String?
  @Option(name: name(27), help: help(27), completion: completion(27)) var s27: String?
  @Option(name: name(28), help: help(28), completion: completion(28)) var s28: String?
  @Option(name: name(29), help: help(29), completion: completion(29)) var s29: String?
  @Option(name: name(30), help: help(30), completion: completion(30)) var s30: String?
  @Option(name: name(31), help: help(31), completion: completion(31)) var s31: String?
  @Option(name: name(32), help: help(32), completion: completion(32)) var s32: String?
  @Option(name: name(33), help: help(33), completion: completion(33)) var s33: String?
  @Option(name: name(34), help: help(34), completion: completion(34)) var s34: String?
  @Option(name: name(35), help: help(35), completion: completion(35)) var s35: String?
  @Option(name: name(36), help: help(36), completion: completion(36)) var s36: String?
  @Option(name: name(37), help: help(37), completion: completion(37)) var s37: String?
  @Option(name: name(38), help: help(38), completion: completion(38)) var s38: String?
  @Option(name: name(39), help: help(39), completion: completion(39)) var s39: String?
  @Option(name: name(40), help: help(40), completion: completion(40)) var s40: String?
  @Option(name: name(41), help: help(41), completion: completion(41)) var s41: String?
  @Option(name: name(42), help: help(42), completion: completion(42)) var s42: String?
  @Option(name: name(43), help: help(43), completion: completion(43)) var s43: String?
  @Option(name: name(44), help: help(44), completion: completion(44)) var s44: String?
  @Option(name: name(45), help: help(45), completion: completion(45)) var s45: String?
  @Option(name: name(46), help: help(46), completion: completion(46)) var s46: String?
  @Option(name: name(47), help: help(47), completion: completion(47)) var s47: String?
}
