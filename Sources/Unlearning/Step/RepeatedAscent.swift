//===--- RepeatedAscent.swift ---------------------------------------------===//
// NegGrad as practice runs it: K ascent steps with a fixed learning rate.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// K gradient-ascent steps on the forgotten point with a fixed learning
/// rate η, for the linear model:
///
///     θ_{t+1} = θ_t + η ∇_θ ℓ(y_r⟨θ_t, x_r⟩) = θ_t + η ℓ'(q_r(t)) y_r x_r.
///
/// Every gradient is a multiple of y_r x_r, so the iterates stay on one line,
/// θ_t = θ + A_t y_r x_r, with the scalar recurrence
///
///     A_0 = 0,  A_{t+1} = A_t + η ℓ'(q_r + A_t ‖x_r‖²)
///
/// (q_r(t) = y_r⟨θ_t, x_r⟩ = q_r + A_t‖x_r‖²). ℓ' is transcendental, so A_t
/// is an enclosure: each step applies ℓ' to the enclosure of A_t (ℓ' is
/// increasing, so the image of an interval is enclosed by interval
/// arithmetic), widening it a little per step. The parameters θ_t are then
/// measured as any step is: ``MeasuredStep/init(start:loss:coefficient:)``.
public enum RepeatedAscent {
  /// A_1, …, A_K.
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` for a model other than
  ///   the linear one (a network's gradient direction changes with its
  ///   activation pattern), or an enclosure error.
  public static func coefficients(start: UnlearningStart, loss: Loss, learningRate eta: Rational, steps: Int,
                                  precision p: Int = Interval.defaultPrecision) throws -> [Interval] {
    guard start.model.isLinear && start.model.blocks == 1 else {
      throw UnlearningError.badParameter("several ascent steps are implemented for the linear setting (one direction y_r x_r)")
    }
    guard start.forgetsOnePoint else {
      throw UnlearningError.badParameter("the scalar recurrence follows one forgotten point; a forget set's steps are an AscentRun")
    }
    guard steps >= 1, steps <= 100_000 else { throw UnlearningError.badParameter("the number of steps must be in 1...100000, got \(steps)") }
    guard eta.signum > 0 else { throw UnlearningError.badParameter("the learning rate must be positive, got \(eta)") }
    let r = start.forget
    let q = Interval(enclosing: start.marginR, precision: p), norm2 = Interval(enclosing: start.gram[r, r], precision: p)
    let rate = Interval(enclosing: eta, precision: p)
    var a = Interval(enclosing: Rational(), precision: p)
    var out: [Interval] = []
    for _ in 0..<steps {
      a = a + rate * (try loss.derivative(on: q + a * norm2, precision: p))
      out.append(a)
    }
    return out
  }
}
