import DescentCore
import DescentRender
import Testing

@testable import DescentTUI

/// Every optimizer on every built-in scene at absurd step sizes: nothing traps, a run that
/// leaves the finite numbers is flagged as diverged, and the view and `render` still draw.
@Suite struct ExtremeSettingsTests {
  static let stepSizes = [1e-6, 1e3, 1e9]

  @Test(arguments: SceneLibrary.builtins.map(\.name))
  func everyOptimizerAtExtremeStepSizes(scene name: String) throws {
    let scenes = SceneLibrary.builtins
    let index = try #require(scenes.firstIndex { $0.name == name })
    for size in Self.stepSizes {
      // lr for the gradient methods, σ for annealing and the GA, and a scorching T₀.
      let overrides: Hyperparameters = ["lr": size, "temperature": 1e9, "sigma": size]
      var m = Model(
        scenes: scenes, sceneIndex: index, visible: OptimizerKind.allCases,
        overrides: overrides, tier: .xterm256, width: 100, height: 30)
      for _ in 0..<20 { _ = m.update(.tick(1)) }  // 30 steps/s: about 600 steps
      for run in m.runs {
        let p = run.state.position
        let finite =
          p.x.isFinite && p.y.isFinite && run.state.loss.isFinite
          && Swift.abs(p.x) <= Run.defaultBound && Swift.abs(p.y) <= Run.defaultBound
        #expect(finite || run.isDiverged, "\(name) \(run.kind) at \(size): not flagged")
      }
      let frame = m.frame().plainText
      #expect(frame.contains("step "), "\(name) at \(size):\n\(frame)")
      if m.runs.contains(where: \.isDiverged) { #expect(frame.contains("diverged")) }

      // `descent render`'s path: a finished run's frame.
      let scene = scenes[index]
      let views = try OptimizerKind.allCases.map { kind in
        RunView.record(
          try scene.optimizer(kind, overrides: overrides), on: scene, from: scene.start,
          steps: 100)
      }
      let viewport = Viewport(scene: scene, columns: 100, rows: 28)
      let heat = HeatLayer(
        heatmap: Heatmap(scene: scene, viewport: viewport), scale: scene.scale,
        ramp: HeatRamp.make(.viridis, tier: .xterm256))
      let state = FrameState(scene: scene, heat: heat, runs: views, theme: Theme(tier: .xterm256))
      let buffer = Renderer.render(state, width: 100, height: 30)
      #expect(buffer.plainText.contains("step "))
    }
  }
}
