import DescentCore
import Foundation
import Testing

/// The equations panel writes each update out with the numbers it used. Substituting those
/// numbers, at full precision, into the equation (computed here independently, in plain
/// arithmetic) must give what the line says it came to, and the last line must be where the
/// run went: the panel can never disagree with the trajectory or the inspector.
@Suite struct LiveEquationTests {
  typealias Evaluate = @Sendable ([Double]) -> [Double]

  /// Each equation the gradient optimizers write, as plain arithmetic on its numbers in the
  /// order they are shown (a pair is two numbers).
  /// f of each coordinate of a pair.
  @Sendable static func each(_ f: (Int) -> Double) -> [Double] { [f(0), f(1)] }

  static let substitutions: [String: Evaluate] = {
    var table: [String: Evaluate] = [:]
    table["x ← x − lr·g"] = { n in each { n[$0] - n[2] * n[3 + $0] } }
    table["x ← x − t·g"] = table["x ← x − lr·g"]
    table["t = lr/2ᵏ, k halvings"] = { n in [n[0] / pow(2, n[1])] }
    table["b ← μ·b + g"] = { n in each { n[0] * n[1 + $0] + n[3 + $0] } }
    table["x ← x − lr·b"] = table["x ← x − lr·g"]
    table["x ← x − lr·(g + μ·b)"] = { n in each { n[$0] - n[2] * (n[3 + $0] + n[5] * n[6 + $0]) } }
    table["v ← α·v + (1 − α)·g²"] = { n in
      each { n[0] * n[1 + $0] + n[3] * n[4 + $0] * n[4 + $0] }
    }
    table["x ← x − lr·g / (√v + ε)"] = { n in
      each { n[$0] - n[2] * n[3 + $0] / (n[5 + $0].squareRoot() + n[7]) }
    }
    table["m ← β₁·m + (1 − β₁)·g"] = { n in each { n[0] * n[1 + $0] + n[3] * n[4 + $0] } }
    table["v ← β₂·v + (1 − β₂)·g²"] = table["v ← α·v + (1 − α)·g²"]
    table["m̂ = m / (1 − β₁ᵗ)"] = { n in each { n[$0] / n[2] } }
    table["v̂ = v / (1 − β₂ᵗ)"] = table["m̂ = m / (1 − β₁ᵗ)"]
    table["x ← x − lr·m̂ / (√v̂ + ε)"] = table["x ← x − lr·g / (√v + ε)"]
    table["x ← x·(1 − lr·λ)"] = { n in each { n[$0] * (1 - n[2] * n[3]) } }
    table["vmax ← max(vmax, v)"] = { n in each { max(n[$0], n[2 + $0]) } }
    table["x ← x − lr·m̂ / (√(vmax / (1 − β₂ᵗ)) + ε)"] = { n in
      each { n[$0] - n[2] * n[3 + $0] / ((n[5 + $0] / n[7]).squareRoot() + n[8]) }
    }
    table["s ← s + g²"] = { n in each { n[$0] + n[2 + $0] * n[2 + $0] } }
    table["x ← x − lr·g / (√s + ε)"] = table["x ← x − lr·g / (√v + ε)"]
    table["μₜ = β₁·(1 − ½·0.96^(t·ψ))"] = { n in [n[0] * (1 - 0.5 * pow(0.96, n[1] * n[2]))] }
    table["Πμ ← Πμ·μₜ (float32)"] = { n in [Double(Float(n[0]) * Float(n[1]))] }
    table["x ← x − lr·((1 − μₜ)·g/(1 − Πμ) + μₜ₊₁·m/(1 − Πμ·μₜ₊₁)) / (√v̂ + ε)"] = { n in
      // x, lr, μ, g, Π, μ', m, Π, μ', v̂, ε
      each {
        n[$0] - n[2]
          * ((1 - n[3]) * n[4 + $0] / (1 - n[6]) + n[7] * n[8 + $0] / (1 - n[10] * n[11]))
          / (n[12 + $0].squareRoot() + n[14])
      }
    }
    table["η = η₊ where g·g₋ > 0, η₋ where < 0, else 1"] = { n in
      each { n[$0] * n[2 + $0] > 0 ? n[4] : n[$0] * n[2 + $0] < 0 ? n[5] : 1 }
    }
    table["s ← clamp(s·η, min, max)"] = {
      n in each { min(max(n[$0] * n[2 + $0], n[4]), n[5]) }
    }
    table["x ← x − sign(g)·s (g ← 0 where it flipped)"] = { n in
      each { n[$0] - n[2 + $0] * n[4 + $0] }
    }
    table["x ← x − lr·d"] = table["x ← x − lr·g"]
    table["x ← x + t·d"] = { n in each { n[$0] + n[2] * n[3 + $0] } }
    table["d = −g"] = { n in each { -n[$0] } }
    table["β = max(0, g·(g − g₋)/(g₋·g₋))"] = { n in
      let (g, p) = ([n[0], n[1]], [n[4], n[5]])
      return [max(0, (g[0] * (g[0] - p[0]) + g[1] * (g[1] - p[1])) / (p[0] * p[0] + p[1] * p[1]))]
    }
    table["d = −g + β·d₋"] = { n in each { -n[$0] + n[2] * n[3 + $0] } }
    // Gradient-free methods: the update of the member shown.
    table["x' = x + σ·N(0, I)"] = { n in each { n[$0] + n[2] * n[3 + $0] } }
    table["Δf = f(x') − f(x)"] = { n in [n[0] - n[1]] }
    table["p = exp(−Δf / T)"] = { n in [exp(-n[0] / n[1])] }
    table["T ← c·T"] = { n in [n[0] * n[1]] }
    table["x̄ = mean of all vertices but the worst xₙ"] = { n in each { (n[$0] + n[2 + $0]) / n[4] }
    }
    table["reflect xr = 2x̄ − xₙ"] = { n in each { n[0] * n[1 + $0] - n[3] * n[4 + $0] } }
    table["f(xr) < f(x₀): expand"] = table["reflect xr = 2x̄ − xₙ"]
    table["f(xr) ≥ f(xₙ₋₁): contract"] = table["reflect xr = 2x̄ − xₙ"]
    table["f(xr) ≥ f(xₙ): inside"] = { n in each { n[0] * n[1 + $0] + n[3] * n[4 + $0] } }
    table["m ← m + σ·Σ wᵢ·yᵢ"] = { n in each { n[$0] + n[2] * n[3 + $0] } }
    table["σ ← σ·exp((c_σ/d_σ)·(‖p_σ‖/E‖N(0, I)‖ − 1))"] = { n in
      [n[0] * exp((n[1] / n[2]) * (n[3] / n[4] - 1))]
    }
    table["v ← w·v + c₁·r₁⊙(p − x) + c₂·r₂⊙(g − x)"] = { n in
      // w, v, c₁, r₁, p, x, c₂, r₂, g, x
      each {
        n[0] * n[1 + $0] + n[3] * n[4 + $0] * (n[6 + $0] - n[8 + $0]) + n[10] * n[11 + $0]
          * (n[13 + $0] - n[15 + $0])
      }
    }
    table["x ← x + v"] = { n in each { n[$0] + n[2 + $0] } }
    table["xⁱ = sₗⁱ + σⁱ·N(0, 1)"] = { n in each { n[$0] + n[2 + $0] * n[4 + $0] } }
    return table
  }()

