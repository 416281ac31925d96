import DescentCore
import Testing

/// The `[schedule]` table of scenes and lesson steps, and what it does to the runs.
@Suite struct ScheduleLoadingTests {
  func loadLesson(_ text: String) -> Result<Lesson, SceneErrors> {
    LessonLoader.load(text: text, file: "test.toml", name: "test") { name in
      SceneLibrary.builtin(named: name).map { .success($0) }
        ?? .failure(.notFound("no built-in scene named '\(name)'"))
    }
  }

  @Test func aSceneReadsItsSchedule() throws {
    let text = """
      format = 1
      title = "Cosine"
      f = "x^2 + y^2"
      [schedule]
      kind = "cosine"
      t-max = 300
      lr-min = 0.001
      """
    guard
      case .success(let scene) = SceneLoader.load(
        text: text, file: "s.toml", name: "s", readData: { _ in .failure(.notFound("none")) })
    else {
      Issue.record("the scene should load")
      return
    }
    #expect(scene.schedule == .cosine(tMax: 300, lrMin: 0.001))
    // Every optimizer with an lr follows it; those without one are left as they are.
    #expect(try scene.optimizer(.adam) is Scheduled)
    #expect(try scene.optimizer(.rprop) is Scheduled)
    #expect(!(try scene.optimizer(.anneal) is Scheduled))
    #expect(SceneLibrary.builtin(named: "bowl")!.schedule == .constant)
    #expect(!(try SceneLibrary.builtin(named: "bowl")!.optimizer(.adam) is Scheduled))
  }

  /// A step's schedule holds from that step on, until a step changes the scene.
  @Test func aLessonStepSetsTheSchedule() throws {
    let text = """
      format = 1
      title = "Schedules"
      [[step]]
      caption = "Constant."
      scene = "bowl"
      [[step]]
      caption = "Decaying."
      [step.schedule]
      kind = "step"
      every = 10
      gamma = 0.5
      [[step]]
      caption = "Still decaying."
      [[step]]
      caption = "Another scene."
      scene = "ravine"
      """
    let lesson = try load(text)
    let initial = SceneLibrary.builtin(named: "rosenbrock")!
    #expect(lesson.setup(at: 0, initial: initial).scene.schedule == .constant)
    #expect(lesson.setup(at: 1, initial: initial).scene.schedule == .step(every: 10, gamma: 0.5))
    #expect(lesson.setup(at: 2, initial: initial).scene.schedule == .step(every: 10, gamma: 0.5))
    #expect(lesson.setup(at: 3, initial: initial).scene.schedule == .constant)
  }

  @Test func aLessonStepsBadScheduleIsAnErrorAtItsKey() {
    let text = """
      format = 1
      title = "Broken"
      [[step]]
      caption = "Bad."
      [step.schedule]
      kind = "cosine"
      every = 3
      """
    guard case .failure(let errors) = loadLesson(text) else {
      Issue.record("the lesson should not load")
      return
    }
    #expect(
      errors.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" } == [
        "7:1: every is a setting of the step schedule, not of cosine"
      ])
  }

  /// A scheduled update reports the rate it used in the inspector, and `+`/`-` (a new base
  /// rate) scales the schedule's current rate rather than restarting it.
  @Test func scheduledRunsReportTheirRate() throws {
    var objective = TapeEvaluator(try Tape("x^2 + y^2"))
    let adam = try OptimizerKind.adam.make(["lr": 0.1])
    let scheduled = try #require(Scheduled(adam, schedule: .exponential(gamma: 0.5)))
    var run = Run(scheduled, from: [1, 1], on: &objective)
    var rates: [Double] = []
    for _ in 0..<3 {
      run.advance(on: &objective)
      rates.append(try #require(run.state.number("lr")))
    }
    #expect(rates == [0.1, 0.05, 0.025])
    let doubled = try #require(
      Scheduled(try OptimizerKind.adam.make(["lr": 0.2]), schedule: .exponential(gamma: 0.5)))
    let continued = run.continueWith(doubled)
    #expect(continued)
    run.advance(on: &objective)
    #expect(run.state.number("lr") == 0.025)
    #expect(Scheduled(try OptimizerKind.anneal.make(), schedule: .exponential(gamma: 0.5)) == nil)
  }

  private func load(_ text: String) throws -> Lesson {
    switch loadLesson(text) {
    case .success(let lesson): return lesson
    case .failure(let errors): throw errors
    }
  }
}
