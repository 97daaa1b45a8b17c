//===--- ResultAtBothScales.swift -----------------------------------------===//
// An unlearned result's (ε, δ, τ) at the user's scale and at margin 1.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// A result θ' on the retained points I, certified as an approximate KKT
/// point (``ApproximateKKTPoint``: its best multipliers μ ≥ 0), read at two
/// scales.
///
/// A user's weights sit at the user's scale: the start θ has smallest margin
/// ρ = min_i y_i N(x_i; θ), often far from 1. The theory's (ε, δ, τ) are
/// those of θ'/ρ, the result of the same step from θ/ρ at margin 1 (N is
/// 1-homogeneous and ∇N 0-homogeneous, so the prescribed step commutes with
/// the scale). At the user's scale τ = max(0, max(1 − q'_i)) is 0 for any
/// ρ ≫ 1 and reads as perfect feasibility; at margin 1 it is the theory's τ.
///
/// The model's margins M_i may be a multiple of the network's:
/// q_i = M_i/κ (κ = 1 for a linear predictor, κ = √m for a first layer read
/// with a unit outer layer), with multipliers λ_i = κμ_i. Then, with
/// M_min = min_i M_i(θ) over every point of the start:
///
///     at the user's scale:  ε² = ‖θ' − Σ μ_i ∇M_i‖²,  τ = max(0, max(1 − M'_i/κ)),
///                           δ = max_i μ_i (M'_i − κ);
///     at margin 1 (θ'/ρ, ρ = M_min/κ):  q̂'_i = M'_i/M_min,  λ̂_i = κ²μ_i/M_min,
///                           ε̂² = κ²ε²/M_min²,  τ̂ = max(0, max(1 − q̂'_i)),
///                           δ̂ = max_i λ̂_i (q̂'_i − 1),
///
/// all exact at margin 1 (κ² is rational), and enclosed at the user's scale
/// when κ is not. NNLS is homogeneous, so θ'/ρ's best multipliers are μ/ρ
/// and no second solve is needed.
public struct ResultAtBothScales: Sendable {
  /// ε², δ and τ at the user's scale.
  public let epsilon2: Rational
  public let delta: Value
  public let tau: Value
  /// ε̂², δ̂ and τ̂ of θ'/ρ; nil when the start does not separate the data (ρ ≤ 0).
  public let atMarginOne: (epsilon2: Rational, delta: Rational, tau: Rational)?
  /// Retained points with q'_i > 0 (classified correctly), and how many are retained.
  public let correct: Int
  public let retained: Int

  /// - Parameters:
  ///   - point: θ' certified on the retained points.
  ///   - startMargin: M_min of the start over every point, when positive.
  ///   - marginUnit2: κ².
  public init(point: ApproximateKKTPoint, startMargin: Rational?, marginUnit2: Rational, precision p: Int) throws {
    let after = point.indices.map { point.margins[$0] }
    epsilon2 = point.residual2
    if marginUnit2 == Rational(1) {
      (delta, tau) = (.exact(point.delta), .exact(point.tau))
    } else {
      let kappa = try Value.squareRoot(.exact(marginUnit2), precision: p)
      let q = try after.map { try Value.divide(.exact($0), kappa, precision: p) }
      tau = KKTSlack(margins: q, multipliers: point.multipliers, precision: p).tau
      // λ_i (q_i − 1) = κμ_i (M_i/κ − 1) = μ_i (M_i − κ).
      delta = zip(point.multipliers, after)
        .map { Value.multiply(.exact($0), Value.subtract(.exact($1), kappa, precision: p), precision: p) }
        .reduce(nil) { (partial: Value?, term: Value) in partial.map { Value.maximum($0, term, precision: p) } ?? term } ?? .exact(Rational())
    }
    if let m = startMargin, m.signum > 0 {
      let unit = KKTSlack(margins: ScaledIntegerVector(after.map { $0 / m }),
                          multipliers: ScaledIntegerVector(point.multipliers.map { marginUnit2 * $0 / m }))
      atMarginOne = (marginUnit2 * point.residual2 / (m * m), unit.delta.exactValue!, unit.tau.exactValue!)
    } else {
      atMarginOne = nil
    }
    correct = after.filter { $0.signum > 0 }.count
    retained = after.count
  }
}

/// What `compare` reads beside the errors, the same in both settings: the
/// user's result and the exact step's (when rational) at both scales, β* at
/// both scales (one forgotten point), the start's M_min, and the start's
/// multipliers of the forgotten points (all 0: β* = 0, the step changes nothing).
public struct ComparisonReadings: Sendable {
  public let result: ResultAtBothScales
  public let exactResult: ResultAtBothScales?
  public let stepSizes: (user: Value, atMarginOne: Value)?
  public let startMargin: Rational?
  public let forgottenMultipliers: [Rational]
}
