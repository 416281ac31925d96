#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Finds scenes: the built-in library compiled into the binary, and scene files on disk.
public enum SceneLibrary {
  /// The scene descent opens when none is named.
  public static let defaultName = "rosenbrock"

  /// Every built-in scene (the top-level `.toml` files of `scenes/`), sorted by name.
  public static let builtins: [Scene] = loadBuiltins().scenes

  /// The built-in network scenes (`scenes/networks/*.toml`), sorted by name: opened by name,
  /// but not in the Tab cycle, since their heatmaps cost a network's forward pass a pixel.
  public static let networks: [Scene] = loadBuiltins(folder: "networks/").scenes

  /// Problems in the built-in scene files. The test suite keeps this empty.
  public static let builtinProblems: [SceneDiagnostic] =
    loadBuiltins().problems + loadBuiltins(folder: "networks/").problems

  /// Every built-in scene's name, network scenes included, without loading any.
  public static let builtinNames: [String] = EmbeddedScenes.files.keys.compactMap { path in
    let name = path.hasPrefix("networks/") ? String(path.dropFirst("networks/".count)) : path
    guard name.hasSuffix(".toml"), !name.contains("/") else { return nil }
    return String(name.dropLast(".toml".count))
  }.sorted()

  /// The name `name` means among `names`: itself, or the one it spells in another case
  /// (`Rosenbrock`), so that names are case-insensitive everywhere.
  static func canonical(_ name: String, in names: [String]) -> String? {
    if names.contains(name) { return name }
    return names.first { $0.lowercased() == name.lowercased() }
  }

  /// " (did you mean `rosenbrock`?)" when `name` is close to one of `names`, else "".
  static func suggestion(for name: String, in names: [String]) -> String {
    TOMLReader.closest(name.lowercased(), in: names).map { " (did you mean `\($0)`?)" } ?? ""
  }

  /// The built-in scene called `name` (in any case), if there is one.
  public static func builtin(named name: String) -> Scene? {
    guard let name = canonical(name, in: builtinNames) else { return nil }
    if let scene = builtins.first(where: { $0.name == name }) { return scene }
    // Network scenes can be costly to load (a reference training run), so only the one
    // asked for is.
    guard EmbeddedScenes.files["networks/\(name).toml"] != nil else { return nil }
    return networkCache.scene(named: name) {
      loadBuiltins(folder: "networks/", only: name).scenes.first
    }
  }

  private static let networkCache = SceneCache()

  /// The names of every built-in scene, networks included, read from the file names alone
  /// (nothing is loaded): what shell completion offers.
  public static var completionNames: [String] {
    EmbeddedScenes.files.keys.compactMap { path -> String? in
      let name = path.hasPrefix("networks/") ? String(path.dropFirst("networks/".count)) : path
      guard name.hasSuffix(".toml"), !name.contains("/") else { return nil }
      return String(name.dropLast(".toml".count))
    }.sorted()
  }

  /// A built-in scene by name, or a scene file by path (relative to the working directory).
  public static func resolve(_ reference: String) throws(SceneLookupError) -> Scene {
    if let scene = builtin(named: reference) { return scene }
    let looksLikePath = reference.contains("/") || reference.hasSuffix(".toml")
    if !looksLikePath && !InputFile.exists(reference) {
      let hint = suggestion(for: reference, in: builtinNames)
      throw .notFound(
        "no built-in scene named '\(reference)'\(hint) (see `descent scenes`), and no such file")
    }
    return try load(path: reference)
  }

  /// Reads and validates a scene file; its data file is read relative to it.
  public static func load(path: String) throws(SceneLookupError) -> Scene {
    let text = try readText(path, what: "scene file", limit: SceneLoader.maximumFileSize)
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    let name = url.deletingPathExtension().lastPathComponent
    let result = SceneLoader.load(text: text, file: path, name: name) { relative in
      let dataURL = URL(fileURLWithPath: relative, relativeTo: directory)
      return Result { () throws(SceneLookupError) in
        try readText(dataURL.path, what: "data file", limit: Dataset.maximumFileSize)
      }
    }
    switch result {
    case .success(let scene): return scene
    case .failure(let errors): throw .invalid(errors)
    }
  }

