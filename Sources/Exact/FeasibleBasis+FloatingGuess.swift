//===--- FeasibleBasis+FloatingGuess.swift --------------------------------===//
// A binary64 guess of a basic feasible solution of Aμ = b, μ ≥ 0.
//===----------------------------------------------------------------------===//

/// Phase one of the simplex method in binary64, as a guess for exact code.
///
/// A basic feasible solution of Aμ = b, μ ≥ 0 (A of size m × n) is a vertex:
/// μ_B = A_B⁻¹b ≥ 0 on at most m independent columns B and 0 elsewhere. Its
/// columns are the guess: an exact solve of A_B μ_B = b then either confirms
/// μ_B ≥ 0 exactly, which is a certificate, or not, and nothing is lost. A
/// least-squares support (Lawson–Hanson) need not have this property: with
/// fewer than m columns, A_P μ_P = b is consistent only up to rounding.
public enum FeasibleBasis {
  /// The basic columns of a vertex of {μ ≥ 0 : Aμ = b}, or `nil` when the
  /// phase-one optimum is positive (no feasible μ, in binary64) or the work
  /// budget (about m·(n + m) per pivot) runs out.
  ///
  /// - Parameters:
  ///   - a: A by columns: column j is `a[j*m ..< (j+1)*m]`.
  ///   - m: the number of rows.
  ///   - b: the right-hand side (m values).
  ///   - maximumWork: the budget in multiply–adds.
  public static func phaseOne(columns a: [Double], rows m: Int, target b: [Double], maximumWork: Double = 2e10) -> Set<Int>? {
    if case .vertex(let basis) = outcome(columns: a, rows: m, target: b, maximumWork: maximumWork) { return basis }
    return nil
  }

  /// What phase one found.
  public enum Outcome: Equatable, Sendable {
    /// The basic columns of a vertex.
    case vertex(Set<Int>)
    /// The phase-one optimum is positive: no feasible μ (in binary64).
    case infeasible
    /// The work budget ran out, or the numerics failed.
    case undecided
  }

  /// Phase one's outcome, telling an infeasible system from a budget that ran out.
  public static func outcome(columns a: [Double], rows m: Int, target b: [Double], maximumWork: Double = 2e10) -> Outcome {
    guard m > 0, b.count == m, a.count % m == 0, a.count > 0 else { return .undecided }
    let n = a.count / m
    let width = n + m + 1  // the columns, one artificial per row, the right-hand side
    // Rows scaled so that b ≥ 0 (an artificial basis is then feasible).
    var t = [Double](repeating: 0, count: m * width)
    for k in 0..<m {
      let sign: Double = b[k] < 0 ? -1 : 1
      for j in 0..<n { t[k * width + j] = sign * a[j * m + k] }
      t[k * width + n + k] = 1
      t[k * width + width - 1] = sign * b[k]
    }
    let scale = max(a.map(abs).max() ?? 1, b.map(abs).max() ?? 1, 1e-300)
    let tolerance = 1e-11 * scale
    var basis = Array(n..<(n + m))
    // Reduced costs of min Σ artificials: c_j − Σ_k t_kj over the artificial rows.
    var cost = [Double](repeating: 0, count: width)
    for k in 0..<m { for j in 0..<width where j < n || j == width - 1 { cost[j] -= t[k * width + j] } }
    var work = 0.0, degenerate = 0
    while true {
      // Dantzig's rule, and Bland's (smallest index) after a run of degenerate pivots, which cannot cycle.
      var entering: Int? = nil
      if degenerate < 50 {
        var best = -tolerance
        for j in 0..<(n + m) where cost[j] < best { best = cost[j]; entering = j }
      } else {
        entering = (0..<(n + m)).first { cost[$0] < -tolerance }
      }
      guard let e = entering else { break }
      var leaving: Int? = nil, ratio = Double.infinity
      for k in 0..<m where t[k * width + e] > tolerance {
        let r = t[k * width + width - 1] / t[k * width + e]
        if r < ratio || (r == ratio && basis[k] < basis[leaving!]) { ratio = r; leaving = k }
      }
      guard let l = leaving else { return .undecided }  // unbounded: impossible for phase one, so numerics failed
      degenerate = ratio <= tolerance ? degenerate + 1 : 0
      let pivot = t[l * width + e]
      for j in 0..<width { t[l * width + j] /= pivot }
      for k in 0..<m where k != l {
        let f = t[k * width + e]
        if f != 0 { for j in 0..<width { t[k * width + j] -= f * t[l * width + j] } }
      }
      let f = cost[e]
      for j in 0..<width { cost[j] -= f * t[l * width + j] }
      basis[l] = e
      work += Double(m * width)
      if work > maximumWork { return .undecided }
    }
    // The phase-one optimum is −cost[rhs]: positive means infeasible.
    guard -cost[width - 1] <= 1e-9 * scale * Double(m) else { return .infeasible }
    return .vertex(Set(basis.filter { $0 < n }))
  }
}
