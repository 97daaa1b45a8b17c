//===--- LinearComparison.swift -------------------------------------------===//
// A user's float unlearning step on a linear model, against the exact one.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// Compares a user's unlearned linear weights with the exact gradient-ascent
/// step from the user's own starting weights (read exactly).
///
/// The step is w' = w + β ℓ'(q_r) y_r x_r with q_r = y_r⟨w, x_r⟩. With
/// `--step-scale c`, β = c β* and β* = λ_r / |ℓ'(q_r)|, where λ are the
/// multipliers of w's own decomposition w ≈ Σ λ_i y_i x_i (exact NNLS), so
/// βℓ'(q_r) = −cλ_r and w' is exact; an explicit β gives an enclosure.
public struct LinearComparison: Sendable {
  public let errors: FloatErrors
  /// The exact (or enclosed) unlearned weights.
  public let expected: [Value]
  /// The multipliers of the user's starting weights (NNLS), and its residual.
  public let startMultipliers: [Rational]
  public let startResidual2: Rational
  /// The user's unlearned weights on S∖F (best multipliers μ ≥ 0 by exact
  /// NNLS) and the exact step's, at the user's scale and at margin 1, with
  /// β* at both scales and ρ = min_i y_i⟨w, x_i⟩ (``ComparisonReadings``).
  public let readings: ComparisonReadings

  /// ε², τ and δ of the user's result at the user's scale.
  public var epsilon2: Rational { readings.result.epsilon2 }
  public var tau: Rational { readings.result.tau.exactValue! }
  public var delta: Rational { readings.result.delta.exactValue! }

  public init(instance: Instance, weights: [Rational], unlearned: [Double], forget r: Int, loss: Loss, step: StepRule,
              precision p: Int = Interval.defaultPrecision) throws {
    try self.init(instance: instance, weights: weights, unlearned: unlearned, forgetSet: [r], loss: loss, step: step, precision: p)
  }

  /// The same for a forget set F: w' = w + Σ_{r∈F} β_r ℓ'(q_r) y_r x_r, with
  /// β_r = c·β*_r (exact) or one explicit β for every r (enclosed), and the
  /// residuals on S∖F.
  public init(instance: Instance, weights: [Rational], unlearned: [Double], forgetSet requested: [Int], loss: Loss, step: StepRule,
              precision p: Int = Interval.defaultPrecision) throws {
    let d = instance.dimension, n = instance.count
    for (name, count) in [("weights", weights.count), ("unlearned weights", unlearned.count)] where count != d {
      throw UnlearningError.badData("\(name) have \(count) entries for d = \(d)" + (count == d + 1 ? LinearTrainedStart.interceptHint : ""))
    }
    let forgetSet = try ForgetSet.validated(requested, points: n)
    let gram = instance.data.gram
    let q = MaxMarginProblem.signedGram(gram, labels: instance.labels)
    // w's own decomposition w ≈ Σ λ_i y_i x_i, and the exact step from it.
    let exact = try StepFromWeights(model: .linear, theta: Parameters(blocks: [ScaledIntegerVector(weights)]), instance: instance, gram: gram,
                                    forgetSet: forgetSet, loss: loss, step: step, signedGram: q, precision: p)
    startMultipliers = exact.fit.multipliers
    startResidual2 = exact.fit.residual2
    expected = exact.step.coordinates(precision: p)
    errors = try FloatErrors(user: unlearned, exact: expected, precision: p)
    readings = try exact.readings(of: Parameters(blocks: [ScaledIntegerVector(try unlearned.map { try Rational(exactly: $0) })]), loss: loss,
                                  marginUnit2: Rational(1), precision: p)
  }
}
