/// Newton's method: the step to the stationary point of the local quadratic model
/// m(p) = f + ∇f·p + ½pᵀHp, with the exact Hessian H = ∇²f (forward over reverse on the
/// tape, or on a network's backpropagation; never differences), optionally damped:
///
///     x ← x − lr·(H + λI)⁻¹·∇f
///
/// Pure Newton: no line search and no safeguard. On a quadratic with lr = 1 it lands on the
/// minimum in one step; where H is indefinite it heads for the saddle, and where H is
/// negative definite for the maximum. It matches `v - lr * torch.linalg.solve(H + λI, g)`
/// with torch's exact Hessian. Each step evaluates f, ∇f and H at the new point; the Hessian
/// is counted as one gradient evaluation per parameter (one Hessian-vector product each).
public struct Newton: Optimizer {
  public var lr: Double
  public var damping: Double

  public init(lr: Double = 1, damping: Double = 0) {
    self.lr = lr
    self.damping = damping
  }

  public static let spec = OptimizerSpec(
    "newton", title: "Newton's method", family: .secondOrder,
    summary: "a jump to the minimum of the local quadratic model, from the exact Hessian",
    settings: [
      .real("lr", 1, .positive, "Step scale: 1 jumps to the model's stationary point."),
      .real("damping", 0, .nonNegative, "λ added to the Hessian's diagonal."),
    ],
    equations: ["x ← x − lr·(H + λI)⁻¹·g, H = ∇²f exact"],
    color: 0x99FFE6,
    build: { h, _ in Newton(lr: h.lr!, damping: h.damping!) })

  public var kind: OptimizerKind { Self.spec.kind }
  public var hyperparameters: Hyperparameters { ["lr": lr, "damping": damping] }

  // The memory is H at the current position: on a surface a `SymmetricMatrix2`, solved
  // without allocating, bit for bit as the general LU would; otherwise a `Matrix`; `()` where
  // the objective has no Hessian. Either matrix fits in place in the memory's existential.

  public func start<F: Objective>(at x: F.Point, on f: inout F) -> Iterate<F.Point> {
    // The model at the start is shown before any step: H's eigenvalues and the step ahead.
    evaluate(at: x, step: 0, spent: EvaluationCount(), on: &f)
  }

  public func step<F: Objective>(_ state: Iterate<F.Point>, on f: inout F) -> Iterate<F.Point> {
    let x = state.position
    guard let g = state.gradient, let next = proposal(from: x, gradient: g, hessian: state.memory)
    else {
      // No step: H + λI is singular. Evaluating again where it stands spends what a step
      // would (so a budget still runs out); on a mini-batch the next batch may move it on.
      var stay = evaluate(at: x, step: state.step + 1, spent: state.evaluations, on: &f)
      stay.rows.insert(.text("step", "none: H + λI is singular"), at: 0)
      return stay
    }
    return evaluate(at: next, step: state.step + 1, spent: state.evaluations, on: &f)
  }

  /// x − lr·(H + λI)⁻¹·g for the H that `evaluate` kept; nil when H + λI is singular or
  /// there is no H.
  func proposal<V: ParameterVector>(from x: V, gradient g: V, hessian: any Sendable) -> V? {
    if let h = hessian as? SymmetricMatrix2, let head = x as? SIMD2<Double>,
      let g = g as? SIMD2<Double>
    {
      return newtonStep(position: head, gradient: g, hessian: h, lr: lr, damping: damping)
        .map { $0 as! V }
    }
    guard let h = hessian as? Matrix else { return nil }
    return newtonStep(position: x, gradient: g, hessian: h, lr: lr, damping: damping)
  }

  public func equations<V: ParameterVector>(from previous: Iterate<V>, to state: Iterate<V>)
    -> [LiveEquation]
  {
    guard state.step == previous.step + 1,
      let hessian = (previous.memory as? SymmetricMatrix2)?.matrix ?? (previous.memory as? Matrix),
      let g = previous.gradient
    else { return [] }
    return equations(from: previous.position, gradient: g, hessian: hessian, to: state.position)
  }

