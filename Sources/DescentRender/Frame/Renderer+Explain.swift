import DescentCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A vector explain mode draws at the inspected run's head, true length, in the map's world
/// units: the gradient as the update scales it, a memory that lives in x's space, the step.
public struct ExplainVector: Sendable, Equatable {
  public enum Role: Int, Sendable, CaseIterable {
    /// The gradient as the equation scales it: −lr·g.
    case gradient
    /// Momentum's −lr·b, Adam's −lr·m̂: the memory, scaled as the update uses it.
    case memory
    /// The step the update made, Δx.
    case update
  }

  public var role: Role
  /// The letter at its tip, and before its legend line: g, b, m, Δ.
  public var glyph: Character
  /// As the legend names it: "−lr·g".
  public var name: String
  /// What it is, in a few words.
  public var meaning: String
  /// From the head to its tip, in world units.
  public var vector: SIMD2<Double>

  /// The letter without Unicode: Δ is d.
  public var asciiGlyph: Character { glyph == "Δ" ? "d" : ASCIIFallback.glyph(glyph) }

  public init(
    _ role: Role, glyph: Character, name: String, meaning: String, vector: SIMD2<Double>
  ) {
    self.role = role
    self.glyph = glyph
    self.name = name
    self.meaning = meaning
    self.vector = vector
  }

  /// The vectors of an update whose inspector rows are `rows`, with the learning rate `lr`
  /// in force: −lr·g (−t·g after a line search), the memory in x's space (momentum's b,
  /// Adam's m̂, each times −lr as the update uses it), and the step Δx. A gradient-free
  /// update has only its step.
  public static func vectors(rows: [InspectorRow], lr: Double?, step: SIMD2<Double>?)
    -> [ExplainVector]
  {
    func pair(_ label: String) -> SIMD2<Double>? {
      guard case .vector(let v)? = rows.first(where: { $0.label == label })?.value, v.count == 2
      else { return nil }
      return SIMD2(v[0], v[1])
    }
    func number(_ label: String) -> Double? {
      guard case .number(let x)? = rows.first(where: { $0.label == label })?.value else {
        return nil
      }
      return x
    }
    var vectors: [ExplainVector] = []
    let scale =
      number("t").map { ($0, "t") } ?? number("lr").map { ($0, "lr") } ?? lr.map { ($0, "lr") }
    if let g = pair("used g"), let (s, name) = scale {
      vectors.append(
        ExplainVector(
          .gradient, glyph: "g", name: "−\(name)·g", meaning: "the gradient, scaled as used",
          vector: -s * g))
    }
    if let (s, name) = scale {
      if let b = pair("buffer b") {
        vectors.append(
          ExplainVector(
            .memory, glyph: "b", name: "−\(name)·b", meaning: "the momentum buffer",
            vector: -s * b))
      } else if let m = pair("m̂") ?? pair("m") {
        vectors.append(
          ExplainVector(
            .memory, glyph: "m", name: "−\(name)·m" + (pair("m̂") != nil ? "̂" : ""),
            meaning: "the first moment", vector: -s * m))
      }
    }
    if let step = step ?? pair("step") {
      vectors.append(
        ExplainVector(.update, glyph: "Δ", name: "Δx", meaning: "the step taken", vector: step))
    }
    return vectors
  }
}

extension ExplainVector {
  /// Whether `a` and `b` are the same vector, up to rounding (heavy ball's Δx is the new
  /// point minus the old, −lr·b computed another way).
  static func same(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Bool {
    let d = a - b
    let size = max((a * a).sum(), (b * b).sum()).squareRoot()
    return size > 0 && (d * d).sum().squareRoot() <= 1e-9 * size
  }

  /// The legend's vectors that are one and the same, each set the step first (heavy ball:
  /// Δx and −lr·b; gradient descent: Δx and −lr·g), as index sets of two or more.
  public static func coinciding(_ legend: [ExplainVector]) -> [[Int]] {
    var groups: [[Int]] = []
    for i in legend.indices {
      if let g = groups.firstIndex(where: { same(legend[$0[0]].vector, legend[i].vector) }) {
        groups[g].append(i)
      } else {
        groups.append([i])
      }
    }
    return groups.filter { $0.count > 1 }.map {
      $0.sorted { legend[$0].role.rawValue > legend[$1].role.rawValue }
    }
  }
}

extension Theme {
  /// The colour of an explain vector: far from every colormap's levels and from the paths'
  /// colours (`ColourDistanceTests`); without colour, the letters tell them apart.
  public func explain(_ role: ExplainVector.Role) -> Color {
    guard tier != .none else { return .default }
    return tier == .xterm256
      ? .indexed(Theme.explainXterm[role.rawValue])
      : Theme.resolve(RGB.xterm[Int(Theme.explainXterm[role.rawValue])], tier: tier)
  }

