import DescentCore
import DescentRender
import Foundation

/// A network slice computed at full resolution in the background, on every core, while the
/// view shows a coarse preview and the keyboard stays live. The model polls it; when the
/// last copy of the model lets go of it (or it is cancelled), the computation stops.
final class SliceJob: @unchecked Sendable {
  /// What the worker thread shares with the job: it holds this, not the job, so that the
  /// job can go away (and stop the worker) while the worker runs.
  private final class Shared: @unchecked Sendable {
    let lock = NSLock()
    var rowsDone = 0
    var result: Heatmap?
    var stopped = false

    func withLock<T>(_ body: () -> T) -> T {
      lock.lock()
      defer { lock.unlock() }
      return body()
    }
  }

  let key: ViewKey
  private let shared = Shared()
  private let rowsTotal: Int

  init(key: ViewKey, scene: Scene, viewport: Viewport) {
    self.key = key
    let (xs, ys) = viewport.pixelCentres
    rowsTotal = ys.count
    guard let network = scene.network else {
      shared.result = Heatmap(scene: scene, viewport: viewport)
      return
    }
    let shared = self.shared
    Thread.detachNewThread {
      let values = network.sliceValues(
        xs: xs, ys: ys, rowDone: { shared.withLock { shared.rowsDone += 1 } },
        cancelled: { shared.withLock { shared.stopped } })
      shared.withLock {
        if !shared.stopped { shared.result = Heatmap(viewport: viewport, values: values) }
      }
    }
  }

  deinit { cancel() }

  /// The full heatmap, once computed.
  var heatmap: Heatmap? { shared.withLock { shared.result } }

  /// The fraction of rows computed.
  var progress: Double {
    let done = shared.withLock { shared.rowsDone }
    return rowsTotal == 0 ? 1 : Double(done) / Double(rowsTotal)
  }

  /// Stops computing: the view moved on.
  func cancel() { shared.withLock { shared.stopped = true } }
}
