//===--- KKTResiduals.swift -----------------------------------------------===//
// The KKT conditions of given parameters with given multipliers.
//===----------------------------------------------------------------------===//

import Exact

/// Explicit parameters θ with multipliers λ on the points I, measured as a
/// KKT point of min ½‖θ‖² s.t. y_i N(x_i; θ) ≥ 1 (i ∈ I) by definition:
///
///     ε² = ‖θ − Σ_{i∈I} λ_i y_i ∇_θ N(x_i; θ)‖²
///        = ‖θ‖² − 2 Σ_i λ_i q_i + λᵀMλ          (φ(z) = φ'(z) z)
///     τ  = max(0, max_{i∈I} (1 − q_i))
///     σ  = max_{i∈I} |λ_i (q_i − 1)|            (two-sided slackness)
///     λ_min = min_{i∈I} λ_i
///
/// with q_i = y_i N(x_i; θ) from θ's own pre-activations and M from
/// ``HomogeneousModel/stationarityMatrix(slopes:indices:labels:gram:)`` at
/// θ's activation pattern. θ is an exact KKT point on I iff ε² = τ = σ = 0
/// and λ_min ≥ 0; all four are exact rationals.
///
/// Unlike ``ApproximateKKTPoint`` the multipliers are not fitted: they are
/// the ones the point claims, so a point solved on the wrong set of points
/// (one dropped, or the forgotten one kept) shows up here.
public struct KKTResiduals: Sendable {
  public let residual2: Rational
  public let tau: Rational
  public let slackness: Rational
  public let smallestMultiplier: Rational

  /// Measures θ on the points `indices`, with `multipliers[t]` the multiplier
  /// of `indices[t]`; a point without one (fewer multipliers than points) has 0.
  public init(model: HomogeneousModel, theta: Parameters, instance: Instance, gram: Matrix, indices: [Int], multipliers: [Rational]) {
    let lambda = indices.indices.map { $0 < multipliers.count ? multipliers[$0] : Rational() }
    let pre = theta.preactivations(on: instance.data)
    let q = model.margins(of: theta, labels: instance.labels, preactivations: pre).rationals
    let slopes = pre.map { p in p.numerators.map { model.derivative(positive: $0.signum > 0) } }
    let m = model.stationarityMatrix(slopes: slopes, indices: indices, labels: instance.labels, gram: gram)
    var quadratic = Rational(), linear = Rational()
    for a in indices.indices where !lambda[a].isZero {
      linear += lambda[a] * q[indices[a]]
      for c in indices.indices where !lambda[c].isZero { quadratic += lambda[a] * m[a, c] * lambda[c] }
    }
    residual2 = Parameters.inner(theta, theta, weight: model.blockWeight) - Rational(2) * linear + quadratic
    let margins = indices.map { q[$0] }
    tau = Rational.maximum(Rational(), Rational(1) - (margins.min() ?? Rational(1)))
    slackness = zip(lambda, margins).map { ($0 * ($1 - Rational(1))).magnitude }.max() ?? Rational()
    smallestMultiplier = lambda.min() ?? Rational()
  }

  /// Sets `epsilon_retrained2`, `tau_retrained`, `slackness_retrained`,
  /// `lambda_retrained_min` and `retrained_measured` for the retrained point.
  func addAsRetrained(to table: inout QuantityTable) {
    table.set(.retrainedMeasured, .boolean(true))
    table.set(.epsilonRetrained2, .exact(residual2))
    table.set(.tauRetrained, .exact(tau))
    table.set(.slacknessRetrained, .exact(slackness))
    table.set(.lambdaRetrainedMin, .exact(smallestMultiplier))
  }
}

extension UnlearningStart {
  /// The retrained point θ* measured as a KKT point of S∖F with the
  /// multipliers its solver returned (over the retained points, in order);
  /// `retrained_measured` is false when there is no retrained point.
  public func addRetrainedKKT(multipliers: [Rational]?, to table: inout QuantityTable) {
    guard let star = retrained, let multipliers else {
      table.set(.retrainedMeasured, .boolean(false))
      return
    }
    KKTResiduals(model: model, theta: star, instance: instance, gram: gram, indices: retained, multipliers: multipliers)
      .addAsRetrained(to: &table)
  }
}
