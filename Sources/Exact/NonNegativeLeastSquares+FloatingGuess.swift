//===--- NonNegativeLeastSquares+FloatingGuess.swift ----------------------===//
// A binary64 guess of the NNLS support from the primal in d dimensions.
//===----------------------------------------------------------------------===//

import Foundation

/// Guesses for min_{μ ≥ 0} ‖u − A μ‖² in binary64.
public enum FloatingNonNegativeLeastSquares {
  /// The passive set of Lawson and Hanson's active-set method (Solving Least
  /// Squares Problems, 1974, ch. 23) on the primal: A is d × n (column i at
  /// `columns[i·d ..< (i+1)·d]`), u ∈ ℝᵈ. Each least-squares subproblem is
  /// solved by Householder QR of A_P, so the conditioning is that of A_P,
  /// not of the normal equations' A_PᵀA_P; when d < n the passive columns
  /// stay independent and at most d of them are passive.
  ///
  /// Only a starting point for the exact pivoting, which certifies its own
  /// answer; about `maximumWork` flops at most (2·10⁹ by default), `nil` beyond them or when a
  /// subproblem is numerically rank deficient.
  public static func lawsonHansonPassiveSet(columns a: [Double], dimension d: Int, target u: [Double], maximumWork: Double = 2e9) -> Set<Int>? {
    guard d > 0, u.count == d, a.count % d == 0 else { return nil }
    let n = a.count / d
    guard n > 0 else { return nil }
    let scale = max(u.map(abs).max() ?? 1, 1e-300) * max(a.map(abs).max() ?? 1, 1e-300)
    let tolerance = 1e-10 * scale
    var z = [Double](repeating: 0, count: n)
    var passive: [Int] = []
    var work = 0.0
    func residual() -> [Double] {
      var r = u
      for i in passive { for k in 0..<d { r[k] -= a[i * d + k] * z[i] } }
      return r
    }
    for _ in 0..<(3 * n) {
      let r = residual()
      // w = Aᵀ r: positive where raising μ_i lowers the residual.
      var best = -1, bestValue = tolerance
      for i in 0..<n where !passive.contains(i) {
        var w = 0.0
        for k in 0..<d { w += a[i * d + k] * r[k] }
        if w > bestValue { (best, bestValue) = (i, w) }
      }
      work += Double(n * d)
      guard best >= 0 else { return Set(passive) }
      passive.append(best)
      for _ in 0..<(n + 1) {
        guard passive.count <= d else { return nil }
        work += Double(2 * d * passive.count * passive.count)
        if work > maximumWork { return nil }
        guard let s = leastSquares(columns: passive.map { i in Array(a[(i * d)..<((i + 1) * d)]) }, dimension: d, target: u) else { return nil }
        if s.allSatisfy({ $0 > 0 }) {
          for (k, i) in passive.enumerated() { z[i] = s[k] }
          break
        }
        let size = passive.map { abs(z[$0]) }.max() ?? 0
        FloatingNonNegativeLeastSquares.stepBack(&z, toward: s, passive: &passive, floor: 1e-14 * max(size, s.map(abs).max() ?? 0))
        if passive.isEmpty { break }
      }
    }
    return nil
  }

  /// Lawson and Hanson's step back: z moves toward s (the unconstrained
  /// minimizer on the passive set, in its order) as far as z ≥ 0 allows, and
  /// the passive coordinates that reach `floor` or below leave it, set to 0.
  static func stepBack(_ z: inout [Double], toward s: [Double], passive: inout [Int], floor: Double) {
    var alpha = 1.0
    for (k, i) in passive.enumerated() where s[k] <= 0 { alpha = min(alpha, z[i] / (z[i] - s[k])) }
    for (k, i) in passive.enumerated() { z[i] += alpha * (s[k] - z[i]) }
    let released = passive.filter { z[$0] <= floor }
    passive.removeAll { released.contains($0) }
    for i in released { z[i] = 0 }
  }

  /// argmin_s ‖u − Σ_k s_k c_k‖ by Householder QR (d × m, m ≤ d); nil when
  /// a pivot falls below 10⁻¹² of the largest column norm (rank deficient).
  static func leastSquares(columns c: [[Double]], dimension d: Int, target u: [Double]) -> [Double]? {
    let m = c.count
    guard m <= d else { return nil }
    var r = c  // column-major copy, reduced in place
    var y = u
    let largest = c.map { col in col.reduce(0) { $0 + $1 * $1 }.squareRoot() }.max() ?? 0
    guard largest > 0 else { return nil }
    for j in 0..<m {
      var norm = 0.0
      for k in j..<d { norm += r[j][k] * r[j][k] }
      norm = norm.squareRoot()
      guard norm > 1e-12 * largest else { return nil }
      let alpha = r[j][j] > 0 ? -norm : norm
      var v = [Double](repeating: 0, count: d)
      for k in j..<d { v[k] = r[j][k] }
      v[j] -= alpha
      let vv = v[j...].reduce(0) { $0 + $1 * $1 }
      guard vv > 0 else { continue }
      func reflect(_ x: inout [Double]) {
        var dot = 0.0
        for k in j..<d { dot += v[k] * x[k] }
        let f = 2 * dot / vv
        for k in j..<d { x[k] -= f * v[k] }
      }
      for col in j..<m { reflect(&r[col]) }
      reflect(&y)
    }
    var s = [Double](repeating: 0, count: m)
    for j in stride(from: m - 1, through: 0, by: -1) {
      var sum = y[j]
      for col in (j + 1)..<m { sum -= r[col][j] * s[col] }
      s[j] = sum / r[j][j]
    }
    return s
  }
}
