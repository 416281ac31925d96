import DescentCore

/// The frames of an asciicast v2 recording made by descent (`--record`), read back into
/// cells: the screen after each output event, with its time.
public struct Recording: Sendable {
  public struct Frame: Sendable {
    /// Seconds from the start of the recording.
    public var time: Double
    public var buffer: Buffer
  }

  public var frames: [Frame]

  public init(frames: [Frame]) { self.frames = frames }

  /// Reads an asciicast v2 file: a header object with `version` 2, `width` and `height`,
  /// then `[time, "o", data]` events, whose data `ANSIScreen` applies, and
  /// `[time, "r", "WxH"]` resizes, which start a blank screen of the new size. Errors name
  /// the line.
  public init(asciicast text: String) throws(ANSIReadError) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    func failure(_ line: Int, _ message: String) -> ANSIReadError {
      ANSIReadError(description: "line \(line): \(message)")
    }
    func json(_ line: Int) throws(ANSIReadError) -> JSONValue {
      guard let value = try? JSONValue(parsing: String(lines[line - 1])) else {
        throw failure(line, "not JSON")
      }
      return value
    }
    guard !lines.isEmpty else { throw ANSIReadError(description: "empty recording") }
    let header = try json(1)
    guard case .object = header, header["version"]?.intValue == 2,
      let width = header["width"]?.intValue, let height = header["height"]?.intValue,
      (1...2000).contains(width), (1...1000).contains(height)
    else {
      throw failure(1, "not an asciicast v2 header (version 2, width and height)")
    }
    var screen = ANSIScreen(width: width, height: height)
    frames = []
    for number in 2...max(2, lines.count) where number <= lines.count {
      guard let event = try json(number).arrayValue, event.count == 3,
        let time = event[0].doubleValue, time.isFinite, time >= 0,
        let code = event[1].stringValue, let data = event[2].stringValue
      else { throw failure(number, "not an event [time, code, data]") }
      switch code {
      case "o":
        do { try screen.feed(data) } catch { throw failure(number, error.description) }
        frames.append(Frame(time: time, buffer: screen.buffer))
      case "r":
        let size = data.lowercased().split(separator: "x").compactMap { Int($0) }
        guard size.count == 2, (1...2000).contains(size[0]), (1...1000).contains(size[1])
        else { throw failure(number, "a resize must be WxH, got \(data)") }
        screen = ANSIScreen(width: size[0], height: size[1])
      default: continue  // input ("i") and markers ("m") do not change the screen
      }
    }
    guard !frames.isEmpty else { throw ANSIReadError(description: "the recording shows nothing") }
  }
}
