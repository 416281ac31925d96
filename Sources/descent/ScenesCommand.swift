import ArgumentParser
import DescentCore

/// `descent scenes`: list the built-in scenes.
struct ScenesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenes", abstract: "List the built-in scenes.")

  func run() throws {
    let width = BuiltinScenes.all.map(\.name.count).max() ?? 0
    var out = ""
    for scene in BuiltinScenes.all {
      let pad = String(repeating: " ", count: width - scene.name.count)
      out += "\(scene.name)\(pad)  analytic  \(scene.title)\n"
    }
    emit(out)
  }
}
