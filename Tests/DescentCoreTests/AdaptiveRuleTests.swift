import DescentCore
import Foundation
import Testing

/// Properties of the adaptive update rules and the learning-rate schedules that hold on any
/// run (the torch trajectories are in `CatalogueFixtureTests`).
@Suite struct AdaptiveRuleTests {
  static let rules: [any UpdateRule & Sendable] = [
    Adagrad(lr: 0.1), AdamW(lr: 0.01, weightDecay: 0.1), NAdam(lr: 0.01), AMSGrad(lr: 0.01),
    Rprop(lr: 0.01),
  ]

  static func rosenbrockGradient(_ p: SIMD2<Double>) -> SIMD2<Double> {
    SIMD2(-2 * (1 - p.x) - 400 * p.x * (p.y - p.x * p.x), 200 * (p.y - p.x * p.x))
  }

  /// Written once: on two parameters as a `Parameters` vector each rule takes exactly the
  /// steps it takes as `SIMD2`, and keeps the same memory.
  @Test(arguments: 0..<rules.count)
  func rulesAgreeInEveryDimension(index: Int) {
    let rule = Self.rules[index]
    var a = SIMD2(-1.5, 2.0)
    var b = Parameters([-1.5, 2.0])
    var memoryA = RuleMemory<SIMD2<Double>>()
    var memoryB = RuleMemory<Parameters>()
    for t in 1...200 {
      let g = Self.rosenbrockGradient(a)
      a = rule.apply(position: a, gradient: g, memory: &memoryA, t: t)
      b = rule.apply(position: b, gradient: Parameters([g.x, g.y]), memory: &memoryB, t: t)
      #expect(b.values == [a.x, a.y], "\(type(of: rule)) update \(t)")
      #expect(memoryB.scalar == memoryA.scalar)
      #expect(memoryB.third?.values == memoryA.third.map { [$0.x, $0.y] })
      if b.values != [a.x, a.y] { break }
    }
  }

  /// AdaGrad's sum only grows, and AMSGrad's v̂ is the running maximum of v.
  @Test func accumulatorsNeverShrink() {
    var p = SIMD2(-1.5, 2.0)
    var q = p
    var adagrad = RuleMemory<SIMD2<Double>>()
    var amsgrad = RuleMemory<SIMD2<Double>>()
    var largestV = SIMD2<Double>(0, 0)
    for t in 1...300 {
      let before = adagrad.first ?? .zero
      p = Adagrad(lr: 0.1).apply(
        position: p, gradient: Self.rosenbrockGradient(p), memory: &adagrad, t: t)
      let g = Self.rosenbrockGradient(q)
      q = AMSGrad(lr: 0.05).apply(position: q, gradient: g, memory: &amsgrad, t: t)
      largestV = pointwiseMax(largestV, amsgrad.second!)
      #expect(adagrad.first!.x >= before.x && adagrad.first!.y >= before.y)
      #expect(amsgrad.third == largestV)
    }
    // v itself falls once the gradients do, while v̂ keeps its maximum
    #expect(amsgrad.second!.x < amsgrad.third!.x || amsgrad.second!.y < amsgrad.third!.y)
  }

  /// Rprop's step sizes stay within their bounds, grow by η₊ while the sign holds and shrink
  /// by η₋ when it flips, and each coordinate moves by exactly its step size or not at all.
  @Test func rpropStepsFollowTheSigns() {
    let rule = Rprop(lr: 0.5, etaMinus: 0.5, etaPlus: 1.2, stepMin: 0.01, stepMax: 2)
    var p = SIMD2(-1.5, 2.0)
    var memory = RuleMemory<SIMD2<Double>>()
    var previous = SIMD2<Double>(0, 0)
    var steps = SIMD2<Double>(0.5, 0.5)
    for t in 1...100 {
      let g = Self.rosenbrockGradient(p)
      let next = rule.apply(position: p, gradient: g, memory: &memory, t: t)
      for i in 0..<2 {
        let product = g[i] * previous[i]
        let factor = product > 0 ? 1.2 : product < 0 ? 0.5 : 1
        steps[i] = min(max(steps[i] * factor, 0.01), 2)
        #expect(memory.second![i] == steps[i])
        let moved = abs(next[i] - p[i])
        if product < 0 {
          #expect(next[i] == p[i])
          previous[i] = 0
        } else {
          #expect(close(moved, steps[i], relative: 1e-12))
          previous[i] = g[i]
        }
      }
      p = next
    }
  }

  /// AdamW with no decay is Adam, and its decay alone shrinks the point by lr·λ.
  @Test func adamWWithoutDecayIsAdam() throws {
    var p = SIMD2(-1.5, 2.0)
    var q = p
    var memoryP = RuleMemory<SIMD2<Double>>()
    var memoryQ = RuleMemory<SIMD2<Double>>()
    for t in 1...100 {
      p = AdamW(lr: 0.01, weightDecay: 0).apply(
        position: p, gradient: Self.rosenbrockGradient(p), memory: &memoryP, t: t)
      q = Adam(lr: 0.01).apply(
        position: q, gradient: Self.rosenbrockGradient(q), memory: &memoryQ, t: t)
      #expect(close(p.x, q.x, relative: 1e-12) && close(p.y, q.y, relative: 1e-12))
    }
    let decay = AdamW(lr: 0.1, weightDecay: 0.5).decay(at: SIMD2(2.0, -4.0))
    #expect(close(decay.x, -0.1, relative: 1e-12) && close(decay.y, 0.2, relative: 1e-12))
  }

