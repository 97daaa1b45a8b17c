//===--- MixtureTestError.swift -------------------------------------------===//
// Exact-formula test errors on the Gaussian mixture, for linear boundaries.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// P(y ≠ sign⟨w, x⟩) on the mixture x = μ^(ỹ) + z (z ~ N(0, I_d)), y = ỹ
/// flipped with probability η:
///
///     η + (1 − 2η) P(ỹ⟨w, x⟩ < 0),
///
/// because a flipped label turns a hit into a miss and back. Given the
/// cluster, ⟨w, x⟩ = ⟨w, μ^(ỹ)⟩ + ⟨w, z⟩ with ⟨w, z⟩ ~ N(0, ‖w‖²), so the
/// clean label is missed with probability Φ(−ỹ⟨w, μ^(ỹ)⟩/‖w‖):
/// - P_opp (μ^(ỹ) = ỹ‖μ‖e₁): Φ(−‖μ‖w₁/‖w‖) for both clusters;
/// - orthogonal means (‖μ‖e₁ for ỹ = +1, ‖μ‖e₂ for ỹ = −1), each cluster
///   with probability ½: ½Φ(−‖μ‖w₁/‖w‖) + ½Φ(‖μ‖w₂/‖w‖).
func mixtureTestError(firstCoordinate w1: Value, secondCoordinate w2: Value, squaredNorm: Value, mixture: MixtureParameters,
                      precision p: Int) throws -> Value {
  let norm = try squareRootOfSquaredNorm(squaredNorm, precision: p)
  func miss(_ signedMean: Value) throws -> Value {
    try Value.apply(.phi, try Value.divide(Value.multiply(.exact(-mixture.muNorm), signedMean, precision: p), norm, precision: p), precision: p)
  }
  let clean = mixture.orthogonalMeans
    ? Value.multiply(.exact(Rational(1) / Rational(2)), Value.add(try miss(w1), try miss(Value.negate(w2)), precision: p), precision: p)
    : try miss(w1)
  let eta = mixture.labelNoise
  return Value.add(.exact(eta), Value.multiply(.exact(Rational(1) - Rational(2) * eta), clean, precision: p), precision: p)
}

extension MeasuredStep {
  /// The decision boundary w with sign N(x; θ) = sign⟨w, x⟩, when it is
  /// linear: w = v for the linear model, and w = v̂ − û for a leaky network
  /// (γ > 0) whose positive neurons all equal v̂ and negative ones all equal
  /// û, as N(x) = ½(φ(⟨v̂, x⟩) − φ(⟨û, x⟩)) with φ strictly increasing.
  static func linearBoundary(_ theta: Parameters, model: HomogeneousModel) -> Parameters? {
    if model.isLinear && model.blocks == 1 { return theta }
    guard model.slope.signum > 0 else { return nil }
    let positive = model.signs.indices.filter { model.signs[$0] > 0 }, negative = model.signs.indices.filter { model.signs[$0] < 0 }
    guard let p = positive.first, let q = negative.first,
          positive.allSatisfy({ theta.representative[$0] == theta.representative[p] }),
          negative.allSatisfy({ theta.representative[$0] == theta.representative[q] }) else { return nil }
    return theta.block(p).adding(theta.block(q), times: Rational(-1))
  }

  /// `test_error_original`, `test_error_unlearned` and `test_error_retrained`
  /// by the closed form, from the explicit boundaries of θ, θ' = θ + a·u and
  /// θ*; false (nothing added) when a boundary is not linear or a predictor is zero.
  func addMixtureTestErrors(to table: inout QuantityTable, mixture: MixtureParameters, precision p: Int) throws -> Bool {
    let model = start.model
    guard let w = Self.linearBoundary(start.theta, model: model), let v = Self.linearBoundary(start.direction, model: model) else { return false }
    let a = try updateCoefficient(precision: p)
    // ⟨w, μ^(ỹ)⟩ from w₁ (and w₂), and the squared norms, in the boundaries' own form.
    func dot(_ u: Parameters, _ v: Parameters) -> Rational { Parameters.inner(u, v, weight: Rational(1)) }
    func second(_ u: Parameters) -> Rational { start.instance.dimension > 1 ? u.coordinate(1, ofBlock: 0) : Rational() }
    let (w1, v1, ww) = (w.coordinate(0, ofBlock: 0), v.coordinate(0, ofBlock: 0), dot(w, w))
    let first = Value.add(.exact(w1), Value.multiply(a, .exact(v1), precision: p), precision: p)
    let secondAfter = Value.add(.exact(second(w)), Value.multiply(a, .exact(second(v)), precision: p), precision: p)
    let norm2 = polynomial(ww, Rational(2) * dot(w, v), dot(v, v), at: a, precision: p)
    // A zero predictor (θ' = 0 when x_r is the only support vector) has no decision boundary:
    // the closed form does not apply, and the claims that assume it are VACUOUS.
    guard ww.signum > 0 else { return false }
    let range = norm2.interval(precision: p)
    if range.hi.signum <= 0 { return false }
    if range.lo.signum <= 0 { throw EnclosureError.undecided("whether the unlearned predictor is zero") }
    table.set(.testErrorOriginal, try mixtureTestError(firstCoordinate: .exact(w1), secondCoordinate: .exact(second(w)), squaredNorm: .exact(ww),
                                                       mixture: mixture, precision: p))
    table.set(.testErrorUnlearned, try mixtureTestError(firstCoordinate: first, secondCoordinate: secondAfter, squaredNorm: norm2, mixture: mixture,
                                                        precision: p))
    if let star = start.retrained, let s = Self.linearBoundary(star, model: model) {
      table.set(.testErrorRetrained, try mixtureTestError(firstCoordinate: .exact(s.coordinate(0, ofBlock: 0)), secondCoordinate: .exact(second(s)),
                                                          squaredNorm: .exact(dot(s, s)), mixture: mixture, precision: p))
    }
    return true
  }
}
