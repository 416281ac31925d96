import DescentCore

/// What the equations panel shows: one run's last update written out with its numbers, and
/// in explain mode a legend for the vectors drawn at its head.
public struct EquationsView: Sendable {
  public var kind: OptimizerKind
  public var step: Int
  public var equations: [LiveEquation]
  /// Explain mode's legend: each vector drawn at the head, with what it is.
  public var legend: [ExplainVector] = []
  /// Lines after the legend (v is in squared units: shown as numbers, not drawn).
  public var notes: [String] = []
  /// The run's name in the header (`gd lr=0.05` for an instance); the optimizer's if nil.
  public var title: String?
  /// Which of the frame's runs it writes out: explain mode's vectors start at that run's
  /// head, and the header is in its shade.
  public var run = 0

  public init(kind: OptimizerKind, step: Int, equations: [LiveEquation]) {
    self.kind = kind
    self.step = step
    self.equations = equations
  }
}

extension Renderer {
  /// A term of an equation as text: a number to `digits` significant digits, a pair as
  /// `(a, b)`, a network's weights by their length `|…|`.
  static func equationText(_ terms: [LiveEquation.Term], digits: Int) -> String {
    terms.map { term in
      switch term {
      case .text(let text): text
      case .number(let x): format(x, digits: digits)
      case .vector(let v) where v.count == 2:
        // A no-break space: wrapping keeps a pair on one line (it is a space once wrapped).
        "(" + format(v[0], digits: digits) + ",\u{00A0}" + format(v[1], digits: digits) + ")"
      case .vector(let v):
        "|" + format(v.map { $0 * $0 }.reduce(0, +).squareRoot(), digits: digits) + "|"
      }
    }.joined()
  }

  /// The panel's lines for a box `width` columns wide inside (numbers to `digits`): the
  /// title, then each equation on one line (`symbols = values = result`) when it fits, else
  /// broken before each `=` and wrapped, continuations indented; then the legend, which
  /// says first how the map scales the vectors and last which it cannot draw
  /// (`explainNotes`).
  static func equationLines(
    _ view: EquationsView, width: Int, digits: Int,
    drawn: (before: [String], after: [String]) = ([], []),
    text spell: (String) -> String
  ) -> [String] {
    // Spelled around the no-break spaces, which ASCII would spell as `?`.
    func text(_ s: String) -> String {
      s.split(separator: "\u{00A0}", omittingEmptySubsequences: false).map { spell(String($0)) }
        .joined(separator: "\u{00A0}")
    }
    var lines = [text("\(view.title ?? view.kind.rawValue), update \(view.step)")]
    if view.equations.isEmpty {
      lines.append(view.step == 0 ? "no update yet" : "no equations for this step")
    }
    for equation in view.equations {
      var parts = [text(equation.symbols)]
      if !equation.values.isEmpty {
        parts.append(text(equationText(equation.values, digits: digits)))
      }
      if !equation.result.isEmpty {
        parts.append(text(equationText(equation.result, digits: digits)))
      }
      // "symbols = values = result"; a line that names its values joins them with its own
      // link, and words for a result follow an arrow.
      let links = [
        equation.values.isEmpty ? "" : equation.link,
        equation.resultIsWords || equation.link != "=" ? "→" : "=",
      ].filter { !$0.isEmpty }
      var joins = [String]()
      if !equation.values.isEmpty { joins.append(equation.link) }
      if !equation.result.isEmpty { joins.append(links.last!) }
      var whole = parts[0]
      for (join, part) in zip(joins, parts.dropFirst()) {
        whole += (join == ":" ? ": " : " \(text(join)) ") + part
      }
      if DisplayWidth.of(whole) <= width {
        lines.append(whole)
        continue
      }
      // The symbols, then "= values" and "= result" on lines of their own, indented; a
      // piece too long for a line goes on, indented two more.
      for (i, part) in parts.enumerated() {
        let indent = i == 0 ? "" : "  "
        let piece = i == 0 ? part : text(joins[i - 1] == ":" ? "" : joins[i - 1] + " ") + part
        for (k, line) in wrap(piece, width: max(8, width - indent.count - 2)).enumerated() {
          lines.append(indent + (k > 0 ? "  " : "") + line)
        }
      }
    }
    if !view.legend.isEmpty { lines += drawn.before.map(text) }
    for vector in view.legend {
      let value = equationText([.vector([vector.vector.x, vector.vector.y])], digits: digits)
      let glyph = text(String(vector.glyph)).count == 1 ? vector.glyph : vector.asciiGlyph
      lines.append(String(glyph) + text(" \(vector.name) = \(value): \(vector.meaning)"))
    }
    // Vectors that are one: the map draws them as one line, named by both letters.
    for group in ExplainVector.coinciding(view.legend) {
      let names = group.map { view.legend[$0].name }.joined(separator: " = ")
      let letters = group.map { i in
        let glyph = view.legend[i].glyph
        return String(text(String(glyph)).count == 1 ? glyph : view.legend[i].asciiGlyph)
      }
      lines.append(
        text("\(names): the same vector, drawn as one line ") + letters.joined(separator: "="))
    }
    if !view.legend.isEmpty { lines += drawn.after.map(text) }
    lines += view.notes.map(text)
    return lines.map { String($0.map { $0 == "\u{00A0}" ? " " : $0 }) }
  }

