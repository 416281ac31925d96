#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A network's weights as JSON, enough to rebuild it in another framework:
///
///     {"layers": [2, 8, 1], "activation": "tanh", "loss": "bce", "parameters": 33,
///      "weights": [W¹, W², ...], "biases": [b¹, b², ...]}
///
/// where Wˡ is a nested array with one row per output unit (as torch.nn.Linear.weight) and
/// bˡ an array (torch.nn.Linear.bias).
public enum WeightsFile {
  /// The largest weights file read, in bytes (32 MiB): the largest network a scene allows,
  /// about 400,000 weights, written in full precision, takes about 10 MiB.
  public static let maximumFileSize = 32 << 20

  public static func json(_ mlp: MLP, _ theta: Parameters) -> JSONValue {
    var weights: [JSONValue] = []
    var biases: [JSONValue] = []
    for l in 1..<mlp.layers.count {
      let (w, b) = mlp.layer(l, of: theta)
      weights.append(.array(w.map { .array($0.map { .number($0) }) }))
      biases.append(.array(b.map { .number($0) }))
    }
    return .object([
      ("layers", .array(mlp.layers.map { .integer($0) })),
      ("activation", .string(mlp.activation.rawValue)), ("loss", .string(mlp.loss.rawValue)),
      ("parameters", .integer(mlp.parameterCount)), ("weights", .array(weights)),
      ("biases", .array(biases)),
    ])
  }

  /// Reads weights written by `json` for `mlp`, checking that their shapes match it and that
  /// the file's `activation` and `loss`, when it gives them, are the network's.
  public static func read(_ data: Data, for mlp: MLP) throws(HyperparameterError) -> Parameters {
    guard let text = String(data: data, encoding: .utf8),
      let object = try? JSONValue(parsing: text), case .object = object
    else {
      throw HyperparameterError("the weights file is not a JSON object")
    }
    guard let layers = each(object["layers"], \.intValue),
      layers == mlp.layers
    else {
      throw HyperparameterError(
        "the weights are for layers \(object["layers"].map(shown) ?? "?"), the scene's network has \(mlp.layers)"
      )
    }
    // Weights trained with another activation or loss compute another function: a file
    // that says so is refused rather than evaluated as the scene's network.
    for (key, expected) in [("activation", mlp.activation.rawValue), ("loss", mlp.loss.rawValue)] {
      guard let value = object[key] else { continue }
      guard let text = value.stringValue else {
        throw HyperparameterError("the weights file's `\(key)` must be a string")
      }
      guard text == expected else {
        throw HyperparameterError(
          "the weights are for \(key) \"\(text)\", the scene's network has \(key) \"\(expected)\"")
      }
    }
    guard let weights = each(object["weights"], matrix),
      let biases = each(object["biases"], vector),
      weights.count == layers.count - 1, biases.count == layers.count - 1
    else {
      throw HyperparameterError("the weights file needs `weights` and `biases`, one per layer")
    }
    var theta: [Double] = []
    for l in 1..<layers.count {
      let w = weights[l - 1]
      let b = biases[l - 1]
      guard w.count == layers[l], w.allSatisfy({ $0.count == layers[l - 1] }),
        b.count == layers[l]
      else {
        throw HyperparameterError(
          "layer \(l): expected \(layers[l])×\(layers[l - 1]) weights and \(layers[l]) biases")
      }
      theta += w.flatMap { $0 } + b
    }
    guard theta.allSatisfy(\.isFinite) else {
      throw HyperparameterError("the weights file holds a value that is not a finite number")
    }
    return Parameters(theta)
  }

  /// The elements of an array, each read by `read`; nil if `value` is not an array or an
  /// element cannot be read.
  private static func each<T>(_ value: JSONValue?, _ read: (JSONValue) -> T?) -> [T]? {
    guard let items = value?.arrayValue else { return nil }
    var result: [T] = []
    result.reserveCapacity(items.count)
    for item in items {
      guard let element = read(item) else { return nil }
      result.append(element)
    }
    return result
  }

  /// An array of numbers.
  private static func vector(_ value: JSONValue) -> [Double]? { each(value, \.doubleValue) }

  /// An array of arrays of numbers.
  private static func matrix(_ value: JSONValue) -> [[Double]]? { each(value, vector) }

  /// A value as the message about the layers shows it: `[2, 8, 1]`, as the scene's.
  private static func shown(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): text
    case .array(let items): "[" + items.map(shown).joined(separator: ", ") + "]"
    default: value.rendered()
    }
  }
}
