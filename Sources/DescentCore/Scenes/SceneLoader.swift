/// Reads scene files (TOML, `format = 1`) into validated scenes, collecting every problem
/// rather than stopping at the first.
///
/// The format, with defaults for the optional keys:
///
///     format = 1                      required
///     title = "..."                   required
///     description = "..."             default ""
///     notes = "..."                   optional text for lessons
///     f = "..."                       required: an expression in x, y, [params] and the
///                                     dataset's columns
///     steps = 300                     default 300: steps per run
///     [params]   NAME = number        default none
///     [view]     x = [lo, hi]         default [-2, 2]
///                y = [lo, hi]         default [-2, 2]
///                scale = "linear"     "linear" (default) or "log"
///                aspect = "equal"     "equal" (default) or "fill"
///     [start]    at = [x, y]          default the centre of the view
///     [[minima]] at = [x, y]          label default "minimum"
///     [[saddles]] at = [x, y]         label default "saddle"
///     [optimizers.NAME] lr, momentum, alpha, beta1, beta2, eps, temperature, cooling,
///                       sigma, seed   whichever that optimizer reads
///     [schedule] kind = "cosine"      default none: "step", "exponential", "cosine" or
///                                     "constant", with every, gamma, t-max, lr-min
///                                     (see `Schedule`)
///     [data]     file = "data/x.csv"  required in a data scene, relative to the scene file
///                batch = N            default: full batch
///                seed = N             default 0: the mini-batch shuffle's seed
public enum SceneLoader {
  /// The scene format version this build reads.
  public static let format = 1
  public static let defaultSteps = 300
  public static let defaultRange: ClosedRange<Double> = -2...2
  /// The largest scene or lesson file read, in bytes (1 MiB): hand-written files are a few
  /// kilobytes, and a bigger one is a mistake or an attack.
  public static let maximumFileSize = 1 << 20
  /// The deepest table nesting a key or header may spell (`[a.b.c]` is 3).
  public static let maximumKeyDepth = 16
  /// A network scene's largest forward pass over its data, weights × samples (about 5 ms).
  public static let maximumForwardWork = 5_000_000
  /// A network scene's largest reference run, steps × batch × weights (about a second).
  public static let maximumReferenceWork = 1_000_000_000

  /// Reads one scene.
  ///
  /// - Parameters:
  ///   - file: how to name the file in messages.
  ///   - name: the scene's short name.
  ///   - readData: the contents of a data file, given its path relative to the scene file:
  ///     `.notFound` if it does not exist, `.invalid` if it cannot be used (too large),
  ///     or `nil` if it does not exist.
  ///   - referenceWork: the largest reference run a network scene may ask for (in
  ///     multiply-adds), `maximumReferenceWork` unless a caller needs loading to stay cheap
  ///     (the fuzzer does).
  public static func load(
    text: String, file: String, name: String, referenceWork: Int = maximumReferenceWork,
    readData: (String) -> Result<String, SceneLookupError>
  ) -> Result<Scene, SceneErrors> {
    var reader = TOMLReader(text: text, file: file)
    reader.referenceWork = referenceWork
    let scene = reader.read(name: name, readData: readData)
    if let scene, reader.diagnostics.isEmpty { return .success(scene) }
    return .failure(reader.errors)
  }
}

// MARK: - Reader

/// Reads a TOML file into typed values, collecting every problem with its position. Scene
/// files and lesson files (`LessonLoader`) share it.
struct TOMLReader {
  let text: String
  let file: String
  /// The file read by `TOMLDocument`, or nil if it could not be read.
  let document: TOMLDocument?
  /// The lines of the file without their line endings (LF or CRLF), for the caret display.
  let lines: [String]
  var diagnostics: [SceneDiagnostic] = []
  /// The largest reference run a network scene may ask for, in multiply-adds.
  var referenceWork = SceneLoader.maximumReferenceWork

  /// Why the file could not be read (beyond the limits, or not TOML): `parse()` reports it.
  private var refusal: SceneDiagnostic?

