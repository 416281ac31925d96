/// Simulated annealing with the Metropolis rule. It uses no gradient, only values of f.
///
/// At step k (0-based), with temperature Tₖ = T₀·cᵏ:
///
///     x' = x + σ·N(0, I)                               (a seeded xoshiro256** proposal)
///     accept x' if f(x') ≤ f(x), or with probability exp(−(f(x') − f(x)) / Tₖ)
///
/// A proposal where f is not finite is always rejected. Each step spends exactly one
/// evaluation of f, at the proposal, and draws exactly three random numbers, so a seed fixes
/// the whole run.
public struct Annealing: Optimizer {
  /// T₀, the starting temperature.
  public var temperature: Double
  /// c, the geometric cooling factor per step.
  public var cooling: Double
  /// σ, the standard deviation of a proposal in each coordinate.
  public var sigma: Double
  public var seed: UInt64

  /// The acceptance rate is reported over this many recent steps.
  public static let acceptanceWindow = 50

  public init(
    temperature: Double = 1, cooling: Double = 0.99, sigma: Double = 0.1, seed: UInt64 = 0
  ) {
    self.temperature = temperature
    self.cooling = cooling
    self.sigma = sigma
    self.seed = seed
  }

  public static let spec = OptimizerSpec(
    "anneal", title: "simulated annealing", family: .gradientFree,
    summary: "random moves, downhill always, uphill less often as it cools",
    settings: [
      .real("temperature", 1, .positive, "Starting temperature T₀."),
      .real("cooling", 0.99, .unitLeftOpen, "Cooling factor c per step."),
      .real("sigma", 0.1, .positive, "Standard deviation σ of a proposal."),
      .seed(),
    ],
    equations: [
      "x' = x + σ·N(0, I)", "accept if f(x') ≤ f(x), else with p = exp(−Δf / T)", "T ← c·T",
    ],
    color: 0xFFFFFF, racesByDefault: true, stepSetting: "sigma",
    build: { h, _ in
      Annealing(temperature: h.temperature!, cooling: h.cooling!, sigma: h.sigma!, seed: h.seed!)
    })

  /// What annealing carries between steps, and what its last step did (for the inspector's
  /// rows and the equations, worked out when asked).
  struct Memory<V: ParameterVector>: Sendable {
    var generator: Xoshiro256StarStar
    /// Bit i is set if the step i steps ago was accepted.
    var recentAcceptances: UInt64 = 0
    /// The last step's proposal, f there, whether it was accepted and at what temperature.
    var proposal: V? = nil
    var proposalLoss = Double.nan
    var accepted = false
    var temperature = Double.nan
  }

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters {
    var h: Hyperparameters = ["temperature": temperature, "cooling": cooling, "sigma": sigma]
    h.seed = seed
    return h
  }

  /// The temperature of step `k` (0-based): T₀·cᵏ.
  public func temperature(atStep k: Int) -> Double {
    k == 0 ? temperature : temperature * Math.pow(cooling, Double(k))
  }

  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    Iterate(
      position: x, loss: f.value(at: x), evaluations: EvaluationCount(values: 1),
      memory: Memory<F.Point>(generator: Xoshiro256StarStar(seed: seed)))
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    var next = state
    var memory = state.memory(as: Memory<F.Point>.self)
    let proposal = state.position + sigma * memory.generator.normal(like: state.position)
    let u = memory.generator.uniform()
    let proposalLoss = f.value(at: proposal)
    let delta = proposalLoss - state.loss
    let temperature = temperature(atStep: state.step)
    let accepted =
      proposalLoss.isFinite && (delta <= 0 || u < Math.exp(-delta / temperature))
    if accepted {
      next.position = proposal
      next.loss = proposalLoss
    }
    next.step += 1
    next.evaluations.values += 1
    memory.recentAcceptances = (memory.recentAcceptances << 1) | (accepted ? 1 : 0)
    memory.proposal = proposal
    memory.proposalLoss = proposalLoss
    memory.accepted = accepted
    memory.temperature = temperature
    next.marks = [Mark("proposal", .segment(state.position, proposal), role: .secondary)]
    next.memory = memory
    return next
  }

  /// The inspector's rows, worked out from the state when asked: the temperature, the
  /// proposal and f there, and the acceptance rate over the last steps.
  public func rows<V: ParameterVector>(of state: Iterate<V>) -> [InspectorRow] {
    let memory = state.memory(as: Memory<V>.self)
    guard state.step > 0, let proposal = memory.proposal else { return [] }
    let window = Swift.min(state.step, Self.acceptanceWindow)
    let mask: UInt64 = (1 << UInt64(window)) - 1
    let rate = Double((memory.recentAcceptances & mask).nonzeroBitCount) / Double(window)
    return [
      .number("T", memory.temperature),
      .vector("proposal", proposal, memory.accepted ? " accepted" : " rejected"),
      .number("f there", memory.proposalLoss),
      .number("accepted", rate * 100, "% of the last \(Self.acceptanceWindow)"),
    ]
  }
}

extension Annealing {
  /// The proposal, Δf, the acceptance probability and the draw that decided, replayed from
  /// the generator the step started with; f at the proposal is in the step's rows.
  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    guard state.step == previous.step + 1 else { return [] }
    let after = state.memory(as: Memory<V>.self)
    let (proposalLoss, accepted) = (after.proposalLoss, after.accepted)
    var generator = previous.memory(as: Memory<V>.self).generator
    let z = generator.normal(like: previous.position)
    let u = generator.uniform()
    let proposal = previous.position + sigma * z
    let delta = proposalLoss - previous.loss
    let temperature = temperature(atStep: previous.step)
    var decision: [LiveEquation]
    if delta <= 0 && proposalLoss.isFinite {
      decision = [LiveEquation("accept: f(x') ≤ f(x)", [], is: "accepted")]
    } else {
      decision = [
        LiveEquation(
          "p = exp(−Δf / T)", ["exp(−", .n(delta), " / ", .n(temperature), ")"],
          is: .n(Math.exp(-delta / temperature))),
        LiveEquation(
          "accept if u < p", ["u = ", .n(u)], is: .text(accepted ? "accepted" : "rejected"),
          link: ":"),
      ]
    }
    return [
      LiveEquation(
        Self.spec.equations[0], [.v(previous.position), " + ", .n(sigma), "·", .v(z)],
        is: .v(proposal)),
      LiveEquation(
        "Δf = f(x') − f(x)", [.n(proposalLoss), " − ", .n(previous.loss)], is: .n(delta)),
    ] + decision + [
      LiveEquation(
        "T ← c·T", [.n(cooling), "·", .n(temperature)],
        is: .n(self.temperature(atStep: state.step)))
    ]
  }
}

extension OptimizerKind {
  public static let anneal = Annealing.spec.kind
}

extension Xoshiro256StarStar {
  /// A vector of independent standard normal draws with as many coordinates as `v`, taken
  /// two at a time from `normalPair` (the last pair's second half unused for an odd count).
  public mutating func normal<V: ParameterVector>(like v: V) -> V {
    var result = v * 0
    var k = 0
    while k < v.scalarCount {
      let pair = normalPair()
      result[k] = pair.x
      if k + 1 < v.scalarCount { result[k + 1] = pair.y }
      k += 2
    }
    return result
  }
}
