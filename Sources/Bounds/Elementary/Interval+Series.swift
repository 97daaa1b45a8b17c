//===--- Interval+Series.swift --------------------------------------------===//
// Small helpers shared by the elementary functions.
//===----------------------------------------------------------------------===//

import Exact

extension Interval {
  /// [lo − r, hi + r] rounded outward: adds a truncation-error bound r ≥ 0.
  func widened(by r: Dyadic) -> Interval {
    Interval(
      unchecked: lo.adding(-r, bits: precision, .down), hi.adding(r, bits: precision, .up),
      precision: precision)
  }

  /// The same enclosure rounded outward to `bits` significant bits.
  func roundedOutward(bits: Int) -> Interval {
    Interval(roundingOutward: lo, hi, precision: bits)
  }

  /// Divides by a positive machine integer (exact endpoints, outward rounding).
  func divided(byInteger k: Int) -> Interval {
    precondition(k > 0, "Interval: integer divisor must be positive")
    let d = Dyadic(k)
    return Interval(
      unchecked: lo.divided(by: d, bits: precision, .down), hi.divided(by: d, bits: precision, .up),
      precision: precision)
  }

  /// x · 2^k, exact.
  func timesPowerOfTwo(_ k: Int) -> Interval {
    Interval(unchecked: lo.timesPowerOfTwo(k), hi.timesPowerOfTwo(k), precision: precision)
  }

  /// Applies a non-decreasing point enclosure f to both endpoints:
  /// f([a, b]) ⊆ [lower(f(a)), upper(f(b))].
  func applyingIncreasing(_ f: (Dyadic, Int) throws -> Interval) rethrows -> Interval {
    if isPoint { return try f(lo, precision) }
    let a = try f(lo, precision), b = try f(hi, precision)
    return Interval(unchecked: a.lo, b.hi, precision: precision)
  }

  /// Applies a non-increasing point enclosure f: f([a, b]) ⊆ [lower(f(b)), upper(f(a))].
  func applyingDecreasing(_ f: (Dyadic, Int) throws -> Interval) rethrows -> Interval {
    if isPoint { return try f(lo, precision) }
    let a = try f(lo, precision), b = try f(hi, precision)
    return Interval(unchecked: b.lo, a.hi, precision: precision)
  }
}

extension Dyadic {
  /// A value of magnitude 2^k (k may be negative).
  static func powerOfTwo(_ k: Int) -> Dyadic { Dyadic(mantissa: BigInt(1), exponent: k) }
}
