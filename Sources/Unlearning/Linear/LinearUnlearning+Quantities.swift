//===--- LinearUnlearning+Quantities.swift --------------------------------===//
// The named quantities of a linear instance (the JSON keys of `instance`).
//===----------------------------------------------------------------------===//

import Bounds
import Exact

extension LinearUnlearning {
  /// The quantity table at a working precision.
  ///
  /// Data: `n`, `d`, `R_min2`, `R_max2`, `zeta`, `zeta_r`, `p_orthogonality`.
  /// KKT point of S: `lambda`, `lambda_r`, `lambda_max`, `lambda_min`, `all_active`.
  /// The step: `c` (β/β*), `beta_star`, `beta`.
  /// After unlearning, on S∖{r} with the inherited multipliers λ_i (i ≠ r):
  /// - `margins_after`: q'_i = q_i + a Q_ir (i ≠ r, in index order);
  /// - `epsilon` = ‖w' − Σ_{i≠r} λ_i y_i x_i‖ = |κ|·‖x_r‖;
  /// - `tau` = max(0, max_{i≠r}(1 − q'_i));
  /// - `delta` = max_{i≠r} λ_i (q'_i − 1);
  /// - `max_margin_shift` = max_{i≠r} |q'_i − q_i|;
  /// - `epsilon_opt` = min_{μ≥0} ‖w' − Σ_{i≠r} μ_i y_i x_i‖ (exact NNLS; for an
  ///   explicit β, solved at κ̃ and widened by |κ − κ̃|·‖x_r‖, as the distance
  ///   to a convex cone is 1-Lipschitz).
  /// Retrained on S∖{r}: `lambda_retrained`, `distance_to_retrained` = ‖w' − w*‖,
  /// `cosine_to_retrained` = ⟨w', w*⟩ / (‖w'‖‖w*‖).
  public func quantities(precision p: Int = Interval.defaultPrecision) throws -> QuantityTable {
    var table = QuantityTable(precision: p)
    let n = instance.count
    let r = forget
    let lambda = kkt.multipliers
    let lambdaR = lambda[r]
    table.set("n", .exact(Rational(n)))
    table.set("d", .exact(Rational(instance.dimension)))
    data.add(to: &table)

    table.set("lambda", .vector(lambda.map { .exact($0) }))
    table.set("lambda_r", .exact(lambdaR))
    table.set("lambda_max", .exact(lambda.max()!))
    table.set("lambda_min", .exact(lambda.min()!))
    table.set("all_active", .boolean(kkt.allActive))

    // The step: a = β ℓ'(q_r) and κ = λ_r + a.
    let qR = kkt.margins[r]
    let a = try step.updateCoefficient(lambdaR: lambdaR, marginR: qR, loss: loss, precision: p)
    let kappa = Value.add(.exact(lambdaR), a, precision: p)
    table.set("step_is_scaled", .boolean({ if case .scaled = step { return true } else { return false } }()))
    switch step {
    case .scaled(let c): table.set("c", .exact(c))
    case .explicit:
      if !lambdaR.isZero { table.set("c", try Value.divide(Value.negate(a), .exact(lambdaR), precision: p)) }
    }
    table.set("beta_star", try StepRule.scaled(Rational(1)).stepSize(lambdaR: lambdaR, marginR: qR, loss: loss, precision: p))
    table.set("beta", try step.stepSize(lambdaR: lambdaR, marginR: qR, loss: loss, precision: p))
    table.set("q_r", .exact(qR))

    // Margins after the step: q'_i = q_i + a Q_ir (integer arithmetic for an exact a).
    let exact = a.exactValue == nil ? nil : exactStep
    let after = exact.map { $0.marginsAfterValues.map(Value.exact) } ?? retained.map { i in
      Value.add(.exact(kkt.margins[i]), Value.multiply(a, .exact(signedGram[i, r]), precision: p), precision: p)
    }
    table.set("margins_after", .vector(after))
    let normR2 = gram[r, r]
    let normR = try Value.squareRoot(.exact(normR2), precision: p)
    table.set("norm_x_r2", .exact(normR2))
    table.set("epsilon2", Value.multiply(try Value.power(kappa, .exact(Rational(2)), precision: p), .exact(normR2), precision: p))
    table.set("epsilon", Value.multiply(Value.absoluteValue(kappa), normR, precision: p))
    if let exact {
      table.set("tau", .exact(exact.tau))
      table.set("delta", .exact(exact.delta))
      table.set("slackness_sum", .exact(exact.slacknessSum))
      table.set("max_margin_shift", .exact(exact.maximumMarginShift))
    } else {
      addEnclosedSlack(to: &table, after: after, a: a, precision: p)
    }
    table.set("epsilon_opt2", try optimalResidualSquared(kappa: kappa, normR: normR, precision: p))
    table.set("epsilon_opt", try optimalResidual(kappa: kappa, normR: normR, precision: p))

    // Retraining from scratch on S∖{r}.
    table.set("lambda_retrained", .vector(retrained.multipliers.map { .exact($0) }))
    table.set("retrained_all_active", .boolean(retrained.allActive))
    let qrr = signedGram[r, r]
    // ‖w'‖², ⟨w', w*⟩ and ‖w*‖² as polynomials in κ; the distance from them:
    // ‖w' − w*‖² = ‖w'‖² − 2⟨w', w*⟩ + ‖w*‖².
    let unlearned2 = polynomial(forms.inheritedSquared, forms.inheritedCross * Rational(2), qrr, at: kappa, precision: p)
    let retrained2 = forms.retrainedSquared
    let inner = polynomial(forms.inner, forms.retrainedCross, Rational(), at: kappa, precision: p)
    let distance2 = Value.add(Value.subtract(unlearned2, Value.multiply(.exact(Rational(2)), inner, precision: p), precision: p),
                              .exact(retrained2), precision: p)
    table.set("distance_to_retrained2", distance2)
    table.set("distance_to_retrained", try squareRootOfSquaredNorm(distance2, precision: p))
    table.set("norm_unlearned2", unlearned2)
    table.set("norm_retrained2", .exact(retrained2))
    table.set("norm_retrained", try Value.squareRoot(.exact(retrained2), precision: p))
    if let norms = try? squareRootOfSquaredNorm(Value.multiply(unlearned2, .exact(retrained2), precision: p), precision: p),
       let cosine = try? Value.divide(inner, norms, precision: p) {
      table.set("cosine_to_retrained", cosine)
    }
    if let exactKappa = kappa.exactValue, let exact = exactStep {
      try addRescaledQuantities(
        to: &table, kappa: exactKappa, after: exact.marginsAfter, unlearned2: unlearned2.exactValue!,
        inner: inner.exactValue!, retrained2: retrained2, precision: p)
      if let defect = identityDefects.margin { table.set("margin_identity_defect", .exact(defect)) }
      if let defect = identityDefects.retraining { table.set("retrain_identity_defect", .exact(defect)) }
    }
    if let mixture = instance.mixture { try addTestErrors(to: &table, mixture: mixture, kappa: kappa, precision: p) }
    return table
  }

