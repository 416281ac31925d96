import DescentCore
import Foundation
import Testing

/// A scene written by `SceneWriter` reads back as the same scene.
@Suite struct SceneWriterTests {
  func roundTrip(_ scene: Scene) throws -> Scene {
    let csv = scene.dataset.map(SceneWriter.csv)
    let text = try SceneWriter.toml(scene, dataFile: csv == nil ? nil : "data.csv")
    let result = SceneLoader.load(text: text, file: "saved.toml", name: "saved") { path in
      path == "data.csv" && csv != nil ? .success(csv!) : .failure(.notFound("no \(path)"))
    }
    switch result {
    case .success(let loaded): return loaded
    case .failure(let errors):
      Issue.record("\(scene.name) did not read back: \(errors)\n\(text)")
      throw errors
    }
  }

  /// Every built-in scene (networks aside): the surface, its params, the data, the view,
  /// the start, the landmarks and every optimizer's settings, exactly.
  @Test func everyBuiltinSceneReadsBackTheSame() throws {
    for scene in SceneLibrary.builtins {
      let loaded = try roundTrip(scene)
      #expect(loaded.title == scene.title, "\(scene.name)")
      #expect(loaded.description == scene.description, "\(scene.name)")
      #expect(loaded.notes == scene.notes, "\(scene.name)")
      #expect(loaded.surface.expression == scene.surface.expression, "\(scene.name)")
      #expect(loaded.surface.parameters == scene.surface.parameters, "\(scene.name)")
      #expect(
        loaded.dataset
          == scene.dataset.map { Dataset(file: "data.csv", columns: $0.columns, values: $0.values) }
      )
      #expect(loaded.batch == scene.batch && loaded.dataSeed == scene.dataSeed, "\(scene.name)")
      #expect(loaded.xRange == scene.xRange && loaded.yRange == scene.yRange, "\(scene.name)")
      #expect(loaded.scale == scene.scale && loaded.aspect == scene.aspect, "\(scene.name)")
      #expect(loaded.start == scene.start, "\(scene.name)")
      #expect(loaded.steps == scene.steps, "\(scene.name)")
      #expect(loaded.minima == scene.minima && loaded.saddles == scene.saddles, "\(scene.name)")
      #expect(loaded.settings == scene.settings, "\(scene.name)")
    }
  }

  /// Quotes, backslashes, newlines and control characters in text survive; numbers that
  /// print with an exponent or many digits come back bit for bit.
  @Test func awkwardTextAndNumbersSurvive() throws {
    var scene = try #require(SceneLibrary.builtin(named: "bowl"))
    scene.title = "a \"quoted\" \\ title\twith\u{1}control"
    scene.description = "two\nlines, é and 日本"
    scene.xRange = -1e-7...(0.1 + 0.2)
    scene.start = SIMD2(1e-8, 0.1 + 0.2)
    scene.settings[.gd] = ["lr": 1.0 / 3]
    let loaded = try roundTrip(scene)
    #expect(loaded.title == scene.title)
    #expect(loaded.description == scene.description)
    #expect(loaded.xRange == scene.xRange)
    #expect(loaded.start == scene.start)
    #expect(loaded.settings[.gd]?.lr == 1.0 / 3)
  }

  /// A network scene is written with its model and its plane in full, and loads back to
  /// the same network, data and plane; one on a CSV file needs a file for its data.
  @Test func aNetworkSceneIsWrittenWithItsPlane() throws {
    let scene = try #require(SceneLibrary.builtin(named: "moons-small"))
    let text = try SceneWriter.toml(scene)
    #expect(text.contains("[slice]\norigin = ["))
    #expect(!text.contains("directions"))
    let loaded = try roundTrip(scene)
    let (a, b) = (try #require(loaded.network), try #require(scene.network))
    #expect(a.mlp.layers == b.mlp.layers && a.mlp.activation == b.mlp.activation)
    #expect(a.data == b.data && a.seed == b.seed && a.batch == b.batch)
    #expect(a.plane.origin == b.plane.origin)
    #expect(a.plane.d1 == b.plane.d1 && a.plane.d2 == b.plane.d2)
    var onFile = b
    onFile.dataName = "points.csv"
    var fromFile = scene
    fromFile.network = onFile
    #expect(throws: SceneWriter.Refusal.self) { try SceneWriter.toml(fromFile) }
    #expect(SceneWriter.csv(onFile)?.hasPrefix("x1,x2,label\n") == true)
    #expect(SceneWriter.csv(b) == nil)
  }
}
