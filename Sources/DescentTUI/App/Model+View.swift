import DescentCore
import DescentRender

/// The view: what the map shows and where, and the frame.
extension Model {
  /// The viewport of the map at the current size.
  public var currentViewport: Viewport {
    let map = Renderer.mapSize(width: width, height: height)
    return Viewport(scene: scene, x: xRange, y: yRange, columns: map.columns, rows: map.rows)
  }

  /// The frame to show: the renderer applied to this state.
  ///
  /// A pure function of the model: the heatmap was sampled by `update`, and the slow parts
  /// (a network's full slice, the timing of its gradient) are effects the runtime performs.
  public func frame() -> Buffer {
    guard width >= Renderer.minimumWidth, height >= Renderer.minimumHeight, heat != nil else {
      return Renderer.render(placeholderState(), width: width, height: height)
    }
    return Renderer.render(frameState(), width: width, height: height)
  }

  func frameState() -> FrameState {
    guard let layer = heat?.layer else { return placeholderState() }
    var views = zip(runs, trails).map { RunView(run: $0, trail: $1) }
    for index in views.indices where index < runSpecs.count {
      // Without colour a head is labelled with its digit key: its number in the race.
      views[index].label = runLabel(index)
      views[index].name = runSpecs[index].displayName
    }
    RunView.shade(&views)
    for index in views.indices where index < runs.count {
      views[index].settings = Self.legendSettings(runs[index].optimizer)
    }
    if shownNumbers.count == views.count {
      for index in views.indices {
        let shown = shownNumbers[index]
        views[index].step = shown.step
        views[index].loss = shown.loss
        views[index].gradient = shown.gradient
        views[index].diverged = shown.diverged
        views[index].evaluations = shown.evaluations
        if raceMode != .steps {
          views[index].spend = spend(steps: shown.step, evaluations: shown.evaluations)
        }
      }
    }
    var state = FrameState(scene: scene, heat: layer, runs: views, theme: theme)
    state.start = start
    state.cursor = cursor
    state.contours = contours
    state.arrows = arrows
    state.axes = axes
    if scene.network != nil { state.axisNames = ("α", "β") }
    if showDescription { state.description = scene.description }
    state.surface = surfaceView
    state.style = style
    state.noisyTrails = noisyTrails
    if let crossSection { state.crossSection = crossSectionView(crossSection) }
    state.unicode = unicode
    state.stepsPerSecond = achievedStepsPerSecond ?? stepsPerSecond
    state.paused = paused
    state.message = message
    state.commandLine = commandLineText
    addPanels(to: &state)
    if let progress = sliceProgress {
      state.message = "computing the slice: \(Int(progress * 100))% (a preview is shown)"
    }
    state.showHelp = showHelp
    state.picker = picker
    state.finiteDifferences = gradientMode == .finiteDifferences
    return state
  }

  /// Brings the heatmap up to date with the view, and asks for what the view lacks. A
  /// network's slice costs a forward pass per pixel, so it comes in two goes: a preview at a
  /// quarter of the resolution at once, and the full slice from the runtime
  /// (`Effect.computeSlice`), which the view shows when it arrives. A network scene's
  /// gradient is timed once (`Effect.measureGradientCost`).
  mutating func refreshView() -> Effect {
    guard width >= Renderer.minimumWidth, height >= Renderer.minimumHeight else { return .none }
    var effect = Effect.none
    if scene.network != nil || raceMode != .steps, gradientTiming?.scene != sceneIndex,
      costWanted != sceneIndex
    {
      costWanted = sceneIndex
      effect = effect.then(.measureGradientCost(scene: sceneIndex, of: scene))
    }
    let viewport = currentViewport
    let view = viewKey(viewport)
    let key = HeatKey(view: view, scale: scale, colormap: colormap)
    if let heat, heat.key == key { return effect }
    let heatmap: Heatmap
    if scene.network == nil {
      heatmap = Heatmap(scene: scene, viewport: viewport)
    } else if let done = sliceHeatmap, done.key == view {
      heatmap = done.heatmap
    } else {
      if let preview = slicePreview, preview.key == view {
        heatmap = preview.heatmap
      } else {
        heatmap = Heatmap.preview(scene: scene, viewport: viewport, factor: 4)
        slicePreview = (view, heatmap)
      }
      if sliceWanted?.key != view {
        let request = SliceRequest(key: view, scene: scene, viewport: viewport)
        sliceWanted = request
        sliceFraction = 0
        effect = effect.then(.computeSlice(request))
      }
    }
    heat = (
      key, HeatLayer(heatmap: heatmap, scale: scale, ramp: HeatRamp.make(colormap, tier: tier))
    )
    return effect
  }

