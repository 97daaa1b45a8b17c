//===--- UnlearningStart+Quantities.swift ---------------------------------===//
// The start's quantities, written once for both settings.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

extension UnlearningStart {
  /// `lambda`, `lambda_r`, `lambda_forget`, `forget_interaction`,
  /// `lambda_max`, `lambda_min`, `all_active`, `start_is_trained` and the
  /// certified (ε₀, δ₀) of the start: `epsilon_start(2)`, `delta_start`
  /// (0 for the exact KKT point).
  func addMultipliers(to table: inout QuantityTable, residual2: Rational, delta: Rational, approximate: Bool, precision p: Int) throws {
    let lambda = multipliers
    table.set(.lambda, .vector(lambda.map { .exact($0) }))
    if forgetsOnePoint { table.set(.lambdaR, .exact(lambdaR)) }
    table.set(.lambdaForget, .vector(forgetSet.map { .exact(lambda[$0]) }))
    table.set(.forgetInteraction, .exact(DataQuantities.forgetInteraction(gram: gram, forgetSet: forgetSet, multipliers: lambda)))
    table.set(.lambdaMax, .exact(lambda.max()!))
    table.set(.lambdaMin, .exact(lambda.min()!))
    table.set(.allActive, .boolean(lambda.allSatisfy { $0.signum > 0 }))
    table.set(.startIsTrained, .boolean(approximate))
    table.set(.epsilonStart2, .exact(residual2))
    table.set(.epsilonStart, try Value.squareRoot(.exact(residual2), precision: p))
    table.set(.deltaStart, .exact(delta))
  }

  /// For a trained or given start θ = ρ θ̂ (θ̂ at margin 1): `rho`, and
  /// `beta_star_user`, the properly scaled step at the user's scale. N is
  /// 1-homogeneous in the trained parameters (the outer layer is fixed), so
  /// that step is β = ρ λ̂_r / |ℓ'(ρ q̂_r)|, and its result is ρ θ̂'.
  func addUserScale(rho: Rational?, loss: Loss, to table: inout QuantityTable, precision p: Int) throws {
    guard let rho else { return }
    table.set(.rho, .exact(rho))
    if forgetsOnePoint {
      let beta = StepSize.inverseSlope(numerator: rho * lambdaR, slope: LossSlope(loss: loss, margin: rho * marginR))
      table.set(.betaStarUser, try beta.value(precision: p))
    }
  }
}
