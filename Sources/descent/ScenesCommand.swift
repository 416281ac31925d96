import ArgumentParser
import DescentCore

/// `descent scenes`: list the built-in scenes.
struct ScenesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenes",
    abstract: "List the built-in scenes: name, kind (analytic, data, network), title.")

  func run() throws {
    let scenes = SceneLibrary.builtins + SceneLibrary.networks
    let width = scenes.map(\.name.count).max() ?? 0
    var out = ""
    for scene in scenes {
      let pad = String(repeating: " ", count: width - scene.name.count)
      let kind = scene.network != nil ? "network " : scene.isData ? "data    " : "analytic"
      out += "\(scene.name)\(pad)  \(kind)  \(scene.title)\n"
    }
    try emit(out)
  }
}