  mutating func zoom(by factor: Double) {
    let halfX = (xRange.upperBound - xRange.lowerBound) * factor / 2
    let halfY = (yRange.upperBound - yRange.lowerBound) * factor / 2
    guard halfX > 1e-9, halfY > 1e-9, halfX < 1e9, halfY < 1e9 else {
      message = "cannot zoom further"
      return
    }
    xRange = (cursor.x - halfX)...(cursor.x + halfX)
    yRange = (cursor.y - halfY)...(cursor.y + halfY)
    message = factor < 1 ? "zoomed in" : "zoomed out"
  }

  func viewKey(_ viewport: Viewport) -> ViewKey {
    ViewKey(
      scene: sceneIndex, x: xRange, y: yRange, columns: viewport.columns, rows: viewport.rows)
  }

  /// The progress of the full slice, while a preview is shown.
  public var sliceProgress: Double? { sliceWanted == nil ? nil : sliceFraction }

  /// A state for frames too small to draw a map in; only the size matters.
  func placeholderState() -> FrameState {
    let viewport = Viewport(x: 0...1, y: 0...1, columns: 1, rows: 1)
    let heat = HeatLayer(
      heatmap: Heatmap(viewport: viewport, values: [0, 0]), scale: .linear,
      ramp: HeatRamp.make(colormap, tier: tier))
    return FrameState(
      title: scene.title, minima: [], saddles: [], start: start, heat: heat, runs: [],
      theme: theme)
  }

  /// The world point at the centre of a map cell, if the cell is on the map.
  func worldPoint(column: Int, row: Int) -> SIMD2<Double>? {
    let viewport = currentViewport
    guard width >= Renderer.minimumWidth, height >= Renderer.minimumHeight, column >= 0, row >= 0,
      column < viewport.columns, row < viewport.rows
    else { return nil }
    return viewport.world(column: column, row: row)
  }

  func clampedToView(_ p: SIMD2<Double>) -> SIMD2<Double> {
    let viewport = currentViewport
    return SIMD2(
      min(max(p.x, viewport.xRange.lowerBound), viewport.xRange.upperBound),
      min(max(p.y, viewport.yRange.lowerBound), viewport.yRange.upperBound))
  }

  /// The legend's settings for `optimizer`: its step size, and μ and β where it has them
  /// ("lr 0.09 μ 0.9", "lr 0.05 β 0.9 0.999").
  static func legendSettings(_ optimizer: any Optimizer) -> String {
    let spec = optimizer.kind.spec
    let h = optimizer.hyperparameters
    var parts: [String] = []
    func add(_ name: String, _ symbol: String) {
      guard spec.setting(name) != nil, let value = h[name] else { return }
      parts.append(symbol + " " + Renderer.format(value))
    }
    if let step = spec.stepSetting { add(step, step == "sigma" ? "σ" : step) }
    add("momentum", "μ")
    if spec.setting("beta1") != nil, let b1 = h["beta1"] {
      parts.append(
        "β " + Renderer.format(b1) + (h["beta2"].map { " " + Renderer.format($0) } ?? ""))
    }
    return parts.joined(separator: " ")
  }

  /// How run `index` is labelled on the map without colour, in the legend when several
  /// runs share an optimizer, and on the command line (`:2.lr 0.09`): its number in the
  /// race, 1 to 9 (its digit key) then A to Z; a run outside the race, among runs of its
  /// optimizer, by its place among those shown. Nil for the optimizer's own label.
  func runLabel(_ index: Int) -> Character? {
    guard index < runSpecs.count else { return nil }
    let spec = runSpecs[index]
    let number =
      raceRuns.firstIndex(of: spec)
      ?? (runSpecs.filter { $0.kind == spec.kind }.count > 1 ? index : nil)
    return number.map(RunSpec.number(at:))
  }

  /// `P`: the projector style on, with the graphite colormap (unless another was chosen
  /// since), or off, back to the colormap it replaced.
  mutating func toggleProjector() {
    if style == .screen {
      style = .projector
      if colormap != FrameStyle.projector.defaultColormap {
        colormapBeforeProjector = colormap
        colormap = FrameStyle.projector.defaultColormap
      }
      message = "projector style: thick paths, block heads, \(colormap.rawValue); P turns it off"
    } else {
      style = .screen
      if let previous = colormapBeforeProjector, colormap == FrameStyle.projector.defaultColormap {
        colormap = previous
      }
      colormapBeforeProjector = nil
      message = "screen style, colormap \(colormap.rawValue)"
    }
  }

  /// The message for a trail mode.
  static func describeTrails(_ mode: TrailMode) -> String {
    switch mode {
    case .full: "noisy trails in full (anneal, pso, ga, cmaes, aco)"
    case .recent: "noisy trails: the last \(TrailMode.recentPoints) steps only"
    case .hidden: "noisy trails hidden; their heads stay"
    }
  }

  static func describe(_ p: SIMD2<Double>) -> String {
    "(\(Renderer.format(p.x)), \(Renderer.format(p.y)))"
  }
}

/// What a coloured heat layer depends on: the values, the scale and the colormap.
struct HeatKey: Equatable, Sendable {
  var view: ViewKey
  var scale: Scene.Scale
  var colormap: Colormap
}