  /// The rescaled variant of theory.md §F.1(iii): w'' = w'/μ with
  /// μ = min_{i≠r} q'_i and multipliers λ_i/μ, which is feasible for S∖{r}.
  /// Adds `rescale_factor` (μ), `epsilon_rescaled(2)` = ε/μ, `tau_rescaled`,
  /// `delta_rescaled` = max_{i≠r} (λ_i/μ)(q'_i/μ − 1), `slackness_sum_rescaled`,
  /// `distance_rescaled_to_retrained(2)` = ‖w'' − w*‖ and `norm_rescaled` = ‖w''‖.
  /// Only for an exact step (the scaled rule); all but `rescale_factor` need μ > 0.
  func addRescaledQuantities(
    to table: inout QuantityTable, kappa: Rational, after: ScaledIntegerVector, unlearned2: Rational, inner: Rational,
    retrained2: Rational, precision p: Int
  ) throws {
    // μ is reported whatever its sign, so a claim assuming μ > 0 is VACUOUS, not undefined, when it fails.
    guard let mu = after.minimum else { return }
    table.set("rescale_factor", .exact(mu))
    guard mu.signum > 0 else { return }
    let mu2 = mu * mu
    let epsilon2 = kappa * kappa * gram[forget, forget] / mu2
    table.set("epsilon_rescaled2", .exact(epsilon2))
    table.set("epsilon_rescaled", try Value.squareRoot(.exact(epsilon2), precision: p))
    // max_i (1 − q'_i/μ) = 1 − min_i q'_i / μ = 0, as μ is that minimum.
    table.set("tau_rescaled", .exact(Rational()))
    // (λ_i/μ)(q'_i/μ − 1) = λ_i (q'_i − μ) / μ²: one division for the max and the sum.
    let slackness = kkt.scaledMultipliers.selecting(retained).multipliedElementwise(by: after.adding(-mu))
    table.set("delta_rescaled", .exact(slackness.maximum! / mu2))
    table.set("slackness_sum_rescaled", .exact(slackness.sum / mu2))
    // ‖w'/μ − w*‖² = ‖w'‖²/μ² − 2⟨w', w*⟩/μ + ‖w*‖², and ‖w'/μ‖ = ‖w'‖/μ.
    let distance2 = unlearned2 / mu2 - Rational(2) * inner / mu + retrained2
    table.set("distance_rescaled_to_retrained2", .exact(distance2))
    table.set("distance_rescaled_to_retrained", try Value.squareRoot(.exact(distance2), precision: p))
    table.set("norm_rescaled", try Value.squareRoot(.exact(unlearned2 / mu2), precision: p))
  }

