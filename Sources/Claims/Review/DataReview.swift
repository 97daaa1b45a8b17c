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
  /// When p < 3: points whose removal makes the rest p-orthogonal with
  /// p ≥ 3, found greedily (each step drops the point of ζ's pair, or of
  /// R_min² or R_max², that raises p most), with the p reached (nil: ζ = 0,
  /// unbounded); `nil` when
  /// p ≥ 3 already, n > ``subsetSearchLimit``, or half the points would go.
  public var orthogonalSubset: (dropped: [Int], p: Rational?)?

  /// The largest n for which ``orthogonalSubset`` is searched (each step
  /// rescans the n² Gram entries).
  public static let subsetSearchLimit = 300

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
    // ζ = 0: p-orthogonal for every p; hypotheses read p = 2⁶⁴ as the claims do (DataQuantities.orthogonalDataP).
    if let p = orthogonality ?? (diagonal[minIndex].isZero ? nil : DataQuantities.orthogonalDataP) { values["p_orthogonality"] = .exact(p) }
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
    let target = Rational(3)
    orthogonalSubset = n <= Self.subsetSearchLimit && (orthogonality.map { $0 < target } ?? false)
      ? Self.orthogonalSubset(gram: gram, target: target) : nil
  }

  /// p of the points `kept`: R_min⁴ / (R_max² · |kept| · ζ), ∞ (nil) when ζ = 0,
  /// with the pair attaining ζ and the indices of R_min² and R_max².
  static func orthogonality(gram: Matrix, kept: [Int]) -> (p: Rational?, pair: (Int, Int), minimum: Int, maximum: Int) {
    var zeta = Rational(), pair = (kept[0], kept[min(1, kept.count - 1)])
    for (a, i) in kept.enumerated() {
      for j in kept[(a + 1)...] where gram[i, j].magnitude > zeta {
        zeta = gram[i, j].magnitude
        pair = (i, j)
      }
    }
    let minimum = kept.min { gram[$0, $0] < gram[$1, $1] }!, maximum = kept.max { gram[$0, $0] < gram[$1, $1] }!
    let rMin2 = gram[minimum, minimum], rMax2 = gram[maximum, maximum]
    let p = zeta.isZero || rMax2.isZero ? nil : rMin2 * rMin2 / (rMax2 * Rational(kept.count) * zeta)
    return (p, pair, minimum, maximum)
  }

  /// The greedy search behind ``orthogonalSubset``.
  static func orthogonalSubset(gram: Matrix, target: Rational) -> (dropped: [Int], p: Rational?)? {
    var kept = Array(0..<gram.rows), dropped: [Int] = []
    var current = orthogonality(gram: gram, kept: kept)
    while kept.count > 2, dropped.count < gram.rows / 2 {
      let candidates = Set([current.pair.0, current.pair.1, current.minimum, current.maximum]).sorted()
      // Largest p wins; p = nil (ζ = 0, unbounded) beats every number.
      let trials = candidates.map { c in (c, orthogonality(gram: gram, kept: kept.filter { $0 != c })) }
      guard let best = trials.max(by: { a, b in
        switch (a.1.p, b.1.p) {
        case (nil, _): return false
        case (_, nil): return true
        case (let x?, let y?): return x < y
        }
      }) else { return nil }
      kept.removeAll { $0 == best.0 }
      dropped.append(best.0)
      current = best.1
      guard let p = current.p else { return (dropped.sorted(), nil) }  // ζ = 0: p unbounded
      if p >= target { return (dropped.sorted(), p) }
    }
    return nil
  }
}
