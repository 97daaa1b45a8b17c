//===--- StepAgreement.swift ----------------------------------------------===//
// How a user's change of the weights lines up with the exact step's change.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// The user's change of the weights against the exact change, as two numbers
/// that name the usual bugs.
///
/// With Δu = u − w (the user's unlearned weights minus the starting weights)
/// and Δv = v − w (the exact step's):
///
/// - the **effective scale** s = ⟨Δu, Δv⟩ / ‖Δv‖² is the multiple of the exact
///   step that best fits the user's change in least squares: 1 for a correct
///   step, −1 for a descent step taken in place of the ascent step, |ℓ'(q_r)|
///   for β = λ_r (the 1/|ℓ'(q_r)| of β* forgotten);
/// - the **cosine** ⟨Δu, Δv⟩ / (‖Δu‖ ‖Δv‖) is 1 when the change lies along
///   the exact direction, and near 0 when it moves elsewhere (a wrong point, a
///   wrong neuron's sign).
///
/// Both are rigorous enclosures: every Δu_k and Δv_k is enclosed at the given
/// precision and the sums are interval sums.
public struct StepAgreement: Sendable {
  public let scale: Value
  /// nil when the user's weights did not move (‖Δu‖ = 0).
  public let cosine: Value?

  /// nil when the exact step does not move the weights (‖Δv‖² encloses 0,
  /// e.g. λ_r = 0), where neither number is defined.
  public init?(start: [Rational], user: [Double], exact: [Value], precision p: Int = Interval.defaultPrecision) {
    precondition(start.count == user.count && user.count == exact.count, "StepAgreement: counts differ")
    var inner = Interval(0, precision: p), userNorm2 = Interval(0, precision: p), exactNorm2 = Interval(0, precision: p)
    for k in start.indices {
      guard let u = try? Rational(exactly: user[k]) else { return nil }
      let du = Interval(enclosing: u - start[k], precision: p)
      let dv = Value.subtract(exact[k], .exact(start[k]), precision: p).interval(precision: p)
      inner = inner + du * dv
      userNorm2 = userNorm2 + du * du
      exactNorm2 = exactNorm2 + dv * dv
    }
    guard !exactNorm2.containsZero, let s = try? inner.divided(by: exactNorm2) else { return nil }
    scale = .enclosure(s)
    let norms = try? Value.squareRoot(.enclosure(userNorm2 * exactNorm2), precision: p)
    if !userNorm2.containsZero, let norms, let c = try? inner.divided(by: norms.interval(precision: p)) {
      cosine = .enclosure(Interval.minimum(Interval.maximum(c, Interval(-1, precision: p)), Interval(1, precision: p)))
    } else {
      cosine = nil
    }
  }
}
