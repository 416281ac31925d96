import ArgumentParser
import DescentCore

/// `descent scenes`: list the built-in scenes.
struct ScenesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenes", abstract: "List the built-in scenes: name, kind, title.")

  func run() throws {
    let width = SceneLibrary.builtins.map(\.name.count).max() ?? 0
    var out = ""
    for scene in SceneLibrary.builtins {
      let pad = String(repeating: " ", count: width - scene.name.count)
      let kind = scene.isData ? "data    " : "analytic"
      out += "\(scene.name)\(pad)  \(kind)  \(scene.title)\n"
    }
    emit(out)
  }
}
