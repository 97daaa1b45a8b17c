//===--- StepFromWeights.swift --------------------------------------------===//
// The exact step from a user's own weights, through the kernel.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// The exact gradient-ascent step from a user's starting parameters θ (read
/// exactly), formed as every step is: θ certified as an approximate KKT
/// point (``ApproximateKKTPoint``: its exact NNLS multipliers λ), an
/// ``UnlearningStart`` at θ with those λ, and the ``MeasuredStep`` from it.
/// A comparison then only measures how far the user's float result is.
///
/// With c·β* the step is θ' = θ + a·u with a = −c λ_r exactly (for a forget
/// set, θ − c·D). An explicit β gives a = β ℓ'(q_r), enclosed; on a forget
/// set, θ' = θ + Σ_r β ℓ'(q_r) u_r, whose terms share no rational direction,
/// so that step is written out (``ExplicitStep``) and not measured.
struct StepFromWeights {
  /// The certification of the user's θ on every point.
  let fit: ApproximateKKTPoint
  /// θ' written out: coordinates and activation signs.
  let step: ExplicitStep
  /// What measuring a result needs: the model, the data and the retained points.
  let model: HomogeneousModel
  let instance: Instance
  let gram: Matrix
  let retained: [Int]
  let retainedForm: ApproximateKKTPoint.LinearForm?

  /// - Parameter coefficient: a_r for the forgotten point r under an explicit
  ///   β, when the model does not hold β ℓ'(q_r) rationally (a network read
  ///   with a unit outer layer); nil for β ℓ'(q_r) at the model's margin.
  init(model: HomogeneousModel, theta: Parameters, instance: Instance, gram: Matrix, forgetSet: [Int], loss: Loss, step rule: StepRule,
       signedGram: Matrix? = nil, precision p: Int, coefficient: ((_ r: Int, _ start: UnlearningStart) throws -> Value)? = nil) throws {
    let fit = try ApproximateKKTPoint(model: model, theta: theta, instance: instance, gram: gram, linearForm: signedGram.map { .init(matrix: $0) })
    let forgotten = Set(forgetSet)
    let retained = (0..<instance.count).filter { !forgotten.contains($0) }
    let start = UnlearningStart(model: model, instance: instance, forgetSet: forgetSet, gram: gram, theta: theta, multipliers: fit.multipliers,
                                retrained: nil, retainedSignedGram: signedGram?.submatrix(rows: retained, columns: retained))
    (self.fit, self.model, self.instance, self.gram, self.retained) = (fit, model, instance, gram, retained)
    retainedForm = signedGram.map { .init(matrix: $0.submatrix(rows: retained, columns: retained)) }
    guard case .explicit(let beta) = rule else {
      step = try MeasuredStep(start: start, step: rule, loss: loss).explicitStep(precision: p)
      return
    }
    let a = { (r: Int) throws -> Value in
      try coefficient?(r, start) ?? StepSize.exact(beta).times(LossSlope(loss: loss, margin: start.marginVector[r]), precision: p)
    }
    if start.forgetsOnePoint {
      step = try MeasuredStep(start: start, loss: loss, coefficient: try a(start.forget)).explicitStep(precision: p)
    } else {
      step = ExplicitStep(theta: theta, preactivations: start.preactivations, terms: try forgetSet.map { r in
        let u = start.ascentDirection(r)
        return (try a(r), u, u.preactivations(on: instance.data))
      })
    }
  }

  /// The start's multipliers μ_r of the forgotten points (0 for a point that is no support vector).
  var forgottenMultipliers: [Rational] {
    let kept = Set(retained)
    return (0..<instance.count).filter { !kept.contains($0) }.map { fit.multipliers[$0] }
  }

  /// M_min = min_i M_i(θ) over every point: the start's scale in the model's margin unit.
  var startMargin: Rational? { fit.margins.min() }

  /// A result θ' (the user's, or the exact step's) certified on the retained
  /// points and read at the user's scale and at margin 1.
  func measure(_ result: Parameters, marginUnit2: Rational, precision p: Int) throws -> ResultAtBothScales {
    let point = try ApproximateKKTPoint(model: model, theta: result, instance: instance, gram: gram, indices: retained, linearForm: retainedForm)
    return try ResultAtBothScales(point: point, startMargin: startMargin, marginUnit2: marginUnit2, precision: p)
  }

  /// The exact step's own result at both scales, when it is rational (c·β*).
  func measureExactStep(marginUnit2: Rational, precision p: Int) throws -> ResultAtBothScales? {
    try step.exactResult.map { try measure($0, marginUnit2: marginUnit2, precision: p) }
  }

  /// β* for one forgotten point r, at the user's scale and at margin 1 (nil
  /// for a forget set, or a start that does not separate the data):
  ///
  ///     β* = λ_r/|ℓ'(q_r)|,  λ_r = κμ_r,  q_r = M_r/κ          (the user's scale)
  ///     β̂* = λ̂_r/|ℓ'(q̂_r)|, λ̂_r = κ²μ_r/M_min, q̂_r = M_r/M_min  (margin 1)
  ///
  /// so that β* = ρλ̂_r/|ℓ'(ρq̂_r)| with ρ = M_min/κ (``ResultAtBothScales``).
  func stepSizes(loss: Loss, marginUnit2: Rational, precision p: Int) throws -> (user: Value, atMarginOne: Value)? {
    guard retained.count == instance.count - 1, let r = (0..<instance.count).first(where: { !retained.contains($0) }),
          let m = startMargin, m.signum > 0 else { return nil }
    let (mu, margin) = (fit.multipliers[r], fit.margins[r])
    let atMarginOne = try StepSize.inverseSlope(numerator: marginUnit2 * mu / m, slope: LossSlope(loss: loss, margin: margin / m)).value(precision: p)
    if marginUnit2 == Rational(1) {
      return (try StepSize.inverseSlope(numerator: mu, slope: LossSlope(loss: loss, margin: margin)).value(precision: p), atMarginOne)
    }
    if mu.isZero { return (.exact(Rational()), atMarginOne) }
    let kappa = try Value.squareRoot(.exact(marginUnit2), precision: p).interval(precision: p)
    let slope = try loss.derivative(on: try Interval(enclosing: margin, precision: p).divided(by: kappa), precision: p)
    return (.enclosure(try (kappa * Interval(enclosing: mu, precision: p)).divided(by: slope.absoluteValue)), atMarginOne)
  }

  /// Everything `compare` reads of a user's result θ' besides its errors (``ComparisonReadings``).
  func readings(of result: Parameters, loss: Loss, marginUnit2: Rational, precision p: Int) throws -> ComparisonReadings {
    ComparisonReadings(result: try measure(result, marginUnit2: marginUnit2, precision: p),
                       exactResult: try measureExactStep(marginUnit2: marginUnit2, precision: p),
                       stepSizes: try stepSizes(loss: loss, marginUnit2: marginUnit2, precision: p),
                       startMargin: startMargin, forgottenMultipliers: forgottenMultipliers)
  }
}
