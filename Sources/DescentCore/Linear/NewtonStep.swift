/// One step of (damped) Newton's method:
///
///     x ← x − lr·(H + λI)⁻¹ ∇f
///
/// with H the exact Hessian at x and λ = `damping`, solved by LU with partial pivoting as
/// `v - lr * torch.linalg.solve(H + lam * torch.eye(n), grad)` does, operation for operation.
/// Pure Newton: no safeguard, so on an indefinite H it heads for the saddle or the maximum.
///
/// - Returns: the new position, or nil if H + λI is exactly singular (no unique step).
public func newtonStep<V: ParameterVector>(
  position: V, gradient: V, hessian: Matrix, lr: Double, damping: Double
) -> V? {
  let n = position.scalarCount
  precondition(
    gradient.scalarCount == n && hessian.rows == n && hessian.columns == n,
    "a Newton step needs a gradient and an n × n Hessian for n parameters")
  var system = hessian
  for i in 0..<n { system[i, i] += damping }
  guard let direction = solve(system, (0..<n).map { gradient[$0] }) else { return nil }
  var next = position
  for i in 0..<n { next[i] = position[i] - lr * direction[i] }
  return next
}

/// One Newton step on a surface, from its 2 × 2 Hessian: the general `newtonStep`'s
/// operations, bit for bit, without allocating.
public func newtonStep(
  position: SIMD2<Double>, gradient: SIMD2<Double>, hessian: SymmetricMatrix2, lr: Double,
  damping: Double
) -> SIMD2<Double>? {
  guard
    let direction = LUDecomposition.solve2x2(
      hessian.xx + damping, hessian.xy, hessian.xy, hessian.yy + damping, gradient)
  else { return nil }
  return SIMD2(position.x - lr * direction.x, position.y - lr * direction.y)
}
