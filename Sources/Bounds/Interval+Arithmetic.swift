//===--- Interval+Arithmetic.swift ----------------------------------------===//
// + − × ÷, integer powers, abs, min, max with outward rounding
// (IEEE 1788-2015 §9.1 semantics, on exact dyadic endpoints).
//===----------------------------------------------------------------------===//

import Exact

extension Interval {
  /// [a, b] + [c, d] = [a + c ↓, b + d ↑]: exact sums rounded outward.
  public static func + (x: Interval, y: Interval) -> Interval {
    let p = max(x.precision, y.precision)
    return Interval(unchecked: x.lo.adding(y.lo, bits: p, .down), x.hi.adding(y.hi, bits: p, .up), precision: p)
  }

  /// −[a, b] = [−b, −a], exact.
  public static prefix func - (x: Interval) -> Interval {
    Interval(unchecked: -x.hi, -x.lo, precision: x.precision)
  }

  /// [a, b] − [c, d] = [a − d ↓, b − c ↑].
  public static func - (x: Interval, y: Interval) -> Interval { x + (-y) }

  /// The product: min and max of the four exact endpoint products, rounded
  /// outward (the product is bilinear, so its extremes are at corners).
  public static func * (x: Interval, y: Interval) -> Interval {
    let p = max(x.precision, y.precision)
    let corners = [x.lo * y.lo, x.lo * y.hi, x.hi * y.lo, x.hi * y.hi]
    return Interval(roundingOutward: corners.min()!, corners.max()!, precision: p)
  }

  /// The quotient x / y for y not containing 0: min and max of the four
  /// endpoint quotients (x/y is monotone in each argument on such a box),
  /// each rounded in its own direction.
  ///
  /// - Throws: ``EnclosureError/domain(_:)`` when y is exactly [0, 0];
  ///   ``EnclosureError/undecided(_:)`` when y merely contains 0 (documented
  ///   choice: an error rather than the whole line, so a verdict can never
  ///   rest on an unbounded enclosure; more precision may exclude 0).
  public func divided(by y: Interval) throws -> Interval {
    if y.lo.isZero && y.hi.isZero { throw EnclosureError.domain("division by zero") }
    if y.containsZero { throw EnclosureError.undecided("divisor enclosure \(y.shortDescription) contains 0") }
    let p = max(precision, y.precision)
    let pairs = [(lo, y.lo), (lo, y.hi), (hi, y.lo), (hi, y.hi)]
    let downs = pairs.map { $0.0.divided(by: $0.1, bits: p, .down) }
    let ups = pairs.map { $0.0.divided(by: $0.1, bits: p, .up) }
    return Interval(unchecked: downs.min()!, ups.max()!, precision: p)
  }

  /// |x| = [mig x, mag x].
  public var absoluteValue: Interval {
    Interval(unchecked: mignitude, magnitude, precision: precision)
  }

  /// The enclosure of min(x, y) over the box: [min(a, c), min(b, d)].
  public static func minimum(_ x: Interval, _ y: Interval) -> Interval {
    Interval(unchecked: min(x.lo, y.lo), min(x.hi, y.hi), precision: max(x.precision, y.precision))
  }

  /// The enclosure of max(x, y) over the box: [max(a, c), max(b, d)].
  public static func maximum(_ x: Interval, _ y: Interval) -> Interval {
    Interval(unchecked: max(x.lo, y.lo), max(x.hi, y.hi), precision: max(x.precision, y.precision))
  }

  /// The largest binary exponent (in magnitude) a power may reach.
  public static let maximumPowerExponent = 1 << 24

  /// x^k for an integer k, by repeated squaring with outward rounding.
  ///
  /// Even powers of an interval containing 0 are [0, mag^k]; odd powers are
  /// monotone. A negative k is 1 / x^|k|.
  ///
  /// - Throws: as ``divided(by:)`` for negative k when x contains 0.
  public func power(_ k: Int) throws -> Interval {
    if k == 0 { return Interval(1, precision: precision) }
    // |x|^k has its leading bit near k·top(x): refuse results beyond
    // 2^(±2^24) before the squarings build them (their exponents would
    // overflow, and their mantissas exhaust memory).
    for end in [lo, hi] where !end.isZero {
      let (size, overflow) = Swift.max(end.top, 1 - end.top).multipliedReportingOverflow(by: Int(k.magnitude))
      guard !overflow, size <= Self.maximumPowerExponent else {
        throw EnclosureError.overflow("x^\(k) with |x| ≈ 2^\(end.top) is beyond 2^(±2^24)")
      }
    }
    if k < 0 {
      precondition(k != Int.min, "Interval: exponent out of range")
      return try Interval(1, precision: precision).divided(by: power(-k))
    }
    if k % 2 == 0 && containsZero {
      let m = Interval(exactly: magnitude, precision: precision).positivePower(k)
      return Interval(unchecked: .zero, m.hi, precision: precision)
    }
    if k % 2 == 0 && hi.signum < 0 {
      return (-self).positivePower(k)
    }
    // Monotone increasing on this interval: power of each endpoint.
    let a = Interval(exactly: lo, precision: precision).positivePower(k)
    let b = Interval(exactly: hi, precision: precision).positivePower(k)
    return Interval(unchecked: a.lo, b.hi, precision: precision)
  }

  /// x^k for k ≥ 1 by binary powering; valid as an enclosure for any x
  /// (each step is an enclosing multiplication), tight when x ≥ 0.
  private func positivePower(_ k: Int) -> Interval {
    var result = Interval(1, precision: precision)
    var base = self
    var e = k
    while e > 0 {
      if e & 1 == 1 { result = result * base }
      e >>= 1
      if e > 0 { base = base * base }
    }
    return result
  }
}
