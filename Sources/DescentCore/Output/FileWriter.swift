#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Buffered text output to a file descriptor through write(2), which reports the errno of a
/// write that fails. (Foundation's `FileHandle.write(_:)` traps instead, and `print` drops
/// the error.)
public final class FileWriter: @unchecked Sendable {
  /// The program's standard output. Nothing reaches the descriptor before `flush()` or a full
  /// buffer.
  public static let standardOutput = FileWriter(descriptor: STDOUT_FILENO)

  public let descriptor: Int32
  private let capacity: Int
  private var buffer: [UInt8] = []
  /// The first write's error, if one failed: every later call throws it again and writes
  /// nothing, so an error is never lost between a write and the final flush.
  public private(set) var error: SystemError?

  public init(descriptor: Int32, capacity: Int = 1 << 16) {
    self.descriptor = descriptor
    self.capacity = capacity
    buffer.reserveCapacity(capacity)
  }

  /// Adds `text` to the buffer, writing the buffer out once it holds `capacity` bytes.
  /// - Throws: `SystemError` from write(2).
  public func write(_ text: String) throws {
    if let error { throw error }
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= capacity { try flush() }
  }

  /// Writes out what the buffer holds. After an error the buffer is empty all the same.
  /// - Throws: `SystemError` from write(2).
  public func flush() throws {
    if let error { throw error }
    guard !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    do {
      try buffer.withUnsafeBytes { try Self.writeAll($0, to: descriptor) }
    } catch let failure as SystemError {
      error = failure
      throw failure
    }
  }

  /// Writes every byte of `bytes`, retrying after an interruption or a short write.
  /// - Throws: `SystemError` from write(2).
  public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let written = systemWrite(descriptor, base + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw SystemError.last
      }
      // write(2) returns 0 only for a request of 0 bytes; never loop on it.
      if written == 0 { throw SystemError(EIO) }
      offset += written
    }
  }

  /// Writes every byte of `text`'s UTF-8.
  /// - Throws: `SystemError` from write(2).
  public static func writeAll(_ text: String, to descriptor: Int32) throws {
    var text = text
    try text.withUTF8 { try writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
  }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
