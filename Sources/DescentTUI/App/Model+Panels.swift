import DescentCore
import DescentRender

/// The panels over the map: the legend's notes, the inspector, the network panel, the
/// lesson's caption and the loss plot. Where they go is the renderer's `Layout`'s business.
extension Model {
  /// Fills in the panels this model shows.
  func addPanels(to state: inout FrameState) {
    if let network = scene.network {
      let parameters = network.mlp.parameterCount
      let cost = gradientTiming?.scene == sceneIndex ? gradientTiming?.cost : nil
      func ms(_ seconds: Double?) -> String {
        seconds.map { Renderer.format($0 * 1000) + " ms" } ?? "timing…"
      }
      // Each line fits the narrow legend (31 columns after its leading space).
      state.legendNotes = [
        "paths: shadows of \(parameters) weights",
        "on α-β, with their true loss",
        "one gradient of all weights:",
        "backprop \(ms(cost?.backprop))",
        "finite diff. \(ms(cost?.finiteDifferences))",
        "(\(2 * parameters) forward passes)",
      ]
    }
    if showModelPanel, let network = scene.network, !runs.isEmpty {
      state.modelPanel = modelPanel(network, run: runs[min(inspectedIndex ?? 0, runs.count - 1)])
    }
    if let index = inspectedIndex, index < runs.count {
      state.inspected = InspectorView(run: runs[index])
      if index < runSpecs.count { state.inspected?.name = runSpecs[index].displayName }
      if index < state.runs.count { state.inspected?.shade = state.runs[index].shade }
      if scene.network != nil { state.inspected?.axes = ("α", "β") }
    }
    if showEquations, let index = equationsRun {
      state.equations = equationsView(index)
    }
    if let playback = lesson {
      state.caption = CaptionView(
        title: playback.lesson.title, text: playback.lesson.steps[playback.index].caption,
        index: playback.index, count: playback.lesson.steps.count)
    }
    state.raceMode = raceMode
    if showCostCurve { state.costCurve = Self.costCurve }
    if showLossPlot {
      state.lossPlot = runs.indices.map { index in
        (runs[index].kind, lossPlotPoints(index))
      }
    }
  }

  /// Run `index`'s last update with its numbers; in explain mode, with the vectors drawn at
  /// its head (Δx is where the run went from where it was a step before).
  func equationsView(_ index: Int) -> EquationsView {
    let run = runs[index]
    // The state a step before, which the rewind history keeps (further back than its newest
    // entry in a race by budget, where a dear run moves less often than the others).
    let previous = history.newest(within: 1000) {
      index < $0.count && $0[index].state.step == run.state.step - 1
    }.map { $0[index].state }
    var view = EquationsView(
      kind: run.kind, step: run.state.step,
      equations: previous.map { run.state.equations(after: $0) } ?? [])
    if index < runSpecs.count { view.title = runSpecs[index].displayName }
    view.run = index
    guard explainSpeed != nil, let previous else { return view }
    let rows = run.state.rows
    view.legend = ExplainVector.vectors(
      rows: rows, lr: run.optimizer.hyperparameters.lr,
      step: run.state.position - previous.position)
    if rows.contains(where: { ["v", "v̂", "sum g²", "max v̂"].contains($0.label) }) {
      view.notes.append("v is in squared units of g: shown as numbers above, not drawn")
    }
    return view
  }

  /// Run `index`'s loss against what the race counts: its step, or what it had spent at
  /// each point of its history (nothing yet, in a race by budget before the gradient's cost
  /// is known).
  func lossPlotPoints(_ index: Int) -> [SIMD2<Double>] {
    let losses = lossHistories[index].points
    guard raceMode != .steps else { return losses }
    let spent = spendHistories[index].points
    return zip(losses, spent).compactMap { loss, spent in
      let evaluations = EvaluationCount(values: Int(spent.x), gradients: Int(spent.y))
      return spend(steps: Int(loss.x), evaluations: evaluations).map { SIMD2($0, loss.y) }
    }
  }

  /// What `run`'s network does over the input plane (the data's bounding box, padded), at
  /// the panel's resolution.
  func modelPanel(_ network: NetworkScene, run: Run) -> ModelPanelView? {
    guard let weights = run.weights else { return nil }
    let (columns, rows) = ModelPanelView.size(width: width, height: height)
    let inputs = network.data.inputs
    var low = SIMD2(Double.infinity, .infinity)
    var high = -low
    for i in 0..<network.data.count {
      let p = SIMD2(inputs[2 * i], inputs[2 * i + 1])
      low = pointwiseMin(low, p)
      high = pointwiseMax(high, p)
    }
    let pad = (high - low) * 0.1 + 1e-9
    low -= pad
    high += pad
    let pixelRows = 2 * rows
    var grid: [Double] = []
    grid.reserveCapacity(2 * columns * pixelRows)
    for r in 0..<pixelRows {
      let y = high.y - (Double(r) + 0.5) / Double(pixelRows) * (high.y - low.y)
      for c in 0..<columns {
        grid += [low.x + (Double(c) + 0.5) / Double(columns) * (high.x - low.x), y]
      }
    }
    let outputs = network.mlp.predict(weights, inputs: grid)
    let points = (0..<network.data.count).map { i in
      (
        x: Int((inputs[2 * i] - low.x) / (high.x - low.x) * Double(columns)),
        y: Int((high.y - inputs[2 * i + 1]) / (high.y - low.y) * Double(pixelRows)),
        label: network.data.targets[i] > 0.5 ? 1 : 0
      )
    }
    let accuracy = Renderer.format((run.state.accuracy ?? 0) * 100)
    return ModelPanelView(
      title: "\(run.kind.rawValue) · \(accuracy)% right",
      columns: columns, rows: rows, outputs: outputs, points: points)
  }

  /// The cost curve of `descent cost`'s default family of networks.
  static let costCurve = CostCurveView(
    networks: GradientCost.family(
      widths: GradientCost.defaultWidths, depth: GradientCost.defaultDepth))
}
