//===--- Loss.swift -------------------------------------------------------===//
// The training losses and the step-size rules of the gradient-ascent step.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// The training loss ℓ(q) of a margin q.
public enum Loss: String, Sendable, CaseIterable {
  /// ℓ(q) = log(1 + e^(−q)), ℓ'(q) = −1/(1 + e^q).
  case logistic
  /// ℓ(q) = e^(−q), ℓ'(q) = −e^(−q).
  case exponential

  /// An enclosure of ℓ'(q) at an exact margin q.
  public func derivative(at q: Rational, precision: Int) throws -> Interval {
    let x = Interval(enclosing: q, precision: precision)
    switch self {
    case .exponential:
      return -(try Interval.exp(-x))
    case .logistic:
      return -(try Interval(1, precision: precision).divided(by: Interval(1, precision: precision) + Interval.exp(x)))
    }
  }
}

/// How the gradient-ascent step size β is chosen.
public enum StepRule: Sendable, Hashable {
  /// β = c · β* with β* = λ_r / |ℓ'(q_r)|, the step that cancels the r-th
  /// stationarity term exactly when c = 1 (theory.md §F.0). Then
  /// β ℓ'(q_r) = −c λ_r exactly, whatever the loss.
  case scaled(Rational)
  /// An explicit β; β ℓ'(q_r) is then an enclosure.
  case explicit(Rational)
}

extension StepRule {
  /// The coefficient a = β ℓ'(q_r) of y_r ∇N(x_r) in the update
  /// θ' = θ + a y_r ∇N(x_r): exact −c λ_r for the scaled rule (the symbolic
  /// path), an enclosure for an explicit β.
  public func updateCoefficient(lambdaR: Rational, marginR: Rational, loss: Loss, precision: Int) throws -> Value {
    switch self {
    case .scaled(let c): return .exact(-(c * lambdaR))
    case .explicit(let beta):
      return .enclosure(Interval(enclosing: beta, precision: precision) * (try loss.derivative(at: marginR, precision: precision)))
    }
  }

  /// The step size β itself, enclosed: c λ_r / |ℓ'(q_r)| or the explicit β.
  public func stepSize(lambdaR: Rational, marginR: Rational, loss: Loss, precision: Int) throws -> Value {
    switch self {
    case .explicit(let beta): return .exact(beta)
    case .scaled(let c):
      if lambdaR.isZero || c.isZero { return .exact(Rational()) }
      let derivative = try loss.derivative(at: marginR, precision: precision)
      return .enclosure(try Interval(enclosing: c * lambdaR, precision: precision).divided(by: derivative.absoluteValue))
    }
  }
}
