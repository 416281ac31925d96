import DescentCore
import DescentRender
import Testing

/// The projector style (`--style projector`, `P`): block heads, thick paths, the graphite
/// ramp; and noisy trails thinned or hidden (`--trails`, `t`).
@Suite struct ProjectorStyleTests {
  static let classic: [OptimizerKind] = [.gd, .momentum, .nesterov, .rmsprop, .adam, .anneal]

  /// The cell a run's head is drawn in.
  func headCell(_ state: FrameState, _ kind: OptimizerKind) throws -> (Int, Int) {
    let run = try #require(state.runs.first { $0.kind == kind })
    let head = try #require(run.head)
    let cell = try #require(state.heat.heatmap.viewport.cell(of: head))
    return (cell.0, cell.1)
  }

  @Test func aHeadIsABlockOfCells() throws {
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.gd], steps: 500, width: 80, height: 24, tier: .xterm256,
      colormap: .graphite
    ) { $0.style = .projector }
    let (column, row) = try headCell(state, .gd)
    let color = state.theme.path(.gd)
    #expect(buffer[column - 1, row].symbol == "▐")
    #expect(buffer[column - 1, row].foreground == color)
    #expect(buffer[column + 1, row].symbol == "▌")
    #expect(buffer[column + 1, row].foreground == color)
    #expect(buffer[column, row].symbol == "●")
    #expect(buffer[column, row].background == color)
    #expect(buffer[column, row].foreground == state.theme.headBackground)
    // On the screen style the head is one cell, its neighbours heat or path.
    let (screen, _) = try frame(
      "rosenbrock", kinds: [.gd], steps: 500, width: 80, height: 24, tier: .xterm256)
    #expect(screen[column - 1, row].symbol != "▐")
    #expect(screen[column, row].background == state.theme.headBackground)
  }

  @Test func withoutColourTheHeadIsItsNumberReversedBetweenHalfBlocks() throws {
    let (buffer, state) = try frame(
      "rosenbrock", kinds: [.gd, .adam], steps: 60, width: 80, height: 24, tier: .none
    ) { $0.style = .projector }
    let (column, row) = try headCell(state, .adam)
    #expect(buffer[column - 1, row].symbol == "▐")
    #expect(buffer[column, row].symbol == "5")
    #expect(buffer[column, row].attributes.contains(.reverse))
    #expect(buffer[column + 1, row].symbol == "▌")
    let (ascii, _) = try frame(
      "rosenbrock", kinds: [.gd, .adam], steps: 60, width: 80, height: 24, tier: .none,
      unicode: false
    ) { $0.style = .projector }
    #expect(ascii[column - 1, row].symbol == "[")
    #expect(ascii[column, row].symbol == "5")
    #expect(ascii[column + 1, row].symbol == "]")
    // Paths in whole cells take a heavier dot.
    #expect(buffer.plainText.contains("●"))
    #expect(ascii.plainText.contains("O"))
  }

  /// How many pixels of the map (two per cell) are `kind`'s colour.
  func pixels(of kind: OptimizerKind, _ buffer: Buffer, _ state: FrameState) -> Int {
    let color = state.theme.path(kind)
    var count = 0
    for y in 0..<(buffer.height - 2) {
      for x in 0..<buffer.width where buffer[x, y].symbol == "▀" {
        if buffer[x, y].foreground == color { count += 1 }
        if buffer[x, y].background == color { count += 1 }
      }
    }
    return count
  }

  @Test func pathsAreTwoPixelsThick() throws {
    let (screen, state) = try frame(
      "rosenbrock", kinds: [.adam], steps: 300, width: 100, height: 30, tier: .truecolor)
    let (projector, _) = try frame(
      "rosenbrock", kinds: [.adam], steps: 300, width: 100, height: 30, tier: .truecolor
    ) { $0.style = .projector }
    let thin = pixels(of: .adam, screen, state)
    let thick = pixels(of: .adam, projector, state)
    #expect(thin > 20)
    // A one-pixel line brushed 2 × 2 covers about twice to four times the pixels.
    #expect(Double(thick) >= 1.8 * Double(thin), "\(thin) pixels thin, \(thick) thick")
  }

  @Test(arguments: [TrailMode.full, .recent, .hidden])
  func noisyTrailsAreThinnedOrHiddenAndTheOthersKept(mode: TrailMode) throws {
    let (full, state) = try frame(
      "rosenbrock", kinds: [.gd, .anneal], steps: 400, width: 100, height: 30, tier: .truecolor)
    let (buffer, _) = try frame(
      "rosenbrock", kinds: [.gd, .anneal], steps: 400, width: 100, height: 30, tier: .truecolor
    ) { $0.noisyTrails = mode }
    let annealFull = pixels(of: .anneal, full, state)
    let anneal = pixels(of: .anneal, buffer, state)
    switch mode {
    case .full: #expect(anneal == annealFull)
    case .recent: #expect(anneal > 0 && anneal < annealFull / 2, "\(anneal) of \(annealFull)")
    case .hidden: #expect(anneal == 0)
    }
    // The head is always drawn.
    let (column, row) = try headCell(state, .anneal)
    #expect(buffer[column, row].symbol == "●")
    #expect(buffer[column, row].foreground == state.theme.path(.anneal))
    // gd's path is not noisy: drawn in full in every mode.
    let (gdAlone, _) = try frame(
      "rosenbrock", kinds: [.gd], steps: 400, width: 100, height: 30, tier: .truecolor
    ) { $0.noisyTrails = mode }
    let (gdFull, _) = try frame(
      "rosenbrock", kinds: [.gd], steps: 400, width: 100, height: 30, tier: .truecolor)
    #expect(pixels(of: .gd, gdAlone, state) == pixels(of: .gd, gdFull, state))
  }

  @Test func theNoisyTrailsAreThoseOfMethodsThatDrawAtRandom() {
    let noisy = OptimizerKind.allCases.filter(\.hasNoisyTrail)
    #expect(Set(noisy) == [.anneal, .pso, .ga, .cmaes, .aco])
  }

  @Test func theThreeDViewDrawsTheStyleToo() throws {
    let (buffer, _) = try frame(
      "himmelblau", kinds: [.gd, .anneal], steps: 80, width: 80, height: 24, tier: .xterm256,
      colormap: .graphite
    ) {
      $0.style = .projector
      $0.noisyTrails = .hidden
      $0.surface = SurfaceView()
    }
    let text = buffer.plainText
    #expect(text.contains("▐●▌"))
  }

  @Test(arguments: [(80, 24), (200, 60)])
  func snapshot(width: Int, height: Int) throws {
    let (buffer, _) = try frame(
      "rosenbrock", kinds: Self.classic, steps: 500, width: width, height: height,
      tier: .xterm256, colormap: .graphite
    ) {
      $0.style = .projector
      $0.noisyTrails = .recent
    }
    Snapshot.check(buffer, "projector-rosenbrock-256-\(width)x\(height)")
  }

  @Test func asciiSnapshot() throws {
    let (buffer, _) = try frame(
      "rosenbrock", kinds: Self.classic, steps: 500, width: 80, height: 24, tier: .none,
      unicode: false
    ) {
      $0.style = .projector
      $0.noisyTrails = .hidden
    }
    Snapshot.check(buffer, "projector-rosenbrock-ascii-80x24")
  }
}
