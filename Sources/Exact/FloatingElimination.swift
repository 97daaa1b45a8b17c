//===--- FloatingElimination.swift ----------------------------------------===//
// Binary64 Gaussian elimination, for heuristics only.
//===----------------------------------------------------------------------===//

/// Gaussian elimination with partial pivoting in binary64. Used only where
/// a floating-point answer steers exact work and never becomes a result:
/// the lifting schedule of ``DixonSolver`` and the starting free set of
/// block principal pivoting.
enum FloatingElimination {
  /// x with A x ≈ b (A row-major n × n) and log₂|det A| ≈ Σ_k log₂|u_kk|;
  /// `nil` on a zero or non-finite pivot or solution.
  static func solve(_ a: [Double], _ b: [Double]) -> (solution: [Double], log2Determinant: Double)? {
    let n = b.count
    guard a.count == n * n else { return nil }
    var a = a, b = b
    var log2Determinant = 0.0
    for k in 0..<n {
      var pivot = k
      for i in (k + 1)..<n where abs(a[i * n + k]) > abs(a[pivot * n + k]) { pivot = i }
      guard a[pivot * n + k] != 0, a[pivot * n + k].isFinite else { return nil }
      if pivot != k {
        for j in 0..<n { a.swapAt(pivot * n + j, k * n + j) }
        b.swapAt(pivot, k)
      }
      let u = a[k * n + k]
      log2Determinant += log2Magnitude(u)
      for i in (k + 1)..<n {
        let l = a[i * n + k] / u
        if l == 0 { continue }
        for j in (k + 1)..<n { a[i * n + j] -= l * a[k * n + j] }
        b[i] -= l * b[k]
      }
    }
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = b[i]
      for j in (i + 1)..<n { s -= a[i * n + j] * x[j] }
      x[i] = s / a[i * n + i]
    }
    guard x.allSatisfy(\.isFinite), log2Determinant.isFinite else { return nil }
    return (x, log2Determinant)
  }

  /// log₂|x| for finite x ≠ 0, to about 0.1 bit: exponent plus
  /// (significand − 1), without Foundation.
  static func log2Magnitude(_ x: Double) -> Double {
    let m = abs(x)
    return Double(m.exponent) + (m.significand - 1)
  }
}
