//===--- Constants.swift --------------------------------------------------===//
// Enclosures of π, ln 2 and √2 from series with explicit remainder bounds.
//===----------------------------------------------------------------------===//

import Exact

extension Interval {
  /// An enclosure of π at `bits` bits, by Machin's formula
  /// π = 16·atan(1/5) − 4·atan(1/239).
  ///
  /// atan(1/k) = Σ_{j≥0} (−1)^j / ((2j+1)·k^(2j+1)) is alternating with
  /// decreasing terms, so the remainder after the last included term is at
  /// most the first omitted term in magnitude (Leibniz); the sum is taken in
  /// outward-rounded interval arithmetic, and that bound is added.
  public static func pi(bits: Int) -> Interval {
    let w = bits + 16
    let result = atanOfReciprocal(5, bits: w).timesPowerOfTwo(4) - atanOfReciprocal(239, bits: w).timesPowerOfTwo(2)
    return result.roundedOutward(bits: bits)
  }

  /// atan(1/k) for an integer k ≥ 2, to about 2^−bits absolute.
  static func atanOfReciprocal(_ k: Int, bits: Int) -> Interval {
    let one = Interval(1, precision: bits)
    let kk = Interval(k * k, precision: bits)
    var power = try! one.divided(by: Interval(k, precision: bits))  // 1/k^(2j+1)
    var sum = power
    var j = 0
    while true {
      power = try! power.divided(by: kk)
      j += 1
      let term = power.divided(byInteger: 2 * j + 1)
      if term.hi.top < -(bits + 4) {
        // |remainder| ≤ |first omitted term| = term.
        return sum.widened(by: term.hi)
      }
      sum = j % 2 == 1 ? sum - term : sum + term
    }
  }

  /// An enclosure of ln 2 = 2·atanh(1/3) at `bits` bits.
  public static func ln2(bits: Int) -> Interval {
    let third = try! Interval(1, precision: bits + 16).divided(by: Interval(3, precision: bits + 16))
    return atanhSeries(third, targetExponent: -(bits + 12)).timesPowerOfTwo(1).roundedOutward(bits: bits)
  }

  /// Σ_{k≥0} t^(2k+1)/(2k+1) = atanh(t) for |t| ≤ 1/2, summed until the
  /// terms fall below 2^targetExponent.
  ///
  /// Remainder after the term of index N: Σ_{k>N} |t|^(2k+1)/(2k+1)
  /// ≤ |t|^(2N+3)/(2N+3) · 1/(1 − t²) ≤ (4/3)·|next term| ≤ 2·|next term|.
  static func atanhSeries(_ t: Interval, targetExponent: Int) -> Interval {
    precondition(t.magnitude <= Dyadic(mantissa: BigInt(1), exponent: -1), "atanhSeries needs |t| ≤ 1/2")
    if t.isPoint && t.lo.isZero { return t }
    let t2 = t * t
    var power = t
    var sum = t
    var k = 0
    while true {
      power = power * t2
      k += 1
      let term = power.divided(byInteger: 2 * k + 1)
      if term.magnitude.top < targetExponent {
        return sum.widened(by: term.magnitude.timesPowerOfTwo(1))
      }
      sum = sum + term
    }
  }

  /// An enclosure of √2 at `bits` bits (correctly rounded endpoints).
  public static func sqrt2(bits: Int) -> Interval {
    Interval(2, precision: bits).squareRootOfNonNegative
  }
}
