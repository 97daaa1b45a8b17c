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
    let startMargins = startingPoint == .kkt ? kkt.margins.entries : start.margins
    table.set(.n, .exact(Rational(instance.count)))
    table.set(.d, .exact(Rational(instance.dimension)))
    data.add(to: &table, forgetsOnePoint: forgetSet.count == 1)
    table.set(.forgetSize, .exact(Rational(forgetSet.count)))
    if forgetSet.count == 1 { table.set(.normXR2, .exact(gram[forget, forget])) }
    try start.addMultipliers(to: &table, residual2: startResidual2, delta: startDelta, approximate: startingPoint.isApproximate, precision: p)
    try start.addUserScale(rho: startScale, loss: loss, to: &table, precision: p)
    try measured.add(to: &table, precision: p)
    table.set(.runMeasured, .boolean(false))
    if let ascentPlan { try measured.addRun(ascentPlan, to: &table, precision: p) }
    table.set(.lambdaRetrained, .vector(retrained.multipliers.map { .exact($0) }))
    table.set(.retrainedAllActive, .boolean(retrained.allActive))
    start.addRetrainedKKT(multipliers: retrained.multipliers.entries, to: &table)
    if let c = step.scale, let exact = measured.exactMarginsAfter {
      // §F.1(ii): q'_i = q_i − c Σ_{r∈F} λ_r y_r y_i ⟨x_r, x_i⟩, with q_i = (Qλ)_i from the margin problem.
      let closed = ScaledIntegerVector(retained.map { startMargins[$0] }).adding(forgottenColumn, times: -c)
      table.set(.marginIdentityDefect, .exact(exact.adding(closed, times: Rational(-1)).maximumMagnitude))
    } else if let c = step.scale, case .vector(let after)? = table[.marginsAfter] {
      // §F.1(ii): q'_i = q_i − c λ_r y_r y_i ⟨x_r, x_i⟩, with q_i = (Qλ)_i from the margin problem.
      // Exact when the step is; an enclosed step (β*ℓ' not cancelling) gives an enclosed defect.
      let defect = zip(retained, after).map { i, q in
        Value.absoluteValue(Value.subtract(q, .exact(startMargins[i] - c * forgetSet.reduce(Rational()) { $0 + lambda[$1] * signedGram[i, $1] }), precision: p))
      }.reduce(Value.exact(Rational())) { Value.maximum($0, $1, precision: p) }
      table.set(.marginIdentityDefect, defect)
    }
    table.set(.gramIdentityDefect, .exact(gramIdentityDefect))
    if let defect = retrainDefect { table.set(.retrainIdentityDefect, .exact(defect)) }
    if let mixture = instance.mixture {
      table.set(.eta, .exact(mixture.labelNoise))
      table.set(.etaLimit, .exact(Rational(49) / Rational(100)))  // Frei et al. Cor. 12
      table.set(.muNorm, .exact(mixture.muNorm))
      table.set(.meanCrossInner, .exact(mixture.meanCrossInnerProduct))
      table.set(.testErrorExact, .boolean(try measured.addMixtureTestErrors(to: &table, mixture: mixture, precision: p)))
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
      .init("start", .string(startingPoint.name)), .init("parameter_form", .string(parameterForm.rawValue)),
      .init("source", instance.provenanceJSON),
    ] + members)
  }
}