  /// The widths the panel tries, widest first, and the digits at each.
  static let equationShapes: [(width: Int?, digits: Int)] = [
    (nil, 4), (nil, 3), (64, 4), (64, 3), (56, 3), (48, 3), (48, 2), (40, 3), (40, 2),
    (34, 2),
  ]

  /// The equations panel's request: one line per equation as wide as the area allows, then
  /// narrower and wrapped, with fewer digits; best in the map's bottom-left corner.
  static func equationsRequest(_ state: FrameState, area: Rect) -> Layout.Request? {
    guard let view = state.equations else { return nil }
    let widest = area.width - 2
    let drawn = explainNotes(state)
    let natural =
      equationLines(view, width: .max, digits: 4, drawn: drawn, text: state.text)
      .map(DisplayWidth.of).max() ?? 0
    var sizes: [Layout.Size] = []
    for shape in equationShapes {
      let inner = min(shape.width ?? natural, natural, widest - 2)
      guard inner >= min(natural, 20) else { continue }
      let lines = equationLines(
        view, width: inner, digits: shape.digits, drawn: drawn, text: state.text)
      let size = Layout.Size(width: inner + 2, height: min(area.height - 1, lines.count))
      if !sizes.contains(size) { sizes.append(size) }
    }
    return Layout.Request(
      .equations, sizes: sizes, anchors: [.bottomLeft, .topLeft, .bottomRight, .bottom])
  }

  static func drawEquations(_ state: FrameState, into buffer: inout Buffer) {
    guard let view = state.equations else { return }
    let theme = state.theme
    buffer.fill(
      x: 0, y: 0, width: buffer.width, height: buffer.height,
      with: Cell(" ", background: theme.panel.background))
    let inner = buffer.width - 2
    // The most digits whose lines fit the box; two when none does.
    let drawn = explainNotes(state)
    let lines =
      [4, 3, 2].lazy.map {
        equationLines(view, width: inner, digits: $0, drawn: drawn, text: state.text)
      }
      .first { $0.count <= buffer.height }
      ?? equationLines(view, width: inner, digits: 2, drawn: drawn, text: state.text)
    let legendStart =
      lines.count - view.legend.count - view.notes.count
      - ExplainVector.coinciding(view.legend).count - (view.legend.isEmpty ? 0 : drawn.after.count)
    for (i, line) in lines.prefix(buffer.height).enumerated() {
      var style = i == 0 ? theme.panelTitle : theme.panel
      if i == 0 { style.foreground = theme.path(view.kind, shade: state.shade(ofRun: view.run)) }
      buffer.write(" " + line, x: 0, y: i, style: style, limit: buffer.width)
      // A legend line's glyph in its vector's colour.
      let index = i - legendStart
      if index >= 0, index < view.legend.count {
        var glyph = theme.panelTitle
        glyph.foreground = theme.explain(view.legend[index].role)
        let letter = state.unicode ? view.legend[index].glyph : view.legend[index].asciiGlyph
        buffer.write(String(letter), x: 1, y: i, style: glyph, limit: buffer.width - 1)
      }
    }
  }
}
