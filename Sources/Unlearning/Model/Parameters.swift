//===--- Parameters.swift -------------------------------------------------===//
// Explicit parameters θ = (v_1, …, v_K) ∈ (ℚᵈ)ᴷ and their data products.
//===----------------------------------------------------------------------===//

import Exact

/// The parameters of a ``HomogeneousModel``, every block explicit in ℚᵈ
/// (numerators over one denominator per block). Blocks that are equal as
/// vectors share their products with the data, so a Frei-structured network
/// with m neurons costs two.
public struct Parameters: Sendable {
  public let blocks: [ScaledIntegerVector]
  /// For each block, the index of the first block equal to it.
  let representative: [Int]

  public init(blocks: [ScaledIntegerVector]) {
    self.blocks = blocks
    var reps = [Int](repeating: 0, count: blocks.count)
    var seen: [Int] = []
    for k in blocks.indices {
      if let j = seen.first(where: { Self.identical(blocks[$0], blocks[k]) }) {
        reps[k] = j
      } else {
        seen.append(k)
        reps[k] = k
      }
    }
    representative = reps
  }

  /// The same numbers over the same denominator (cheap to rule out).
  static func identical(_ u: ScaledIntegerVector, _ v: ScaledIntegerVector) -> Bool {
    u.denominator == v.denominator && u.numerators == v.numerators
  }

  /// The row x_r of the data as an exact vector.
  static func row(_ r: Int, of data: ScaledIntegerMatrix) -> ScaledIntegerVector {
    try! ScaledIntegerVector(numerators: (0..<data.columns).map { data.numerator(r, $0) }, denominator: data.denominator)
  }

  /// θ + t·δ, block by block.
  public func adding(_ other: Parameters, times t: Rational) -> Parameters {
    Parameters(blocks: blocks.indices.map { blocks[$0].adding(other.blocks[$0], times: t) })
  }

  /// t·θ.
  public func scaled(by t: Rational) -> Parameters { Parameters(blocks: blocks.map { $0.scaled(by: t) }) }

  /// The pre-activations ⟨v_k, x_i⟩ (K vectors of n), from X v_k for each
  /// distinct block, each over one shared denominator.
  public func preactivations(on data: ScaledIntegerMatrix) -> [ScaledIntegerVector] {
    var cache: [Int: ScaledIntegerVector] = [:]
    return blocks.indices.map { k in
      let j = representative[k]
      if let known = cache[j] { return known }
      let (numerators, denominator) = data.times(numerators: blocks[j].numerators, denominator: blocks[j].denominator)
      let values = try! ScaledIntegerVector(numerators: numerators, denominator: denominator)
      cache[j] = values
      return values
    }
  }

  /// ω Σ_k ⟨u_k, v_k⟩ for two parameter sets of one model.
  public static func inner(_ u: Parameters, _ v: Parameters, weight: Rational) -> Rational {
    var cache: [Int: Rational] = [:]  // keyed by the pair of representatives
    var total = Rational()
    for k in u.blocks.indices {
      let key = u.representative[k] * v.blocks.count + v.representative[k]
      if let known = cache[key] {
        total += known
      } else {
        let value = u.blocks[k].dot(v.blocks[k])
        cache[key] = value
        total += value
      }
    }
    return weight * total
  }
}