  /// Equations whose values cannot be substituted alone: L-BFGS's two loops run over the
  /// pairs it keeps (its x line is still checked).
  static let unsubstituted = ["d = −H·g, two loops"]

  /// The substitution for `symbols`: the entry that it starts with ("d = −g (a restart)").
  static func substitution(_ symbols: String) -> Evaluate? {
    substitutions[symbols]
      ?? substitutions.first { symbols.hasPrefix($0.key) }?.value
  }

  static let gradientKinds: [OptimizerKind] = OptimizerRegistry.all.map(\.kind).filter {
    $0.usesGradient
  }

  /// A few steps of `optimizer` on Rosenbrock from its start, each with the state before it.
  static func steps(_ optimizer: any Optimizer, count: Int = 6) throws -> [(
    before: RunState, after: RunState
  )] {
    let scene = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    var objective = scene.objective()
    var run = Run(optimizer, from: scene.start, on: &objective)
    var pairs: [(RunState, RunState)] = []
    for _ in 0..<count {
      let before = run.state
      run.advance(on: &objective)
      pairs.append((before, run.state))
    }
    return pairs
  }

  static func check(_ optimizer: any Optimizer, name: String) throws {
    for (before, after) in try steps(optimizer) {
      let equations = after.equations(after: before)
      #expect(!equations.isEmpty, "\(name) step \(after.step) has no equations")
      for equation in equations {
        let result = LiveEquation.numbers(equation.result)
        if equation.values.isEmpty {
          // "b ← g (the first step)": the gradient the step used.
          if equation.symbols.hasPrefix("b ← g") {
            #expect(result == [before.gradient!.x, before.gradient!.y])
          }
          continue
        }
        if Self.unsubstituted.contains(where: equation.symbols.hasPrefix) { continue }
        if equation.symbols.hasPrefix("d = (H + λI)⁻¹·g") {
          // A solve: the residual (H + λI)·d − g is rounding-small.
          let n = LiveEquation.numbers(equation.values)
          for i in 0..<2 {
            let row = n[2 * i] * result[0] + n[2 * i + 1] * result[1]
            let scale = abs(n[2 * i] * result[0]) + abs(n[2 * i + 1] * result[1]) + abs(n[4 + i])
            #expect(abs(row - n[4 + i]) <= 1e-12 * scale, "\(name): H·d ≠ g")
          }
          continue
        }
        let evaluate = try #require(
          substitution(equation.symbols), "\(name): no substitution for \(equation.symbols)")
        let expected = evaluate(LiveEquation.numbers(equation.values))
        #expect(expected.count == result.count, "\(name): \(equation.symbols)")
        for (a, b) in zip(expected, result) {
          #expect(
            abs(a - b) <= 1e-12 * max(1, abs(b)),
            "\(name) step \(after.step): \(equation.symbols) gives \(a), shows \(b)")
        }
      }
      // The last line is where the run went, bit for bit, and the first x line starts where
      // it was.
      let last = try #require(equations.last)
      #expect(LiveEquation.numbers(last.result) == [after.position.x, after.position.y], "\(name)")
      let first = try #require(equations.first { $0.symbols.hasPrefix("x ←") })
      #expect(
        Array(LiveEquation.numbers(first.values).prefix(2))
          == [before.position.x, before.position.y], "\(name)")
      // The gradient shown is the one at the previous point, as the inspector says.
      if case .vector(let used) = after.row("used g") {
        #expect(used == [before.gradient!.x, before.gradient!.y])
        let g = equations.flatMap { $0.values }.contains(.vector(used))
        #expect(g, "\(name) step \(after.step): the gradient used is not shown")
      }
      // The memory shown agrees with the inspector's rows.
      for (label, prefix) in [
        ("buffer b", "b ←"), ("m", "m ←"), ("v", "v ←"), ("m̂", "m̂ ="), ("v̂", "v̂ ="),
        ("sum g²", "s ←"), ("step sizes", "s ←"),
      ] {
        guard case .vector(let row) = after.row(label),
          let equation = equations.first(where: { $0.symbols.hasPrefix(prefix) })
        else { continue }
        #expect(LiveEquation.numbers(equation.result) == row, "\(name): \(label)")
      }
    }
  }

  @Test(arguments: gradientKinds)
  func substitutingTheShownNumbersReproducesTheStep(kind: OptimizerKind) throws {
    let scene = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    try Self.check(try kind.make(scene.settings(for: kind)), name: kind.rawValue)
  }

  /// Gradient-free methods show the essential update of one member; its numbers substitute
  /// too, and the point it gives is one the method holds.
  @Test(arguments: OptimizerRegistry.all.map(\.kind).filter { !$0.usesGradient })
  func gradientFreeUpdatesSubstituteToo(kind: OptimizerKind) throws {
    let scene = try #require(SceneLibrary.builtin(named: "rosenbrock"))
    let optimizer = try scene.optimizer(kind, overrides: Hyperparameters())
    for (before, after) in try Self.steps(optimizer, count: 8) {
      let equations = after.equations(after: before)
      #expect(!equations.isEmpty, "\(kind) step \(after.step) has no equations")
      var checked = 0
      for equation in equations {
        let result = LiveEquation.numbers(equation.result)
        guard let evaluate = Self.substitution(equation.symbols), !result.isEmpty else { continue }
        for (a, b) in zip(evaluate(LiveEquation.numbers(equation.values)), result) {
          #expect(
            abs(a - b) <= 1e-12 * max(1, abs(b)),
            "\(kind) step \(after.step): \(equation.symbols) gives \(a), shows \(b)")
        }
        checked += 1
      }
      #expect(checked >= 1 || kind == .ga, "\(kind) step \(after.step): nothing to substitute")
      // The point the last update line gives is one the method now holds or drew.
      let held =
        after.points
        + after.marks.flatMap { mark -> [SIMD2<Double>] in
          if case .points(let points) = mark.shape { return points }
          return []
        }
      let shown = equations.compactMap { equation -> SIMD2<Double>? in
        let n = LiveEquation.numbers(equation.result)
        return n.count == 2 ? SIMD2(n[0], n[1]) : nil
      }
      switch kind {
      case .anneal:
        if after.position != before.position { #expect(shown.first == after.position) }
      case .nelderMead, .pso, .ga, .aco, .cmaes:
        #expect(shown.last.map(held.contains) == true, "\(kind): \(shown) not in \(held)")
      default: break
      }
    }
  }

  @Test func aScheduledRateIsTheOneTheStepUsed() throws {
    for kind in [OptimizerKind.gd, .momentum, .adam] {
      let base = try kind.make(["lr": kind == .adam ? 0.05 : 5e-4])
      let optimizer = try #require(Scheduled(base, schedule: .exponential(gamma: 0.5)))
      try Self.check(optimizer, name: "\(kind) scheduled")
      let (before, after) = try #require(try Self.steps(optimizer, count: 3).last)
      // The third update used lr·0.5², and the equations say so.
      let rate = try #require(after.number("lr"))
      #expect(rate == base.hyperparameters.lr! * 0.25)
      #expect(LiveEquation.numbers(after.equations(after: before)[0].result) == [rate])
    }
  }

  @Test(arguments: ["armijo", "strong-wolfe"])
  func gdWithALineSearchShowsItsStepLength(search: String) throws {
    var settings: Hyperparameters = ["lr": 0.01]
    settings.setWord("line-search", to: search)
    try Self.check(try OptimizerKind.gd.make(settings), name: "gd \(search)")
  }
}
