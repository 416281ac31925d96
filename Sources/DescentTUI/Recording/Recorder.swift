import DescentCore
import DescentRender
import Foundation

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
/// The file is opened (and truncated) in `init`, before the screen is taken over, so an
/// unwritable path is an error the user sees at once.
public final class Recorder {
  private let handle: FileHandle
  public let path: String
  private var start = 0.0
  private var previous: Buffer?
  private var tier = ColorTier.none
  /// Set when a write failed; recording stops and the view goes on.
  public private(set) var failure: String?

  /// Opens (creates or truncates) the file.
  public init(path: String) throws(RecorderError) {
    self.path = path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw RecorderError(description: "cannot record to '\(path)': it is a directory")
    }
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else {
      let reason = String(cString: strerror(errno))
      throw RecorderError(description: "cannot record to '\(path)': \(reason)")
    }
    self.handle = handle
  }

  /// Writes the header: the terminal's size, the time, and TERM and SHELL. Event times count
  /// from `now`.
  public func begin(
    width: Int, height: Int, tier: ColorTier, environment: [String: String], now: Double,
    timestamp: Int = Int(Date().timeIntervalSince1970)
  ) {
    self.tier = tier
    start = now
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

  /// Closes and deletes the file: nothing was shown, so there is nothing to keep.
  public func discard() {
    close()
    try? FileManager.default.removeItem(atPath: path)
  }

  public func close() {
    try? handle.synchronize()
    try? handle.close()
  }

  private func event(_ now: Double, _ code: String, _ data: String) {
    let time = (max(0, now - start) * 1e6).rounded() / 1e6
    let line = JSONValue.array([.number(time), .string(code), .string(data)])
    write(line.rendered() + "\n")
  }

  private func write(_ text: String) {
    guard failure == nil else { return }
    do {
      try handle.write(contentsOf: Data(text.utf8))
    } catch {
      failure = "recording to '\(path)' stopped: \(error.localizedDescription)"
    }
  }
}
