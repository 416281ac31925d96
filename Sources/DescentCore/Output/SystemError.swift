#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An error a system call reported: its errno.
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
  public var code: Int32

  public init(_ code: Int32) { self.code = code }

  /// The error the last failed call left in `errno`.
  public static var last: SystemError { SystemError(errno) }

  /// `strerror`'s text, e.g. "No space left on device".
  public var description: String { String(cString: strerror(code)) }
}
