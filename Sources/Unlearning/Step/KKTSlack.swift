//===--- KKTSlack.swift ---------------------------------------------------===//
// Feasibility and complementary slackness of margins with multipliers.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// The KKT conditions other than stationarity, on a set of points with
/// margins q_i = y_i N(x_i; θ) and multipliers λ_i ≥ 0:
///
///     τ = max(0, max_i (1 − q_i))        (feasibility)
///     δ = max_i λ_i (q_i − 1)            (complementary slackness)
///     δ± = max_i λ_i |q_i − 1|           (its two-sided form, δ± ≥ δ)
///     Σ_i λ_i (q_i − 1)
///
/// Exact over shared denominators, or enclosed when the margins are.
public struct KKTSlack: Sendable {
  public let tau: Value
  public let delta: Value
  public let deltaTwoSided: Value
  public let sum: Value

  /// Exact margins and multipliers over shared denominators (one gcd each).
  public init(margins: ScaledIntegerVector, multipliers: ScaledIntegerVector) {
    tau = .exact(Rational.maximum(Rational(), Rational(1) - margins.minimum!))
    let slackness = multipliers.multipliedElementwise(by: margins.adding(Rational(-1)))
    delta = .exact(slackness.maximum!)
    deltaTwoSided = .exact(slackness.maximumMagnitude)
    sum = .exact(slackness.sum)
  }

  /// Enclosed margins with exact multipliers.
  public init(margins: [Value], multipliers: [Rational], precision p: Int) {
    let one = Value.exact(Rational(1))
    tau = margins.reduce(Value.exact(Rational())) { Value.maximum($0, Value.subtract(one, $1, precision: p), precision: p) }
    let slackness = zip(multipliers, margins).map { Value.multiply(.exact($0), Value.subtract($1, one, precision: p), precision: p) }
    delta = slackness.dropFirst().reduce(slackness[0]) { Value.maximum($0, $1, precision: p) }
    deltaTwoSided = slackness.map { Value.absoluteValue($0) }.reduce(Value.exact(Rational())) { Value.maximum($0, $1, precision: p) }
    sum = slackness.dropFirst().reduce(slackness[0]) { Value.add($0, $1, precision: p) }
  }

  /// Sets `tau`, `delta`, `delta_two_sided` and `slackness_sum` (or the
  /// `_rescaled` names of the first, second and fourth).
  func add(to table: inout QuantityTable, rescaled: Bool = false) {
    table.set(rescaled ? .tauRescaled : .tau, tau)
    table.set(rescaled ? .deltaRescaled : .delta, delta)
    if !rescaled { table.set(.deltaTwoSided, deltaTwoSided) }
    table.set(rescaled ? .slacknessSumRescaled : .slacknessSum, sum)
  }
}