  /// `tau`, `delta`, `slackness_sum` and `max_margin_shift` for enclosed
  /// margins after the step (an explicit β), by interval arithmetic.
  func addEnclosedSlack(to table: inout QuantityTable, after: [Value], a: Value, precision p: Int) {
    let one = Value.exact(Rational(1))
    let lambda = kkt.multipliers
    let worstFeasibility = after.map { Value.subtract(one, $0, precision: p) }.reduce(Value.exact(Rational())) {
      Value.maximum($0, $1, precision: p)
    }
    table.set("tau", worstFeasibility)
    let slackness = zip(retained, after).map { i, q in Value.multiply(.exact(lambda[i]), Value.subtract(q, one, precision: p), precision: p) }
    table.set("delta", slackness.dropFirst().reduce(slackness[0]) { Value.maximum($0, $1, precision: p) })
    table.set("slackness_sum", slackness.dropFirst().reduce(slackness[0]) { Value.add($0, $1, precision: p) })
    let largestColumn = retained.map { signedGram[$0, forget].magnitude }.max()!
    table.set("max_margin_shift", Value.multiply(Value.absoluteValue(a), .exact(largestColumn), precision: p))
  }

  /// `epsilon_opt2`: exact when κ is; otherwise the square of `epsilon_opt`.
  func optimalResidualSquared(kappa: Value, normR: Value, precision p: Int) throws -> Value {
    if kappa.exactValue == kappaCenter { return .exact(optimalResidualSquaredAtCenter) }
    return try Value.power(optimalResidual(kappa: kappa, normR: normR, precision: p), .exact(Rational(2)), precision: p)
  }

  /// `epsilon_opt`: exact at κ = κ̃; otherwise widened by the Lipschitz bound.
  func optimalResidual(kappa: Value, normR: Value, precision p: Int) throws -> Value {
    let center = try Value.squareRoot(.exact(optimalResidualSquaredAtCenter), precision: p)
    if kappa.exactValue == kappaCenter { return center }
    // |ε_opt(κ) − ε_opt(κ̃)| ≤ |κ − κ̃|·‖x_r‖.
    let offset = Value.multiply(Value.absoluteValue(Value.subtract(kappa, .exact(kappaCenter), precision: p)), normR, precision: p)
    let c = center.interval(precision: p), o = offset.interval(precision: p)
    let lower = max(Dyadic.zero, (c - o).lo)
    return .enclosure(try Interval(lo: lower, hi: (c + o).hi, precision: p))
  }

  /// The instance description for reports.
  public var instanceJSON: JSON {
    var members: [JSON.Member] = [
      .init("n", .integer(instance.count)), .init("d", .integer(instance.dimension)),
      .init("forget", .integer(forget)), .init("loss", .string(loss.rawValue)),
    ]
    switch step {
    case .scaled(let c): members.append(.init("step_scale", .string(c.description)))
    case .explicit(let b): members.append(.init("step", .string(b.description)))
    }
    members.append(.init("kkt_method", .string(kkt.method.rawValue)))
    members.append(.init("source", .object(instance.provenance.map { JSON.Member($0.key, .string($0.value)) })))
    return .object(members)
  }
}
