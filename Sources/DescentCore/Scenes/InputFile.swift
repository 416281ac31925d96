#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the files descent is given (scenes, lessons, data, weights) as a file from a
/// stranger must be read: the path is looked at before it is opened, only a regular file is
/// read (a directory, a FIFO or a device like `/dev/zero` is refused for what it is, never
/// read, so nothing can block or stream forever), and the size limit applies before reading.
public enum InputFile {
  /// Why a file could not be read.
  public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing at the path (a dangling symbolic link counts as nothing).
    case missing(String)
    /// Something at the path that cannot be read as a file: what it is, and why.
    case unusable(String)
    /// A regular file larger than the limit.
    case tooLarge(size: Int, limit: Int)

    public var description: String {
      switch self {
      case .missing(let message), .unusable(let message): message
      case .tooLarge(let size, let limit):
        size > limit
          ? "the file has \(size) bytes; at most \(limit) are read"
          : "the file is larger than \(limit) bytes"
      }
    }
  }

  /// Whether anything is at `path`, even a symbolic link that leads nowhere or loops.
  public static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// The bytes of the regular file at `path`, at most `limit` of them. `what` names the
  /// file in messages ("scene file").
  public static func read(_ path: String, what: String, limit: Int) throws(Failure) -> Data {
    let named = "\(what) '\(path)'"
    var info = stat()
    if stat(path, &info) != 0 {
      throw problem(errno: errno, path: path, named: named)
    }
    if let kind = kind(of: info.st_mode) {
      throw .unusable(
        "\(named) is \(kind), not a regular file; descent reads only regular files")
    }
    if Int(info.st_size) > limit { throw .tooLarge(size: Int(info.st_size), limit: limit) }
    // Non-blocking, in case a FIFO took the file's place since the look above.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw problem(errno: errno, path: path, named: named) }
    defer { close(descriptor) }
    guard fstat(descriptor, &info) == 0 else {
      throw problem(errno: errno, path: path, named: named)
    }
    if let kind = kind(of: info.st_mode) {
      throw .unusable("\(named) is \(kind), not a regular file; descent reads only regular files")
    }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    while true {
      let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw .unusable("\(named) cannot be read: \(String(cString: strerror(errno)))")
      }
      if count == 0 { break }
      data.append(contentsOf: buffer[..<count])
      // It grew since it was looked at.
      if data.count > limit { throw .tooLarge(size: data.count, limit: limit) }
    }
    return data
  }

  /// What a file that is not a regular one is, in words; nil for a regular file.
  private static func kind(of mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: nil
    case S_IFDIR: "a directory"
    case S_IFIFO: "a FIFO (a named pipe)"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    default: "not a regular file"
    }
  }

  /// The failure `stat` or `open` reported.
  private static func problem(errno code: Int32, path: String, named: String) -> Failure {
    switch code {
    case ENOENT:
      return exists(path)
        ? .missing("\(named) is a symbolic link to a file that does not exist")
        : .missing("\(named) not found")
    case ELOOP:
      return .unusable("\(named) is a symbolic link that loops (too many levels of links)")
    case EACCES: return .unusable("\(named) cannot be read: permission denied")
    case ENOTDIR: return .missing("\(named) not found: a part of the path is not a directory")
    default: return .unusable("\(named) cannot be read: \(String(cString: strerror(code)))")
    }
  }
}

#if canImport(Glibc)
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  private let systemRead = Darwin.read
#endif