  /// NAdam's μₜ warms up from about β₁/2 toward β₁, and its product is a float32 value.
  @Test func nadamMomentumWarmsUp() {
    let rule = NAdam(beta1: 0.9, momentumDecay: 0.004)
    #expect(close(rule.mu(1), 0.9 * (1 - 0.5 * pow(0.96, 0.004)), relative: 1e-15))
    #expect(rule.mu(1) < rule.mu(100) && rule.mu(100) < rule.mu(10_000))
    #expect(rule.mu(100_000) > 0.899)
    var memory = RuleMemory<SIMD2<Double>>()
    var p = SIMD2(-1.5, 2.0)
    for t in 1...20 {
      p = rule.apply(position: p, gradient: Self.rosenbrockGradient(p), memory: &memory, t: t)
      let product = try! #require(memory.scalar)
      #expect(Double(Float(product)) == product)
    }
  }

  /// StepLR multiplies by γ after every N updates, and holds the rate in between.
  @Test func stepScheduleDropsEveryN() {
    let schedule = Schedule.step(every: 60, gamma: 0.3)
    for t in 1...60 { #expect(schedule.lr(atStep: t, base: 0.01) == 0.01) }
    for t in 61...120 { #expect(schedule.lr(atStep: t, base: 0.01) == 0.01 * 0.3) }
    #expect(schedule.lr(atStep: 121, base: 0.01) == 0.01 * 0.3 * 0.3)
  }

  /// ExponentialLR multiplies by γ after every update: lrₜ = lr₀·γᵗ⁻¹, rounded step by step.
  @Test func exponentialScheduleIsGeometric() {
    let schedule = Schedule.exponential(gamma: 0.99)
    #expect(schedule.lr(atStep: 1, base: 0.02) == 0.02)
    #expect(schedule.lr(atStep: 2, base: 0.02) == 0.02 * 0.99)
    #expect(schedule.lr(atStep: 3, base: 0.02) == 0.02 * 0.99 * 0.99)
    #expect(close(schedule.lr(atStep: 200, base: 0.02), 0.02 * pow(0.99, 199), relative: 1e-12))
  }

  /// CosineAnnealingLR's recursive form follows the closed form
  /// min + (lr₀ − min)·(1 + cos(π(t−1)/T))/2, reaches min after T updates, and climbs back.
  @Test func cosineScheduleFollowsTheClosedForm() {
    let schedule = Schedule.cosine(tMax: 300, lrMin: 0.001)
    var rate = 0.02
    for t in 1...900 {
      let closed = 0.001 + (0.02 - 0.001) * (1 + cos(Double.pi * Double(t - 1) / 300)) / 2
      #expect(close(rate, closed, relative: 1e-9), "update \(t): \(rate) against \(closed)")
      #expect(schedule.lr(atStep: t, base: 0.02) == rate)
      rate = schedule.lr(after: rate, update: t, base: 0.02)
    }
    #expect(close(schedule.lr(atStep: 301, base: 0.02), 0.001, relative: 1e-9))
    #expect(close(schedule.lr(atStep: 601, base: 0.02), 0.02, relative: 1e-9))
  }

  @Test func schedulesAreMadeFromTheirSettings() throws {
    #expect(try Schedule.make(kind: "constant") == .constant)
    #expect(try Schedule.make(kind: "step", every: 60) == .step(every: 60, gamma: 0.1))
    #expect(try Schedule.make(kind: "exponential", gamma: 0.9) == .exponential(gamma: 0.9))
    #expect(try Schedule.make(kind: "cosine", tMax: 10) == .cosine(tMax: 10, lrMin: 0))
  }

  @Test(
    arguments: [
      ("linear", nil, nil, nil, nil, "kind"),
      ("step", nil, 0.5, nil, nil, nil),
      ("step", 0, 0.5, nil, nil, "every"),
      ("step", 10, 0, nil, nil, "gamma"),
      ("step", 10, 0.5, 5, nil, "t-max"),
      ("exponential", nil, nil, nil, nil, nil),
      ("exponential", nil, Double.nan, nil, nil, "gamma"),
      ("exponential", 3, 0.9, nil, nil, "every"),
      ("cosine", nil, nil, 0, nil, "t-max"),
      ("cosine", nil, nil, 10, -1, "lr-min"),
      ("cosine", nil, 0.5, 10, nil, "gamma"),
      ("constant", nil, nil, nil, 0.1, "lr-min"),
    ] as [(String, Int?, Double?, Int?, Double?, String?)])
  func invalidSchedulesSayWhich(
    kind: String, every: Int?, gamma: Double?, tMax: Int?, lrMin: Double?, setting: String?
  ) {
    #expect(throws: ScheduleError.self) {
      try Schedule.make(kind: kind, every: every, gamma: gamma, tMax: tMax, lrMin: lrMin)
    }
    do {
      _ = try Schedule.make(kind: kind, every: every, gamma: gamma, tMax: tMax, lrMin: lrMin)
    } catch {
      #expect(error.setting == setting, "\(error.message)")
    }
  }
}

private func pointwiseMax(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double> {
  SIMD2(max(a.x, b.x), max(a.y, b.y))
}
