import DescentCore
import DescentRender

/// What the cross-section plot (`X`) shows.
public enum CrossSectionMode: Sendable, Equatable {
  /// The loss on the straight line from the start to the cursor.
  case line
  /// The loss along the inspected run's path (the first run's when none is inspected).
  case path
}

/// The 3-D view (`v`, turned and tilted with `[ ] { }`) and the cross-section (`X`).
extension Model {
  mutating func toggleSurface() {
    if surfaceView == nil {
      surfaceView = surfaceAngles
      message = "3-D view: [ ] turn, { } tilt, v for the map"
    } else {
      surfaceView = nil
      message = "map view"
    }
  }

  mutating func turnSurface(by degrees: Double) {
    guard var view = surfaceView else {
      message = "[ ] turn the 3-D view; v shows it"
      return
    }
    view.yaw = (view.yaw + degrees + 540).truncatingRemainder(dividingBy: 360) - 180
    surfaceView = view
    surfaceAngles = view
    message = "turned to \(Int(view.yaw.rounded()))°"
  }

  mutating func tiltSurface(by degrees: Double) {
    guard let view = surfaceView else {
      message = "{ } tilt the 3-D view; v shows it"
      return
    }
    let tilted = SurfaceView(yaw: view.yaw, pitch: view.pitch + degrees)
    surfaceView = tilted
    surfaceAngles = tilted
    message = "seen from \(Int(tilted.pitch.rounded()))° above the horizon"
  }

  /// Degrees the 3-D view turns per column a drag moves, and tilts per row.
  static let dragDegrees = (turn: 3.0, tilt: 3.0)

  /// A drag with the mouse: in the 3-D view, right turns it as `]` does and down tilts it
  /// towards straight down, as `}` does, by `dragDegrees` a cell from where the mouse last
  /// was. On the flat map a drag does nothing (a click there restarts the runs).
  mutating func drag(to column: Int, row: Int) {
    guard let view = surfaceView else {
      dragAnchor = nil
      return
    }
    guard let (c0, r0) = dragAnchor else {
      dragAnchor = (column, row)
      return
    }
    dragAnchor = (column, row)
    guard column != c0 || row != r0 else { return }
    // The turn in -180..<180, however far the drag went.
    var yaw = (view.yaw + Double(column - c0) * Self.dragDegrees.turn + 180)
      .truncatingRemainder(dividingBy: 360)
    if yaw < 0 { yaw += 360 }
    let turned = SurfaceView(
      yaw: yaw - 180, pitch: view.pitch + Double(row - r0) * Self.dragDegrees.tilt)
    surfaceView = turned
    surfaceAngles = turned
    message =
      "turned to \(Int(turned.yaw.rounded()))°, seen from \(Int(turned.pitch.rounded()))° above the horizon"
  }

  mutating func cycleCrossSection() {
    switch crossSection {
    case nil:
      crossSection = .line
      message = "cross-section: the loss from the start to the cursor (move the cursor)"
    case .line:
      crossSection = .path
      message = "cross-section: the loss along the inspected run's path"
    case .path:
      crossSection = nil
      message = "cross-section off"
    }
  }

  /// The most points a path's cross-section evaluates per frame.
  static let crossSectionSamples = 160

  /// The cross-section plot's curves for `mode`.
  func crossSectionView(_ mode: CrossSectionMode) -> CrossSectionView {
    let (a, b) = scene.network == nil ? ("x", "y") : ("α", "β")
    switch mode {
    case .line:
      return CrossSectionView(
        title: "loss from the start ○ to the cursor +",
        ends: ("start", "cursor (\(a), \(b)) = " + Self.describe(cursor)),
        series: [(nil, CrossSectionView.line(on: scene, from: start, to: cursor))])
    case .path:
      guard !runs.isEmpty else {
        return CrossSectionView(title: "no run to follow", ends: ("", ""), series: [])
      }
      let index = min(inspectedIndex ?? 0, runs.count - 1)
      let kind = runs[index].kind
      let points = trails[index].points
      let losses = lossHistories[index].points
      let aligned = losses.count == points.count
      // A long path is sampled: every k-th point, and the last.
      let stride = max(1, points.count / Self.crossSectionSamples)
      var picked = Array(Swift.stride(from: 0, to: points.count, by: stride))
      if let last = points.indices.last, picked.last != last { picked.append(last) }
      func position(_ i: Int) -> Double {
        aligned ? losses[i].x : Double(i) / Double(max(1, points.count - 1))
      }
      let onMap = picked.map { i in
        SIMD2(position(i), scene.values(xs: [points[i].x], ys: [points[i].y])[0])
      }
      var series: [(kind: OptimizerKind?, points: [SIMD2<Double>])] = [(nil, onMap)]
      let name = index < runSpecs.count ? runSpecs[index].displayName : kind.rawValue
      var title = "loss along \(name)'s path"
      // On a network's plane the map shows the loss at the path's shadow; the run's own
      // loss, over all its weights, is another curve.
      if scene.network != nil, aligned {
        series.append((kind, losses))
        title = "\(name): loss on the \(a)-\(b) plane (white), true loss"
      }
      var view = CrossSectionView(
        title: title, ends: ("step 0", "step \(runs[index].state.step)"), series: series)
      view.run = index
      return view
    }
  }
}