  /// The explain vectors' palette entries: gradient, memory, update.
  static let explainXterm: [UInt8] = [130, 39, 182]
}

extension Renderer {
  /// The length, in cells, under which explain mode's longest vector is too short to read:
  /// the vectors are then drawn scaled.
  static let explainShortestCells = 3.0

  /// The factors explain mode may scale its vectors by, smallest first: 2, 5, 10, 20, 50, …
  static let explainFactors: [Double] = (0..<9).flatMap { e in
    [2.0, 5, 10].map { $0 * pow(10, Double(e)) }
  }

  /// The factor explain mode draws `state`'s vectors at: 1, true length, when the longest
  /// is at least `explainShortestCells` long on the map; else the smallest of
  /// `explainFactors` that makes it so (or, if that takes a vector that fitted off the map,
  /// the largest smaller one that keeps them all on it and the longest over 1.5 cells).
  /// The map and the panel both state it: a scaled vector is never drawn silently.
  public static func explainScale(_ state: FrameState) -> Double {
    guard let view = state.equations, state.runs.indices.contains(view.run),
      let head = state.runs[view.run].head
    else { return 1 }
    return explainScale(
      view.legend.map(\.vector), at: head, viewport: state.heat.heatmap.viewport)
  }

  static func explainScale(_ vectors: [SIMD2<Double>], at head: SIMD2<Double>, viewport: Viewport)
    -> Double
  {
    let from = viewport.pixel(of: head)
    // A row is two pixels: a line spans the larger of its columns and its rows.
    func cells(_ v: SIMD2<Double>) -> Double {
      let d = viewport.pixel(of: head + v) - from
      return max(abs(d.x), abs(d.y) / 2)
    }
    func inside(_ factor: Double) -> Bool {
      vectors.allSatisfy { viewport.cell(of: head + factor * $0) != nil }
    }
    let longest = vectors.map(cells).filter(\.isFinite).max() ?? 0
    guard longest > 0, longest < explainShortestCells else { return 1 }
    let reach =
      explainFactors.first { longest * $0 >= explainShortestCells } ?? explainFactors.last!
    if inside(reach) || !inside(1) { return reach }
    return explainFactors.last { $0 < reach && longest * $0 >= 1.5 && inside($0) } ?? reach
  }

  /// What the equations panel says of how the map draws the vectors: before its legend,
  /// the factor they are scaled by; after it, those still too short to leave the head's
  /// cell.
  static func explainNotes(_ state: FrameState) -> (before: [String], after: [String]) {
    guard let view = state.equations, state.runs.indices.contains(view.run),
      let head = state.runs[view.run].head
    else { return ([], []) }
    let viewport = state.heat.heatmap.viewport
    let scale = explainScale(view.legend.map(\.vector), at: head, viewport: viewport)
    var notes: (before: [String], after: [String]) = ([], [])
    if scale != 1 {
      notes.before.append("vectors drawn ×\(Int(scale)): too short to see at true length")
    }
    let start = viewport.cell(of: head)
    let hidden = view.legend.filter { vector in
      let tip = viewport.cell(of: head + scale * vector.vector)
      return start != nil && tip.map { $0 == start! } ?? false
    }
    if !hidden.isEmpty {
      let names = hidden.map(\.name).joined(separator: ", ")
      notes.after.append("\(names): under a cell, not drawn")
    }
    return notes
  }

  /// What explain mode draws on the map, cell by cell, in the order to draw it.
  struct ExplainDrawing {
    /// The factor the vectors are drawn at (1: true length).
    var scale = 1.0
    /// The lines, drawn under the markers.
    var cells: [(column: Int, row: Int, glyph: Character, color: Color)] = []
    /// The letters at the tips, drawn over the markers (the heads are drawn over them).
    var letters: [(column: Int, row: Int, glyph: Character, color: Color)] = []
    /// Text over the map (lengths at the edge, shared names, the scale), drawn after the
    /// cells on the heads' dark ground so that it reads on any heat.
    var labels: [(column: Int, row: Int, glyph: Character, color: Color)] = []
  }

