//===--- Interval+Log.swift -----------------------------------------------===//
// The natural logarithm, log1p and the square root.
//===----------------------------------------------------------------------===//

import Exact

extension Interval {
  /// An enclosure of ln x for every x in the interval.
  ///
  /// Point evaluation at a dyadic x > 0: write x = m·2^e exactly with
  /// m ∈ [3/4, 3/2); then ln x = 2·atanh(t) + e·ln 2 with t = (m−1)/(m+1),
  /// |t| ≤ 1/5, where m − 1 and m + 1 are exact and one outward-rounded
  /// division gives t. The atanh series has the remainder bound
  /// |R| ≤ 2·|next term| (see `atanhSeries`); ln 2 = 2·atanh(1/3) likewise.
  /// Near x = 1 the result keeps its relative accuracy because m − 1 is exact.
  ///
  /// - Throws: ``EnclosureError/domain(_:)`` when hi ≤ 0;
  ///   ``EnclosureError/undecided(_:)`` when lo ≤ 0 < hi.
  public static func log(_ x: Interval) throws -> Interval {
    if x.hi.signum <= 0 { throw EnclosureError.domain("log of a non-positive number") }
    if x.lo.signum <= 0 { throw EnclosureError.undecided("log of an enclosure \(x.shortDescription) that reaches 0") }
    return x.applyingIncreasing(logPoint)
  }

  static func logPoint(_ x: Dyadic, bits p: Int) -> Interval {
    if x == .one { return Interval(0, precision: p) }
    var e = x.top
    var m = x.timesPowerOfTwo(-e)  // m ∈ [1/2, 1)
    if m < Dyadic(mantissa: BigInt(3), exponent: -2) {
      m = m.timesPowerOfTwo(1)
      e -= 1
    }
    let w = p + 16 + e.magnitude.bitWidth - e.magnitude.leadingZeroBitCount
    let t = try! Interval(exactly: m - .one, precision: w).divided(by: Interval(exactly: m + .one, precision: w))
    var result = t.isPoint && t.lo.isZero
      ? Interval(0, precision: w)
      : atanhSeries(t, targetExponent: t.mignitude.top - w - 4).timesPowerOfTwo(1)
    if e != 0 { result = result + ln2(bits: w) * Interval(e, precision: w) }
    return result.roundedOutward(bits: p)
  }

  /// An enclosure of ln(1 + x) for every x in the interval, accurate for
  /// tiny x.
  ///
  /// For |x| < 2^−9: ln(1+x) = Σ_{k≥1} (−1)^(k+1) x^k/k with remainder
  /// |R| ≤ |x|^(N+1)/((N+1)(1−|x|)) ≤ 2·|next term|. Otherwise 1 + x is formed
  /// exactly (its size is bounded because |x| ≥ 2^−9) and passed to ``log(_:)``.
  ///
  /// - Throws: ``EnclosureError/domain(_:)`` when hi ≤ −1;
  ///   ``EnclosureError/undecided(_:)`` when lo ≤ −1 < hi.
  public static func log1p(_ x: Interval) throws -> Interval {
    let minusOne = Dyadic(-1)
    if x.hi <= minusOne { throw EnclosureError.domain("log1p of a number ≤ −1") }
    if x.lo <= minusOne { throw EnclosureError.undecided("log1p of an enclosure \(x.shortDescription) that reaches −1") }
    return x.applyingIncreasing(log1pPoint)
  }

  static func log1pPoint(_ x: Dyadic, bits p: Int) -> Interval {
    if x.isZero { return Interval(0, precision: p) }
    if x.top >= -8 { return logPoint(x + .one, bits: p) }
    let w = p + 16
    let t = Interval(exactly: x, precision: w)
    var power = t
    var sum = t
    var k = 1
    while true {
      power = power * t
      k += 1
      let term = power.divided(byInteger: k)
      if term.magnitude.top < x.top - w - 4 {
        return sum.widened(by: term.magnitude.timesPowerOfTwo(1)).roundedOutward(bits: p)
      }
      sum = k % 2 == 0 ? sum - term : sum + term
    }
  }

  /// An enclosure of √x for every x in the interval: the endpoints' square
  /// roots correctly rounded outward (GMP's exact integer square root).
  ///
  /// - Throws: ``EnclosureError/domain(_:)`` when hi < 0;
  ///   ``EnclosureError/undecided(_:)`` when lo < 0 ≤ hi (except [0, 0]-like
  ///   exact zeros, which have lo = 0).
  public static func sqrt(_ x: Interval) throws -> Interval {
    if x.hi.signum < 0 { throw EnclosureError.domain("square root of a negative number") }
    if x.lo.signum < 0 { throw EnclosureError.undecided("square root of an enclosure \(x.shortDescription) that reaches below 0") }
    return x.squareRootOfNonNegative
  }

  /// √x for lo ≥ 0: both endpoints' roots correctly rounded outward.
  var squareRootOfNonNegative: Interval {
    Interval(
      unchecked: lo.squareRoot(bits: precision, .down), hi.squareRoot(bits: precision, .up), precision: precision)
  }
}
