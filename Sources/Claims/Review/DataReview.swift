//===--- DataReview.swift -------------------------------------------------===//
// Does a data set satisfy the theorems' assumptions, and by how much?
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

/// The near-orthogonality of a data set (Frei et al. Def. 1) with the points
/// that limit it, and every catalog hypothesis the data alone decide.
public struct DataReview: Sendable {
  public var n: Int
  public var d: Int
  public var minimumSquaredNorm: (value: Rational, index: Int)
  public var maximumSquaredNorm: (value: Rational, index: Int)
  /// ζ and the pair attaining it.
  public var maximumInnerProduct: (value: Rational, pair: (Int, Int))
  public var orthogonality: Rational?

  /// A catalog hypothesis evaluated on the data.
  public struct HypothesisCheck: Sendable {
    public var claim: String
    public var hypothesis: String
    /// true / false / nil (undecided); `determined` is false when the
    /// hypothesis needs more than the data (a model, a step, γ).
    public var holds: Bool?
    public var determined: Bool
    public var lhs: Value?
    public var rhs: Value?
  }

  public var checks: [HypothesisCheck]

  ///
  /// - Throws: ``UnlearningError/badData(_:)`` beyond ``LinearUnlearning/maximumPoints``
  ///   points (the review holds n² exact Gram entries), before anything is allocated.
  public init(data: ScaledIntegerMatrix, catalog: Catalog?, policy: PrecisionPolicy = PrecisionPolicy()) throws {
    guard data.rows <= LinearUnlearning.maximumPoints else {
      throw UnlearningError.badData("\(data.rows) points: the data review is limited to n ≤ \(LinearUnlearning.maximumPoints) (the Gram matrix has n² exact entries)")
    }
    n = data.rows
    d = data.columns
    let gram = data.gram
    let diagonal = (0..<n).map { gram[$0, $0] }
    let minIndex = diagonal.indices.min { diagonal[$0] < diagonal[$1] }!
    let maxIndex = diagonal.indices.max { diagonal[$0] < diagonal[$1] }!
    minimumSquaredNorm = (diagonal[minIndex], minIndex)
    maximumSquaredNorm = (diagonal[maxIndex], maxIndex)
    var zeta = Rational(), pair = (0, min(1, n - 1))
    for i in 0..<n {
      for j in (i + 1)..<n where gram[i, j].magnitude > zeta {
        zeta = gram[i, j].magnitude
        pair = (i, j)
      }
    }
    maximumInnerProduct = (zeta, pair)
    orthogonality = zeta.isZero || diagonal[maxIndex].isZero
      ? nil : diagonal[minIndex] * diagonal[minIndex] / (diagonal[maxIndex] * Rational(n) * zeta)

    var values: [String: Value] = [
      "n": .exact(Rational(n)), "d": .exact(Rational(d)), "R_min2": .exact(diagonal[minIndex]),
      "R_max2": .exact(diagonal[maxIndex]), "zeta": .exact(zeta),
    ]
    if let p = orthogonality { values["p_orthogonality"] = .exact(p) }
    let table = ValueTable(values)
    var checks: [HypothesisCheck] = []
    for claim in catalog?.claims ?? [] {
      for hypothesis in claim.assumes {
        guard case .relation(let relation) = hypothesis else {
          checks.append(HypothesisCheck(claim: claim.id, hypothesis: hypothesis.description, holds: nil, determined: false))
          continue
        }
        let determined = hypothesis.names.allSatisfy { values[$0] != nil || $0 == "pi" }
        guard determined else {
          checks.append(HypothesisCheck(claim: claim.id, hypothesis: hypothesis.description, holds: nil, determined: false))
          continue
        }
        let decision = relation.decide(policy, in: table)
        let sides = try? relation.sides(precision: policy.initial, in: table)
        checks.append(HypothesisCheck(
          claim: claim.id, hypothesis: hypothesis.description, holds: decision.decidedValue, determined: true,
          lhs: sides?.lhs, rhs: sides?.rhs))
      }
    }
    self.checks = checks
  }
}