  /// Explain mode's drawing of `state` on a map `columns` × `rows`: at the inspected run's
  /// head, each vector a line of cells whose glyph follows its direction (─ │ ╱ ╲, or
  /// - | / \), in its colour, with its letter at the tip; one that leaves the map stops at
  /// the edge with `»` and its length. Scaled, a label near the head says by how much. The
  /// labels keep out of `panels` (the panels are placed first, clear of the vectors).
  static func explainDrawing(
    _ state: FrameState, columns: Int, rows: Int, under panels: [Rect] = []
  ) -> ExplainDrawing? {
    guard let view = state.equations, !view.legend.isEmpty,
      state.runs.indices.contains(view.run), let head = state.runs[view.run].head
    else { return nil }
    let viewport = state.heat.heatmap.viewport
    let pw = viewport.pixelWidth
    let ph = viewport.pixelHeight
    let from = viewport.pixel(of: head)
    var drawing = ExplainDrawing()
    let scale = explainScale(view.legend.map(\.vector), at: head, viewport: viewport)
    drawing.scale = scale
    let start = viewport.cell(of: head)
    var labels = ExplainLabels(columns: columns, rows: rows)
    // The head's cell is kept for the head, which is drawn after.
    if let start { labels.mark(start.column, start.row, ExplainLabels.taken) }
    for panel in panels {
      for r in panel.y..<panel.maxY where r >= 0 && r < rows {
        for c in panel.x..<panel.maxX where c >= 0 && c < columns {
          labels.mark(c, r, ExplainLabels.taken)
        }
      }
    }
    // And the markers and heads drawn over the map after, which a label must not lie under.
    let markers =
      [state.start] + state.minima + state.saddles + state.runs.compactMap(\.head)
      + (state.cursor.map { [$0] } ?? [])
    for point in markers {
      if let (c, r) = viewport.cell(of: point), c < columns, r < rows {
        labels.mark(c, r, ExplainLabels.taken)
        // A cell's gap on its row too, as between labels, so a label never runs into one.
        labels.mark(c - 1, r, ExplainLabels.spaced)
        labels.mark(c + 1, r, ExplainLabels.spaced)
      }
    }
    // Each vector's cells from the head to its tip; vectors on the very same cells, ending
    // there (heavy ball's Δx = −lr·b, gradient descent's Δx = −lr·g), are one line.
    var lines: [(vectors: [ExplainVector], cells: [(Int, Int)], glyph: Character, inside: Bool)] =
      []
    for vector in view.legend {
      let tip = head + scale * vector.vector
      let to = viewport.pixel(of: tip)
      let d = to - from
      guard d.x.isFinite, d.y.isFinite, d != .zero else { continue }
      // Pixels are square: the glyph follows the direction in pixels.
      let angle = atan2(-d.y, d.x) * 180 / Double.pi
      let folded = (angle + 180).truncatingRemainder(dividingBy: 180)
      let glyph: Character =
        folded < 22.5 || folded >= 157.5
        ? (state.unicode ? "─" : "-")
        : folded < 67.5
          ? (state.unicode ? "╱" : "/")
          : folded < 112.5 ? (state.unicode ? "│" : "|") : (state.unicode ? "╲" : "\\")
      var cells: [(Int, Int)] = []
      Raster.segment(from: from, to: to, width: pw, height: ph) { x, y in
        let cell = (x, y / 2)
        if x < columns, y / 2 < rows, cells.last.map({ $0 != cell }) ?? true { cells.append(cell) }
      }
      cells = cells.filter { c in start.map { $0 != c } ?? true }
      guard !cells.isEmpty else { continue }
      let inside = viewport.cell(of: tip) != nil
      // Clipped, two vectors along one direction share their cells however long they are.
      if let same = lines.firstIndex(where: {
        $0.cells.elementsEqual(cells, by: ==)
          && (($0.inside && inside) || ExplainVector.same($0.vectors[0].vector, vector.vector))
      }) {
        lines[same].vectors.append(vector)
      } else {
        lines.append(([vector], cells, glyph, inside))
      }
    }
    // The step first in a shared line's name (Δ=b reads Δx = −lr·b).
    for i in lines.indices { lines[i].vectors.sort { $0.role.rawValue > $1.role.rawValue } }
    // The longest lines first: a shorter one along the same direction lies on top, and both
    // tips show. A shared line's cells take its vectors' colours in turn.
    for line in lines.sorted(by: { $0.cells.count > $1.cells.count }) {
      let colors = line.vectors.map { state.theme.explain($0.role) }
      for (k, (c, r)) in line.cells.enumerated() {
        drawing.cells.append((c, r, line.glyph, colors[k % colors.count]))
        labels.mark(c, r, ExplainLabels.line)
      }
    }
    for line in lines {
      let last = line.cells.last!
      labels.mark(last.0, last.1, ExplainLabels.taken)
    }
    // Then the letters, and the labels over them, so no line covers a letter and no letter
    // a label.
    for line in lines {
      let last = line.cells.last!
      let vector = line.vectors[0]
      let equal = line.vectors.dropFirst().allSatisfy {
        ExplainVector.same($0.vector, vector.vector)
      }
      var text: [(Character, Color)] = []
      for (k, member) in line.vectors.enumerated() {
        let color = state.theme.explain(member.role)
        if k > 0 { text.append((equal ? "=" : (state.unicode ? "≈" : "~"), color)) }
        text.append((state.unicode ? member.glyph : member.asciiGlyph, color))
      }
      let own = last
      let placed: (x: Int, y: Int)?
      if !line.inside {
        // Clipped: its letters, a marker and its length along the edge it leaves by, as
        // near where it leaves as the other labels allow.
        let length = (vector.vector * vector.vector).sum().squareRoot()
        let color = state.theme.explain(vector.role)
        text += Array((state.unicode ? "»" : ">") + format(length, digits: 3)).map { ($0, color) }
        placed = labels.place(
          text.count, candidates: labels.alongEdge(leaving: last, width: text.count),
          preferring: 0, own: own)
      } else if text.count > 1 {
        // A shared tip's name, from the tip on, away from the head where it fits.
        let leftward = last.0 < (start?.column ?? last.0)
        let ends = [last.0, last.0 - text.count + 1]
        placed = labels.place(
          text.count, first: (leftward ? ends.reversed() : ends).map { ($0, last.1) },
          candidates: labels.candidates(around: (last.0, last.1), width: text.count),
          preferring: 2, own: own)
      } else {
        placed = nil
      }
      // A clipped vector's label names it where it leaves, beside or over its last cell,
      // so that cell is left to the line: a letter there would run into a neighbour's label.
      if line.inside || placed == nil {
        drawing.letters.append((last.0, last.1, text[0].0, text[0].1))
      }
      if let (x, y) = placed {
        for (k, (character, color)) in text.enumerated() {
          drawing.labels.append((x + k, y, character, color))
        }
      }
    }
    if scale != 1, let start {
      // Scaled: said beside the head, where it is seen with the vectors.
      let text = Array(state.text("vectors ×\(Int(scale))"))
      let near = labels.candidates(around: start, width: text.count)
      if let (x, y) = labels.place(text.count, candidates: near, preferring: 5 * columns) {
        for (k, character) in text.enumerated() {
          drawing.labels.append((x + k, y, character, state.theme.marker))
        }
      }
    }
    return drawing
  }

