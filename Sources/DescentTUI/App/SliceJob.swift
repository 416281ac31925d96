import DescentCore
import DescentRender

/// The runtime's side of `Effect.computeSlice`: a network slice computed at full resolution
/// on a background thread (on every core), while the view shows a coarse preview and the
/// keyboard stays live. The loop polls it and sends its progress and result to the model as
/// events; when it is cancelled, or the last reference lets go of it, the computation stops.
final class SliceJob: @unchecked Sendable {
  /// What the worker thread shares with the job: it holds this, not the job, so that the
  /// job can go away (and stop the worker) while the worker runs.
  private final class Shared: @unchecked Sendable {
    let lock = Lock()
    var rowsDone = 0
    var result: SliceResult?
    var stopped = false

    func withLock<T>(_ body: () -> T) -> T { lock.withLock(body) }
  }

  let request: SliceRequest
  private let shared = Shared()
  private let rowsTotal: Int

  init(_ request: SliceRequest) {
    self.request = request
    rowsTotal = request.viewport.pixelHeight
    let shared = self.shared
    detachThread {
      let result = request.compute(
        rowDone: { shared.withLock { shared.rowsDone += 1 } },
        cancelled: { shared.withLock { shared.stopped } })
      shared.withLock {
        if !shared.stopped { shared.result = result }
      }
    }
  }

  deinit { cancel() }

  /// The full slice, once computed.
  var result: SliceResult? { shared.withLock { shared.result } }

  /// The fraction of rows computed.
  var progress: Double {
    let done = shared.withLock { shared.rowsDone }
    return rowsTotal == 0 ? 1 : Double(done) / Double(rowsTotal)
  }

  /// Stops computing: the view moved on.
  func cancel() { shared.withLock { shared.stopped = true } }
}
