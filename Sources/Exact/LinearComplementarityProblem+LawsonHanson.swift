//===--- LinearComplementarityProblem+LawsonHanson.swift ------------------===//
// Exact Lawson–Hanson active-set iterations for a positive semidefinite LCP.
//===----------------------------------------------------------------------===//

extension LinearComplementarityProblem {
  /// Solves LCP(q, M) by the active-set method of Lawson and Hanson run in
  /// exact arithmetic, for M = AᵀA and q = −Aᵀb: the non-negative least
  /// squares problem min ‖Az − b‖ over z ≥ 0, whose KKT system the LCP is
  /// (w = Mz + q = −Aᵀ(b − Az) is the gradient).
  ///
  /// The passive set P carries z_P > 0 with M_PP z_P = −q_P (so w_P = 0);
  /// the index with the most negative w_i enters, and when the new solve
  /// leaves some z_i ≤ 0 the step is cut at the first coordinate to reach 0,
  /// which leaves P. An entering column a_t has w_t = −a_tᵀ(b − A z) < 0, so
  /// it is not in the span of A_P (the residual is orthogonal to that span):
  /// the columns of A_P stay independent and every block M_PP is
  /// nonsingular, of at most rank(A) indices. Where A has d + 1 ≪ n rows (the
  /// margin problem of n points in d dimensions) each step is one small exact
  /// solve and one product M z, where block principal pivoting passes through
  /// singular blocks and ends in Lemke's method on the n × n tableau.
  ///
  /// - Parameter initialPassive: a guess of P (a binary64 support); used
  ///   when its exact solve is positive, else the iteration starts from P = ∅.
  /// - Returns: the certified solution, or nil when a block is singular (M
  ///   not of that form) or `maximumIterations` pass; the caller then decides
  ///   by another method.
  public func solveByLawsonHanson(
    solver: some ExactLinearSolver = DixonSolver(), initialPassive: Set<Int>? = nil, integerForm: IntegerBilinearForm? = nil,
    maximumIterations: Int? = nil
  ) -> Outcome? {
    let n = offset.dimension
    if offset.allSatisfy({ $0.signum >= 0 }) { return .solved(z: Vector(zeros: n), w: offset) }
    let form = integerForm ?? IntegerBilinearForm(matrix)
    let q = ScaledIntegerVector(offset.entries)
    // s_P solving M_PP s = −q_P, nil when singular.
    func solve(_ passive: [Int]) -> ScaledIntegerVector? {
      let rhs = Vector(passive.map { -offset[$0] })
      if solver is DixonSolver, let words = form.machineNumerators {
        let block = passive.flatMap { i in passive.map { j in words[i * n + j] } }
        return (try? DixonSolver().solveUnlessSingularModuloPrimes(integerMatrix: block, denominator: form.denominator, rhs)) ?? nil
      }
      return try? solver.solveOverCommonDenominator(matrix.submatrix(rows: passive, columns: passive), rhs)
    }
    var z = [Rational](repeating: Rational(), count: n)
    var passive: [Int] = []
    if let guess = initialPassive?.filter({ (0..<n).contains($0) }).sorted(), !guess.isEmpty, guess.count < n,
       let s = solve(guess), s.numerators.allSatisfy({ $0.signum > 0 }) {
      passive = guess
      for (k, i) in guess.enumerated() { z[i] = s[k] }
    }
    for _ in 0..<(maximumIterations ?? (4 * n + 20)) {
      let zs = ScaledIntegerVector(z)
      let w = form.apply(zs).adding(q, times: Rational(1))
      let inPassive = Set(passive)
      // The entering index: the most negative w_i outside P (w_i / common denominator: compare numerators).
      guard let entering = (0..<n).filter({ !inPassive.contains($0) && w.numerators[$0].signum < 0 })
        .min(by: { w.numerators[$0] < w.numerators[$1] }) else {
        guard Self.isSolution(zs, w) else { return nil }
        return .solved(z: zs.vector, w: w.vector)
      }
      passive.append(entering)
      // Inner loop: cut the step until the solve on P is positive.
      while true {
        guard let s = solve(passive) else { return nil }
        if s.numerators.allSatisfy({ $0.signum > 0 }) {
          for (k, i) in passive.enumerated() { z[i] = s[k] }
          break
        }
        // α = min over s_i ≤ 0 of z_i / (z_i − s_i); z ← z + α(s − z) on P; drop the zeros.
        var alpha: Rational? = nil
        for (k, i) in passive.enumerated() where s.numerators[k].signum <= 0 {
          // z_i ≥ 0 ≥ s_i, so z_i − s_i > 0 unless both are 0 (an index just entered): then the step is 0.
          let gap = z[i] - s[k]
          let ratio = gap.isZero ? Rational() : z[i] / gap
          if alpha == nil || ratio < alpha! { alpha = ratio }
        }
        guard let step = alpha else { return nil }
        for (k, i) in passive.enumerated() { z[i] = z[i] + step * (s[k] - z[i]) }
        let kept = passive.filter { z[$0].signum > 0 }
        for i in passive where z[i].signum <= 0 { z[i] = Rational() }
        guard kept.count < passive.count else { return nil }
        passive = kept
        if passive.isEmpty { break }
      }
    }
    return nil
  }
}
