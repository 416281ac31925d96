import DescentCore
import DescentRender
import Foundation

/// A network slice computed at full resolution in the background, on every core, while the
/// view shows a coarse preview and the keyboard stays live. The model polls it.
final class SliceJob: @unchecked Sendable {
  /// What the values depend on: the scene, the view and the map's size.
  struct Key: Equatable, Sendable {
    var scene: Int
    var x: ClosedRange<Double>
    var y: ClosedRange<Double>
    var columns: Int
    var rows: Int
  }

  let key: Key
  private let lock = NSLock()
  private var rowsDone = 0
  private let rowsTotal: Int
  private var result: Heatmap?
  private var stopped = false

  init(key: Key, scene: Scene, viewport: Viewport) {
    self.key = key
    let (xs, ys) = viewport.pixelCentres
    rowsTotal = ys.count
    guard let network = scene.network else {
      result = Heatmap(scene: scene, viewport: viewport)
      return
    }
    Thread.detachNewThread { [self] in
      let values = network.sliceValues(
        xs: xs, ys: ys,
        rowDone: { [self] in
          lock.lock()
          rowsDone += 1
          lock.unlock()
        },
        cancelled: { [self] in
          lock.lock()
          defer { lock.unlock() }
          return stopped
        })
      lock.lock()
      if !stopped { result = Heatmap(viewport: viewport, values: values) }
      lock.unlock()
    }
  }

  /// The full heatmap, once computed.
  var heatmap: Heatmap? {
    lock.lock()
    defer { lock.unlock() }
    return result
  }

  /// The fraction of rows computed.
  var progress: Double {
    lock.lock()
    defer { lock.unlock() }
    return rowsTotal == 0 ? 1 : Double(rowsDone) / Double(rowsTotal)
  }

  /// Stops computing: the view moved on.
  func cancel() {
    lock.lock()
    stopped = true
    lock.unlock()
  }
}
