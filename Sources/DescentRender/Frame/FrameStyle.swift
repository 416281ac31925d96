import DescentCore

/// How boldly a frame draws the runs: for a screen at arm's length, or for a projector at
/// the back of a lecture hall.
public enum FrameStyle: String, Sendable, CaseIterable {
  /// Paths one pixel wide, heads one cell.
  case screen
  /// Paths two pixels wide both ways (two columns, one cell row), heads a block of cells
  /// (a half block either side of the head's cell), and the graphite ramp unless another
  /// colormap is chosen.
  case projector

  /// The colormap this style opens with when none is given.
  public var defaultColormap: Colormap { self == .projector ? .graphite : .viridis }
}

/// How much of a noisy trail is drawn: the path of an optimizer that draws at random
/// (annealing's walk, a swarm's or population's best point), which on a busy surface can
/// cover everything else. The head is always drawn.
public enum TrailMode: String, Sendable, CaseIterable {
  /// The whole path.
  case full
  /// The last `TrailMode.recentPoints` points only.
  case recent
  /// No path.
  case hidden

  /// How many of the newest points `recent` keeps.
  public static let recentPoints = 40

  /// The next mode, for the view's key.
  public var next: TrailMode {
    let all = TrailMode.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
}

extension OptimizerKind {
  /// Whether its path is noisy: it draws random numbers (it has a seed), as annealing, the
  /// swarm, the genetic algorithm, CMA-ES and the ant colony do.
  public var hasNoisyTrail: Bool { spec.setting("seed") != nil }
}

extension FrameState {
  /// The points of `run`'s trail to draw: all of them, or for a noisy trail what
  /// `noisyTrails` keeps.
  func trailPoints(_ run: RunView) -> ArraySlice<SIMD2<Double>> {
    let points = run.trail.points[...]
    guard run.kind.hasNoisyTrail else { return points }
    switch noisyTrails {
    case .full: return points
    case .recent: return points.suffix(TrailMode.recentPoints)
    case .hidden: return []
    }
  }

  /// The pixels a path pixel paints: itself, and in the projector style its neighbours to
  /// the right, below and both, so that a path is two pixels thick.
  var brush: [(dx: Int, dy: Int)] {
    style == .projector ? [(0, 0), (1, 0), (0, 1), (1, 1)] : [(0, 0)]
  }
}

extension Renderer {
  /// The glyph of a path drawn in whole cells (few colours, or ASCII): a heavier dot for a
  /// projector.
  static func trailGlyph(_ state: FrameState) -> Character {
    switch (state.style, state.unicode) {
    case (.screen, true): "•"
    case (.screen, false): "o"
    case (.projector, true): "●"
    case (.projector, false): "O"
    }
  }

  /// Draws a head as a block in the projector style: a half block in the run's colour on
  /// either side of the head's cell (`▐` to its left, `▌` to its right; `[` and `]` in
  /// ASCII), and the head's own glyph dark on the run's colour (reversed without colour),
  /// so a head is a square blob two cells wide, with a mark at its centre.
  ///
  /// `lower(column, row)` is the colour of a cell's lower pixel, kept behind a half block.
  static func drawHeadBlock(
    _ glyph: Character, column: Int, row: Int, color: Color, state: FrameState,
    into buffer: inout Buffer, limit: (columns: Int, rows: Int), sides: Bool = true,
    lower: (Int, Int) -> Color?
  ) {
    guard column >= 0, row >= 0, column < limit.columns, row < limit.rows else { return }
    let theme = state.theme
    let mono = theme.tier == .none
    let u = state.unicode
    let halves: [(Int, Character)] = sides ? [(-1, u ? "▐" : "["), (1, u ? "▌" : "]")] : []
    for (dx, side) in halves {
      let c = column + dx
      guard c >= 0, c < limit.columns else { continue }
      var cell = buffer[c, row]
      if cell.symbol == "▀" || cell.symbol == " " {
        cell.background = lower(c, row) ?? cell.background
      }
      cell.symbol = side
      cell.foreground = mono ? .default : color
      cell.attributes = [.bold]
      buffer[c, row] = cell
    }
    var cell = buffer[column, row]
    cell.symbol = glyph
    if mono {
      cell.foreground = .default
      cell.background = .default
      cell.attributes = [.bold, .reverse]
    } else {
      cell.foreground = theme.headBackground
      cell.background = color
      cell.attributes = [.bold]
    }
    buffer[column, row] = cell
  }
}
