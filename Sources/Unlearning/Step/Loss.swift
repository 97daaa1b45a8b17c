//===--- Loss.swift -------------------------------------------------------===//
// The training losses and the step-size rules of the gradient-ascent step.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Foundation

/// The training loss ℓ(q) of a margin q.
public enum Loss: String, Sendable, CaseIterable {
  /// ℓ(q) = log(1 + e^(−q)), ℓ'(q) = −1/(1 + e^q).
  case logistic
  /// ℓ(q) = e^(−q), ℓ'(q) = −e^(−q).
  case exponential

  /// An enclosure of ℓ'(q) at an exact margin q.
  public func derivative(at q: Rational, precision: Int) throws -> Interval {
    try derivative(on: Interval(enclosing: q, precision: precision), precision: precision)
  }

  /// An enclosure of ℓ'(q) for every q in x (ℓ' is increasing, and the
  /// interval operations are monotone, so the ends enclose the range).
  public func derivative(on x: Interval, precision: Int) throws -> Interval {
    switch self {
    case .exponential:
      return -(try Interval.exp(-x))
    case .logistic:
      return -(try Interval(1, precision: precision).divided(by: Interval(1, precision: precision) + Interval.exp(x)))
    }
  }

  /// ℓ(q) and ℓ'(q) in binary64, for the trainers (a practitioner's float
  /// computation, never an enclosure): log1p(e^{−q}) switches to e^{−q}
  /// beyond q = 30, where they agree to binary64 precision.
  public func binary64(at q: Double) -> (value: Double, slope: Double) {
    switch self {
    case .exponential: return (Foundation.exp(-q), -Foundation.exp(-q))
    case .logistic: return (q > 30 ? Foundation.exp(-q) : Foundation.log1p(Foundation.exp(-q)), -1 / (1 + Foundation.exp(q)))
    }
  }
}
