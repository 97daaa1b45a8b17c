//===--- LinearUnlearning+Checks.swift ------------------------------------===//
// Independent recomputations that test the Gram-matrix pipeline itself.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

extension LinearUnlearning {
  /// Entries of n·d up to which the explicit d-dimensional check runs.
  static let explicitCheckLimit = 4_000_000

  /// `margin_identity_defect` and `retrain_identity_defect` (computed once,
  /// in `init`: they do not depend on the precision).
  ///
  /// - `margin_identity_defect` = max_{i≠r} |y_i⟨w', x_i⟩ − (q_i − (λ_r − κ) Q_ir)|,
  ///   with w' = Σ_{i≠r} λ_i y_i x_i + κ y_r x_r formed explicitly in ℚ^d from
  ///   the data (not from the Gram matrix): 0 iff theory.md §F.1(ii)'s
  ///   q'_i − q_i = −c λ_r y_r y_i⟨x_r, x_i⟩ holds on the data.
  /// - `retrain_identity_defect` = max_i |(Q_{−r}(λ* − λ_{−r}))_i − λ_r Q_ir| when
  ///   both problems have all constraints active: 0 iff §F.1(iv)'s
  ///   λ* − λ_{−r} = λ_r Q_{−r}⁻¹ Q_{−r,r} holds (Q_{−r} is nonsingular there).
  ///
  /// Both in integer arithmetic over shared denominators: the first costs
  /// 2·n·d word-by-integer multiply-adds, the second nothing beyond the forms.
  static func identityChecks(
    instance: Instance, forget r: Int, kkt: MaxMarginSolution, retrained: MaxMarginSolution,
    forms: RetainedForms, step: ExactStep, kappa: Rational
  ) -> (margin: Rational?, retraining: Rational?) {
    var result: (margin: Rational?, retraining: Rational?) = (nil, nil)
    let n = instance.count, d = instance.dimension
    if n.multipliedReportingOverflow(by: d).partialValue <= Self.explicitCheckLimit {
      // w' = Σ_{i≠r} λ_i y_i x_i + κ y_r x_r, then q'_i = y_i⟨w', x_i⟩: both
      // from the data matrix in integer arithmetic, never from the Gram matrix.
      let coefficients = kkt.scaledMultipliers.replacing(r, with: kappa).multipliedBySigns(instance.labels)
      let w = instance.data.combination(coefficients)
      let products = instance.data.times(numerators: w.numerators, denominator: w.denominator)
      let retained = (0..<n).filter { $0 != r }
      let explicit = try! ScaledIntegerVector(numerators: products.numerators, denominator: products.denominator)
        .multipliedBySigns(instance.labels).selecting(retained)
      result.margin = explicit.adding(step.marginsAfter, times: Rational(-1)).maximumMagnitude
    }
    if kkt.allActive && retrained.allActive {
      // λ* − λ_{−r} = λ_r Q_{−r}⁻¹ Q_{−r,r}  ⇔  Q_{−r}(λ* − λ_{−r}) = λ_r Q_{−r,r}
      // for a nonsingular Q_{−r}: checked on the products of the forms.
      result.retraining = forms.retrainingDefect(lambdaR: kkt.multipliers[r])
    }
    return result
  }
}
