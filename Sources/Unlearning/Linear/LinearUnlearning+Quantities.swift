//===--- LinearUnlearning+Quantities.swift --------------------------------===//
// The named quantities of a linear instance (the JSON keys of `instance`).
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats

extension LinearUnlearning {
  /// The quantity table at a working precision.
  ///
  /// Data: `n`, `d`, `R_min2`, `R_max2`, `zeta`, `zeta_r`, `p_orthogonality`, `norm_x_r2`.
  /// KKT point of S: `lambda`, `lambda_r`, `lambda_max`, `lambda_min`, `all_active`.
  /// The step and everything measured after it: ``MeasuredStep/add(to:precision:)``.
  /// Retrained on S∖{r}: `lambda_retrained`, `retrained_all_active`.
  /// Derived (the theory's closed forms against the measurements):
  /// `margin_identity_defect` = max_{i≠r} |q'_i − (q_i − cλ_r Q_ir)| and
  /// `retrain_identity_defect` (theorems/DERIVATIONS.md, linear.margin-shift-identity and
  /// linear.retraining-multiplier-identity).
  public func quantities(precision p: Int = Interval.defaultPrecision) throws -> QuantityTable {
    var table = QuantityTable(precision: p)
    // The start's multipliers: the exact KKT point's, or a trained start's NNLS fit.
    let lambda = start.multipliers
    // q from the margin problem (Qλ) for the exact KKT point, measured for another start.
    let startMargins = startKind == .kkt ? kkt.margins.entries : start.margins
    table.set("n", .exact(Rational(instance.count)))
    table.set("d", .exact(Rational(instance.dimension)))
    data.add(to: &table, forgetsOnePoint: forgetSet.count == 1)
    table.set("forget_size", .exact(Rational(forgetSet.count)))
    if forgetSet.count == 1 { table.set("norm_x_r2", .exact(gram[forget, forget])) }
    table.set("lambda", .vector(lambda.map { .exact($0) }))
    if forgetSet.count == 1 { table.set("lambda_r", .exact(lambda[forget])) }
    table.set("lambda_forget", .vector(forgetSet.map { .exact(lambda[$0]) }))
    table.set("forget_interaction", .exact(forgetInteraction))
    table.set("lambda_max", .exact(lambda.max()!))
    table.set("lambda_min", .exact(lambda.min()!))
    table.set("all_active", .boolean(lambda.allSatisfy { $0.signum > 0 }))
    table.set("start_is_trained", .boolean(startKind != .kkt))
    table.set("epsilon_start2", .exact(startResidual2))
    table.set("epsilon_start", try Value.squareRoot(.exact(startResidual2), precision: p))
    table.set("delta_start", .exact(startDelta))
    if let rho = startScale { table.set("rho", .exact(rho)) }
    if let rho = startScale, forgetSet.count == 1 {
      // θ = ρ θ̂ (degree L = 1): the properly scaled step at the user's scale is
      // β = ρ λ̂_r / |ℓ'(ρ q̂_r)|, and by homogeneity its result is ρ θ̂'.
      let beta = StepSize.inverseSlope(numerator: rho * start.lambdaR, slope: LossSlope(loss: loss, margin: rho * start.marginR))
      table.set("beta_star_user", try beta.value(precision: p))
    }
    try measured.add(to: &table, precision: p)
    table.set("lambda_retrained", .vector(retrained.multipliers.map { .exact($0) }))
    table.set("retrained_all_active", .boolean(retrained.allActive))
    if let c = step.scale, let exact = measured.exactMarginsAfter {
      // §F.1(ii): q'_i = q_i − c Σ_{r∈F} λ_r y_r y_i ⟨x_r, x_i⟩, with q_i = (Qλ)_i from the margin problem.
      let closed = ScaledIntegerVector(retained.map { startMargins[$0] }).adding(forgottenColumn, times: -c)
      table.set("margin_identity_defect", .exact(exact.adding(closed, times: Rational(-1)).maximumMagnitude))
    } else if let c = step.scale, case .vector(let after)? = table["margins_after"] {
      // §F.1(ii): q'_i = q_i − c λ_r y_r y_i ⟨x_r, x_i⟩, with q_i = (Qλ)_i from the margin problem.
      // Exact when the step is; an enclosed step (β*ℓ' not cancelling) gives an enclosed defect.
      let defect = zip(retained, after).map { i, q in
        Value.absoluteValue(Value.subtract(q, .exact(startMargins[i] - c * forgetSet.reduce(Rational()) { $0 + lambda[$1] * signedGram[i, $1] }), precision: p))
      }.reduce(Value.exact(Rational())) { Value.maximum($0, $1, precision: p) }
      table.set("margin_identity_defect", defect)
    }
    table.set("gram_identity_defect", .exact(gramIdentityDefect))
    if let defect = retrainDefect { table.set("retrain_identity_defect", .exact(defect)) }
    if let mixture = instance.mixture {
      table.set("eta", .exact(mixture.labelNoise))
      table.set("mu_norm", .exact(mixture.muNorm))
      table.set("test_error_exact", .boolean(try measured.addMixtureTestErrors(to: &table, mixture: mixture, precision: p)))
    }
    return table
  }

  /// The instance description for reports.
  public var instanceJSON: JSON {
    var members: [JSON.Member] = []
    if let training {
      members.append(.init("training", .object([
        .init("steps", .integer(training.steps)), .init("final_loss", .double(training.finalLoss)),
        .init("initial_learning_rate", .double(training.initialLearningRate)),
        .init("final_learning_rate", .double(training.finalLearningRate)), .init("seed", .integer(Int(training.seed))),
      ])))
    }
    if let rho = startScale, forgetSet.count == 1 { members.append(.init("rho", .string(rho.description))) }
    return .object([
      .init("n", .integer(instance.count)), .init("d", .integer(instance.dimension)),
      ForgetSet.jsonMember(forgetSet), .init("loss", .string(loss.rawValue)), step.jsonMember,
      .init("kkt_method", .string(kkt.method.rawValue)),
      .init("start", .string(startKind.name)), .init("parameter_form", .string(parameterForm.rawValue)),
      .init("source", .object(instance.provenance.map { JSON.Member($0.key, .string($0.value)) })),
    ] + members)
  }
}
