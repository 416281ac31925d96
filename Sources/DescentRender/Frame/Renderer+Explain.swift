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
  /// Explain mode's vectors at the inspected run's head: each a line of cells whose glyph
  /// follows its direction (─ │ ╱ ╲, or - | / \), in its colour, with its letter at the tip;
  /// one that leaves the map stops at the edge with `»` and its length.
  static func drawExplainVectors(
    _ state: FrameState, into buffer: inout Buffer, columns: Int, rows: Int
  ) {
    guard let view = state.equations, !view.legend.isEmpty,
      state.runs.indices.contains(view.run), let head = state.runs[view.run].head
    else { return }
    let viewport = state.heat.heatmap.viewport
    let pw = viewport.pixelWidth
    let ph = viewport.pixelHeight
    let from = viewport.pixel(of: head)
    // The head's cell is kept for the head, which is drawn after.
    var labels: [(row: Int, span: Range<Int>)] =
      viewport.cell(of: head).map { [($0.row, $0.column..<($0.column + 1))] } ?? []
    // The lines first, then the letters and labels, so no line covers a letter.
    var tips: [(vector: ExplainVector, last: (Int, Int), inside: Bool, color: Color)] = []
    for vector in view.legend {
      let tip = head + vector.vector
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
      let color = state.theme.explain(vector.role)
      var cells: [(Int, Int)] = []
      Raster.segment(from: from, to: to, width: pw, height: ph) { x, y in
        let cell = (x, y / 2)
        if x < columns, y / 2 < rows, cells.last.map({ $0 != cell }) ?? true { cells.append(cell) }
      }
      let start = viewport.cell(of: head)
      for (c, r) in cells.dropFirst() where start.map({ $0 != (c, r) }) ?? true {
        buffer[c, r] = Self.explainCell(buffer[c, r], glyph: glyph, color: color)
      }
      guard let last = cells.last, start.map({ $0 != last }) ?? true else { continue }
      tips.append((vector, last, viewport.cell(of: tip) != nil, color))
    }
    for (vector, last, inside, color) in tips {
      let label = state.unicode ? vector.glyph : vector.asciiGlyph
      buffer[last.0, last.1] = Self.explainCell(buffer[last.0, last.1], glyph: label, color: color)
      if !inside {
        // Clipped: its letter, a marker and its length at the edge, on the nearest row
        // another clipped vector's label has left free.
        let length = (vector.vector * vector.vector).sum().squareRoot()
        let text = Array(String(label) + (state.unicode ? "»" : ">") + format(length, digits: 3))
        let x = max(0, min(last.0, columns - text.count))
        let span = x..<(x + text.count)
        let row =
          (0..<rows).map { last.1 + ($0 % 2 == 0 ? $0 / 2 : -($0 / 2 + 1)) }
          .first { r in
            r >= 0 && r < rows && !labels.contains { $0.row == r && $0.span.overlaps(span) }
          }
          ?? last.1
        labels.append((row, span))
        for (k, character) in text.enumerated() where x + k < columns {
          buffer[x + k, row] = Self.explainCell(buffer[x + k, row], glyph: character, color: color)
        }
      }
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
