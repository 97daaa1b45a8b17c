//===--- ExplicitStep.swift -----------------------------------------------===//
// The parameters after a step, written out coordinate by coordinate.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// θ' = θ + Σ_t a_t u_t written out for explicit parameters: its
/// coordinates and the sign of every pre-activation ⟨v'_k, x_i⟩, for exact or
/// enclosed coefficients a_t.
///
/// A ``MeasuredStep`` is one term (a along u, or −c along the set direction
/// D). A forget set with one explicit β has a term β ℓ'(q_r) along u_r per
/// point r: those coefficients have no rational ratio, so the step is not
/// one rational direction, and only its coordinates and signs are formed
/// (`compare`).
public struct ExplicitStep: Sendable {
  public struct Term: Sendable {
    /// a_t: exact, or an enclosure of the true coefficient.
    public let coefficient: Value
    /// u_t and its pre-activations X u_t (one vector per block).
    public let direction: Parameters
    let preactivations: [ScaledIntegerVector]
  }

  let theta: Parameters
  let preactivations: [ScaledIntegerVector]
  public let terms: [Term]

  init(theta: Parameters, preactivations: [ScaledIntegerVector], terms: [(coefficient: Value, direction: Parameters, preactivations: [ScaledIntegerVector])]) {
    self.theta = theta
    self.preactivations = preactivations
    self.terms = terms.map { Term(coefficient: $0.coefficient, direction: $0.direction, preactivations: $0.preactivations) }
  }

  /// θ' = θ + Σ_t a_t u_t when every a_t is exact (a step c·β*), else nil.
  public var exactResult: Parameters? {
    let exact = terms.compactMap { $0.coefficient.exactValue }
    guard exact.count == terms.count else { return nil }
    return zip(terms, exact).reduce(theta) { $0.adding($1.0.direction, times: $1.1) }
  }

  /// θ' coordinate by coordinate, block after block: exact when every a_t
  /// is, otherwise θ_j + Σ_t a_t u_tj enclosed around the true a_t.
  public func coordinates(precision p: Int) -> [Value] {
    if let after = exactResult { return after.blocks.flatMap { $0.rationals.map(Value.exact) } }
    let directions = terms.map { $0.direction.blocks.map(\.rationals) }
    return theta.blocks.enumerated().flatMap { k, block in
      block.rationals.enumerated().map { j, value in
        zip(terms, directions).reduce(Value.exact(value)) { sum, term in
          Value.add(sum, Value.multiply(term.0.coefficient, .exact(term.1[k][j]), precision: p), precision: p)
        }
      }
    }
  }

  /// Whether ⟨v'_k, x_i⟩ > 0 for every block k and point i: exact when every
  /// a_t is, and nil where an enclosed a_t leaves the sign undecided at this precision.
  public func activations(precision p: Int) -> [[Bool?]] {
    preactivations.indices.map { k in
      (0..<preactivations[k].count).map { i in
        let z = terms.reduce(Value.exact(preactivations[k][i])) { sum, term in
          Value.add(sum, Value.multiply(term.coefficient, .exact(term.preactivations[k][i]), precision: p), precision: p)
        }
        return Relation.compare(z, .greater, .exact(Rational()), precision: p)
      }
    }
  }
}