  /// Explain mode's lines, drawn over the map `columns` × `rows` before its markers.
  static func drawExplainLines(
    _ drawing: ExplainDrawing?, into buffer: inout Buffer, columns: Int, rows: Int
  ) {
    for (column, row, glyph, color) in drawing?.cells ?? [] where column < columns && row < rows {
      buffer[column, row] = Self.explainCell(buffer[column, row], glyph: glyph, color: color)
    }
  }

  /// Explain mode's letters and labels, drawn over the map's markers (and under the heads):
  /// what the vectors are matters more than a landmark under a tip.
  static func drawExplainNames(
    _ drawing: ExplainDrawing?, _ state: FrameState, into buffer: inout Buffer, columns: Int,
    rows: Int
  ) {
    guard let drawing else { return }
    for (column, row, glyph, color) in drawing.letters where column < columns && row < rows {
      buffer[column, row] = Self.explainCell(buffer[column, row], glyph: glyph, color: color)
    }
    for (column, row, glyph, color) in drawing.labels where column < columns && row < rows {
      var cell = Self.explainCell(buffer[column, row], glyph: glyph, color: color)
      cell.background = state.theme.headBackground
      buffer[column, row] = cell
    }
  }

  /// `cell` with `glyph` drawn over it in `color`, keeping the heat of its lower half as the
  /// background.
  static func explainCell(_ cell: Cell, glyph: Character, color: Color) -> Cell {
    var cell = cell
    cell.symbol = glyph
    cell.foreground = color
    cell.attributes = [.bold]
    return cell
  }
}

/// Places explain mode's labels on a map `columns` × `rows`: each inside the map, never over
/// a tip's letter, the head or another label (nor right beside one on its row), and, where
/// it can, off the vectors' lines.
struct ExplainLabels {
  let columns: Int
  let rows: Int
  /// Each cell's flags (`taken`, `line`, `spaced`), row by row.
  private var flags: [UInt8]
  /// No label may cover it: the head, a tip, a marker, a panel, a label placed.
  static let taken: UInt8 = 1
  /// A label would rather not cover it: a vector's line.
  static let line: UInt8 = 2
  /// Kept free of labels: a label placed, and a cell either side of it and of a marker.
  static let spaced: UInt8 = 4

