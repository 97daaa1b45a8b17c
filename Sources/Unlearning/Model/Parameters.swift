//===--- Parameters.swift -------------------------------------------------===//
// Parameters θ = (v_1, …, v_K) ∈ (ℚᵈ)ᴷ, explicit or in the span of the data.
//===----------------------------------------------------------------------===//

import Exact

/// The parameters of a ``HomogeneousModel``: K blocks v_k ∈ ℚᵈ, each held
/// exactly in one of two forms.
///
/// - Explicit: the vector itself (numerators over one denominator per block).
/// - In the span of the data (``DataSpan``): its coefficients c ∈ ℚⁿ on the
///   rows, v_k = Xᵀc = Σ_i c_i x_i. Every quantity the analysis reads is then
///   exact through the Gram matrix G = XXᵀ: Xv_k = Gc, ⟨u, v⟩ = c_uᵀGc_v,
///   and ⟨u, v⟩ = (Xu)·c_v against an explicit u. No ℚᵈ vector is formed, so
///   a block costs O(n²) operations instead of O(n·d); for d ≫ n (the
///   theorems' regime) that is the difference between seconds and minutes.
///   ``blocks`` still forms the vectors, on request.
///
/// Both forms describe the same vector, so a measurement is by definition in
/// either: ‖Xᵀe‖² = eᵀGe is an identity of inner products, not a theorem.
/// Blocks that are equal (same form, same numbers) share their products with
/// the data, so a Frei-structured network with m neurons costs two.
public struct Parameters: Sendable {
  /// Block k's stored numbers: the vector in ℚᵈ, or with ``span`` its coefficients in ℚⁿ.
  let stored: [ScaledIntegerVector]
  /// The data whose rows span the blocks, when they are held as coefficients.
  let span: DataSpan?
  /// For each block, the index of the first block equal to it.
  let representative: [Int]

  /// Explicit blocks in ℚᵈ.
  public init(blocks: [ScaledIntegerVector]) { self.init(stored: blocks, span: nil) }

  /// Blocks v_k = Xᵀc_k given by their coefficients on the data rows.
  init(coefficients: [ScaledIntegerVector], span: DataSpan) { self.init(stored: coefficients, span: span) }

  init(stored: [ScaledIntegerVector], span: DataSpan?) {
    self.stored = stored
    self.span = span
    var reps = [Int](repeating: 0, count: stored.count)
    var seen: [Int] = []
    for k in stored.indices {
      if let j = seen.first(where: { Self.identical(stored[$0], stored[k]) }) {
        reps[k] = j
      } else {
        seen.append(k)
        reps[k] = k
      }
    }
    representative = reps
  }

  /// The blocks as explicit vectors in ℚᵈ. For parameters in the data span
  /// this forms Xᵀc for each distinct block: O(n·d) work, for the few
  /// outputs that need the vectors themselves (saved instances).
  public var blocks: [ScaledIntegerVector] {
    guard let span else { return stored }
    var cache: [Int: ScaledIntegerVector] = [:]
    return stored.indices.map { k in
      let j = representative[k]
      if let known = cache[j] { return known }
      let vector = span.vector(stored[j])
      cache[j] = vector
      return vector
    }
  }

  /// The same numbers over the same denominator (cheap to rule out).
  static func identical(_ u: ScaledIntegerVector, _ v: ScaledIntegerVector) -> Bool {
    u.denominator == v.denominator && u.numerators == v.numerators
  }

  /// The row x_r of the data as an exact vector.
  static func row(_ r: Int, of data: ScaledIntegerMatrix) -> ScaledIntegerVector {
    try! ScaledIntegerVector(numerators: (0..<data.columns).map { data.numerator(r, $0) }, denominator: data.denominator)
  }

  /// Block k alone, as one-block parameters of the same form.
  public func block(_ k: Int) -> Parameters { Parameters(stored: [stored[k]], span: span) }

  /// θ + t·u, block by block (coefficients add when both are in the same
  /// span; otherwise the span ones are formed explicitly first).
  public func adding(_ other: Parameters, times t: Rational) -> Parameters {
    if (span == nil) == (other.span == nil) {
      return Parameters(stored: stored.indices.map { stored[$0].adding(other.stored[$0], times: t) }, span: span)
    }
    let (u, v) = (blocks, other.blocks)
    return Parameters(blocks: u.indices.map { u[$0].adding(v[$0], times: t) })
  }

  /// t·θ.
  public func scaled(by t: Rational) -> Parameters { Parameters(stored: stored.map { $0.scaled(by: t) }, span: span) }

  /// The pre-activations ⟨v_k, x_i⟩ (K vectors of n), from X v_k (or Gc_k)
  /// for each distinct block, each over one shared denominator.
  public func preactivations(on data: ScaledIntegerMatrix) -> [ScaledIntegerVector] {
    var cache: [Int: ScaledIntegerVector] = [:]
    return stored.indices.map { k in
      let j = representative[k]
      if let known = cache[j] { return known }
      let values: ScaledIntegerVector
      if let span {
        values = span.gram.apply(stored[j])
      } else {
        let (numerators, denominator) = data.times(numerators: stored[j].numerators, denominator: stored[j].denominator)
        values = try! ScaledIntegerVector(numerators: numerators, denominator: denominator)
      }
      cache[j] = values
      return values
    }
  }

  /// Coordinate j of block k: (v_k)_j, or Σ_i c_i X_ij in the span.
  public func coordinate(_ j: Int, ofBlock k: Int) -> Rational {
    guard let span else { return stored[k][j] }
    let column = try! ScaledIntegerVector(numerators: (0..<span.data.rows).map { span.data.numerator($0, j) }, denominator: span.data.denominator)
    return column.dot(stored[k])
  }

  /// ⟨u_k, v_k⟩ for one block k.
  public static func blockInner(_ u: Parameters, _ v: Parameters, block k: Int) -> Rational {
    switch (u.span, v.span) {
    case (nil, nil): return u.stored[k].dot(v.stored[k])
    case (let span?, nil): return span.data.applied(to: v.stored[k]).dot(u.stored[k])
    case (nil, let span?): return span.data.applied(to: u.stored[k]).dot(v.stored[k])
    case (let span?, _): return span.gram.apply(v.stored[k]).dot(u.stored[k])
    }
  }

  /// ω Σ_k ⟨u_k, v_k⟩ for two parameter sets of one model.
  public static func inner(_ u: Parameters, _ v: Parameters, weight: Rational) -> Rational {
    var cache: [Int: Rational] = [:]  // keyed by the pair of representatives
    var total = Rational()
    for k in u.stored.indices {
      let key = u.representative[k] * v.stored.count + v.representative[k]
      if let known = cache[key] {
        total += known
      } else {
        let value = blockInner(u, v, block: k)
        cache[key] = value
        total += value
      }
    }
    return weight * total
  }
}
