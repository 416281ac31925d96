import DescentCore
import DescentRender
import Testing

@testable import DescentTUI

@Suite struct LessonPlaybackTests {
  func playing(_ name: String, autoplay: Double? = nil) throws -> Model {
    var m = try model(width: 120, height: 40)
    m.play(try #require(LessonLibrary.builtin(named: name)), autoplay: autoplay)
    return m
  }

  /// Ticks until the step's run has finished (the model pauses itself). A race by budget
  /// first gets the gradient's cost it asked for: twice a forward pass.
  func finish(_ m: inout Model) {
    for effect in m.initialEffect.all {
      if case .measureGradientCost(let scene, _) = effect {
        _ = m.update(
          .gradientCostMeasured(
            scene: scene,
            cost: GradientTiming(
              parameters: 2, backprop: 2e-3, forward: 1e-3, finiteDifferences: 0)))
      }
    }
    for _ in 0..<1000 where !m.paused { _ = m.update(.tick(1)) }
  }

  var maxStep: (Model) -> Int { { $0.runs.map(\.state.step).max() ?? 0 } }

  /// Every built-in lesson, paged through with →: each caption shows, each step's scene and
  /// optimizers are the ones set up, and each run stops where the step says.
  @Test(arguments: LessonLibrary.builtins.map(\.name))
  func everyLessonPlaysThrough(name: String) throws {
    var m = try playing(name)
    let lesson = try #require(m.lesson?.lesson)
    let initial = try #require(SceneLibrary.builtin(named: SceneLibrary.defaultName))
    for k in lesson.steps.indices {
      if k > 0 { _ = m.press(.right) }
      #expect(m.lesson?.index == k)
      let setup = lesson.setup(at: k, initial: initial)
      #expect(m.scene.name == setup.scene.name)
      #expect(m.runs.map(\.kind) == setup.kinds, "\(name) step \(k + 1)")
      let frame = m.frame().plainText
      let opening = lesson.steps[k].caption.split(separator: " ").prefix(3).joined(separator: " ")
      #expect(frame.contains(opening), "\(name) step \(k + 1): no caption\n\(frame)")
      #expect(frame.contains("\(k + 1)/\(lesson.steps.count)"))
      finish(&m)
      if let run = setup.run {
        let live = m.runs.filter { !$0.isDiverged }
        if !live.isEmpty { #expect(live.map(\.state.step).max() == run, "\(name) step \(k + 1)") }
      }
    }
    #expect(m.frame().plainText.contains("end of the lesson"))
    _ = m.press(.right)
    #expect(m.lesson?.index == lesson.steps.count - 1)
    #expect(m.message.contains("end of the lesson"))
  }

  /// The backprop lesson races Adam and the swarm by step, then by budget: the legend shows
  /// each one's spend, equal within a swarm's step, and going back races by step again.
  @Test func theBackpropLessonRacesByBudget() throws {
    var m = try playing("backprop")
    let lesson = try #require(m.lesson?.lesson)
    let budget = try #require(lesson.steps.firstIndex { $0.race == .evaluations })
    while m.lesson!.index < budget - 1 { _ = m.press(.right) }
    finish(&m)
    #expect(m.raceMode == .steps)
    #expect(m.runs.map(\.state.step) == [60, 60])
    _ = m.press(.right)
    #expect(m.raceMode == .evaluations)
    #expect(m.maxStep == 0, "the race by budget starts afresh")
    finish(&m)
    // Adam ran to step 300 on 301 gradients at 2 evaluations each; the swarm 30 a step.
    #expect(m.runs.map(\.state.step) == [300, 20])
    let spends = m.runs.map { m.spend($0)! }
    #expect(spends == [602, 630])
    let frame = m.frame().plainText
    #expect(frame.contains("602 evals") && frame.contains("630 evals"), "\(frame)")
    #expect(frame.contains("evaluations 630"))
    _ = m.press(.left)
    #expect(m.raceMode == .steps)
    #expect(m.runs.map(\.state.step) == [0, 0])
  }

  /// Without Unicode, every step names the same keys: PgUp goes back on the last step too.
  @Test func theLastStepsHintSpeaksOfPageUpInASCII() throws {
    var m = Model(scenes: SceneLibrary.builtins, tier: .none, unicode: false, width: 80, height: 24)
    let lesson = try #require(LessonLibrary.builtin(named: "step-size"))
    m.play(lesson)
    #expect(m.frame().plainText.contains("PgDn next  PgUp back"))
    for _ in 1..<lesson.steps.count { _ = m.press(.right) }
    let frame = m.frame().plainText
    #expect(frame.contains("end of the lesson  PgUp back  q quit"), "\(frame)")
  }

  /// The first step draws its own scene's map at once, not the map of the scene shown before
  /// the lesson (rosenbrock's view, with the new scene's landmarks and start placed in it):
  /// a first step that opens paused gets no tick to bring the map up to date.
  @Test(arguments: ["local-minima", "ravines"])
  func theFirstStepDrawsItsOwnMap(name: String) throws {
    let m = try playing(name)
    var refreshed = m
    _ = refreshed.update(.resize(width: 120, height: 40))
    #expect(m.frame().plainText == refreshed.frame().plainText)
  }

  /// local-minima step 5 says "the legend counts what each has spent": at 80x24 it does
  /// (it showed only the losses below 100 columns).
  @Test func theLegendCountsTheSpendingAt80Columns() throws {
    var m = try model(width: 80, height: 24)
    m.play(try #require(LessonLibrary.builtin(named: "local-minima")))
    for _ in 0..<4 { _ = m.press(.right) }
    finish(&m)
    let text = m.frame().plainText
    #expect(text.contains("All eight from the same start"))
    #expect(text.contains("401 ∇f"))
    #expect(text.contains("401 f"))
    #expect(text.contains("12030 f"))
  }

  /// local-minima step 4 names the keys of the swarm and the GA: 7 and 8 show each alone.
  @Test func theKeysStep4NamesShowTheSwarmAndTheGA() throws {
    var m = try playing("local-minima")
    for _ in 0..<3 { _ = m.press(.right) }
    finish(&m)
    #expect(m.frame().plainText.contains("A particle swarm (key 7)"))
    #expect(m.frame().plainText.contains("(key 8)"))
    var swarm = m
    _ = swarm.press(.character("7"))
    #expect(swarm.runs.map(\.kind) == [.pso])
    _ = m.press(.character("8"))
    #expect(m.runs.map(\.kind) == [.ga])
  }

  /// backprop step 2 says the inspector counts one ∇f per step, plus one at the start: after
  /// its 50 steps the inspector and the legend read 51.
  @Test func theBackpropInspectorCountsOneGradientAStepPlusTheStart() throws {
    var m = try playing("backprop")
    _ = m.press(.right)
    finish(&m)
    let text = m.frame().plainText
    let caption = try #require(m.lesson?.lesson.steps[1].caption)
    #expect(caption.contains("one ∇f per step, plus one at the start"))
    #expect(m.runs.map(\.state.step) == [50])
    #expect(text.contains("evals     0 f, 51 ∇f"), "\(text)")
  }

  /// saddles step 1 says the downhill direction points at the saddle ✕: the start (and the
  /// head, whose arrow points left along its row) is on the saddle's row of cells, whether
  /// the map has an even or an odd number of rows.
  @Test(arguments: [(100, 30), (80, 24), (120, 40), (81, 25)])
  func theSaddleLessonsArrowPointsAtTheSaddle(size: (Int, Int)) throws {
    var m = try model(width: size.0, height: size.1)
    m.play(try #require(LessonLibrary.builtin(named: "saddles")))
    let state = m.frameState()
    let viewport = state.heat.heatmap.viewport
    let saddle = try #require(state.saddles.first.flatMap { viewport.cell(of: $0) })
    let start = try #require(viewport.cell(of: state.start))
    #expect(start.row == saddle.row, "\(size): start \(start), saddle \(saddle)")
    #expect(start.column > saddle.column)
  }

  /// A step's `[step.schedule]` makes its runs' rates follow it, from that step on; the
  /// inspector shows the rate of each update.
  @Test func aStepsScheduleDrivesItsRuns() throws {
    let text = """
      format = 1
      title = "Decay"
      [[step]]
      caption = "Constant."
      scene = "bowl"
      show = ["gd"]
      run = 3
      [step.optimizers.gd]
      lr = 0.1
      [[step]]
      caption = "Halving."
      run = 3
      [step.schedule]
      kind = "exponential"
      gamma = 0.5
      """
    guard
      case .success(let lesson) = LessonLoader.load(
        text: text, file: "t.toml", name: "t",
        resolveScene: { name in
          SceneLibrary.builtin(named: name).map { .success($0) }
            ?? .failure(.notFound(name))
        })
    else {
      Issue.record("the lesson should load")
      return
    }
    var m = try model(width: 120, height: 40)
    m.play(lesson)
    finish(&m)
    #expect(m.runs[0].state.number("lr") == nil)
    _ = m.press(.right)
    finish(&m)
    #expect(maxStep(m) == 3)
    #expect(m.runs[0].state.number("lr") == 0.025)
    #expect(m.frame().plainText.contains("lr 0.025"))
  }

  @Test func backGoesToTheStepBeforeAndStartsItsRunAfresh() throws {
    var m = try playing("step-size")
    _ = m.press(.right)
    finish(&m)
    #expect(maxStep(m) == 100)
    _ = m.press(.pageDown)  // lr = 0.25, 20 steps
    finish(&m)
    #expect(maxStep(m) == 20)
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.25)
    _ = m.press(.left)
    #expect(m.lesson?.index == 1)
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.005)
    #expect(maxStep(m) == 0)
    finish(&m)
    #expect(maxStep(m) == 100)
    _ = m.press(.pageUp)
    #expect(m.lesson?.index == 0)
    _ = m.press(.pageUp)
    #expect(m.message == "this is the first step")
  }

  /// → then ← in `step-size`: the first step shows its caption over its own start, not over
  /// a path already run 100 steps by the second; → again plays the second step's run anew.
  @Test func goingBackRestoresTheStepAsItWas() throws {
    var m = try playing("step-size")
    let entry = m.runs.map(\.state.position)
    _ = m.press(.right)
    finish(&m)
    #expect(maxStep(m) == 100)
    _ = m.press(.left)
    #expect(m.lesson?.index == 0)
    #expect(maxStep(m) == 0)
    #expect(m.runs.map(\.state.position) == entry)
    #expect(m.trails.allSatisfy { $0.points.count == 1 })
    #expect(m.lossHistories.allSatisfy { $0.points.count == 1 })
    #expect(m.arrows && m.paused, "the step's own settings")
    _ = m.press(.right)
    #expect(maxStep(m) == 0)
    finish(&m)
    #expect(maxStep(m) == 100)
    // The third step starts afresh with its own lr and runs 20 steps; back to it from the
    // fourth, it is where it began.
    _ = m.press(.right)
    let third = m.runs.map(\.state.position)
    finish(&m)
    _ = m.press(.right)
    finish(&m)
    _ = m.press(.left)
    #expect(m.lesson?.index == 2)
    #expect(m.runs.map(\.state.position) == third)
    #expect(m.runs[0].optimizer.hyperparameters.lr == 0.25)
  }

  /// A step without a new setup carries the runs on rather than restarting them.
  @Test func aStepThatOnlyRunsFurtherContinues() throws {
    var m = try playing("adaptive")
    _ = m.press(.right)  // adam, run 1
    finish(&m)
    #expect(maxStep(m) == 1)
    _ = m.press(.right)  // run 5, same runs
    #expect(maxStep(m) == 1)
    finish(&m)
    #expect(maxStep(m) == 5)
    // The inspector shows Adam's bias-corrected moments, equal to the core's state.
    let state = m.runs[0].state
    guard let mHat = state.pair("m̂"), let vHat = state.pair("v̂") else {
      Issue.record("Adam's inspection expected")
      return
    }
    let panel = m.frame().plainText
    // Labelled as the captions write them.
    #expect(panel.contains("m̂         ") && panel.contains("v̂         "))
    #expect(panel.contains(Renderer.format(mHat.x)))
    #expect(panel.contains(Renderer.format(vHat.y)))
  }

  @Test func autoplayTurnsThePageAfterEachRun() throws {
    var m = try playing("ravines", autoplay: 2)
    #expect(m.needsTicks)
    _ = m.update(.tick(1.5))
    #expect(m.lesson?.index == 0)
    _ = m.update(.tick(1))
    #expect(m.lesson?.index == 1)
    // Step 2 runs 60 steps first; the clock starts when they are done.
    _ = m.update(.tick(0.5))
    #expect(m.lesson?.index == 1)
    finish(&m)
    _ = m.update(.tick(2.5))
    #expect(m.lesson?.index == 2)
  }

  @Test func withoutALessonThePageKeysSaySo() throws {
    var m = try model()
    _ = m.press(.pageDown)
    #expect(m.message.contains("descent demo"))
    // → still moves the cursor.
    let before = m.cursor
    _ = m.press(.right)
    #expect(m.cursor.x > before.x)
  }

  /// The caption box never covers a head, and prefers not to cover the paths.
  @Test(arguments: [(120, 40), (80, 24)])
  func theCaptionKeepsOffThePaths(size: (Int, Int)) throws {
    var checked = 0
    for name in LessonLibrary.builtins.map(\.name) {
      var m = try model(width: size.0, height: size.1)
      m.play(try #require(LessonLibrary.builtin(named: name)))
      let count = m.lesson!.lesson.steps.count
      for k in 0..<count {
        if k > 0 { _ = m.press(.right) }
        finish(&m)
        var state = m.frameState()
        let with = Renderer.render(state, width: m.width, height: m.height)
        state.caption = nil
        let without = Renderer.render(state, width: m.width, height: m.height)
        let viewport = state.heat.heatmap.viewport
        for run in state.runs {
          // A head is a dot, or its run's number where runs share a colour's shades.
          let glyphs: Set<Character> = ["●", run.label ?? Renderer.label(of: run.kind)]
          guard let head = run.head, let (c, r) = viewport.cell(of: head),
            c < with.width, r < with.height - 2, glyphs.contains(without[c, r].symbol)
          else { continue }
          checked += 1
          #expect(with[c, r] == without[c, r], "\(name) step \(k + 1): \(run.kind)'s head hidden")
        }
      }
    }
    #expect(checked > 20)
  }
}

/// The panels of `descent demo local-minima` leave visible what the captions talk about.
@Suite struct LessonLayoutTests {
  func atStep(_ index: Int, width: Int, height: Int) throws -> (Model, FrameState) {
    var m = try model(width: width, height: height)
    m.play(try #require(LessonLibrary.builtin(named: "local-minima")))
    for _ in 0..<index { _ = m.press(.right) }
    for _ in 0..<1000 where !m.paused { _ = m.update(.tick(1)) }
    return (m, m.frameState())
  }

  /// Step 3 explains the annealing inspector: the caption box no longer covers it.
  @Test(arguments: [(60, 20), (80, 24), (120, 40)])
  func step3ShowsTheInspectorItDescribes(size: (Int, Int)) throws {
    let (width, height) = size
    let (model, state) = try atStep(2, width: width, height: height)
    let layout = Renderer.layout(state, width: width, height: height)
    let inspector = try #require(layout[.inspector], "\(width)x\(height): \(layout.dropped)")
    let caption = try #require(layout[.caption], "\(width)x\(height): \(layout.dropped)")
    #expect(!inspector.intersects(caption))
    let text = model.frame().plainText
    let view = try #require(state.inspected)
    for line in Renderer.inspectorLines(view).prefix(inspector.height) {
      let shown = String(line.prefix(inspector.width - 1))
      #expect(text.contains(shown), "\(width)x\(height): inspector line hidden: \(shown)\n\(text)")
    }
  }

  /// Step 5 races all eight from the start, where the gradient methods stay trapped: the
  /// loss plot keeps off the start and off every head.
  @Test(arguments: [(80, 24), (120, 40)])
  func step5KeepsTheStartAndTheHeadsVisible(size: (Int, Int)) throws {
    let (width, height) = size
    let (_, state) = try atStep(4, width: width, height: height)
    let layout = Renderer.layout(state, width: width, height: height)
    let plot = try #require(layout[.lossPlot], "\(width)x\(height): \(layout.dropped)")
    let viewport = state.heat.heatmap.viewport
    let start = try #require(viewport.cell(of: state.start))
    #expect(!plot.contains(x: start.column, y: start.row), "\(width)x\(height): plot \(plot)")
    for run in state.runs {
      guard let head = run.head, let cell = viewport.cell(of: head) else { continue }
      for (panel, rect) in layout.placed {
        #expect(
          !rect.contains(x: cell.column, y: cell.row),
          "\(width)x\(height): \(panel) hides \(run.kind)'s head")
      }
    }
  }
}