  /// The text of the file at `path`, checked to be a regular file (`InputFile`), to be at
  /// most `limit` bytes (before it is read) and to be UTF-8. `what` names the file in
  /// messages ("scene file").
  public static func readText(_ path: String, what: String, limit: Int)
    throws(SceneLookupError) -> String
  {
    let data: Data
    do {
      data = try InputFile.read(path, what: what, limit: limit)
    } catch {
      switch error {
      case .missing(let message): throw .notFound(message)
      case .unusable(let message): throw .unusable(message)
      case .tooLarge(let size, _) where size > limit:
        throw .invalid(
          SceneErrors([
            SceneDiagnostic(
              file: path,
              message: "the file has \(size) bytes; a \(what) may have at most \(limit)")
          ]))
      case .tooLarge:
        throw .invalid(
          SceneErrors([
            SceneDiagnostic(file: path, message: "the file is larger than \(limit) bytes")
          ]))
      }
    }
    guard let text = String(data: data, encoding: .utf8) else {
      let (line, column) = firstInvalidUTF8(data)
      throw .invalid(
        SceneErrors([
          SceneDiagnostic(
            file: path, line: line, column: column,
            message: "not UTF-8 text: an invalid byte sequence starts here")
        ]))
    }
    return text
  }

  /// The line and column (in characters, 1-based) of the first byte sequence in `data`
  /// that is not UTF-8, so that the error points at it.
  static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    var bytes = data.makeIterator()
    var decoder = Unicode.UTF8()
    while true {
      switch decoder.decode(&bytes) {
      case .scalarValue(let scalar):
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput, .error: return (line, column)
      }
    }
  }

  private static func loadBuiltins(folder: String = "", only: String? = nil) -> (
    scenes: [Scene], problems: [SceneDiagnostic]
  ) {
    var scenes: [Scene] = []
    var problems: [SceneDiagnostic] = []
    for (path, text) in EmbeddedScenes.files.sorted(by: { $0.key < $1.key })
    where path.hasSuffix(".toml") && path.hasPrefix(folder)
      && !path.dropFirst(folder.count).contains("/")
    {
      let name = String(path.dropFirst(folder.count).dropLast(".toml".count))
      if let only, name != only { continue }
      let result = SceneLoader.load(text: text, file: "scenes/\(path)", name: name) { relative in
        EmbeddedScenes.files[normalize(folder + relative)].map { .success($0) }
          ?? .failure(.notFound("no such data file"))
      }
      switch result {
      case .success(let scene): scenes.append(scene)
      case .failure(let errors): problems += errors.diagnostics
      }
    }
    return (scenes, problems)
  }

  /// `./data/../data/a.csv` → `data/a.csv`.
  private static func normalize(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      if part == "." || part.isEmpty { continue }
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(part)
    }
    return parts.joined(separator: "/")
  }
}

/// Why a scene could not be opened.
public enum SceneLookupError: Error, Sendable, CustomStringConvertible {
  /// No such built-in scene or file.
  case notFound(String)
  /// Something is at the path, but it cannot be read as a file (a directory, a FIFO, a
  /// device, a symbolic link loop): the message says what it is.
  case unusable(String)
  /// The file exists but has problems; every one is listed.
  case invalid(SceneErrors)

  public var description: String {
    switch self {
    case .notFound(let message), .unusable(let message): message
    case .invalid(let errors): errors.description
    }
  }
}

/// Network scenes loaded so far, by name: each is loaded once per process.
private final class SceneCache: @unchecked Sendable {
  private let lock = Lock()
  private var scenes: [String: Scene] = [:]

  func scene(named name: String, load: () -> Scene?) -> Scene? {
    lock.withLock {
      if let scene = scenes[name] { return scene }
      let scene = load()
      scenes[name] = scene
      return scene
    }
  }
}
