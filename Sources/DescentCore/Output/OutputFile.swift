#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why an output file cannot be written.
public struct OutputFileError: Error, Sendable, CustomStringConvertible {
  public enum Stage: Sendable {
    /// Nothing could be opened or created at the path; the path is as it was.
    case open
    /// Writing failed part way (a full disk, a device that refuses data). A file that was
    /// being replaced is as it was.
    case write
  }

  /// The path as the user gave it.
  public var path: String
  public var reason: String
  public var stage: Stage

  public var description: String { "cannot write '\(path)': \(reason)" }
}

/// Writing to a path the user named without harming what is there.
///
/// - A symbolic link is followed, and its target written; the link stays a link.
/// - A FIFO or a character device (`/dev/null`, `/dev/stdout`, a pipe given as `/dev/fd/N`)
///   is opened where it is and written as a stream; it is never replaced by a file. A FIFO
///   waits for its reader, as `echo > fifo` does.
/// - A regular file is replaced atomically: the text goes to a temporary file in the same
///   folder, which is synced and then renamed over it, keeping its permissions and owner.
///   A write that fails leaves the old file whole and no temporary file behind.
/// - A directory, a block device or a socket is refused.
public enum OutputFile {
  /// What output for a path is written to, once symbolic links are followed.
  public enum Target: Equatable, Sendable {
    /// A FIFO or character device, written in place as a stream.
    case stream
    /// A regular file at `path` (no symbolic links left in its last component), which is to
    /// be created or already exists.
    case file(path: String, existing: Existing?)
  }

  /// What is kept of a regular file that is replaced.
  public struct Existing: Equatable, Sendable {
    public var mode: mode_t
    public var owner: uid_t
    public var group: gid_t
  }

  /// Writes `text` to `path` as the type's documentation says.
  public static func write(_ text: String, to path: String) throws(OutputFileError) {
    switch try target(of: path) {
    case .stream:
      let descriptor = try openStream(path)
      defer { close(descriptor) }
      do {
        try FileWriter.writeAll(text, to: descriptor)
      } catch {
        throw OutputFileError(path: path, reason: "\(error)", stage: .write)
      }
    case .file(let resolved, let existing):
      try replace(resolved, with: text, existing: existing, reportedAs: path)
    }
  }

  /// Writes `text` to a new regular file at `path`, whole or not at all, and never over
  /// anything already there: the text goes to a temporary file beside it, synced, which is
  /// then hard-linked to `path` (which fails if `path` exists, however it came to be) and
  /// unlinked. Returns false, writing nothing, when something is already at `path`.
  public static func create(_ text: String, at path: String) throws(OutputFileError) -> Bool {
    var status = stat()
    if lstat(path, &status) == 0 { return false }
    var template = Array("\(folder(of: path))/.descent-new.XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw OutputFileError(path: path, reason: "\(SystemError.last)", stage: .open)
    }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    defer { unlink(temporary) }
    do {
      defer { close(descriptor) }
      let mask = umask(0)
      umask(mask)
      _ = fchmod(descriptor, 0o666 & ~mask)
      try FileWriter.writeAll(text, to: descriptor)
      guard fsync(descriptor) == 0 else { throw SystemError.last }
    } catch {
      throw OutputFileError(path: path, reason: "\(error)", stage: .write)
    }
    guard link(temporary, path) == 0 else {
      if errno == EEXIST { return false }
      throw OutputFileError(path: path, reason: "\(SystemError.last)", stage: .open)
    }
    return true
  }

  /// Where output for `path` goes.
  public static func target(of path: String) throws(OutputFileError) -> Target {
    func refuse(_ reason: String) -> OutputFileError {
      OutputFileError(path: path, reason: reason, stage: .open)
    }
    guard !path.isEmpty else { throw refuse("the path is empty") }
    var status = stat()
    if stat(path, &status) == 0 {
      switch status.st_mode & S_IFMT {
      case S_IFREG:
        guard let resolved = realpath(path, nil) else { throw refuse("\(SystemError.last)") }
        defer { free(resolved) }
        return .file(
          path: String(cString: resolved),
          existing: Existing(mode: status.st_mode, owner: status.st_uid, group: status.st_gid))
      case S_IFIFO, S_IFCHR: return .stream
      case S_IFDIR: throw refuse("it is a directory")
      case S_IFBLK: throw refuse("it is a block device")
      case S_IFSOCK: throw refuse("it is a socket")
      default: throw refuse("it is not a file")
      }
    }
    guard errno == ENOENT else { throw refuse("\(SystemError.last)") }
    // Nothing there, or a symbolic link to nothing yet: the file to create is at the end of
    // the chain of links.
    var current = path
    for _ in 0..<40 {
      guard lstat(current, &status) == 0 else { return .file(path: current, existing: nil) }
      guard status.st_mode & S_IFMT == S_IFLNK else { break }
      var bytes = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &bytes, bytes.count - 1)
      guard count > 0 else { throw refuse("\(SystemError.last)") }
      let link = String(decoding: bytes[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = link.hasPrefix("/") ? link : folder(of: current) + "/" + link
    }
    throw refuse("\(SystemError(ELOOP))")
  }

  /// Opens a FIFO or character device for writing, without creating or truncating anything.
  public static func openStream(_ path: String) throws(OutputFileError) -> Int32 {
    let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw OutputFileError(path: path, reason: "\(SystemError.last)", stage: .open)
    }
    // It was a FIFO or a device when looked at; make sure it still is.
    var status = stat()
    guard fstat(descriptor, &status) == 0,
      [S_IFIFO, S_IFCHR].contains(status.st_mode & S_IFMT)
    else {
      close(descriptor)
      throw OutputFileError(path: path, reason: "it changed while being opened", stage: .open)
    }
    return descriptor
  }

  /// Replaces (or creates) the regular file at `resolved` with `text` atomically.
  static func replace(
    _ resolved: String, with text: String, existing: Existing?, reportedAs path: String
  ) throws(OutputFileError) {
    let name = String(
      resolved[(resolved.lastIndex(of: "/").map(resolved.index(after:)) ?? resolved.startIndex)...])
    var template = Array("\(folder(of: resolved))/.\(name.prefix(200)).XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else {
      throw OutputFileError(path: path, reason: "\(SystemError.last)", stage: .open)
    }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var isOpen = true
    do {
      try FileWriter.writeAll(text, to: descriptor)
      if let existing {
        // As root, keep the owner; for anyone else this fails harmlessly.
        _ = fchown(descriptor, existing.owner, existing.group)
        _ = fchmod(descriptor, existing.mode & 0o7777)
      } else {
        let mask = umask(0)
        umask(mask)
        _ = fchmod(descriptor, 0o666 & ~mask)
      }
      guard fsync(descriptor) == 0 else { throw SystemError.last }
      isOpen = false
      guard close(descriptor) == 0 else { throw SystemError.last }
      guard rename(temporary, resolved) == 0 else { throw SystemError.last }
    } catch {
      if isOpen { close(descriptor) }
      unlink(temporary)
      throw OutputFileError(path: path, reason: "\(error)", stage: .write)
    }
    // The rename is durable once the folder is synced; a folder that cannot be synced
    // still holds the new file.
    let directory = open(folder(of: resolved), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directory >= 0 {
      _ = fsync(directory)
      close(directory)
    }
  }

  /// The folder part of `path`: "." for a bare name, "/" for a name at the root.
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
