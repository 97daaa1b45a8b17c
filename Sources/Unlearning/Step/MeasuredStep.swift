//===--- MeasuredStep.swift -----------------------------------------------===//
// One gradient-ascent step, and every quantity after it, by definition.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// The step θ' = θ + β ∇_θ ℓ(y_r N(x_r; θ)) = θ + a·u with the ascent direction
/// u = y_r ∇_θ N(x_r; θ)
/// and a = β ℓ'(q_r), and the retained data's KKT conditions at θ' and at
/// the rescaled θ'' = θ'/μ (μ = min_{i≠r} q'_i), each measured from the
/// explicit parameters (``AffineMeasurement``).
///
/// a is exact when β is c·β* at the same loss and margin as the gradient's ℓ'
/// (``StepSize/times(_:precision:)``), and otherwise an enclosure; θ' is then
/// formed at a rational ã inside it and every quantity is enclosed around a.
public struct MeasuredStep: Sendable {
  public let start: UnlearningStart
  public let step: StepRule
  public let loss: Loss
  /// β and ℓ'(q_r), symbolic.
  public let stepSize: StepSize
  public let slope: LossSlope
  /// ã: a itself when exact, else a rational in its enclosure.
  public let center: Rational
  let afterStep: AffineMeasurement
  /// μ = min_{i≠r} q'_i (exact steps).
  let rescaleFactor: Rational?
  /// An update coefficient given by the caller (several ascent steps), in place of β ℓ'(q_r).
  let givenCoefficient: Value?

  public init(start: UnlearningStart, step: StepRule, loss: Loss) throws {
    self.start = start
    self.step = step
    self.loss = loss
    // ∇_θ ℓ(y_r N(x_r; θ)) = ℓ'(q_r) · y_r ∇_θ N(x_r; θ), with q_r measured at θ.
    slope = LossSlope(loss: loss, margin: start.marginR)
    stepSize = step.stepSize(lambdaR: start.lambdaR, marginR: start.marginR, loss: loss)
    let a: Value
    if start.forgetsOnePoint {
      a = try stepSize.times(slope, precision: Interval.defaultPrecision)
      givenCoefficient = nil
    } else {
      // θ' = θ + Σ_r β_r ℓ'(q_r) u_r with β_r = c λ_r/|ℓ'(q_r)| is θ − c·D (``UnlearningStart/direction``).
      guard let c = step.scale else {
        throw UnlearningError.badParameter("a forget set of \(start.forgetSet.count) points needs a step β_r = c·β*_r (a step scale), not one explicit β")
      }
      a = .exact(-c)
      givenCoefficient = a
    }
    center = a.exactValue ?? a.interval(precision: Interval.defaultPrecision).midpoint.rational
    let (center, start) = (center, start)
    let after = try PhaseTimer.measure("after-step quantities") {
      try AffineMeasurement(start: start, base: start.theta, basePreactivations: start.preactivations, direction: start.direction,
                            directionPreactivations: start.directionPreactivations, multipliers: start.multipliers, center: center)
    }
    afterStep = after
    // μ = min_{i≠r} q'_i, when the step is exact (θ'' = θ'/μ is then exact).
    rescaleFactor = a.exactValue == nil ? nil : after.marginsAtCenter.selecting(start.retained).minimum!
  }

  /// θ' = θ + a·u for a given a, exact or enclosed: measured as any step
  /// is, at a (or at a rational inside its enclosure). Its
  /// ``stationarity(precision:)``, ``slack(precision:)`` and
  /// ``explicitStep(precision:)`` use that a. Serves an independent
  /// check of several steps, and a step whose β ℓ'(q_r) the start's model
  /// does not hold rationally (a network read with a unit outer layer, whose
  /// margins are √m times the network's: ``TwoLayerComparison``).
  public init(start: UnlearningStart, loss: Loss, coefficient a: Value) throws {
    self.start = start
    self.step = .scaled(Rational(1))
    self.loss = loss
    slope = LossSlope(loss: loss, margin: start.marginR)
    stepSize = .exact(Rational())
    center = a.exactValue ?? a.interval(precision: Interval.defaultPrecision).midpoint.rational
    let center = self.center
    afterStep = try AffineMeasurement(start: start, base: start.theta, basePreactivations: start.preactivations, direction: start.direction,
                                      directionPreactivations: start.directionPreactivations, multipliers: start.multipliers, center: center)
    rescaleFactor = nil
    givenCoefficient = a
  }