  /// The step from `x` to `next` written out: the solve (H + λI)·d = g with H's entries
  /// (on a surface), then x ← x − lr·d.
  func equations<V: ParameterVector>(from x: V, gradient g: V, hessian: Matrix, to next: V)
    -> [LiveEquation]
  {
    let n = x.scalarCount
    var system = hessian
    for i in 0..<n { system[i, i] += damping }
    guard let solved = solve(system, (0..<n).map { g[$0] }) else { return [] }
    var d = x
    for i in 0..<n { d[i] = solved[i] }
    let matrix: [LiveEquation.Term] =
      n == 2
      ? [
        "[[", .n(system[0, 0]), ", ", .n(system[0, 1]), "], [", .n(system[1, 0]), ", ",
        .n(system[1, 1]), "]]",
      ] : [.text("(\(n)×\(n) H + λI)")]
    return [
      LiveEquation("d = (H + λI)⁻¹·g, H = ∇²f exact", matrix + ["⁻¹·", .v(g)], is: .v(d)),
      LiveEquation("x ← x − lr·d", [.v(x), " − ", .n(lr), "·", .v(d)], is: .v(next)),
    ]
  }

  /// f, ∇f and H at `x`, with the inspector's rows and the map's marks for the model there.
  func evaluate<F: Objective>(at x: F.Point, step: Int, spent: EvaluationCount, on f: inout F)
    -> Iterate<F.Point>
  {
    let cost = f.gradientCost + EvaluationCount(gradients: x.scalarCount)
    if let head = x as? SIMD2<Double>,
      let (loss, gradient, hessian) = f.valueGradientAndSurfaceHessian(at: x),
      let g = gradient as? SIMD2<Double>
    {
      let proposal = newtonStep(
        position: head, gradient: g, hessian: hessian, lr: lr, damping: damping)
      let (rows, marks) = Self.show(
        QuadraticModel(gradient: g, hessian: hessian), at: head, proposal: proposal,
        as: { $0 as! F.Point })
      return Iterate(
        position: x, loss: loss, gradient: gradient, step: step, evaluations: spent + cost,
        rows: rows, marks: marks, memory: hessian)
    }
    guard let (loss, gradient, hessian) = f.valueGradientAndHessian(at: x) else {
      // An objective without second derivatives: Newton cannot step.
      let (loss, gradient) = f.valueAndGradient(at: x)
      return Iterate(
        position: x, loss: loss, gradient: gradient, step: step,
        evaluations: spent + f.gradientCost, rows: [.text("H", "not available here")])
    }
    let proposal = newtonStep(
      position: x, gradient: gradient, hessian: hessian, lr: lr, damping: damping)
    if x.scalarCount == 2, let head = x as? SIMD2<Double>, let g = gradient as? SIMD2<Double> {
      let (rows, marks) = Self.show(
        QuadraticModel(gradient: g, hessian: hessian.nestedRows), at: head,
        proposal: proposal.map { $0 as! SIMD2<Double> }, as: { $0 as! F.Point })
      return Iterate(
        position: x, loss: loss, gradient: gradient, step: step, evaluations: spent + cost,
        rows: rows, marks: marks, memory: hessian)
    }
    var rows: [InspectorRow] = [.text("H", "\(x.scalarCount)×\(x.scalarCount), exact")]
    var marks: [Mark<F.Point>] = []
    if let proposal {
      rows.append(.vector("next step", proposal - x))
      marks.append(Mark("step", .segment(x, proposal)))
    } else {
      rows.append(.text("next step", "none: H + λI is singular"))
    }
    return Iterate(
      position: x, loss: loss, gradient: gradient, step: step, evaluations: spent + cost,
      rows: rows, marks: marks, memory: hessian)
  }

  /// On a surface, the inspector's rows and the map's marks for the model at `head`: H's
  /// eigenvalues, the model's level curve through the head, and the step to `proposal`;
  /// the marks' points made `P`s by `point`.
  static func show<P: ParameterVector>(
    _ model: QuadraticModel, at head: SIMD2<Double>, proposal: SIMD2<Double>?,
    as point: (SIMD2<Double>) -> P
  ) -> (rows: [InspectorRow], marks: [Mark<P>]) {
    let (values, _) = model.eigen
    var rows: [InspectorRow] = [
      .vector(
        "eig H", SIMD2(values.x, values.y),
        values.x > 0 ? " minimum ahead" : values.y < 0 ? " maximum ahead" : " saddle ahead")
    ]
    var marks: [Mark<P>] = model.levelCurve().map { branch in
      Mark(
        "model", .path(branch.map { point(head + $0) }, closed: values.x * values.y > 0),
        role: .secondary)
    }
    if let proposal {
      rows.append(.vector("next step", proposal - head))
      marks.append(Mark("step", .segment(point(head), point(proposal))))
    } else {
      rows.append(.text("next step", "none: H + λI is singular"))
    }
    return (rows, marks)
  }
}

extension OptimizerKind {
  public static let newton = Newton.spec.kind
}
