//===--- StepRule.swift ---------------------------------------------------===//
// How the gradient-ascent step size β is chosen, and what the step costs.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats

/// ℓ'(q) at an exact margin q, kept symbolic: the step rule's β* and the
/// gradient's ℓ' are transcendental, and only a symbolic product can see
/// that β*·ℓ'(q_r) = −λ_r exactly when both are taken at the same margin of
/// the same loss.
public struct LossSlope: Sendable, Hashable {
  public let loss: Loss
  /// The margin q at which ℓ' is taken.
  public let margin: Rational

  public init(loss: Loss, margin: Rational) {
    self.loss = loss
    self.margin = margin
  }

  /// An enclosure of ℓ'(q) (< 0 for both losses).
  public func enclosure(precision: Int) throws -> Interval { try loss.derivative(at: margin, precision: precision) }
}

/// A step size β: an exact rational, or k / |ℓ'(q)| for an exact k (the
/// properly scaled step c·λ_r / |ℓ'(q_r)|), kept symbolic.
public enum StepSize: Sendable, Hashable {
  case exact(Rational)
  case inverseSlope(numerator: Rational, slope: LossSlope)

  /// β itself: exact, or an enclosure of k / |ℓ'(q)|.
  public func value(precision: Int) throws -> Value {
    switch self {
    case .exact(let beta): return .exact(beta)
    case .inverseSlope(let k, let slope):
      if k.isZero { return .exact(Rational()) }
      return .enclosure(try Interval(enclosing: k, precision: precision).divided(by: slope.enclosure(precision: precision).absoluteValue))
    }
  }

  /// β · ℓ'(q) for the gradient's slope ℓ'(q): exactly −k when β = k/|ℓ'(q)|
  /// at the same loss and margin (ℓ' < 0, so ℓ'/|ℓ'| = −1); otherwise the
  /// product of the enclosures.
  public func times(_ slope: LossSlope, precision: Int) throws -> Value {
    switch self {
    case .inverseSlope(let k, let own) where own == slope: return .exact(-k)
    case .inverseSlope(let k, _) where k.isZero: return .exact(Rational())
    case .exact(let beta) where beta.isZero: return .exact(Rational())
    default:
      return .enclosure(try value(precision: precision).interval(precision: precision) * slope.enclosure(precision: precision))
    }
  }
}

/// How the gradient-ascent step size β is chosen.
public enum StepRule: Sendable, Hashable {
  /// β = c · β* with β* = λ_r / |ℓ'(q_r)|, the step that cancels the r-th
  /// stationarity term exactly when c = 1 (theorems/DERIVATIONS.md,
  /// linear.stationarity-residual-formula).
  case scaled(Rational)
  /// An explicit β.
  case explicit(Rational)
}

extension StepRule {
  /// The properly scaled step β* = λ_r / |ℓ'(q_r)| (theorems/DERIVATIONS.md, linear.stationarity-residual-formula).
  public static let unit = StepRule.scaled(Rational(1))

  /// c of the scaled rule; nil for an explicit β.
  public var scale: Rational? {
    if case .scaled(let c) = self { return c }
    return nil
  }

  /// β for a forgotten point with multiplier λ_r and margin q_r under `loss`.
  public func stepSize(lambdaR: Rational, marginR: Rational, loss: Loss) -> StepSize {
    switch self {
    case .scaled(let c): return .inverseSlope(numerator: c * lambdaR, slope: LossSlope(loss: loss, margin: marginR))
    case .explicit(let beta): return .exact(beta)
    }
  }

  /// The rule in words, for reports: "β = c·β*" or "β = b".
  public var description: String {
    switch self {
    case .scaled(let c): return "β = \(c)·β*"
    case .explicit(let b): return "β = \(b)"
    }
  }

  /// The rule as a JSON member of an instance description.
  public var jsonMember: JSON.Member {
    switch self {
    case .scaled(let c): return .init("step_scale", .string(c.description))
    case .explicit(let b): return .init("step", .string(b.description))
    }
  }
}