  init(columns: Int, rows: Int) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    flags = [UInt8](repeating: 0, count: self.columns * self.rows)
  }

  /// Marks cell `column`, `row` (ignored off the map).
  mutating func mark(_ column: Int, _ row: Int, _ flag: UInt8) {
    guard column >= 0, row >= 0, column < columns, row < rows else { return }
    flags[row * columns + column] |= flag
  }

  /// Whether a label `width` cells wide fits at `x`, `y` (it may cover `own`, unless
  /// another label has).
  func fits(_ x: Int, _ y: Int, width: Int, offLines: Bool, own: (Int, Int)?) -> Bool {
    guard y >= 0, y < rows, x >= 0, x + width <= columns else { return false }
    let blocking = Self.taken | (offLines ? Self.line : 0)
    return (x..<(x + width)).allSatisfy { c in
      let f = flags[y * columns + c]
      return f & Self.spaced == 0 && (own.map { $0 == (c, y) } ?? false || f & blocking == 0)
    }
  }

  /// The first of `first` then `candidates` where a label `width` wide fits off the lines
  /// (of the first `preferring` of them), else the first where it fits at all; it is then
  /// taken.
  mutating func place(
    _ width: Int, first: [(Int, Int)] = [], candidates: some Sequence<(Int, Int)>,
    preferring: Int = .max, own: (Int, Int)? = nil
  ) -> (x: Int, y: Int)? {
    func found(offLines: Bool, limit: Int) -> (Int, Int)? {
      var tried = 0
      func fit(_ candidate: (Int, Int)) -> Bool {
        tried += 1
        return fits(candidate.0, candidate.1, width: width, offLines: offLines, own: own)
      }
      for candidate in first {
        guard tried < limit else { return nil }
        if fit(candidate) { return candidate }
      }
      for candidate in candidates {
        guard tried < limit else { return nil }
        if fit(candidate) { return candidate }
      }
      return nil
    }
    guard
      let (x, y) = found(offLines: true, limit: preferring)
        ?? found(offLines: false, limit: .max)
    else { return nil }
    for c in (x - 1)...(x + width) {
      mark(c, y, c >= x && c < x + width ? Self.spaced | Self.taken : Self.spaced)
    }
    return (x, y)
  }

  /// Where the label, `width` wide, of a vector that leaves the map at `cell` may go,
  /// nearest first: along the edge it leaves by (shifted along it, never off the map), then
  /// the rows or columns inside that edge in turn.
  func alongEdge(leaving cell: (Int, Int), width: Int) -> some Sequence<(Int, Int)> {
    let (column, row) = cell
    let (columns, rows) = (self.columns, self.rows)
    let fromTip = [0] + (1...max(1, columns)).flatMap { [-$0, $0] }
    let alongRows = [0] + (1...max(1, rows)).flatMap { [-$0, $0] }
    let horizontal = row == 0 || row == rows - 1
    // Top or bottom: the row is the edge's, and the label starts at the tip if it can.
    let inward = row == 0 ? 1 : -1
    let start = min(column, columns - width)
    // Left or right: the label hugs that edge, on the tip's row or the nearest free one.
    let right = column >= columns / 2
    let edgeX = right ? columns - width : 0
    let depths = horizontal ? rows : max(1, columns - width + 1)
    return (0..<depths).lazy.flatMap { depth in
      (horizontal ? fromTip : alongRows).lazy.map {
        horizontal
          ? (start + $0, row + inward * depth) : (edgeX + (right ? -depth : depth), row + $0)
      }
    }.filter { $0.0 >= 0 && $0.0 + width <= columns && $0.1 >= 0 && $0.1 < rows }
  }

  /// Where a label `width` wide may go around `cell`, nearest first: the rows below and
  /// above it in turn, each from centred under the cell outwards.
  func candidates(around cell: (column: Int, row: Int), width: Int) -> some Sequence<(Int, Int)> {
    let (columns, rows) = (self.columns, self.rows)
    let centred = cell.column - width / 2
    let rowOffsets = (1...max(1, rows)).flatMap { [$0, -$0] }
    let columnOffsets = [0] + (1...max(1, columns)).flatMap { [-$0, $0] }
    return rowOffsets.lazy.flatMap { dy in
      columnOffsets.lazy.map { (centred + $0, cell.row + dy) }
    }.filter { $0.0 >= 0 && $0.0 + width <= columns && $0.1 >= 0 && $0.1 < rows }
  }
}
