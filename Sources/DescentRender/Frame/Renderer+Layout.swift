extension Renderer {
  /// The map's rectangle in a frame of `width` × `height`: everything above the status bar
  /// and the message line. Panels share it.
  public static func mapArea(width: Int, height: Int) -> Rect {
    let map = mapSize(width: width, height: height)
    return Rect(x: 0, y: 0, width: map.columns, height: map.rows)
  }

  /// Where each panel `state` shows goes in a frame of `width` × `height`. The legend comes
  /// first (after the axes, which hug the left and bottom edges), then the colour bar, the
  /// help, the scene's description, the caption, the inspector, the network panel, the loss
  /// plot, the cost curve and the cross-section,
  /// each in the room the ones before it left, hiding as few heads and landmarks as it can.
  public static func layout(_ state: FrameState, width: Int, height: Int) -> Layout {
    let area = mapArea(width: width, height: height)
    return Layout(
      area: area, requests: requests(state, area: area), keepClear: keepClear(state, area: area))
  }

  /// What each panel `state` shows asks for, in the order they are placed. Each request
  /// depends only on its own panel's part of the state and on the area.
  static func requests(_ state: FrameState, area: Rect) -> [Layout.Request] {
    // The picker is modal: while it is open it has the map to itself, however many runs the
    // legend would list.
    if state.picker != nil { return [pickerRequest(state, area: area)].compactMap { $0 } }
    return [
      yAxisRequest(state, area: area), xAxisRequest(state, area: area),
      legendRequest(state, area: area), colorBarRequest(state, area: area),
      helpRequest(state, area: area), descriptionRequest(state, area: area),
      captionRequest(state, area: area), inspectorRequest(state, area: area),
      equationsRequest(state, area: area),
      modelPanelRequest(state, area: area), lossPlotRequest(state, area: area),
      costCurveRequest(state, area: area), crossSectionRequest(state, area: area),
    ].compactMap { $0 }
  }

  /// The cells of the map the panels should leave visible: the heads, the start, the minima
  /// and saddles, the paths.
  static func keepClear(_ state: FrameState, area: Rect) -> [Layout.KeepClear] {
    let viewport = state.heat.heatmap.viewport
    let map = (columns: min(area.width, viewport.columns), rows: min(area.height, viewport.rows))
    if let surface = state.surface {
      return keepClear3D(state, view: surface, area: area, columns: map.columns, rows: map.rows)
    }
    var points: [Layout.KeepClear] = []
    func mark(_ point: SIMD2<Double>, _ kind: Layout.KeepClear.Kind) {
      guard let (column, row) = viewport.cell(of: point), area.contains(x: column, y: row)
      else { return }
      points.append(Layout.KeepClear(x: column, y: row, kind: kind))
    }
    for run in state.runs {
      for p in run.trail.points { mark(p, .path) }
      for p in run.swarm { mark(p, .path) }
      if let head = run.head { mark(head, .head) }
    }
    for p in state.minima + state.saddles + [state.start] { mark(p, .landmark) }
    // Explain mode's vectors and labels, kept in sight as landmarks are.
    let drawing = explainDrawing(state, columns: map.columns, rows: map.rows)
    for cell in (drawing?.cells ?? []) + (drawing?.letters ?? []) + (drawing?.labels ?? []) {
      points.append(Layout.KeepClear(x: cell.column, y: cell.row, kind: .landmark))
    }
    return points
  }

  /// What the panels should leave visible in the 3-D view: the heads where it draws them
  /// (side by side where runs met), the start and the minima, the paths, each where it is
  /// on the surface rather than where the flat map has it.
  static func keepClear3D(
    _ state: FrameState, view: SurfaceView, area: Rect, columns: Int, rows: Int
  ) -> [Layout.KeepClear] {
    guard let camera = surfaceGrid(state, view: view, columns: columns, rows: rows)?.camera
    else { return [] }
    var points: [Layout.KeepClear] = []
    func mark(_ cell: (column: Int, row: Int)?, _ kind: Layout.KeepClear.Kind) {
      guard let (column, row) = cell, area.contains(x: column, y: row) else { return }
      points.append(Layout.KeepClear(x: column, y: row, kind: kind))
    }
    func cell(_ p: SIMD2<Double>) -> (column: Int, row: Int)? {
      surfaceCell(p, state, camera: camera, columns: columns, rows: rows)
    }
    for run in state.runs {
      for p in run.trail.points { mark(cell(p), .path) }
      for p in run.swarm { mark(cell(p), .path) }
    }
    for head in surfaceHeadCells(state, camera: camera, columns: columns, rows: rows) {
      mark(head, .head)
    }
    for p in state.minima + [state.start] { mark(cell(p), .landmark) }
    return points
  }

  /// A note for the message line naming the panels that did not fit, if any.
  static func droppedNote(_ layout: Layout) -> String? {
    guard !layout.dropped.isEmpty else { return nil }
    return "no room for " + layout.dropped.map(\.rawValue).joined(separator: ", ")
  }
}
