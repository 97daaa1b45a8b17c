//===--- Value.swift ------------------------------------------------------===//
// A number that is exact while the mathematics is rational, and an enclosure
// from the first transcendental on (CGAL-style filtered exactness).
//===----------------------------------------------------------------------===//

import Exact

/// A real number known either exactly or by a rigorous enclosure.
///
/// Rational operations on exact values stay exact, so comparisons of exact
/// quantities are decided exactly (an attained bound such as q' − q = λ_r ζ_r
/// is *proved* equal, which no enclosure could do). Only a transcendental
/// function, or an exact power too large to be worth forming, produces an
/// ``Interval``.
public enum Value: Sendable, Hashable {
  /// An exact rational.
  case exact(Rational)
  /// A rigorous enclosure.
  case enclosure(Interval)

  /// The exact value, if known exactly.
  public var exactValue: Rational? {
    if case .exact(let r) = self { return r }
    return nil
  }

  /// An enclosure at `precision` bits (tight for exact values).
  public func interval(precision: Int) -> Interval {
    switch self {
    case .exact(let r): return Interval(enclosing: r, precision: precision)
    case .enclosure(let x): return x.precision >= precision ? x : x.withPrecision(precision)
    }
  }

  /// The exact lower and upper bounds (equal for exact values).
  public var bounds: (lo: Rational, hi: Rational) {
    switch self {
    case .exact(let r): return (r, r)
    case .enclosure(let x): return (x.lower, x.upper)
    }
  }

  /// The binary64 value nearest to the midpoint, for display only; ±∞ when
  /// beyond the double range.
  public var approximation: Double {
    switch self {
    case .exact(let r): return Double(r)
    case .enclosure(let x): return Double((x.lower + x.upper) / Rational(2))
    }
  }
}

extension Value: CustomStringConvertible {
  public var description: String {
    switch self {
    case .exact(let r): return r.description
    case .enclosure(let x): return x.description
    }
  }
}
