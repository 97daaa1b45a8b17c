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
    self.fit = fit
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
}
