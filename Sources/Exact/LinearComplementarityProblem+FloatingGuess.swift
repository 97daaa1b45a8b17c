//===--- LinearComplementarityProblem+FloatingGuess.swift -----------------===//
// A binary64 guess of the free set, to start exact pivoting near the answer.
//===----------------------------------------------------------------------===//

import Foundation

extension LinearComplementarityProblem {
  /// The free set F (z_F > 0 expected) found by the block principal pivoting
  /// of ``solveByPrincipalPivoting(solver:maximumIterations:allFreeSolution:initialFree:)``
  /// run in binary64 on M (row-major n × n, any positive scaling) and q.
  ///
  /// Only a starting point: the exact pivoting begins from it and certifies
  /// its own answer, so a wrong guess costs iterations, never correctness.
  /// Each iteration is one float elimination (n³/3 flops) instead of an
  /// exact solve, about 2·10⁹ flops in all at most. `nil` when the float
  /// iteration does not settle within them.
  public static func floatingFreeSetGuess(matrix m: [Double], offset q: [Double], maximumIterations: Int? = nil) -> Set<Int>? {
    let n = q.count
    guard m.count == n * n, n > 0 else { return nil }
    var free = Set(0..<n)
    var bestInfeasible = Int.max, strikes = 0
    // A guess should cost seconds at most: about 2·10⁹ flops of free-block eliminations.
    var work = 0.0
    for _ in 0..<(maximumIterations ?? (3 * n + 10)) {
      let f = free.sorted()
      work += pow(Double(f.count), 3) / 3 + Double(n * f.count)
      if work > 2e9 { return nil }
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

  /// The free set of an LCP with a positive semidefinite M (positive
  /// diagonal) found by projected Gauss–Seidel in binary64,
  /// z_i ← max(0, z_i − (M z + q)_i / M_ii), swept until the complementarity
  /// violation is below `tolerance` relative to the offset (or
  /// `maximumSweeps` pass), then reduced to indices whose columns of M are
  /// linearly independent (a free block must be nonsingular), taken in
  /// decreasing order of z.
  ///
  /// For a singular M (the margin problem with d < n, where most multipliers
  /// vanish and every larger free block is singular) the pivoting guess
  /// cannot start, but this points at a support of at most rank(M) points.
  /// Only a starting point: the exact pivoting certifies its own answer.
  ///
  /// - Returns: the set, and whether the sweeps converged to a support
  ///   whose block is nonsingular; nil when z stays 0.
  public static func projectedGaussSeidelFreeSet(matrix m: [Double], offset q: [Double], tolerance: Double = 1e-10,
                                                maximumSweeps: Int = 2000) -> (free: Set<Int>, converged: Bool)? {
    let n = q.count
    guard m.count == n * n, n > 0, (0..<n).allSatisfy({ m[$0 * n + $0] > 0 }) else { return nil }
    // A guess should cost seconds at most: about 2·10⁹ multiply-adds (a sweep is n² of them).
    let maximumSweeps = min(maximumSweeps, max(10, 2_000_000_000 / (n * n)))
    var z = [Double](repeating: 0, count: n)
    // Mz + q, kept current as z changes one coordinate at a time.
    var w = q
    var converged = false
    let size = max(q.map(abs).max() ?? 1, 1e-300)
    for _ in 0..<maximumSweeps {
      for i in 0..<n {
        let next = max(0, z[i] - w[i] / m[i * n + i])
        let change = next - z[i]
        if change != 0 {
          z[i] = next
          for j in 0..<n { w[j] += m[j * n + i] * change }
        }
      }
      guard z.allSatisfy(\.isFinite) else { return nil }
      // Complementarity: w_i ≥ 0 where z_i = 0, w_i ≈ 0 where z_i > 0.
      var violation = 0.0
      for i in 0..<n { violation = max(violation, z[i] > 0 ? abs(w[i]) : max(0, -w[i])) }
      if violation <= tolerance * size {
        converged = true
        break
      }
    }
    let largest = z.max() ?? 0
    guard largest > 0 else { return nil }
    let candidates = (0..<n).filter { z[$0] > 1e-9 * largest }.sorted { z[$0] > z[$1] }
    let independent = independentColumns(m, n: n, among: candidates)
    // A support larger than the rank is a degenerate answer: not one to start from as it is.
    return (independent, converged && independent.count == candidates.count)
  }

  /// The indices (in the given order of preference) whose principal block of
  /// M stays numerically nonsingular: an incremental Cholesky factorization
  /// that skips an index whose pivot is below 10⁻¹⁰ of its diagonal entry.
  static func independentColumns(_ m: [Double], n: Int, among order: [Int]) -> Set<Int> {
    var chosen: [Int] = []
    var factor: [[Double]] = []  // rows of L for the chosen indices
    for i in order {
      // Solve L y = M_{chosen, i}; the pivot is M_ii − ‖y‖².
      var y = [Double](repeating: 0, count: chosen.count)
      for (a, j) in chosen.enumerated() {
        var s = m[j * n + i]
        for b in 0..<a { s -= factor[a][b] * y[b] }
        y[a] = s / factor[a][a]
      }
      let pivot = m[i * n + i] - y.reduce(0) { $0 + $1 * $1 }
      guard pivot > 1e-10 * m[i * n + i] else { continue }
      factor.append(y + [pivot.squareRoot()])
      chosen.append(i)
    }
    return Set(chosen)
  }

  /// The passive set of the Lawson–Hanson active-set method run in binary64
  /// on LCP(q, M) with M positive semidefinite, read as the non-negative
  /// least-squares problem min ½zᵀMz + qᵀz over z ≥ 0.
  ///
  /// Lawson–Hanson keeps the passive block nonsingular: an index enters only
  /// while the gradient says it helps and leaves when its coordinate reaches
  /// 0, so the set it ends with (at most rank M indices) is one exact
  /// pivoting step from the answer when M is singular (d < n) and block
  /// exchanges would pass through singular blocks. Only a starting point.
  public static func lawsonHansonFreeSet(matrix m: [Double], offset q: [Double], maximumIterations: Int? = nil) -> Set<Int>? {
    let n = q.count
    guard m.count == n * n, n > 0 else { return nil }
    let scale = max(q.map(abs).max() ?? 1, 1e-300)
    let tolerance = 1e-11 * scale
    var z = [Double](repeating: 0, count: n)
    var passive: [Int] = []
    func gradient() -> [Double] {  // −(Mz + q): positive where raising z_i lowers the objective
      (0..<n).map { i in -(q[i] + passive.reduce(0.0) { $0 + m[i * n + $1] * z[$1] }) }
    }
    // A guess should cost seconds at most: about 2·10⁹ flops of passive-block solves.
    var work = 0.0
    for _ in 0..<(maximumIterations ?? 3 * n) {
      let g = gradient()
      let inactive = (0..<n).filter { !passive.contains($0) }
      guard let t = inactive.max(by: { g[$0] < g[$1] }), g[t] > tolerance else { return Set(passive) }
      passive.append(t)
      // Inner loop: the unconstrained minimizer on the passive set, stepping back while it leaves z ≥ 0.
      for _ in 0..<n {
        work += pow(Double(passive.count), 3) / 3 + Double(n * passive.count)
        if work > 2e9 { return nil }
        guard let (sP, _) = FloatingElimination.solve(passive.flatMap { i in passive.map { j in m[i * n + j] } }, passive.map { -q[$0] }) else {
          return nil
        }
        if sP.allSatisfy({ $0 > 0 }) {
          for (k, i) in passive.enumerated() { z[i] = sP[k] }
          break
        }
        FloatingNonNegativeLeastSquares.stepBack(&z, toward: sP, passive: &passive, floor: 1e-14 * scale)
        if passive.isEmpty { break }
      }
    }
    return nil
  }
}
