/// A scene written back as a scene file (format 1), so that `SceneLoader` reads the same
/// scene again: what the view's save key writes.
///
/// Every number is written as Swift's shortest text that reads back to the same double, so
/// the runs replay bit for bit. A data scene's rows go to a CSV file of their own, named by
/// the caller. A network scene's `[model]` is written as it was read (a CSV dataset's rows
/// to a file of their own, as a data scene's), and its plane in full, `origin`, `d1` and
/// `d2`, since the plane may come from a reference run that the settings written would
/// change. Claims, which check the original settings, are not written.
public enum SceneWriter {
  /// Why a scene cannot be written.
  public struct Refusal: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  /// The scene file's text: `header` lines as comments, then every key `SceneLoader` reads
  /// for `scene`; `dataFile` is the path of the data's CSV (relative to the scene file), for
  /// a data scene.
  public static func toml(_ scene: Scene, dataFile: String? = nil, header: [String] = [])
    throws(Refusal) -> String
  {
    var lines = header.map { "# " + $0 }
    lines += [
      "format = \(SceneLoader.format)",
      "title = \(string(scene.title))",
      "description = \(string(scene.description))",
    ]
    if let notes = scene.notes { lines.append("notes = \(string(notes))") }
    if scene.network == nil { lines.append("f = \(string(scene.surface.expression))") }
    lines.append("steps = \(scene.steps)")
    if !scene.surface.parameters.isEmpty {
      lines += ["", "[params]"]
      for (name, value) in scene.surface.parameters.sorted(by: { $0.key < $1.key }) {
        lines.append("\(name) = \(number(value))")
      }
    }
    if scene.dataset != nil {
      guard let dataFile else {
        throw Refusal(description: "a data scene needs a file for its data")
      }
      lines += ["", "[data]", "file = \(string(dataFile))"]
      if let batch = scene.batch { lines.append("batch = \(batch)") }
      lines.append("seed = \(scene.dataSeed)")
    }
    if let network = scene.network {
      let generated = NetworkData.Kind(rawValue: network.dataName) != nil
      guard generated || dataFile != nil else {
        throw Refusal(description: "a network scene on a CSV file needs a file for its data")
      }
      let mlp = network.mlp
      lines += [
        "", "[model]",
        "layers = [\(mlp.layers.map(String.init).joined(separator: ", "))]",
        "activation = \(string(mlp.activation.rawValue))",
        "loss = \(string(mlp.loss.rawValue))",
        "dataset = \(string(generated ? network.dataName : dataFile!))",
      ]
      if generated { lines.append("samples = \(network.data.count)") }
      if network.seed <= UInt64(Int.max) { lines.append("seed = \(network.seed)") }
      if let batch = network.batch { lines.append("batch = \(batch)") }
      lines += ["", "[slice]"]
      for (key, vector) in [
        ("origin", network.plane.origin), ("d1", network.plane.d1), ("d2", network.plane.d2),
      ] {
        lines.append("\(key) = [\(vector.values.map(number).joined(separator: ", "))]")
      }
    }
    lines += [
      "", "[view]",
      "x = [\(number(scene.xRange.lowerBound)), \(number(scene.xRange.upperBound))]",
      "y = [\(number(scene.yRange.lowerBound)), \(number(scene.yRange.upperBound))]",
      "scale = \(string(scene.scale.rawValue))",
      "aspect = \(string(scene.aspect.rawValue))",
      "", "[start]",
      "at = [\(number(scene.start.x)), \(number(scene.start.y))]",
    ]
    for (table, marks) in [("minima", scene.minima), ("saddles", scene.saddles)] {
      for mark in marks {
        lines += [
          "", "[[\(table)]]", "at = [\(number(mark.position.x)), \(number(mark.position.y))]",
          "label = \(string(mark.label))",
        ]
      }
    }
    for kind in OptimizerKind.allCases {
      guard let settings = scene.settings[kind] else { continue }
      lines += ["", "[optimizers.\(kind.rawValue)]"]
      lines += self.settings(settings, of: kind)
    }
    for run in scene.runs {
      lines += ["", "[[runs]]", "optimizer = \(string(run.kind.rawValue))"]
      lines += settings(run.settings, of: run.kind)
      if let label = run.label { lines.append("label = \(string(label))") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The lines `KEY = VALUE` of each of `kind`'s settings that `settings` sets, in the order
  /// the optimizer declares them.
  static func settings(_ settings: Hyperparameters, of kind: OptimizerKind) -> [String] {
    var lines: [String] = []
    for setting in kind.spec.settings {
      switch setting.kind {
      case .real:
        if let value = settings[setting.name] {
          lines.append("\(setting.name) = \(number(value))")
        }
      case .integer:
        if let value = settings.integer(setting.name) {
          lines.append("\(setting.name) = \(value)")
        }
      case .seed:
        if let seed = settings.seed, seed <= UInt64(Int.max) { lines.append("seed = \(seed)") }
      case .choice:
        if let word = settings.word(setting.name) {
          lines.append("\(setting.name) = \(string(word))")
        }
      }
    }
    return lines
  }

  /// A dataset as CSV: its header, then one row per sample, numbers written exactly.
  public static func csv(_ dataset: Dataset) -> String {
    var text = dataset.columns.joined(separator: ",") + "\n"
    for row in 0..<dataset.rowCount {
      text += dataset.row(row).map(number).joined(separator: ",") + "\n"
    }
    return text
  }

  /// A network scene's data as CSV, `x1,x2,label`, when it came from a file (nil for a
  /// generated dataset, which its name and seed give again).
  public static func csv(_ network: NetworkScene) -> String? {
    guard NetworkData.Kind(rawValue: network.dataName) == nil else { return nil }
    var text = "x1,x2,label\n"
    for i in 0..<network.data.count {
      let row = [
        network.data.inputs[2 * i], network.data.inputs[2 * i + 1], network.data.targets[i],
      ]
      text += row.map(number).joined(separator: ",") + "\n"
    }
    return text
  }

  /// A finite double as TOML: Swift's shortest round-trip text (`0.1`, `1e-05`, `100.0`).
  static func number(_ value: Double) -> String { "\(value)" }

  /// A TOML basic string, with quotes, backslashes and control characters escaped.
  static func string(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
