import Foundation

/// A fresh temporary folder, removed with the value.
final class ScratchFolder {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-scratch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// The names in the folder, hidden ones included.
  func names() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// A 64 KB tmpfs mounted on a fresh temporary folder, to fill up in tests of a full disk.
/// Mounting needs root (as CI and the development machines run); without it there is none.
final class TinyFilesystem {
  let url: URL
  var path: String { url.path }

  init?() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "descent-tmpfs-\(UUID().uuidString)")
    guard
      (try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true))
        != nil
    else { return nil }
    guard "size=64k".withCString({ mount("tmpfs", url.path, "tmpfs", 0, $0) }) == 0 else {
      try? FileManager.default.removeItem(at: url)
      return nil
    }
  }

  deinit {
    umount2(url.path, Int32(MNT_DETACH))
    try? FileManager.default.removeItem(at: url)
  }

  /// Whether a tmpfs can be mounted here.
  static let available: Bool = TinyFilesystem() != nil

  func file(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Fills the filesystem until about `free` bytes (rounded to pages) are left.
  func fill(leaving free: Int) {
    let reserve = file(".reserve")
    _ = FileManager.default.createFile(
      atPath: reserve, contents: Data(repeating: 0, count: free))
    let descriptor = open(file(".filler"), O_WRONLY | O_CREAT, 0o600)
    let chunk = [UInt8](repeating: 0, count: 512)
    while write(descriptor, chunk, chunk.count) > 0 {}
    close(descriptor)
    unlink(reserve)
  }
}

/// The file type bits of what is at `path`, not following a link (`S_IFLNK`, `S_IFIFO`, ...).
func fileType(_ path: String) -> mode_t? {
  var status = stat()
  guard lstat(path, &status) == 0 else { return nil }
  return status.st_mode & S_IFMT
}

/// Runs `descent` with its stdout opened on `stdoutPath` (a device, say), stderr captured.
func descent(arguments: [String], stdoutPath: String) throws -> Outcome {
  // The shell opens the path, as `descent ... > path` would; descent sees only the descriptor.
  let line = "exec \"$0\" \"$@\" > \"$DESCENT_STDOUT\""
  return try runShell(line, arguments: arguments, environment: ["DESCENT_STDOUT": stdoutPath])
}

/// Runs `sh -c line descent arguments...`: in `line`, `$0` is the descent binary and `$@`
/// the arguments.
func runShell(_ line: String, arguments: [String] = [], environment: [String: String] = [:])
  throws -> Outcome
{
  try runProcess(
    URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", line, descentBinary.path] + arguments,
    environment: environment)
}

/// Linux's device number for `major`, `minor` (glibc's `makedev`, a macro Swift cannot see).
func device(_ major: UInt64, _ minor: UInt64) -> dev_t {
  dev_t((major & 0xfff) << 8 | (minor & 0xff) | (minor & ~0xff) << 12 | (major & ~0xfff) << 32)
}
