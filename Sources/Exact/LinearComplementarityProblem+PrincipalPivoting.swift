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
  ///
  /// - Parameter allFreeSolution: M⁻¹(−q) when the caller has already solved
  ///   for it (the first iterate, where every index is free); spares that solve.
  /// - Parameter initialFree: the free set to start from (every index by
  ///   default), e.g. ``floatingFreeSetGuess(matrix:offset:maximumIterations:)``.
  /// - Parameter integerForm: M as integers over one denominator, when the
  ///   caller has it (spares converting n² rationals).
  public func solveByPrincipalPivoting(
    solver: some ExactLinearSolver = DixonSolver(), maximumIterations: Int? = nil, allFreeSolution: ScaledIntegerVector? = nil,
    initialFree: Set<Int>? = nil, integerForm: IntegerBilinearForm? = nil
  ) throws -> Outcome {
    let n = offset.dimension
    if offset.allSatisfy({ $0.signum >= 0 }) { return .solved(z: Vector(zeros: n), w: offset) }
    // M z + q in integer arithmetic: z comes over one common denominator.
    let form = integerForm ?? IntegerBilinearForm(matrix)
    let q = ScaledIntegerVector(offset.entries)
    var free = initialFree?.filter { (0..<n).contains($0) } ?? Set(0..<n)
    var bestInfeasible = Int.max
    var strikes = 0
    let limit = maximumIterations ?? (3 * n + 10)
    for _ in 0..<limit {
      let f = free.sorted()
      var numerators = [BigInt](repeating: BigInt(), count: n)
      var denominator = BigInt(1)
      if !f.isEmpty {
        let zf: ScaledIntegerVector
        if f.count == n, let known = allFreeSolution {
          zf = known
        } else {
          let rhs = Vector(f.map { -offset[$0] })
          let solved: ScaledIntegerVector?
          if solver is DixonSolver, let words = form.machineNumerators {
            // The free block's word numerators, without rebuilding rationals.
            let block = f.flatMap { i in f.map { j in words[i * n + j] } }
            // A singular block ends the pivoting (Lemke's method decides): no exact elimination to prove it.
            solved = (try? DixonSolver().solveUnlessSingularModuloPrimes(integerMatrix: block, denominator: form.denominator, rhs)) ?? nil
          } else {
            solved = try? solver.solveOverCommonDenominator(matrix.submatrix(rows: f, columns: f), rhs)
          }
          guard let solved else { break }  // singular block
          zf = solved
        }
        for (k, i) in f.enumerated() { numerators[i] = zf.numerators[k] }
        denominator = zf.denominator
      }
      let z = try ScaledIntegerVector(numerators: numerators, denominator: denominator)
      let w = form.apply(z).adding(q, times: Rational(1))
      let infeasible = (0..<n).filter { free.contains($0) ? z.numerators[$0].signum < 0 : w.numerators[$0].signum < 0 }
      if infeasible.isEmpty {
        // Complementary as built (w_F = 0, z_G = 0); certified anyway.
        guard Self.isSolution(z, w) else { break }
        return .solved(z: z.vector, w: w.vector)
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

  /// The certificate on integer numerators: z ≥ 0, w = M z + q ≥ 0 and
  /// zᵀw = 0 (with w computed by the caller from z in exact arithmetic).
  static func isSolution(_ z: ScaledIntegerVector, _ w: ScaledIntegerVector) -> Bool {
    z.numerators.allSatisfy { $0.signum >= 0 } && w.numerators.allSatisfy { $0.signum >= 0 } && z.dot(w).isZero
  }
}