  /// The same for an enclosure of a.
  public init(start: UnlearningStart, loss: Loss, coefficient a: Interval) throws {
    try self.init(start: start, loss: loss, coefficient: .enclosure(a))
  }

  /// τ = max(0, max_{i≠r}(1 − q'_i)) on the retained points and the forgotten
  /// point's margin q'_r, from the measured margins.
  public func slack(precision p: Int) throws -> (tau: Value, forgetMargin: Value) {
    let after = try afterStep.values(at: try updateCoefficient(precision: p), precision: p)
    let one = Value.exact(Rational(1))
    let tau = start.retained.reduce(Value.exact(Rational())) { Value.maximum($0, Value.subtract(one, after.margins[$1], precision: p), precision: p) }
    // The forget set's largest margin: the point least forgotten.
    let forgetMargin = start.forgetSet.dropFirst().reduce(after.margins[start.forget]) { Value.maximum($0, after.margins[$1], precision: p) }
    return (tau, forgetMargin)
  }

  /// q'_i = y_i N(x_i; θ') for i ≠ r over one denominator, when the step is exact.
  public var exactMarginsAfter: ScaledIntegerVector? {
    rescaleFactor == nil ? nil : afterStep.marginsAtCenter.selecting(start.retained)
  }

  /// θ' at ã, explicit (θ' itself for an exact step).
  public var unlearned: Parameters { start.theta.adding(start.direction, times: center) }

  /// θ' = θ + a·u on the data rows, for an exact a: C + a·D from θ's
  /// coefficients C (per block, over the n points) and the direction's
  /// (``UnlearningStart/directionCoefficients``); nil for an enclosed a.
  public func unlearnedCoefficients(start coefficients: [[Rational]]) -> [[Rational]]? {
    guard let a = (try? updateCoefficient(precision: Interval.defaultPrecision))?.exactValue else { return nil }
    let direction = start.directionCoefficients.map(\.rationals)
    return coefficients.enumerated().map { k, row in row.enumerated().map { i, c in c + a * direction[k][i] } }
  }

  /// θ' = θ + a·u written out at the true a (not ã): its coordinates and
  /// activation signs (``ExplicitStep``).
  public func explicitStep(precision p: Int) throws -> ExplicitStep {
    ExplicitStep(theta: start.theta, preactivations: start.preactivations,
                 terms: [(try updateCoefficient(precision: p), start.direction, start.directionPreactivations)])
  }

  /// The NNLS multipliers μ ≥ 0 (over the retained points, in order) that
  /// attain ε_opt at θ(ã): a witness, verifiable by the NNLS optimality
  /// conditions.
  public var optimalMultipliers: [Rational] { afterStep.optimalMultipliersAtCenter }

  /// a = β ℓ'(q_r) at a working precision.
  public func updateCoefficient(precision p: Int) throws -> Value { try givenCoefficient ?? stepSize.times(slope, precision: p) }

