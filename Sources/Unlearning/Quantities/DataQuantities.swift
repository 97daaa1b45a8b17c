//===--- DataQuantities.swift ---------------------------------------------===//
// Geometry of the data set: norms and near-orthogonality (Frei et al. Def. 1).
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// Exact geometric quantities of a data set from its Gram matrix G = X Xᵀ.
public struct DataQuantities: Sendable {
  /// R²_min = min_i ‖x_i‖².
  public let minimumSquaredNorm: Rational
  /// R²_max = max_i ‖x_i‖².
  public let maximumSquaredNorm: Rational
  /// ζ = max_{i≠j} |⟨x_i, x_j⟩|.
  public let maximumInnerProduct: Rational
  /// ζ_r = max_{i≠r} |⟨x_r, x_i⟩|.
  public let maximumInnerProductWithForgotten: Rational
  /// p = R²_min / (R² · n · ζ) with R² = R²_max / R²_min: the largest p for
  /// which the data are p-orthogonal (Frei et al. COLT 2023, Def. 1); `nil`
  /// when ζ = 0 (orthogonal data are p-orthogonal for every p).
  public let orthogonality: Rational?

  /// The quantities of Gram matrix `gram` with forget index `r`.
  ///
  /// - Precondition: n ≥ 2 and every ‖x_i‖ > 0.
  public init(gram: Matrix, forget r: Int) {
    let n = gram.rows
    let diagonal = (0..<n).map { gram[$0, $0] }
    minimumSquaredNorm = diagonal.min()!
    maximumSquaredNorm = diagonal.max()!
    var zeta = Rational(), zetaR = Rational()
    for i in 0..<n {
      for j in (i + 1)..<n {
        let g = gram[i, j].magnitude
        if g > zeta { zeta = g }
        if (i == r || j == r) && g > zetaR { zetaR = g }
      }
    }
    maximumInnerProduct = zeta
    maximumInnerProductWithForgotten = zetaR
    orthogonality = zeta.isZero || maximumSquaredNorm.isZero
      ? nil
      : minimumSquaredNorm * minimumSquaredNorm / (maximumSquaredNorm * Rational(n) * zeta)
  }

  /// The p that claims read when ζ = 0: 2⁶⁴.
  ///
  /// Orthogonal data are p-orthogonal for every p, so there is no largest
  /// p. Every claim that assumes p-orthogonality is a theorem for each p its
  /// hypotheses allow, so deciding it at one large p is deciding an instance
  /// of it: a PROVED verdict proves the statement at p = 2⁶⁴ (within 2⁻⁶⁰ or
  /// so of its p = ∞ limit), and a REFUTED one would be a counterexample.
  public static let orthogonalDataP = Rational(BigInt(1) << 64)

  /// Adds `R_min2`, `R_max2`, `zeta`, `zeta_r` (one forgotten point) and
  /// `p_orthogonality` (``orthogonalDataP`` when ζ = 0).
  public func add(to table: inout QuantityTable, forgetsOnePoint: Bool = true) {
    table.set(.rMin2, .exact(minimumSquaredNorm))
    table.set(.rMax2, .exact(maximumSquaredNorm))
    table.set(.zeta, .exact(maximumInnerProduct))
    if forgetsOnePoint { table.set(.zetaR, .exact(maximumInnerProductWithForgotten)) }
    if let p = orthogonality {
      table.set(.pOrthogonality, .exact(p))
    } else if !maximumSquaredNorm.isZero {
      table.set(.pOrthogonality, .exact(Self.orthogonalDataP))
    }
  }
}

extension DataQuantities {
  /// max_{y_i ≠ y_k} ⟨x_i, x_k⟩: the largest inner product between points of
  /// opposite labels (signed, not its magnitude), 0 when one class holds
  /// every point (the maximum over no pair; "≤ 0" then holds vacuously).
  /// At most 0 means no point helps activate a ReLU neuron on the other class.
  public static func crossClassInnerProduct(gram: Matrix, labels: [Int]) -> Rational {
    var largest: Rational? = nil
    for i in labels.indices {
      for k in (i + 1)..<labels.count where labels[i] != labels[k] {
        let g = gram[i, k]
        if largest.map({ g > $0 }) ?? true { largest = g }
      }
    }
    return largest ?? Rational()
  }

  /// min_{y_i = y_k, i ≠ k} ⟨x_i, x_k⟩: the smallest inner product between
  /// distinct points of one label (signed), 0 when no two points share a
  /// label. At least 0 means no point of a class works against another's
  /// activation of a ReLU neuron of that class.
  public static func sameClassInnerProduct(gram: Matrix, labels: [Int]) -> Rational {
    var smallest: Rational? = nil
    for i in labels.indices {
      for k in (i + 1)..<labels.count where labels[i] == labels[k] {
        let g = gram[i, k]
        if smallest.map({ g < $0 }) ?? true { smallest = g }
      }
    }
    return smallest ?? Rational()
  }

  /// max_{i∉F} Σ_{r∈F} λ_r |⟨x_r, x_i⟩|: how far one step that forgets F can
  /// move a retained margin (λ_r ζ_r when F = {r}).
  public static func forgetInteraction(gram: Matrix, forgetSet: [Int], multipliers lambda: [Rational]) -> Rational {
    let forgotten = Set(forgetSet)
    var largest = Rational()
    for i in 0..<gram.rows where !forgotten.contains(i) {
      let sum = forgetSet.reduce(Rational()) { $0 + lambda[$1] * gram[$1, i].magnitude }
      if sum > largest { largest = sum }
    }
    return largest
  }
}
