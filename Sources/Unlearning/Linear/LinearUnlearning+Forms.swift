//===--- LinearUnlearning+Forms.swift -------------------------------------===//
// The exact parts of the linear quantities, in integer arithmetic, once.
//===----------------------------------------------------------------------===//

import Exact

/// The κ-independent quadratic forms of the retained data (theory.md §F.1),
/// over the signed Gram matrix restricted to i ≠ r. Computed once per
/// instance from two integer matrix-vector products; everything else is a
/// dot product.
struct RetainedForms: Sendable {
  /// u = Q_{−r} λ_{−r} and v = Q_{−r} λ*.
  let inheritedProduct: ScaledIntegerVector
  let retrainedProduct: ScaledIntegerVector
  /// Q_{−r,r}: the signed inner products with the forgotten point.
  let forgottenColumn: ScaledIntegerVector
  /// λ_{−r}ᵀ Q_{−r} λ_{−r}.
  let inheritedSquared: Rational
  /// Σ_{k≠r} λ_k Q_kr.
  let inheritedCross: Rational
  /// ‖w*‖² = λ*ᵀ Q_{−r} λ*.
  let retrainedSquared: Rational
  /// λ_{−r}ᵀ Q_{−r} λ*.
  let inner: Rational
  /// Σ_{k≠r} λ*_k Q_kr.
  let retrainedCross: Rational

  init(form: IntegerBilinearForm, retained: [Int], forget r: Int, inherited: ScaledIntegerVector, retrained: ScaledIntegerVector) {
    inheritedProduct = form.apply(inherited, indices: retained)
    retrainedProduct = form.apply(retrained, indices: retained)
    forgottenColumn = form.column(r, rows: retained)
    inheritedSquared = inherited.dot(inheritedProduct)
    inheritedCross = inherited.dot(forgottenColumn)
    retrainedSquared = retrained.dot(retrainedProduct)
    inner = inherited.dot(retrainedProduct)
    retrainedCross = retrained.dot(forgottenColumn)
  }

  /// max_k |(Q_{−r}(λ* − λ_{−r}))_k − λ_r Q_kr| = max_k |v_k − u_k − λ_r Q_kr|.
  func retrainingDefect(lambdaR: Rational) -> Rational {
    retrainedProduct.adding(inheritedProduct, times: Rational(-1)).adding(forgottenColumn, times: -lambdaR).maximumMagnitude
  }
}

/// The after-step quantities of an exact step (the scaled rule), computed
/// once in integer arithmetic: the margins q'_i = q_i + a Q_ir over one
/// denominator, and the maxima and sums over them with one gcd each.
struct ExactStep: Sendable {
  /// q'_i for i ≠ r.
  let marginsAfter: ScaledIntegerVector
  /// The same in lowest terms, for reports.
  let marginsAfterValues: [Rational]
  /// max(0, max_{i≠r}(1 − q'_i)).
  let tau: Rational
  /// max_{i≠r} λ_i (q'_i − 1) and Σ_{i≠r} λ_i (q'_i − 1).
  let delta: Rational
  let slacknessSum: Rational
  /// max_{i≠r} |a Q_ir| = |a| max_{i≠r} |Q_ir|.
  let maximumMarginShift: Rational

  init(a: Rational, margins: ScaledIntegerVector, inherited: ScaledIntegerVector, forgottenColumn: ScaledIntegerVector) {
    marginsAfter = margins.adding(forgottenColumn, times: a)
    marginsAfterValues = marginsAfter.rationals
    tau = Rational.maximum(Rational(), Rational(1) - marginsAfter.minimum!)
    let slackness = inherited.multipliedElementwise(by: marginsAfter.adding(Rational(-1)))
    delta = slackness.maximum!
    slacknessSum = slackness.sum
    maximumMarginShift = a.magnitude * forgottenColumn.maximumMagnitude
  }
}
