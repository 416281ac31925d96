import DescentCore
import DescentRender

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

/// Why a recording cannot be made.
public struct RecorderError: Error, CustomStringConvertible, Sendable {
  public let description: String
}

/// Writes an asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/) of the
/// frames the terminal shows: a JSON header line, then one `[time, "o", data]` line per
/// frame, where data is the bytes that update a terminal from the previous frame to this
/// one, and `[time, "r", "WxH"]` for a resize. Replaying the file (`asciinema play`, or any
/// terminal emulator fed the "o" data in order) shows what the view showed, with its timing.
///
/// The file is opened in `init`, before the screen is taken over, so an unwritable path is an
/// error the user sees at once; it is written as a stream while the view runs. A symbolic
/// link is followed and its target written; a FIFO or character device is written in place,
/// never replaced (`OutputFile.target(of:)`). A regular file is emptied only when the
/// recording begins. A write that fails (a full disk) cuts the file back to its last complete
/// line and stops the recording: `failure` says why.
public final class Recorder {
  private let descriptor: Int32
  public let path: String
  /// The file made for the recording, if nothing was there: `discard` removes it again.
  private let created: String?
  /// Whether the recording goes to a regular file, which can be emptied and cut back.
  private let regular: Bool
  /// Bytes of complete lines written.
  private var complete: off_t = 0
  private var closed = false
  private var start = 0.0
  private var previous: Buffer?
  private var tier = ColorTier.none
  /// Set when a write failed; nothing more is written.
  public private(set) var failure: String?

  /// Opens the file, creating it if needed; a file already there is emptied by `begin`.
  public init(path: String) throws(RecorderError) {
    self.path = path
    func refuse(_ reason: String) -> RecorderError {
      RecorderError(description: "cannot record to '\(path)': \(reason)")
    }
    let target: OutputFile.Target
    do {
      target = try OutputFile.target(of: path)
    } catch {
      throw refuse(error.reason)
    }
    switch target {
    case .stream:
      do {
        descriptor = try OutputFile.openStream(path)
      } catch {
        throw refuse(error.reason)
      }
      // The view draws on the terminal: a recording written there would garble it.
      if isatty(descriptor) != 0 {
        _ = closeDescriptor(descriptor)
        throw refuse("it is a terminal")
      }
      regular = false
      created = nil
    case .file(let resolved, let existing):
      descriptor = open(resolved, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o666)
      guard descriptor >= 0 else { throw refuse("\(SystemError.last)") }
      regular = true
      created = existing == nil ? resolved : nil
    }
  }

  /// Writes the header: the terminal's size, the time, and TERM and SHELL. Event times count
  /// from `now`.
  public func begin(
    width: Int, height: Int, tier: ColorTier, environment: [String: String], now: Double,
    timestamp: Int = Int(Date().timeIntervalSince1970)
  ) {
    self.tier = tier
    start = now
    if regular && ftruncate(descriptor, 0) != 0 {
      failure = "recording to '\(path)' stopped: \(SystemError.last)"
    }
    var env: [(String, JSONValue)] = []
    for key in ["TERM", "SHELL"] {
      if let value = environment[key] { env.append((key, .string(value))) }
    }
    let header = JSONValue.object([
      ("version", .integer(2)), ("width", .integer(width)), ("height", .integer(height)),
      ("timestamp", .integer(timestamp)), ("title", .string("descent")),
      ("env", .object(env)),
    ])
    write(header.rendered() + "\n")
  }

  /// Records the frame the terminal now shows.
  public func frame(_ buffer: Buffer, now: Double) {
    var data = buffer.ansiUpdate(from: previous, tier: tier)
    if previous == nil { data = "\u{1B}[?25l" + data }  // the view hides the cursor
    previous = buffer
    guard !data.isEmpty else { return }
    event(now, "o", data)
  }

  /// Records a resize of the terminal; the next frame is written whole.
  public func resize(width: Int, height: Int, now: Double) {
    previous = nil
    event(now, "r", "\(width)x\(height)")
  }

  /// Closes the file and removes it if the recording made it: nothing was shown, so there is
  /// nothing to keep. A file that was there before is left as it was.
  public func discard() {
    var ours = stat()
    let known = fstat(descriptor, &ours) == 0
    close()
    guard known, let created else { return }
    // Only if the path still names the file opened, not one put there since.
    var there = stat()
    if lstat(created, &there) == 0 && there.st_dev == ours.st_dev && there.st_ino == ours.st_ino {
      unlink(created)
    }
  }

  public func close() {
    guard !closed else { return }
    closed = true
    if regular { _ = fsync(descriptor) }
    _ = closeDescriptor(descriptor)
  }

  private func event(_ now: Double, _ code: String, _ data: String) {
    let time = (max(0, now - start) * 1e6).rounded() / 1e6
    let line = JSONValue.array([.number(time), .string(code), .string(data)])
    write(line.rendered() + "\n")
  }

  /// Writes one complete line. When the write fails part way, the file is cut back to the
  /// lines before it, so it always ends on a complete line.
  private func write(_ line: String) {
    guard failure == nil, !closed else { return }
    do {
      try FileWriter.writeAll(line, to: descriptor)
      complete += off_t(line.utf8.count)
    } catch {
      if regular {
        _ = ftruncate(descriptor, complete)
        _ = lseek(descriptor, complete, SEEK_SET)
      }
      failure = "recording to '\(path)' stopped: \(error)"
    }
  }
}

/// The C library's `close`: inside `Recorder`, a bare `close` names the recorder's own.
private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }
