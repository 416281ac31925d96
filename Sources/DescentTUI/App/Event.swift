import DescentCore
import DescentRender

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Everything that can happen to the app. Key presses, clicks, the passing of time, resizes
/// and the results of the effects the runtime performed all go through the same
/// `Model.update`.
public enum Event: Sendable, Equatable {
  case key(Key)
  /// A mouse click on a cell (button 1 pressed).
  case click(column: Int, row: Int)
  /// The mouse moved to a cell with button 1 held: a drag, from the click before it.
  case drag(column: Int, row: Int)
  /// Time has passed.
  case tick(TimeInterval)
  case resize(width: Int, height: Int)
  /// How much of the slice asked for by `Effect.computeSlice` is done, in [0, 1].
  case sliceProgress(ViewKey, Double)
  /// The full slice asked for by `Effect.computeSlice`.
  case sliceComputed(SliceResult)
  /// What a gradient of scene `scene`'s network costs, asked for by
  /// `Effect.measureGradientCost`.
  case gradientCostMeasured(scene: Int, cost: GradientTiming)
  /// Esc and a printable character read together, within the escape delay: Alt held with
  /// the key, or Esc pressed just before the key. Where Esc closes something (the command
  /// line, the picker) it is Esc then the key; elsewhere, where Esc quits, Alt with the key,
  /// which means nothing.
  case escapeThen(Character)
  /// Input that means nothing here (Home, a paste): the message says so.
  case ignored(String)
  /// The setup asked for by `Effect.saveSetup` was written to `file`; `command` reopens it.
  case setupSaved(file: String, command: String)
  /// The setup could not be written: why.
  case saveFailed(String)
}

/// What the runtime should do after an update: the model asks, the runtime performs, and
/// any result comes back as an `Event` (bubbletea's commands). The model itself never
/// starts a thread or reads a clock, so frames are a pure function of it.
public enum Effect: Sendable, Equatable {
  case none
  case quit
  /// Compute a network slice at full resolution, in the background, reporting
  /// `.sliceProgress` meanwhile and `.sliceComputed` at the end. A newer request replaces
  /// (cancels) an older one.
  case computeSlice(SliceRequest)
  /// Time one gradient of the scene (its network's backprop, or its tape's), then report
  /// `.gradientCostMeasured`.
  case measureGradientCost(scene: Int, of: Scene)
  /// Write the setup as a new scene file (`SavedSetup.save`), then report `.setupSaved` or
  /// `.saveFailed`.
  case saveSetup(SavedSetup)
  /// Several of the above, in order.
  indirect case batch([Effect])

  /// `self`, then `other`.
  func then(_ other: Effect) -> Effect {
    switch (self, other) {
    case (.none, _): other
    case (_, .none): self
    case (.batch(let a), .batch(let b)): .batch(a + b)
    case (.batch(let a), _): .batch(a + [other])
    case (_, .batch(let b)): .batch([self] + b)
    default: .batch([self, other])
    }
  }

  /// The effects in order, batches flattened.
  public var all: [Effect] {
    switch self {
    case .none: []
    case .batch(let effects): effects.flatMap(\.all)
    default: [self]
    }
  }

  public static func == (a: Effect, b: Effect) -> Bool {
    switch (a, b) {
    case (.none, .none), (.quit, .quit): true
    case (.computeSlice(let x), .computeSlice(let y)): x == y
    case (.measureGradientCost(let x, _), .measureGradientCost(let y, _)): x == y
    case (.batch(let x), .batch(let y)): x == y
    case (.saveSetup(let x), .saveSetup(let y)): x == y
    default: false
    }
  }
}

/// What a heatmap's values depend on: the scene, the view and the map's size.
public struct ViewKey: Equatable, Sendable {
  var scene: Int
  var x: ClosedRange<Double>
  var y: ClosedRange<Double>
  var columns: Int
  var rows: Int
}

/// A network slice to compute: the loss at every pixel of `viewport`.
public struct SliceRequest: Sendable, Equatable {
  public let key: ViewKey
  public let scene: Scene
  public let viewport: Viewport

  public static func == (a: SliceRequest, b: SliceRequest) -> Bool {
    a.key == b.key && a.viewport == b.viewport
  }

  /// The slice, computed here (on every core), for runtimes and tests that wait for it.
  public func compute(
    rowDone: @Sendable () -> Void = {}, cancelled: @Sendable () -> Bool = { false }
  ) -> SliceResult? {
    let (xs, ys) = viewport.pixelCentres
    guard let network = scene.network else {
      return SliceResult(key: key, heatmap: Heatmap(scene: scene, viewport: viewport))
    }
    let values = network.sliceValues(xs: xs, ys: ys, rowDone: rowDone, cancelled: cancelled)
    guard !cancelled() else { return nil }
    return SliceResult(key: key, heatmap: Heatmap(viewport: viewport, values: values))
  }
}

/// A computed slice, for the view it was asked for.
public struct SliceResult: Sendable, Equatable {
  public let key: ViewKey
  public let heatmap: Heatmap

  public static func == (a: SliceResult, b: SliceResult) -> Bool {
    a.key == b.key && a.heatmap.viewport == b.heatmap.viewport
      && a.heatmap.values.elementsEqual(b.heatmap.values) { $0 == $1 || ($0.isNaN && $1.isNaN) }
  }
}

/// What one full-data gradient of a network costs (see `NetworkScene.gradientCost`), or on
/// a surface one gradient by the tape (see `GradientCost.measure(surface:)`).
public struct GradientTiming: Sendable, Equatable {
  public var parameters: Int
  public var backprop: Double
  public var forward: Double
  public var finiteDifferences: Double

  public init(parameters: Int, backprop: Double, forward: Double, finiteDifferences: Double) {
    self.parameters = parameters
    self.backprop = backprop
    self.forward = forward
    self.finiteDifferences = finiteDifferences
  }

  /// Measured here and now, by the wall clock.
  public init(measuring network: NetworkScene) {
    let cost = network.gradientCost()
    self.init(
      parameters: cost.parameters, backprop: cost.backprop, forward: cost.forward,
      finiteDifferences: cost.finiteDifferences)
  }

  /// Measured here and now: a network scene's network, or a surface's tape.
  public init(measuring scene: Scene) {
    if let network = scene.network {
      self.init(measuring: network)
      return
    }
    let cost = GradientCost.measure(surface: scene)
    self.init(
      parameters: 2, backprop: cost.backprop, forward: cost.forward,
      finiteDifferences: 4 * cost.forward)
  }

  /// A gradient's cost in forward passes, at least 1: what a race by evaluations counts.
  public var gradientCost: Double {
    RaceMode.gradientCost(forward: forward, gradient: backprop)
  }
}
