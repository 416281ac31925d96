import DescentCore
import DescentRender
import Testing

@testable import DescentTUI

/// `P` (the projector style) and `t` (noisy trails) in the view.
@Suite struct ProjectorKeyTests {
  @Test func pTurnsTheProjectorStyleOnWithItsColormapAndOffBack() throws {
    var m = try model("rosenbrock", visible: [.gd, .anneal])
    m.type("m")
    #expect(m.colormap == .magma)
    m.type("P")
    #expect(m.style == .projector)
    #expect(m.colormap == .graphite)
    #expect(m.frameState().style == .projector)
    #expect(m.frame().plainText.contains("▐●▌"))
    m.type("P")
    #expect(m.style == .screen)
    #expect(m.colormap == .magma)
    #expect(!m.frame().plainText.contains("▐●▌"))
  }

  /// A colormap chosen while the style is on stays when it goes off.
  @Test func aColormapChosenMeanwhileStays() throws {
    var m = try model("rosenbrock", visible: [.gd])
    m.type("Pm")
    let chosen = m.colormap
    #expect(chosen != .graphite)
    m.type("P")
    #expect(m.colormap == chosen)
  }

  @Test func tCyclesTheNoisyTrailsAndTheHeadStays() throws {
    var m = try model("rosenbrock", visible: [.anneal])
    for _ in 0..<300 { m.type(".") }
    func annealPixels() -> Int {
      let frame = m.frame()
      let color = m.theme.path(.anneal)
      return frame.cells.filter {
        $0.symbol == "▀" && ($0.foreground == color || $0.background == color)
      }
      .count
    }
    let full = annealPixels()
    m.type("t")
    #expect(m.noisyTrails == .recent)
    #expect(m.message.contains("last 40 steps"))
    let recent = annealPixels()
    m.type("t")
    #expect(m.noisyTrails == .hidden)
    #expect(annealPixels() == 0)
    #expect(m.frame().plainText.contains("●"))
    m.type("t")
    #expect(m.noisyTrails == .full)
    #expect(annealPixels() == full)
    #expect(recent > 0 && recent < full)
  }

  /// `--style projector` opens in it; P then goes back to viridis.
  @Test func openedInTheProjectorStylePGoesBackToTheDefaultColormap() throws {
    let scenes = SceneLibrary.builtins
    let index = try #require(scenes.firstIndex { $0.name == "bowl" })
    var m = Model(
      scenes: scenes, sceneIndex: index, tier: .xterm256, colormap: .graphite, width: 100,
      height: 30)
    var screen = ScreenSetup()
    screen.style = .projector
    screen.trails = .hidden
    m.open(screen)
    #expect(m.style == .projector && m.noisyTrails == .hidden)
    m.type("P")
    #expect(m.colormap == .viridis)
  }
}