  /// Adds the step and every quantity after it:
  /// `q_r`, `beta_star` = λ_r/|ℓ'(q_r)|, `beta`, `c` (β/β*), `q_r_after`; on S∖{r} at θ':
  /// `margins_after` q'_i = y_i N(x_i; θ'), `tau` = max(0, max_i(1 − q'_i)),
  /// `delta` = max_i λ_i(q'_i − 1), `slackness_sum`, `max_margin_shift` =
  /// max_i |q'_i − q_i|, `epsilon(2)`, `epsilon_opt(2)`, `norm_unlearned2`,
  /// `activation_flips` and `sign_stable` (networks), and against θ*:
  /// `norm_retrained(2)`, `distance_to_retrained(2)`, `cosine_to_retrained`;
  /// at θ'' = θ'/μ: `rescale_factor` (μ), `epsilon_rescaled(2)`,
  /// `tau_rescaled`, `delta_rescaled`, `slackness_sum_rescaled`,
  /// `distance_rescaled_to_retrained(2)`, `norm_rescaled`.
  public func add(to table: inout QuantityTable, precision p: Int) throws {
    try addStepSize(to: &table, precision: p)
    let after = try afterStep.values(at: try updateCoefficient(precision: p), precision: p)
    try addAfterStep(after, to: &table, precision: p)
    // μ is reported whatever its sign, so a claim assuming μ > 0 is VACUOUS, not undefined, when it fails.
    guard let mu = rescaleFactor else { return }
    table.set(.rescaleFactor, .exact(mu))
    guard mu.signum > 0 else { return }
    try addRescaled(after, by: mu, to: &table, precision: p)
  }

  /// `q_r`, `loss_logistic`, `step_is_scaled`, `beta_star`, `beta`, `c`, `beta_star_forget` and `forget_margins`.
  func addStepSize(to table: inout QuantityTable, precision p: Int) throws {
    let lambda = start.multipliers, lambdaR = start.lambdaR
    if start.forgetsOnePoint { table.set(.qR, .exact(start.marginR)) }
    table.set(.stepMeasured, .boolean(true))
    table.set(.lossLogistic, .exact(Rational(loss == .logistic ? 1 : 0)))
    table.set(.stepIsScaled, .boolean(step.scale != nil))
    if start.forgetsOnePoint {
      let betaStar = try StepRule.unit.stepSize(lambdaR: lambdaR, marginR: start.marginR, loss: loss).value(precision: p)
      let beta = try stepSize.value(precision: p)
      table.set(.betaStar, betaStar)
      table.set(.beta, beta)
      if let c = step.scale {
        table.set(.c, .exact(c))
      } else if !lambdaR.isZero {
        table.set(.c, try Value.divide(beta, betaStar, precision: p))
      }
    } else if let c = step.scale {
      table.set(.c, .exact(c))
      // β*_r = λ_r/|ℓ'(q_r)| for each r ∈ F (the step uses c·β*_r).
      table.set(.betaStarForget, .vector(try start.forgetSet.map {
        try StepRule.unit.stepSize(lambdaR: lambda[$0], marginR: start.marginVector[$0], loss: loss).value(precision: p)
      }))
    }
    table.set(.forgetMargins, .vector(start.forgetSet.map { .exact(start.marginVector[$0]) }))
  }

  /// The retained data's KKT residuals at θ', the margins, the norm and the distances to θ*.
  func addAfterStep(_ after: AffineMeasurement.Values, to table: inout QuantityTable, precision p: Int) throws {
    let lambda = start.multipliers, retained = start.retained
    let margins = retained.map { after.margins[$0] }
    table.set(.marginsAfter, .vector(margins))
    table.set(.forgetMarginsAfter, .vector(start.forgetSet.map { after.margins[$0] }))
    if start.forgetsOnePoint { table.set(.qRAfter, after.margins[start.forgetSet[0]]) }
    let inherited = ScaledIntegerVector(retained.map { lambda[$0] })
    if let exact = after.exactMargins?.selecting(retained) {
      KKTSlack(margins: exact, multipliers: inherited).add(to: &table)
      table.set(.maxMarginShift, .exact(exact.adding(start.marginVector.selecting(retained), times: Rational(-1)).maximumMagnitude))
    } else {
      KKTSlack(margins: margins, multipliers: retained.map { lambda[$0] }, precision: p).add(to: &table)
      let before = start.margins
      table.set(.maxMarginShift, retained.map { Value.absoluteValue(Value.subtract(after.margins[$0], .exact(before[$0]), precision: p)) }
        .reduce(Value.exact(Rational())) { Value.maximum($0, $1, precision: p) })
    }
    table.set(.epsilon2, after.epsilon2)
    table.set(.epsilon, after.epsilon)
    table.set(.epsilonOpt2, after.optimal2)
    table.set(.epsilonOpt, after.optimal)
    table.set(.normUnlearned2, after.norm2)
    if !start.model.isLinear {
      let flips = afterStep.flips
      table.set(.activationFlips, .exact(Rational(flips)))
      table.set(.signStable, .boolean(flips == 0))
      table.set(.forgottenFlips, .exact(Rational(afterStep.forgottenFlips)))
    }
    if let retrained2 = after.retrained2, let distance2 = after.distance2, let distance = after.distance, let inner = after.inner {
      table.set(.normRetrained2, .exact(retrained2))
      table.set(.normRetrained, try Value.squareRoot(.exact(retrained2), precision: p))
      table.set(.distanceToRetrained2, distance2)
      table.set(.distanceToRetrained, distance)
      if let norms = try? squareRootOfSquaredNorm(Value.multiply(after.norm2, .exact(retrained2), precision: p), precision: p),
         let cosine = try? Value.divide(inner, norms, precision: p) {
        table.set(.cosineToRetrained, cosine)
      }
    }
  }

