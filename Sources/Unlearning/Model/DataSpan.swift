//===--- DataSpan.swift ---------------------------------------------------===//
// The data rows as a basis: v = Xᵀc, inner products through G = XXᵀ.
//===----------------------------------------------------------------------===//

import Exact

/// The rows of a data matrix X as the basis of parameters held as
/// coefficients (v = Xᵀc), with the exact Gram form G = XXᵀ that turns every
/// inner product into O(n²) integer operations.
struct DataSpan: Sendable {
  let data: ScaledIntegerMatrix
  /// G = XXᵀ, numerators over D² for data over D.
  let gram: IntegerBilinearForm

  /// Xᵀc, explicit in ℚᵈ.
  func vector(_ c: ScaledIntegerVector) -> ScaledIntegerVector { data.vector(c) }
}

extension ScaledIntegerMatrix {
  /// Xᵀc = Σ_i c_i x_i, explicit in ℚᵈ over one denominator.
  func vector(_ c: ScaledIntegerVector) -> ScaledIntegerVector {
    let (numerators, denominator) = combination(c)
    return try! ScaledIntegerVector(numerators: numerators, denominator: denominator)
  }

  /// X v for an explicit vector, over one denominator.
  func applied(to v: ScaledIntegerVector) -> ScaledIntegerVector {
    let (numerators, denominator) = times(numerators: v.numerators, denominator: v.denominator)
    return try! ScaledIntegerVector(numerators: numerators, denominator: denominator)
  }
}
