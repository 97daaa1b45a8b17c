//===--- LinearComplementarityProblem+PrincipalPivoting.swift -------------===//
// A fast exact path for LCPs whose solution is near "everything free".
//===----------------------------------------------------------------------===//

extension LinearComplementarityProblem {
  /// Solves by block principal pivoting (Júdice & Pires 1994) with exact
  /// solves of the free block, falling back to Lemke's method.
  ///
  /// With F the free set (w_F = 0, z_F = −M_FF⁻¹ q_F) and G the rest
  /// (z_G = 0), the infeasible indices (z_i < 0 in F, w_i < 0 in G) are
  /// exchanged as a block while their number falls, then one at a time by
  /// Murty's least-index rule, which terminates for positive definite M.
  /// Each answer passes the exact certificate before it is returned; when a
  /// block is singular or the iteration budget runs out, Lemke's method
  /// (always finite) decides, so the outcome is the same as ``solve(maximumPivots:)``.
  public func solveByPrincipalPivoting(solver: some ExactLinearSolver = DixonSolver(), maximumIterations: Int? = nil) throws -> Outcome {
    let n = offset.dimension
    if offset.allSatisfy({ $0.signum >= 0 }) { return .solved(z: Vector(zeros: n), w: offset) }
    var free = Set(0..<n)
    var bestInfeasible = Int.max
    var strikes = 0
    let limit = maximumIterations ?? (3 * n + 10)
    for _ in 0..<limit {
      let f = free.sorted()
      var z = Vector(zeros: n)
      if !f.isEmpty {
        let block = matrix.submatrix(rows: f, columns: f)
        guard let zf = try? solver.solve(block, Vector(f.map { -offset[$0] })) else { break }  // singular block
        for (k, i) in f.enumerated() { z[i] = zf[k] }
      }
      let w = try matrix.multiplied(by: z) + offset
      let infeasible = (0..<n).filter { free.contains($0) ? z[$0].signum < 0 : w[$0].signum < 0 }
      if infeasible.isEmpty {
        // Complementary by construction (w_F = 0, z_G = 0); certify anyway.
        guard isSolution(z) else { break }
        return .solved(z: z, w: w)
      }
      if infeasible.count < bestInfeasible {
        bestInfeasible = infeasible.count
        strikes = 0
      } else {
        strikes += 1
      }
      // Block exchange while it helps; then Murty's single least-index exchange.
      let exchange = strikes < 3 ? infeasible : [infeasible.max()!]
      for i in exchange {
        if free.contains(i) { free.remove(i) } else { free.insert(i) }
      }
    }
    return try solve()
  }
}