  /// The rescaled variant θ'' = θ'/μ (μ > 0) and its residuals.
  func addRescaled(_ after: AffineMeasurement.Values, by mu: Rational, to table: inout QuantityTable, precision p: Int) throws {
    let retained = start.retained, inherited = ScaledIntegerVector(retained.map { start.multipliers[$0] })
    // θ'' = θ'/μ with multipliers λ/μ. N is 1-homogeneous (``HomogeneousModel/homogeneity``), so
    // ⟨v''_k, x_i⟩ = ⟨v'_k, x_i⟩/μ keeps every sign, ∇N(x; θ'') = ∇N(x; θ'), and the residual
    // with λ/μ is the one of θ' divided by μ: the margins of θ'' are recomputed through N from
    // its pre-activations, the squared norms scale by 1/μ² and ⟨θ'', θ*⟩ by 1/μ.
    let inverse = Rational(1) / mu
    let rescaledPreactivations = afterStep.base.indices.map { k in
      (afterStep.moving.map { afterStep.base[k].adding($0[k], times: center) } ?? afterStep.base[k]).scaled(by: inverse)
    }
    let rescaledMargins = start.model.margins(
      preactivations: rescaledPreactivations, pattern: rescaledPreactivations.map { p in p.numerators.map { $0.signum > 0 } },
      representative: start.theta.representative, labels: start.instance.labels
    ).selecting(retained)
    guard let epsilon2 = after.epsilon2.exactValue, let norm2 = after.norm2.exactValue else { return }
    let rescaled2 = epsilon2 * inverse * inverse
    table.set(.epsilonRescaled2, .exact(rescaled2))
    table.set(.epsilonRescaled, try Value.squareRoot(.exact(rescaled2), precision: p))
    KKTSlack(margins: rescaledMargins, multipliers: inherited.scaled(by: inverse)).add(to: &table, rescaled: true)
    if let inner = after.inner?.exactValue, let retrained2 = after.retrained2 {
      let distance2 = norm2 * inverse * inverse - Rational(2) * inner * inverse + retrained2
      table.set(.distanceRescaledToRetrained2, .exact(distance2))
      table.set(.distanceRescaledToRetrained, try Value.squareRoot(.exact(distance2), precision: p))
    }
    table.set(.normRescaled, try Value.squareRoot(.exact(norm2 * inverse * inverse), precision: p))
  }

  /// ε and ε_opt at θ' and whether the step flipped no activation (nil for
  /// the linear model): what `figure step-size` plots, without the rest of the table.
  public func stationarity(precision p: Int) throws -> (epsilon: Value, optimal: Value, signStable: Bool?) {
    let after = try afterStep.values(at: try updateCoefficient(precision: p), precision: p, margins: false)
    return (after.epsilon, after.optimal, start.model.isLinear ? nil : afterStep.flips == 0)
  }
}
