#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `body` on a new thread of its own that nobody joins, as Foundation's
/// `Thread.detachNewThread` does (without Foundation, which brings ICU into the static
/// binary). The thread has the default stack size.
func detachThread(_ body: @escaping @Sendable () -> Void) {
  let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
  var attributes = pthread_attr_t()
  pthread_attr_init(&attributes)
  defer { pthread_attr_destroy(&attributes) }
  pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
  #if canImport(Darwin)
    var thread: pthread_t?
  #else
    var thread = pthread_t()
  #endif
  let status = pthread_create(
    &thread, &attributes,
    { context in
      let body = Unmanaged<ThreadBody>.fromOpaque(unwrapped(context)).takeRetainedValue()
      body.run()
      return nil
    }, context)
  // Without its thread the view would wait for the result forever: stop instead.
  precondition(status == 0, "descent: cannot start a thread (error \(status))")
}

private final class ThreadBody {
  let run: @Sendable () -> Void
  init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// The thread's argument: optional on Linux, not on macOS.
private func unwrapped(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer {
  pointer!
}
