import Foundation
import PackagePlugin

/// Compiles the top-level `scenes/` folder (scene files and their data) into DescentCore, so
/// that a `descent` binary copied anywhere still has its built-in scenes.
@main
struct EmbedScenesPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let scenes = context.package.directoryURL.appending(path: "scenes")
    var inputs: [URL] = []
    if let walker = FileManager.default.enumerator(at: scenes, includingPropertiesForKeys: nil) {
      for case let url as URL in walker
      where ["toml", "csv"].contains(url.pathExtension) {
        inputs.append(url)
      }
    }
    inputs.sort { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedScenes.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) scene files",
        executable: try context.tool(named: "EmbedScenes").url,
        arguments: [scenes.path, output.path] + inputs.map(\.path),
        inputFiles: inputs, outputFiles: [output])
    ]
  }
}
