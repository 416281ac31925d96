import ArgumentParser
import DescentCore
import DescentRender

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `descent cost`: what one gradient of a network costs as the network grows, by backprop,
/// by forward mode and by finite differences, measured on this machine.
struct CostCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost",
    abstract: "Measure what a gradient costs as a network grows: backprop, forward mode, "
      + "finite differences.",
    discussion: """
      Networks 2-w-…-w-1 (tanh, cross-entropy) on two moons, or those --layers names. For \
      each: the median time of one forward pass (the loss), and of one gradient by backpropagation, by forward \
      mode (P Jacobian-vector products) and by central finite differences (2P forward \
      passes), with each gradient's ratio to one forward pass. Forward mode and finite \
      differences are measured on as many weights as fit in --time-cap and scaled to all P \
      (marked *).
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

  @Option(
    help: ArgumentHelp("Hidden-layer widths, comma-separated (1 to 256).", valueName: "w,w,..."))
  var widths: String = "2,4,8,16,32,64,128"

  @Option(help: "Hidden layers (1 to 6).") var depth: Int = 2

  @Option(
    help: ArgumentHelp(
      "Networks to measure instead of a family, e.g. 2-8-1,2-24-20-1 (2 inputs, 1 output).",
      valueName: "2-w-…-1,..."))
  var layers: String?

  @Option(help: "Samples in the batch (1 to 10000).") var samples: Int = 200

  @Option(
    help: ArgumentHelp(
      "Seconds to spend on each slow gradient before extrapolating.", valueName: "seconds"))
  var timeCap: Double = 0.5

  @Option(help: "Output format.") var format: Format = .text

  func validate() throws {
    _ = try parsedWidths()
    _ = try parsedLayers()
    guard (1...6).contains(depth) else { throw ValidationError("--depth must be 1 to 6.") }
    guard (1...10_000).contains(samples) else {
      throw ValidationError("--samples must be 1 to 10000.")
    }
    guard timeCap.isFinite, timeCap > 0, timeCap <= 600 else {
      throw ValidationError("--time-cap must be > 0 and at most 600 seconds.")
    }
  }

  private func parsedWidths() throws -> [Int] {
    let words = widths.split(separator: ",", omittingEmptySubsequences: false)
    let values = words.map { Int($0.trimmingBlanks()) }
    guard !words.isEmpty, values.allSatisfy({ $0.map { (1...256).contains($0) } ?? false }) else {
      throw ValidationError("--widths takes whole numbers from 1 to 256, e.g. 2,4,8.")
    }
    return values.map { $0! }
  }

  /// The networks `--layers` names, or nil for the family of `--widths` and `--depth`.
  private func parsedLayers() throws -> [[Int]]? {
    guard let layers else { return nil }
    return try layers.split(separator: ",", omittingEmptySubsequences: false).map { word in
      let sizes = word.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
      guard sizes.count >= 3, sizes.count <= 8, sizes.first == 2, sizes.last == 1,
        sizes.allSatisfy({ $0.map { (1...256).contains($0) } ?? false })
      else {
        throw ValidationError(
          "--layers takes networks such as 2-8-1: 2 inputs, 1 to 6 hidden layers of 1 to 256 "
            + "units, 1 output; got '\(word)'.")
      }
      return sizes.map { $0! }
    }
  }

  func run() throws {
    try reportingFailures {
      let data = NetworkData.generate(.moons, count: samples, seed: 0)
      let family =
        try parsedLayers()?.map { MLP(layers: $0, activation: .tanh, loss: .bce) }
        ?? GradientCost.family(widths: try parsedWidths(), depth: depth)
      var rows: [GradientCost.Row] = []
      for (index, mlp) in family.enumerated() {
        progressLine("measuring \(index + 1)/\(family.count): \(name(mlp.layers))")
        rows.append(GradientCost.measure(mlp, data: data, timeCap: timeCap))
      }
      progressLine(nil)
      switch format {
      case .text: try emit(text(rows))
      case .csv: try emit(csv(rows))
      case .json: try emit(json(rows).rendered() + "\n")
      }
    }
  }

  private func name(_ layers: [Int]) -> String { layers.map(String.init).joined(separator: "-") }

  // MARK: - Text

  private func text(_ rows: [GradientCost.Row]) -> String {
    var out = """
      One gradient of a network's loss over \(samples) samples, timed on this machine (CPU
      time of one thread): the median, and its ratio to one forward pass (one loss).

      """
    let header = [
      "network", "P", "forward", "backprop", "ratio", "forward mode", "ratio", "finite diff.",
      "ratio",
    ]
    var table = [header]
    for row in rows {
      let mark = row.extrapolated ? "*" : ""
      table.append([
        name(row.layers), String(row.parameters), Self.duration(row.forward),
        Self.duration(row.backprop), Self.ratio(row.backprop / row.forward),
        Self.duration(row.forwardMode) + mark, Self.ratio(row.forwardMode / row.forward),
        Self.duration(row.finiteDifferences) + mark,
        Self.ratio(row.finiteDifferences / row.forward),
      ])
    }
    let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    for line in table {
      out +=
        zip(line, widths).enumerated().map { column, cell in
          column == 0
            ? cell.0.padding(toWidth: cell.1)
            : String(repeating: " ", count: cell.1 - cell.0.count) + cell.0
        }.joined(separator: "  ") + "\n"
    }
    if let row = rows.first(where: \.extrapolated) {
      out +=
        "* measured on the first weights that fit in \(Self.trimmed(timeCap)) s (\(row.measuredAxes) of "
        + "\(row.parameters) for \(name(row.layers))) and scaled to all P.\n"
    }
    if let row = rows.last {
      let ops = row.operations
      out += """
        Multiply-adds for \(name(row.layers)) (P = \(row.parameters)), counted from the layers: \
        a forward pass \(ops.forward);
        backprop \(ops.backprop) (\(Self.ratio(Double(ops.backprop) / Double(ops.forward))) a forward pass), \
        forward mode \(ops.forwardMode) (3P x), finite differences \(ops.finiteDifferences) (2P x).

        """
    }
    out += "\n" + chart(rows)
    return out
  }

  /// Each method's ratio to a forward pass against P, both on log scales, in braille.
  private func chart(_ rows: [GradientCost.Row]) -> String {
    let series: [(String, (GradientCost.Row) -> Double)] = [
      ("backprop", { $0.backprop / $0.forward }),
      ("forward mode", { $0.forwardMode / $0.forward }),
      ("finite differences", { $0.finiteDifferences / $0.forward }),
    ]
    let points = rows.filter { $0.forward > 0 }
    guard let first = points.first, let last = points.last, last.parameters > first.parameters
    else { return "" }
    let ratios = points.flatMap { row in series.map { $0.1(row) } }.filter { $0 > 0 }
    guard let low = ratios.min(), let high = ratios.max() else { return "" }
    let (yLow, yHigh) = (floor(log10(low)), max(ceil(log10(high)), floor(log10(low)) + 1))
    let (xLow, xHigh) = (log10(Double(first.parameters)), log10(Double(last.parameters)))
    let (columns, plotRows) = (48, 12)
    var canvas = BrailleCanvas(columns: columns, rows: plotRows)
    var ends: [Int: String] = [:]
    for (index, entry) in series.enumerated() {
      var previous: SIMD2<Double>?
      for row in points {
        let p = SIMD2(
          (log10(Double(row.parameters)) - xLow) / (xHigh - xLow) * Double(canvas.dotsWide - 1),
          (yHigh - log10(entry.1(row))) / (yHigh - yLow) * Double(canvas.dotsHigh - 1))
        canvas.line(from: previous ?? p, to: p, series: index)
        previous = p
      }
      if let previous {
        let row = Int(previous.y) / 4
        ends[row] = ends[row].map { $0 + ", " + entry.0 } ?? entry.0
      }
    }
    var out = "ratio to one forward pass (log) against P (log)\n"
    for row in 0..<plotRows {
      let label =
        row == 0 ? Self.ratio(pow(10, yHigh)) : row == plotRows - 1 ? Self.ratio(pow(10, yLow)) : ""
      var line = String(repeating: " ", count: 7 - min(7, label.count)) + label + " │"
      for column in 0..<columns { line.append(canvas.cell(column: column, row: row)?.glyph ?? " ") }
      if let end = ends[row] { line += " " + end }
      out += line + "\n"
    }
    let axis = "P = \(first.parameters)"
    let right = "P = \(last.parameters)"
    out += String(repeating: " ", count: 8) + "└" + String(repeating: "─", count: columns) + "\n"
    out +=
      String(repeating: " ", count: 9) + axis
      + String(repeating: " ", count: max(1, columns - axis.count - right.count)) + right + "\n"
    return out
  }

  static func duration(_ seconds: Double) -> String {
    switch seconds {
    case ..<1e-3: String(printf: "%.1f µs", seconds * 1e6)
    case ..<1: String(printf: "%.2f ms", seconds * 1e3)
    default: String(printf: "%.2f s", seconds)
    }
  }

  static func ratio(_ value: Double) -> String {
    value < 10 ? String(printf: "%.1fx", value) : String(printf: "%.0fx", value)
  }

  static func trimmed(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }

  // MARK: - CSV and JSON

  private func csv(_ rows: [GradientCost.Row]) -> String {
    var out =
      "layers,parameters,forward_s,backprop_s,forward_mode_s,finite_differences_s,"
      + "backprop_ratio,forward_mode_ratio,finite_differences_ratio,extrapolated\n"
    for row in rows {
      let fields: [String] = [
        name(row.layers), String(row.parameters), "\(row.forward)", "\(row.backprop)",
        "\(row.forwardMode)", "\(row.finiteDifferences)", "\(row.backprop / row.forward)",
        "\(row.forwardMode / row.forward)", "\(row.finiteDifferences / row.forward)",
        String(row.extrapolated),
      ]
      out += fields.joined(separator: ",") + "\n"
    }
    return out
  }

  private func json(_ rows: [GradientCost.Row]) -> JSONValue {
    .object([
      ("samples", .integer(samples)), ("depth", .integer(depth)),
      ("time_cap", .number(timeCap)),
      (
        "rows",
        .array(
          rows.map { row in
            .object([
              ("layers", .array(row.layers.map { .integer($0) })),
              ("parameters", .integer(row.parameters)),
              (
                "seconds",
                .object([
                  ("forward", .number(row.forward)), ("backprop", .number(row.backprop)),
                  ("forward_mode", .number(row.forwardMode)),
                  ("finite_differences", .number(row.finiteDifferences)),
                ])
              ),
              (
                "ratios",
                .object([
                  ("backprop", .number(row.backprop / row.forward)),
                  ("forward_mode", .number(row.forwardMode / row.forward)),
                  ("finite_differences", .number(row.finiteDifferences / row.forward)),
                ])
              ),
              ("extrapolated", .bool(row.extrapolated)),
              ("measured_axes", .integer(row.measuredAxes)),
              (
                "multiply_adds",
                .object([
                  ("forward", .integer(row.operations.forward)),
                  ("backprop", .integer(row.operations.backprop)),
                  ("forward_mode", .integer(row.operations.forwardMode)),
                  ("finite_differences", .integer(row.operations.finiteDifferences)),
                ])
              ),
            ])
          })
      ),
    ])
  }
}
