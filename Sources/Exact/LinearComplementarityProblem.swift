//===--- LinearComplementarityProblem.swift -------------------------------===//
// Exact solution of linear complementarity problems by Lemke's method.
//===----------------------------------------------------------------------===//

/// The linear complementarity problem LCP(q, M): find z ≥ 0 with
/// w = M z + q ≥ 0 and zᵀw = 0.
///
/// For a positive semidefinite M (a Gram-type matrix), LCP(q, M) is the KKT
/// system of the convex QP min ½ zᵀMz + qᵀz s.t. z ≥ 0, and Lemke's
/// complementary pivoting either finds a solution or ends on a secondary ray,
/// which for such M proves that no solution exists (Cottle, Pang & Stone,
/// *The Linear Complementarity Problem*, Thm 4.4.13). Pivoting is exact, with
/// the lexicographic rule (equivalent to perturbing q by (ε, ε², …, εⁿ)), so
/// degenerate ties cannot make it cycle.
public struct LinearComplementarityProblem: Sendable {
  public let matrix: Matrix
  public let offset: Vector

  /// LCP(q, M).
  ///
  /// - Throws: ``ExactError/dimensionMismatch(_:)`` unless M is n × n and q has n entries.
  public init(matrix: Matrix, offset: Vector) throws {
    guard matrix.isSquare, matrix.rows == offset.dimension else {
      throw ExactError.dimensionMismatch("LCP needs an n×n matrix and n offsets, got \(matrix.rows)×\(matrix.columns) and \(offset.dimension)")
    }
    self.matrix = matrix
    self.offset = offset
  }

  /// The outcome of Lemke's method.
  public enum Outcome: Sendable, Equatable {
    /// A solution z, with w = M z + q.
    case solved(z: Vector, w: Vector)
    /// Ray termination: for positive semidefinite M, no solution exists.
    case infeasible
  }

  /// Whether z solves the problem exactly (the certificate every answer passes).
  public func isSolution(_ z: Vector) -> Bool {
    guard z.dimension == offset.dimension, z.allSatisfy({ $0.signum >= 0 }),
          let mz = try? matrix.multiplied(by: z) else { return false }
    let w = mz + offset
    return w.allSatisfy { $0.signum >= 0 } && (try? z.dot(w))?.isZero == true
  }

  /// Solves by Lemke's method with the lexicographic pivoting rule.
  ///
  /// - Parameter maximumPivots: a safeguard; the default is generous.
  /// - Throws: ``LemkeError`` if the pivot budget runs out or the answer
  ///   fails its exact certificate (either would be a bug, not a property of the data).
  public func solve(maximumPivots: Int? = nil) throws -> Outcome {
    let n = offset.dimension
    if offset.allSatisfy({ $0.signum >= 0 }) { return .solved(z: Vector(zeros: n), w: offset) }
    // Tableau rows: x_B + T x_N = rhs over the 2n + 1 variables
    // w_0…w_(n−1), z_0…z_(n−1), z₀ (index 2n). Initially w − M z − e z₀ = q.
    let columns = 2 * n + 1
    var t = [[Rational]](repeating: [Rational](repeating: Rational(), count: columns), count: n)
    var rhs = offset.entries
    for i in 0..<n {
      t[i][i] = Rational(1)
      for j in 0..<n where !matrix[i, j].isZero { t[i][n + j] = -matrix[i, j] }
      t[i][2 * n] = Rational(-1)
    }
    var basis = Array(0..<n)
    let artificial = 2 * n

    func pivot(_ r: Int, _ c: Int) {
      let p = t[r][c]
      if p != Rational(1) {
        for j in 0..<columns where !t[r][j].isZero { t[r][j] /= p }
        rhs[r] /= p
      }
      var scratch = Rational()
      for i in 0..<n where i != r && !t[i][c].isZero {
        let factor = t[i][c]
        for j in 0..<columns where !t[r][j].isZero { t[i][j].subtractProduct(factor, t[r][j], scratch: &scratch) }
        rhs[i].subtractProduct(factor, rhs[r], scratch: &scratch)
      }
      basis[r] = c
    }

    // First pivot: z₀ enters at the most negative q_i; among ties the largest
    // index, as the perturbation q_i + εⁱ prescribes.
    let minimum = rhs.min()!
    let first = rhs.lastIndex(of: minimum)!
    var leaving = basis[first]
    pivot(first, artificial)

    let limit = maximumPivots ?? (1000 + 100 * n * n)
    for _ in 0..<limit {
      let entering = leaving < n ? leaving + n : leaving - n
      let candidates = (0..<n).filter { t[$0][entering].signum > 0 }
      if candidates.isEmpty { return .infeasible }
      // Lexicographic minimum of (rhs_i, B⁻¹ row i) / t[i][entering];
      // B⁻¹ is the block of the initial basis columns w.
      var best = candidates[0]
      for i in candidates.dropFirst() where Self.lexicographicallyLess(i, best, rhs, t, entering, n) { best = i }
      leaving = basis[best]
      pivot(best, entering)
      if leaving == artificial {
        var z = Vector(zeros: n)
        for (row, variable) in basis.enumerated() where variable >= n && variable < 2 * n { z[variable - n] = rhs[row] }
        guard isSolution(z) else { throw LemkeError.failedCertificate }
        let w = try matrix.multiplied(by: z) + offset
        return .solved(z: z, w: w)
      }
    }
    throw LemkeError.pivotLimit(limit)
  }

  /// Whether row a precedes row b in the lexicographic ratio test.
  private static func lexicographicallyLess(
    _ a: Int, _ b: Int, _ rhs: [Rational], _ t: [[Rational]], _ c: Int, _ n: Int
  ) -> Bool {
    let pa = t[a][c], pb = t[b][c]
    // Compare x_a / pa with x_b / pb as x_a·pb vs x_b·pa (both pivots > 0).
    let first = rhs[a] * pb, second = rhs[b] * pa
    if first != second { return first < second }
    for j in 0..<n {
      let x = t[a][j] * pb, y = t[b][j] * pa
      if x != y { return x < y }
    }
    return false
  }
}

/// Failures of Lemke's method that indicate a bug, never a property of the data.
public enum LemkeError: Error, Equatable, CustomStringConvertible {
  /// The pivot budget ran out.
  case pivotLimit(Int)
  /// The result failed its exact certificate.
  case failedCertificate

  public var description: String {
    switch self {
    case .pivotLimit(let k): return "Lemke's method did not terminate within \(k) pivots"
    case .failedCertificate: return "Lemke's method returned a point that fails the exact LCP certificate"
    }
  }
}
