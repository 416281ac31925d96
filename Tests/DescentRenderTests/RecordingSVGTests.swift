import DescentCore
import DescentRender
import Foundation
import Testing

/// Frames of `kinds` on a scene at several step counts, as a recording would show them.
private func frames(
  _ scene: String, steps: [Int], width: Int, height: Int, tier: ColorTier
) throws -> [Buffer] {
  try steps.map {
    try frame(
      scene, kinds: [.gd, .adam], steps: $0, width: width, height: height, tier: tier
    ) { $0.message = "step" }.0
  }
}

/// An asciicast v2 file of `buffers` shown at `times`, written as `Recorder` writes one:
/// each frame as the update from the one before; `resizeBefore` frames start a new size.
private func asciicast(_ buffers: [Buffer], times: [Double], tier: ColorTier) -> String {
  func json(_ text: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [text], options: [])
    return String(decoding: data, as: UTF8.self).dropFirst().dropLast().description
  }
  var out = "{\"version\":2,\"width\":\(buffers[0].width),\"height\":\(buffers[0].height)}\n"
  var previous: Buffer?
  for (buffer, time) in zip(buffers, times) {
    if let p = previous, p.width != buffer.width || p.height != buffer.height {
      out += "[\(time),\"r\",\"\(buffer.width)x\(buffer.height)\"]\n"
      previous = nil
    }
    let data = "\u{1B}[?25l" + buffer.ansiUpdate(from: previous, tier: tier)
    out += "[\(time),\"o\",\(json(data))]\n"
    previous = buffer
  }
  return out
}

@Suite struct ANSIScreenTests {
  /// What `ansiUpdate` writes reads back into the very cells, on every tier, whole or as
  /// an update from the frame before.
  @Test(arguments: ColorTier.allCases)
  func updatesReadBackIntoTheirCells(tier: ColorTier) throws {
    let shown = try frames("himmelblau", steps: [0, 30, 60], width: 70, height: 22, tier: tier)
    var screen = ANSIScreen(width: 70, height: 22)
    var previous: Buffer?
    for buffer in shown {
      try screen.feed(buffer.ansiUpdate(from: previous, tier: tier))
      #expect(screen.buffer == buffer, "\(screen.buffer.plainText)\n---\n\(buffer.plainText)")
      previous = buffer
    }
  }

  @Test func attributesAndColoursOfEverySGRForm() throws {
    var screen = ANSIScreen(width: 8, height: 2)
    try screen.feed("\u{1B}[2;3H\u{1B}[1;7;91;104ma\u{1B}[0;2;38;5;200;48;2;1;2;3mb\u{1B}[mc")
    #expect(
      screen.buffer[2, 1]
        == Cell(
          "a", foreground: .indexed(9), background: .indexed(12),
          attributes: [.bold, .reverse]))
    #expect(
      screen.buffer[3, 1]
        == Cell(
          "b", foreground: .indexed(200), background: .rgb(1, 2, 3),
          attributes: .dim))
    #expect(screen.buffer[4, 1] == Cell("c"))
  }

  @Test(arguments: ["\u{1B}[5A", "\u{1B}[3J", "\u{1B}[38;5m", "\u{1B}]0;title\u{7}", "\u{1B}[1"])
  func otherSequencesAreRefused(text: String) {
    var screen = ANSIScreen(width: 8, height: 2)
    #expect(throws: ANSIReadError.self) { try screen.feed(text) }
  }
}

@Suite struct RecordingSVGTests {
  @Test func anAsciicastReadsBackFrameByFrameThroughAResize() throws {
    let large = try frames(
      "rosenbrock", steps: [0, 40, 80], width: 60, height: 20, tier: .xterm256)
    let small = try frames("rosenbrock", steps: [120], width: 48, height: 16, tier: .xterm256)
    let shown = large + small
    let times = [0.1, 0.6, 1.1, 2.35]
    let recording = try Recording(asciicast: asciicast(shown, times: times, tier: .xterm256))
    #expect(recording.frames.map(\.buffer) == shown)
    #expect(recording.frames.map(\.time) == times)
  }

  @Test(arguments: [
    ("", "empty recording"),
    ("{\"version\":1,\"width\":80,\"height\":24}\n", "line 1"),
    ("{\"version\":2,\"width\":80,\"height\":24}\n[0.5,\"o\"]\n", "line 2"),
    (
      "{\"version\":2,\"width\":80,\"height\":24}\n[0.5,\"o\",\"\\u001b[5A\"]\n",
      "line 2: unsupported"
    ),
    ("{\"version\":2,\"width\":80,\"height\":24}\n[0.5,\"r\",\"80by24\"]\n", "line 2"),
    ("{\"version\":2,\"width\":80,\"height\":24}\n", "shows nothing"),
  ])
  func malformedRecordingsSayWhere(text: String, message: String) {
    #expect {
      _ = try Recording(asciicast: text)
    } throws: {
      ($0 as? ANSIReadError)?.description.contains(message) == true
    }
  }

  /// Frame k of the animation is what its groups 0…k paint, and each group shows from its
  /// frame's time on, in a loop that holds the last frame.
  @Test func animatedSVGShowsEachFrameAtItsTime() throws {
    let large = try frames(
      "rosenbrock", steps: [0, 40, 80], width: 60, height: 20, tier: .truecolor)
    let small = try frames("rosenbrock", steps: [120], width: 48, height: 16, tier: .truecolor)
    let shown = large + [large[2]] + small  // an unchanged frame adds no group
    let times = [0.0, 0.5, 1.0, 1.5, 3.0]
    let recording = try Recording(asciicast: asciicast(shown, times: times, tier: .truecolor))
    let svg = recording.svg(title: "talk", hold: 2)
    let whole = try SVGPicture(svg)
    #expect(whole.width == 60 && whole.height == 20)
    #expect(whole.title == "talk")
    #expect(whole.coverage.allSatisfy { $0.allSatisfy { $0 >= 1 } })
    #expect(
      whole.animations.map { $0["keyTimes"] } == ["0;0.1", "0;0.2", "0;0.6"])
    #expect(whole.animations.allSatisfy { $0["dur"] == "5s" && $0["values"] == "hidden;visible" })
    for (k, buffer) in [large[0], large[1], large[2], small[0]].enumerated() {
      let picture = try SVGPicture(svg, upToFrame: k)
      var expected = buffer.plainText.split(separator: "\n").map {
        String($0.map { $0 == "▀" ? " " : $0 }).padding(toLength: 60, withPad: " ", startingAt: 0)
      }
      expected += Array(repeating: String(repeating: " ", count: 60), count: 20 - expected.count)
      #expect(picture.glyphs.map { String($0) } == expected, "frame \(k)")
      for y in 0..<buffer.height {
        for x in 0..<buffer.width where buffer[x, y].attributes.isDisjoint(with: [.reverse, .dim]) {
          if let background = hexOf(buffer[x, y].background) {
            #expect(picture.pixels[2 * y + 1][x] == background, "frame \(k) cell \(x),\(y)")
          }
        }
      }
      if k == 3 {
        // Outside the smaller screen, the default background.
        #expect(picture.pixels[39][59] == "#141414")
      }
    }
    #expect(
      whole.glyphs == (try SVGPicture(svg, upToFrame: 3)).glyphs, "still viewers see the last frame"
    )
  }
}