  init(text: String, file: String) {
    self.text = text
    self.file = file
    let size = text.utf8.count
    guard size <= SceneLoader.maximumFileSize else {
      lines = []
      document = nil
      refusal = SceneDiagnostic(
        file: file,
        message: "the file has \(size) bytes; scene and lesson files may have at most "
          + "\(SceneLoader.maximumFileSize) (1 MiB)")
      return
    }
    // Without a byte-order mark: columns count from after it.
    let scalars = text.unicodeScalars.dropFirst(text.unicodeScalars.first == "\u{FEFF}" ? 1 : 0)
    lines = scalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      String(String.UnicodeScalarView($0.last == "\r" ? $0.dropLast() : $0))
    }
    do {
      document = try TOMLDocument(text)
    } catch {
      document = nil
      let line = error.line
      refusal = SceneDiagnostic(
        file: file, line: line, column: error.column, length: error.length,
        message: error.isLimit ? error.message : "TOML syntax: \(error.message)",
        sourceLine: line >= 1 && line <= lines.count ? lines[line - 1] : nil)
    }
  }

  static let topKeys = [
    "format", "title", "description", "notes", "f", "steps", "params", "view", "start",
    "minima", "saddles", "optimizers", "schedule", "data", "model", "slice", "claim", "runs",
  ]

  /// Every problem found, in file order.
  var errors: SceneErrors {
    SceneErrors(
      diagnostics.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) })
  }

  /// The whole file as a table, or nil after reporting a TOML syntax error or a file beyond
  /// the limits (size, nesting) that no scene or lesson needs.
  mutating func parse() -> TOMLTable? {
    if let refusal {
      diagnostics.append(refusal)
      return nil
    }
    return document?.root
  }

  /// Checks `format = 1`; `what` names the kind of file.
  mutating func checkFormat(_ root: TOMLTable, what: String) {
    if let value = root["format"] {
      if value.int != SceneLoader.format {
        report(
          ["format"], value: true,
          "unsupported format \(value.shortDescription); this descent reads format = \(SceneLoader.format)"
        )
      }
    } else {
      report([], "missing `format = \(SceneLoader.format)` (the \(what) format version)")
    }
  }

  /// A data file's path as messages name it: relative to the scene file, as `readData`
  /// resolves it, so that `FILE:LINE:COLUMN` leads to the data file from where descent ran.
  func dataFileName(_ path: String) -> String {
    guard !path.hasPrefix("/"), let slash = file.lastIndex(of: "/") else { return path }
    return String(file[...slash]) + path
  }

  mutating func read(name: String, readData: (String) -> Result<String, SceneLookupError>)
    -> Scene?
  {
    guard let root = parse() else { return nil }
    checkKeys(root, allowed: Self.topKeys, path: [], what: "at the top level")
    checkFormat(root, what: "scene")

    let title = string(root, "title", required: true) ?? ""
    let description = string(root, "description") ?? ""
    let notes = string(root, "notes")
    let steps = integer(root, "steps", in: 1...1_000_000) ?? SceneLoader.defaultSteps

    // params
    var parameters: [String: Double] = [:]
    if let table = self.table(root, "params") {
      for key in table.keys.sorted() {
        guard let value = number(table, key, path: ["params"]) else {
          // Already reported; a placeholder keeps `f` from reporting the name as unknown.
          parameters[key] = 0
          continue
        }
        let reserved =
          ["x", "y"].contains(key) || BuiltinFunction.table[key] != nil
          || BuiltinFunction.constants[key] != nil
        if reserved {
          report(["params", key], "`\(key)` is reserved and cannot be a parameter name")
        } else if !Self.isIdentifier(key) {
          report(["params", key], "parameter name `\(key)` is not an identifier")
        } else {
          parameters[key] = value
        }
      }
    }

    // data
    var dataset: Dataset? = nil
    var dataFailed = false
    var batch: Int? = nil
    var dataSeed: UInt64 = 0
    if let table = self.table(root, "data") {
      checkKeys(table, allowed: ["file", "batch", "seed"], path: ["data"], what: "in [data]")
      batch = integer(table, "batch", path: ["data"], in: 1...1_000_000)
      dataSeed = UInt64(integer(table, "seed", path: ["data"], in: 0...Int.max) ?? 0)
      if let path = string(table, "file", path: ["data"], required: true) {
        switch readData(path) {
        case .success(let contents):
          do {
            dataset = try Dataset(csv: contents, file: dataFileName(path))
            for column in dataset!.columns where parameters[column] != nil {
              report(
                ["data", "file"], value: true, "column `\(column)` has the name of a parameter")
            }
          } catch {
            diagnostics.append(error)
            dataFailed = true
          }
        case .failure(.notFound):
          report(["data", "file"], value: true, "data file `\(path)` not found")
          dataFailed = true
        case .failure(.unusable(let message)):
          report(["data", "file"], value: true, message)
          dataFailed = true
        case .failure(.invalid(let errors)):
          let message = errors.diagnostics.first?.message ?? "cannot be read"
          report(["data", "file"], value: true, "data file `\(path)`: \(message)")
          dataFailed = true
        }
      } else {
        dataFailed = true
      }
    }

    // f
    var surface: Surface? = nil
    let isNetwork = root["model"] != nil
    if isNetwork {
      // A network scene's loss is the network's; the surface is never evaluated.
      if root["f"] != nil {
        report(["f"], "a scene with a [model] has no `f`: its loss is the network's")
      }
      surface = try? Surface("0")
    }
    // Without its dataset's columns, `f` would only report them as unknown names.
    if !isNetwork, let f = string(root, "f", required: true), !dataFailed {
      do {
        surface = try Surface(f, parameters: parameters, inputs: dataset?.columns ?? [])
      } catch {
        reportExpression(error)
      }
    }

    // view
    var xRange = SceneLoader.defaultRange
    var yRange = SceneLoader.defaultRange
    var scale = Scene.Scale.linear
    var aspect = Scene.Aspect.equal
    let problemsBeforeView = diagnostics.count
    if let table = self.table(root, "view") {
      checkKeys(
        table, allowed: ["x", "y", "scale", "aspect"], path: ["view"], what: "in [view]")
      xRange = range(table, "x", path: ["view"]) ?? xRange
      yRange = range(table, "y", path: ["view"]) ?? yRange
      if let text = string(table, "scale", path: ["view"]) {
        if let s = Scene.Scale(rawValue: text) {
          scale = s
        } else {
          report(
            ["view", "scale"], value: true, "scale must be \"linear\" or \"log\", not \"\(text)\"")
        }
      }
      if let text = string(table, "aspect", path: ["view"]) {
        if let a = Scene.Aspect(rawValue: text) {
          aspect = a
        } else {
          report(
            ["view", "aspect"], value: true,
            "aspect must be \"equal\" or \"fill\", not \"\(text)\"")
        }
      }
    }

    // start
    var start = SIMD2(
      (xRange.lowerBound + xRange.upperBound) / 2, (yRange.lowerBound + yRange.upperBound) / 2)
    if let table = self.table(root, "start") {
      checkKeys(table, allowed: ["at"], path: ["start"], what: "in [start]")
      if let at = point(table, "at", path: ["start"]) {
        start = at
        let viewIsValid = diagnostics.count == problemsBeforeView
        if viewIsValid && (!xRange.contains(at.x) || !yRange.contains(at.y)) {
          report(
            ["start", "at"], value: true,
            "start (\(at.x), \(at.y)) is outside the view x = \(xRange), y = \(yRange)")
        }
      }
    }

    let minima = landmarks(root, "minima", defaultLabel: "minimum")
    let saddles = landmarks(root, "saddles", defaultLabel: "saddle")
    let settings = optimizerSettings(root, path: [])
    let runs = runSpecs(root, path: [], settings: settings) ?? []
    let schedule = self.schedule(root, path: [])

    var network: NetworkScene? = nil
    if let table = self.table(root, "model") {
      network = networkScene(
        table, slice: self.table(root, "slice"), settings: settings, steps: steps,
        readData: readData)
    } else if root["slice"] != nil {
      report(["slice"], "[slice] belongs to a network scene, which needs a [model]")
    }

    guard let surface, !isNetwork || network != nil else { return nil }
    var scene = Scene(
      name: name, file: file, title: title, description: description, notes: notes,
      surface: surface, dataset: dataset, batch: batch, dataSeed: dataSeed, xRange: xRange,
      yRange: yRange, scale: scale, start: start, minima: minima, saddles: saddles,
      settings: settings, steps: steps)
    scene.aspect = aspect
    scene.runs = runs
    scene.network = network
    scene.schedule = schedule ?? .constant
    if let network, network.plane.origin != network.initial {
      // The plane passes through the trained weights: mark them.
      scene.minima.append(Scene.Landmark(.zero, label: "trained weights (Adam)"))
    }
    if let network, root["start"] == nil {
      // Without a start, runs start at the shadow of the initial weights: the centre for a
      // plane through them, somewhere else for a plane through the trained weights.
      scene.start = network.plane.project(network.initial)
      if !xRange.contains(scene.start.x) || !yRange.contains(scene.start.y) {
        report(
          ["view"],
          "the initial weights' shadow (\(scene.start.x), \(scene.start.y)) is outside the view; widen it or give a [start]"
        )
        return nil
      }
    }
    readClaims(root, into: &scene)
    return scene
  }

  /// `[model]` and `[slice]`: the network, its data, and the plane its loss is drawn on.
  mutating func networkScene(
    _ table: TOMLTable, slice: TOMLTable?, settings: [OptimizerKind: Hyperparameters],
    steps: Int, readData: (String) -> Result<String, SceneLookupError>
  ) -> NetworkScene? {
    let path = ["model"]
    checkKeys(
      table, allowed: ["layers", "activation", "loss", "dataset", "samples", "seed", "batch"],
      path: path, what: "in [model]")
    var layers: [Int]? = nil
    if let value = table["layers"] {
      let sizes = value.array?.compactMap(\.int) ?? []
      if sizes.count != value.array?.count || !(2...8).contains(sizes.count)
        || sizes.first != 2 || sizes.last != 1 || !sizes.allSatisfy({ (1...256).contains($0) })
      {
        report(
          path + ["layers"], value: true,
          "layers must be 2 to 8 sizes from 2 inputs to 1 output, each 1 to 256, e.g. [2, 16, 16, 1]"
        )
      } else {
        layers = sizes
      }
    } else {
      report(path, "missing required key `layers`")
    }
    var activation = MLP.Activation.tanh
    if let text = string(table, "activation", path: path) {
      if let a = MLP.Activation(rawValue: text) {
        activation = a
      } else {
        report(
          path + ["activation"], value: true,
          "activation must be \"tanh\", \"relu\" or \"sigmoid\", not \"\(text)\"")
      }
    }
    var loss = MLP.Loss.bce
    if let text = string(table, "loss", path: path) {
      if let l = MLP.Loss(rawValue: text) {
        loss = l
      } else {
        report(path + ["loss"], value: true, "loss must be \"bce\" or \"mse\", not \"\(text)\"")
      }
    }
    let samples = integer(table, "samples", path: path, in: 2...Dataset.maximumRows) ?? 200
    let seed = UInt64(integer(table, "seed", path: path, in: 0...Int.max) ?? 0)
    let batch = integer(table, "batch", path: path, in: 1...Dataset.maximumRows)
    var data: NetworkData? = nil
    let dataName = string(table, "dataset", path: path, required: true) ?? ""
    if let kind = NetworkData.Kind(rawValue: dataName) {
      data = NetworkData.generate(kind, count: samples, seed: seed)
    } else if dataName.hasSuffix(".csv") {
      switch readData(dataName) {
      case .success(let text):
        do {
          // Cross-entropy is a loss over classes: its targets are 0 or 1.
          let table = try Dataset(csv: text, file: dataFileName(dataName)) { column, value in
            column == 2 && loss == .bce && value != 0 && value != 1
              ? "is not a class label: with loss = \"bce\" the targets are 0 or 1 (loss = \"mse\" takes any number)"
              : nil
          }
          if table.columns.count != 3 {
            report(
              path + ["dataset"], value: true,
              "`\(dataName)` must have three columns: two inputs and the target")
          } else {
            var inputs: [Double] = []
            var targets: [Double] = []
            for r in 0..<table.rowCount {
              let row = table.row(r)
              inputs += [row[0], row[1]]
              targets.append(row[2])
            }
            data = NetworkData(inputs: inputs, targets: targets)
          }
        } catch {
          diagnostics.append(error)
        }
      case .failure(.notFound):
        report(path + ["dataset"], value: true, "data file `\(dataName)` not found")
      case .failure(.unusable(let message)):
        report(path + ["dataset"], value: true, message)
      case .failure(.invalid(let errors)):
        let message = errors.diagnostics.first?.message ?? "cannot be read"
        report(path + ["dataset"], value: true, "data file `\(dataName)`: \(message)")
      }
    } else if !dataName.isEmpty {
      let known = NetworkData.Kind.allCases.map(\.rawValue).joined(separator: ", ")
      report(
        path + ["dataset"], value: true,
        "dataset must be one of \(known), or a CSV file (x1,x2,label), not \"\(dataName)\"")
    }

    var directions = "random"
    var center = "initial"
    var directionSeed: UInt64 = 1
    if let slice {
      checkKeys(
        slice, allowed: ["directions", "center", "seed"] + Self.planeKeys, path: ["slice"],
        what: "in [slice]")
      directions = string(slice, "directions", path: ["slice"]) ?? directions
      center = string(slice, "center", path: ["slice"]) ?? center
      directionSeed = UInt64(integer(slice, "seed", path: ["slice"], in: 0...Int.max) ?? 1)
      if !["random", "pca"].contains(directions) {
        report(
          ["slice", "directions"], value: true,
          "directions must be \"random\" or \"pca\", not \"\(directions)\"")
      }
      if !["initial", "trained"].contains(center) {
        report(
          ["slice", "center"], value: true,
          "center must be \"initial\" or \"trained\", not \"\(center)\"")
      }
    }
    guard let layers, let data else { return nil }
    let mlp = MLP(layers: layers, activation: activation, loss: loss)
    // Bounds on the work a file may ask for: a forward pass over the data (every step, and
    // every pixel of the slice), and the reference run.
    let forward = mlp.parameterCount * data.count
    if forward > SceneLoader.maximumForwardWork {
      report(
        path + ["layers"], value: true,
        "\(mlp.parameterCount) weights on \(data.count) samples is \(forward) multiply-adds a forward pass; at most \(SceneLoader.maximumForwardWork)"
      )
      return nil
    }
    // A plane written out (as the view's save key writes it) is used as it is.
    if let slice, Self.planeKeys.contains(where: { slice[$0] != nil }) {
      for key in ["directions", "center", "seed"] where slice[key] != nil {
        report(
          ["slice", key], value: true,
          "`\(key)` cannot go with a plane given as origin, d1 and d2")
      }
      let vectors = Self.planeKeys.compactMap { weights(slice, $0, count: mlp.parameterCount) }
      guard vectors.count == 3 else { return nil }
      return NetworkScene(
        mlp: mlp, data: data, dataName: dataName, batch: batch, seed: seed,
        plane: Plane(origin: vectors[0], d1: vectors[1], d2: vectors[2]))
    }
    let reference = steps * Swift.min(batch ?? data.count, data.count) * mlp.parameterCount
    if (center == "trained" || directions == "pca") && reference > referenceWork {
      report(
        ["slice"],
        "the reference run (\(steps) steps) would cost \(reference) multiply-adds; at most \(referenceWork): use fewer steps, a smaller batch or a smaller network"
      )
      return nil
    }
    var scene = NetworkScene(
      mlp: mlp, data: data, dataName: dataName, batch: batch, seed: seed,
      plane: Plane(
        origin: mlp.initialParameters(seed: seed),
        d1: Parameters(repeating: 0, count: mlp.parameterCount),
        d2: Parameters(repeating: 0, count: mlp.parameterCount)))
    // A reference run (Adam with this scene's settings and mini-batches) gives the trained
    // centre and the PCA directions.
    var trainingPath: [Parameters] = [scene.initial]
    if center == "trained" || directions == "pca" {
      let h = OptimizerKind.adam.defaults.merging(settings[.adam] ?? Hyperparameters())
      let adam = Adam(lr: h.lr!, beta1: h.beta1!, beta2: h.beta2!, eps: h.eps!)
      var theta = scene.initial
      var memory = RuleMemory<Parameters>()
      for t in 1...steps {
        let batch = scene.batchData(forUpdate: t)
        let (_, g) = mlp.lossAndGradient(theta, inputs: batch.inputs, targets: batch.targets)
        theta = adam.apply(position: theta, gradient: g, memory: &memory, t: t)
        trainingPath.append(theta)
      }
    }
    let origin = center == "trained" ? trainingPath.last! : scene.initial
    var (d1, d2) = Plane.randomDirections(for: mlp, at: origin, seed: directionSeed)
    if directions == "pca" {
      if let (p1, p2) = Plane.principalDirections(of: trainingPath) {
        (d1, d2) = (p1, p2)
      } else {
        report(["slice", "directions"], value: true, "the training path is too short for PCA")
      }
    }
    scene.plane = Plane(origin: origin, d1: d1, d2: d2)
    return scene
  }

  // MARK: - Sections

  mutating func landmarks(_ root: TOMLTable, _ key: String, defaultLabel: String)
    -> [Scene.Landmark]
  {
    guard let value = root[key] else { return [] }
    guard let array = value.array else {
      report([key], "`\(key)` must be an array of tables: write [[\(key)]] sections")
      return []
    }
    var result: [Scene.Landmark] = []
    for (index, element) in array.enumerated() {
      let path = [key, String(index)]
      guard let table = element.table else {
        report(path, "each entry of `\(key)` must be a table with `at`")
        continue
      }
      checkKeys(table, allowed: ["at", "label"], path: path, what: "in [[\(key)]]")
      let label = string(table, "label", path: path) ?? defaultLabel
      if let at = point(table, "at", path: path, required: true) {
        result.append(Scene.Landmark(at, label: label))
      }
    }
    return result
  }

  /// The `optimizers` table of `parent` (at `path`): settings per optimizer.
  mutating func optimizerSettings(_ parent: TOMLTable, path parentPath: [String])
    -> [OptimizerKind: Hyperparameters]
  {
    guard let table = self.table(parent, "optimizers", path: parentPath) else { return [:] }
    var result: [OptimizerKind: Hyperparameters] = [:]
    for name in table.keys.sorted() {
      let path = parentPath + ["optimizers", name]
      guard let kind = OptimizerKind(rawValue: name) else {
        let names = OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")
        report(path, "unknown optimizer `\(name)` in [optimizers] (known: \(names))")
        continue
      }
      guard let section = table[name]?.table else {
        report(path, "`optimizers.\(name)` must be a table")
        continue
      }
      let allowed = kind.spec.settings.map(\.name)
      checkKeys(
        section, allowed: allowed, path: path,
        what: "for \(name) (it reads \(allowed.joined(separator: ", ")))")
      let h = settings(of: kind, in: section, path: path)
      do {
        _ = try kind.make(h)
        result[kind] = h
      } catch {
        // At the key at fault when the section sets it, else at the section's header.
        let key = error.setting.flatMap { section[$0] == nil ? nil : $0 }
        report(path + (key.map { [$0] } ?? []), value: key != nil, error.description)
      }
    }
    return result
  }

  /// The settings of `kind` that `section` (at `path`) gives, each read with its type.
  mutating func settings(of kind: OptimizerKind, in section: TOMLTable, path: [String])
    -> Hyperparameters
  {
    var h = Hyperparameters()
    for setting in kind.spec.settings {
      switch setting.kind {
      case .real: h[setting.name] = number(section, setting.name, path: path)
      case .integer(_, let valid):
        h[setting.name] = integer(
          section, setting.name, path: path, in: valid, automatic: setting.automatic
        ).map { Double($0) }
      case .seed:
        h.seed = integer(section, "seed", path: path, in: 0...Int.max).map(UInt64.init)
      case .choice:
        h.setWord(setting.name, to: string(section, setting.name, path: path))
      }
    }
    return h
  }

  // MARK: - Typed values

  mutating func table(_ parent: TOMLTable, _ key: String, path: [String] = []) -> TOMLTable? {
    guard let value = parent[key] else { return nil }
    guard let table = value.table else {
      report(path + [key], value: true, "`\(key)` must be a table, found \(Self.typeName(value))")
      return nil
    }
    return table
  }

  mutating func string(
    _ parent: TOMLTable, _ key: String, path: [String] = [], required: Bool = false
  ) -> String? {
    guard let value = parent[key] else {
      if required { report(path, "missing required key `\(key)`") }
      return nil
    }
    guard let text = value.string else {
      report(path + [key], value: true, "`\(key)` must be a string, found \(Self.typeName(value))")
      return nil
    }
    return text
  }

  mutating func number(_ parent: TOMLTable, _ key: String, path: [String]) -> Double? {
    guard let value = parent[key] else { return nil }
    guard let number = Self.number(value) else {
      report(path + [key], value: true, "`\(key)` must be a number, found \(Self.typeName(value))")
      return nil
    }
    guard number.isFinite else {
      report(path + [key], value: true, "`\(key)` must be finite")
      return nil
    }
    return number
  }

  /// The keys of a plane given in full: its origin and two directions in weight space.
  static let planeKeys = ["origin", "d1", "d2"]

  /// `[slice]`'s `key`: `count` finite numbers, one per weight of the network.
  mutating func weights(_ slice: TOMLTable, _ key: String, count: Int) -> Parameters? {
    guard let value = slice[key] else {
      report(["slice"], "missing `\(key)`: a plane in full needs origin, d1 and d2")
      return nil
    }
    let numbers = value.array?.compactMap { Self.number($0) } ?? []
    guard numbers.count == count, value.array?.count == count, numbers.allSatisfy(\.isFinite)
    else {
      report(
        ["slice", key], value: true,
        "`\(key)` must be an array of \(count) finite numbers, one per weight of the network")
      return nil
    }
    return Parameters(numbers)
  }

  /// The integer at `key`, if any, reported unless it is in `valid`; for a setting that
  /// has no default, the report says what leaving it out gives (`automatic`).
  mutating func integer(
    _ parent: TOMLTable, _ key: String, path: [String] = [], in valid: ClosedRange<Int>,
    automatic: String? = nil
  ) -> Int? {
    guard let value = parent[key] else { return nil }
    guard let integer = value.int else {
      report(
        path + [key], value: true, "`\(key)` must be an integer, found \(Self.typeName(value))")
      return nil
    }
    guard valid.contains(integer) else {
      let upper = valid.upperBound == Int.max ? "" : " and \(valid.upperBound)"
      let rule =
        upper.isEmpty ? "at least \(valid.lowerBound)" : "between \(valid.lowerBound)\(upper)"
      let hint = automatic.map { " (leave it out for \($0))" } ?? ""
      report(path + [key], value: true, "`\(key)` must be \(rule), not \(integer)\(hint)")
      return nil
    }
    return integer
  }

  mutating func pair(_ parent: TOMLTable, _ key: String, path: [String], required: Bool)
    -> SIMD2<Double>?
  {
    guard let value = parent[key] else {
      if required { report(path, "missing required key `\(key)`") }
      return nil
    }
    guard let array = value.array, array.count == 2,
      let a = Self.number(array[0]), let b = Self.number(array[1]), a.isFinite, b.isFinite
    else {
      report(
        path + [key], value: true, "`\(key)` must be an array of two numbers, e.g. [-2.0, 2.0]")
      return nil
    }
    return SIMD2(a, b)
  }

  mutating func point(
    _ parent: TOMLTable, _ key: String, path: [String], required: Bool = false
  ) -> SIMD2<Double>? {
    pair(parent, key, path: path, required: required)
  }

  mutating func range(_ parent: TOMLTable, _ key: String, path: [String]) -> ClosedRange<Double>? {
    guard let bounds = pair(parent, key, path: path, required: false) else { return nil }
    guard bounds.x < bounds.y else {
      report(
        path + [key], value: true,
        "view \(key) = [\(bounds.x), \(bounds.y)] is empty: \(key)[0] must be less than \(key)[1]")
      return nil
    }
    // A view wider than the largest double cannot be divided into pixels: it would draw blank.
    guard (bounds.y - bounds.x).isFinite else {
      report(
        path + [key], value: true,
        "view \(key) = [\(bounds.x), \(bounds.y)] is too wide: its width \(key)[1] - \(key)[0] must be a finite number"
      )
      return nil
    }
    return bounds.x...bounds.y
  }

  // MARK: - Reporting

  mutating func checkKeys(_ table: TOMLTable, allowed: [String], path: [String], what: String) {
    for key in table.keys.sorted() where !allowed.contains(key) {
      let suggestion = Self.closest(key, in: allowed).map { " (did you mean `\($0)`?)" } ?? ""
      report(path + [key], "unknown key `\(key)` \(what)\(suggestion)")
    }
  }

  /// Where the key at `path` and its value are written, e.g. `["view", "x"]` or
  /// `["minima", "1", "at"]` (elements of arrays are numbered from 0). An element of an
  /// array has no key: its "key" is the element itself, or for an array of tables its
  /// `[[…]]` header's name.
  func location(_ path: [String]) -> TOMLLocation? {
    guard let root = document?.root, !path.isEmpty else { return nil }
    var found: TOMLLocation? = nil
    var table: TOMLTable? = root
    var array: [TOMLValue]? = nil
    for component in path {
      if let entry = table?.entry(component) {
        found = TOMLLocation(key: entry.key, value: entry.value)
      } else if let array, let k = Int(component), array.indices.contains(k) {
        found = TOMLLocation(key: array[k].range, value: array[k])
      } else {
        return nil
      }
      table = found?.value.table
      array = found?.value.array
    }
    return found
  }

  /// Reports `message` at the key (or its value) at `path`, or at the nearest enclosing
  /// key that exists (a missing key at its table's name), or at 1:1 for the top level.
  mutating func report(_ path: [String], value: Bool = false, _ message: String) {
    var prefix = path
    while !prefix.isEmpty {
      if let location = location(prefix) {
        let range = prefix.count == path.count && value ? location.value.range : location.key
        diagnostics.append(diagnostic(at: range, message))
        return
      }
      prefix.removeLast()
    }
    diagnostics.append(
      SceneDiagnostic(file: file, line: 1, column: 1, message: message, sourceLine: sourceLine(1)))
  }

  /// A diagnostic underlining `range` (its first line, if it runs onto more).
  func diagnostic(at range: TOMLRange, _ message: String) -> SceneDiagnostic {
    let line = range.start.line
    let lineLength = sourceLine(line)?.unicodeScalars.count ?? 0
    return SceneDiagnostic(
      file: file, line: line, column: range.start.column,
      length: range.length(lineLength: lineLength), message: message,
      sourceLine: sourceLine(line))
  }

  /// An expression error inside `f`, placed at its line and column in the file.
  mutating func reportExpression(_ error: ExpressionError) {
    guard let location = location(["f"]) else {
      diagnostics.append(
        SceneDiagnostic(file: file, message: "in f: \(error.message) of the expression"))
      return
    }
    // Where each character of the expression is written: escapes such as \n map to their
    // backslash, and the end of the text to the closing quote.
    guard let positions = document?.sourcePositions(of: location.value),
      (1...positions.count).contains(error.column)
    else {
      diagnostics.append(
        diagnostic(
          at: location.value.range,
          "in f: \(error.message) of the expression\n" + error.description))
      return
    }
    let start = positions[error.column - 1]
    let last = positions[min(positions.count, error.column + error.length - 1) - 1]
    let length = last.line == start.line ? last.column - start.column + 1 : error.length
    diagnostics.append(
      SceneDiagnostic(
        file: file, line: start.line, column: start.column, length: length,
        message: "in f: \(error.reason)", sourceLine: sourceLine(start.line)))
  }

  func sourceLine(_ line: Int) -> String? {
    line >= 1 && line <= lines.count ? lines[line - 1] : nil
  }

  // MARK: - Helpers

  static func number(_ value: TOMLValue) -> Double? { value.number }

  static func typeName(_ value: TOMLValue) -> String { value.typeName }

  static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_"
    else { return false }
    return name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
    }
  }

  /// The allowed key closest to a misspelt one, if it is close enough to be a likely typo.
  static func closest(_ key: String, in allowed: [String]) -> String? {
    let scored = allowed.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
    guard let (best, distance) = scored, distance <= max(1, key.count / 3) else { return nil }
    return best
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(1, b.count) where !b.isEmpty {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
  }
}

/// Where a key and its value are written in a scene or lesson file.
struct TOMLLocation {
  /// The key's name (for an element of an array, the element; for an element of an array of
  /// tables, its `[[…]]` header's name).
  var key: TOMLRange
  var value: TOMLValue

  var line: Int { key.start.line }
  var keyColumn: Int { key.start.column }
  var valueColumn: Int { value.range.start.column }
}

extension Scene {
  static let formatVersion = SceneLoader.format
}
