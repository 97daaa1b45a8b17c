//===--- LinearComplementarityProblem+FloatingGuess.swift -----------------===//
// A binary64 guess of the free set, to start exact pivoting near the answer.
//===----------------------------------------------------------------------===//

extension LinearComplementarityProblem {
  /// The free set F (z_F > 0 expected) found by the block principal pivoting
  /// of ``solveByPrincipalPivoting(solver:maximumIterations:allFreeSolution:initialFree:)``
  /// run in binary64 on M (row-major n × n, any positive scaling) and q.
  ///
  /// Only a starting point: the exact pivoting begins from it and certifies
  /// its own answer, so a wrong guess costs iterations, never correctness.
  /// Each iteration is one float elimination (n³/3 flops) instead of an
  /// exact solve. `nil` when the float iteration does not settle.
  public static func floatingFreeSetGuess(matrix m: [Double], offset q: [Double], maximumIterations: Int? = nil) -> Set<Int>? {
    let n = q.count
    guard m.count == n * n, n > 0 else { return nil }
    var free = Set(0..<n)
    var bestInfeasible = Int.max, strikes = 0
    for _ in 0..<(maximumIterations ?? (3 * n + 10)) {
      let f = free.sorted()
      var z = [Double](repeating: 0, count: n)
      if !f.isEmpty {
        guard let (zf, _) = FloatingElimination.solve(f.flatMap { i in f.map { j in m[i * n + j] } }, f.map { -q[$0] }) else { return nil }
        for (k, i) in f.enumerated() { z[i] = zf[k] }
      }
      var infeasible: [Int] = []
      for i in 0..<n {
        if free.contains(i) {
          if z[i] < 0 { infeasible.append(i) }
        } else {
          var w = q[i]
          for j in f { w += m[i * n + j] * z[j] }
          if w < 0 { infeasible.append(i) }
        }
      }
      if infeasible.isEmpty { return free }
      if infeasible.count < bestInfeasible {
        bestInfeasible = infeasible.count
        strikes = 0
      } else {
        strikes += 1
      }
      for i in strikes < 3 ? infeasible : [infeasible.max()!] {
        if free.contains(i) { free.remove(i) } else { free.insert(i) }
      }
    }
    return nil
  }
}
