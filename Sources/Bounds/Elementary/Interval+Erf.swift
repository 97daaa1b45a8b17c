//===--- Interval+Erf.swift -----------------------------------------------===//
// The error function, its complement, and the standard normal CDF Φ.
//===----------------------------------------------------------------------===//

import Exact

extension Interval {
  /// An enclosure of erf x = (2/√π)∫₀ˣ e^(−t²) dt for every x in the interval
  /// (erf is increasing and odd).
  ///
  /// For x > 0 with x² < 2w + 16 (w = p + 20), the everywhere-positive series
  ///   erf x = (2/√π)·e^(−x²)·Σ_{k≥0} 2^k x^(2k+1) / (1·3·…·(2k+1))
  /// (A&S 7.1.6). Its term ratio is 2x²/(2k+3); once 2x²/(2K+5) ≤ 1/2 the tail
  /// after term K is at most 2·a_(K+1) (geometric bound). No cancellation
  /// occurs, so relative accuracy holds for all x. For larger x,
  /// erf x = 1 − erfc x with the asymptotic erfc below.
  public static func erf(_ x: Interval) throws -> Interval {
    x.applyingIncreasing(erfPoint)
  }

  /// An enclosure of erfc x = 1 − erf x for every x in the interval
  /// (decreasing), accurate in relative terms also deep in the tail.
  ///
  /// For x ≤ 0: erfc x = 1 + erf|x| (no cancellation). For 0 < x with
  /// x² < 2w + 16: 1 − erf x computed with x²·log₂e + top(x) + 8 extra bits,
  /// which covers the cancellation since erfc x ≥ e^(−x²)/(2x + 2) there.
  /// For x² ≥ 2w + 16 the asymptotic expansion (DLMF 7.12.1)
  ///   erfc x = e^(−x²)/(x√π) · (Σ_{m<N} (−1)^m (2m−1)!!/(2x²)^m + R_N),
  /// whose remainder for real x > 0 is bounded in magnitude by the first
  /// neglected term (DLMF §7.12(i)); the terms fall by at least 1/2 per step
  /// while m ≤ x²/2, so N ≤ w + 4 terms reach 2^−(w+4).
  public static func erfc(_ x: Interval) throws -> Interval {
    x.applyingDecreasing(erfcPoint)
  }

  /// An enclosure of the standard normal CDF Φ(x) = erfc(−x/√2)/2 for every
  /// x in the interval (Φ is increasing). −x/√2 is enclosed with an
  /// outward-rounded √2, and erfc is applied by monotonicity. The relative
  /// condition number of erfc at t is about 2t², so t is formed with
  /// 2·log₂|x| extra bits to keep the result tight in the far tail.
  ///
  /// Beyond |x| ≥ 2^64 the tail is certainly below e^(−2^15) (for t ≥ 2^64,
  /// Φ(−t) = erfc(t/√2)/2 ≤ e^(−t²/2) < e^(−2^15)), and that enclosure is
  /// returned at once instead of working with 2·log₂|x| extra bits.
  public static func normalCDF(_ x: Interval) throws -> Interval {
    let far = Dyadic(mantissa: BigInt(1), exponent: 64)
    if x.hi <= -far || x.lo >= far {
      let tail = try exp(Interval(exactly: Dyadic(mantissa: BigInt(-1), exponent: 15), precision: x.precision)).hi
      let one = Dyadic(mantissa: BigInt(1), exponent: 0)
      return x.hi <= -far ? try Interval(lo: .zero, hi: tail, precision: x.precision)
                          : try Interval(lo: (Interval(exactly: one, precision: x.precision) - Interval(exactly: tail, precision: x.precision)).lo, hi: one, precision: x.precision)
    }
    let w = x.precision + 8 + 2 * max(0, x.magnitude.top)
    let root2 = sqrt2(bits: w)
    let t = try (-x.withPrecision(w)).divided(by: root2)  // decreasing in x
    return try erfc(t).timesPowerOfTwo(-1).roundedOutward(bits: x.precision)
  }

  /// 2/√π at `bits` bits.
  static func twoOverRootPi(bits: Int) -> Interval {
    let root = pi(bits: bits + 4).squareRootOfNonNegative
    return try! Interval(2, precision: bits + 4).divided(by: root)
  }

  /// Whether x² ≥ 2w + 16: the asymptotic erfc expansion reaches 2^−(w+4).
  static func usesAsymptoticErfc(_ x: Dyadic, bits w: Int) -> Bool {
    x * x >= Dyadic(2 * w + 16)
  }

  static func erfPoint(_ x: Dyadic, bits p: Int) -> Interval {
    if x.isZero { return Interval(0, precision: p) }
    if x.signum < 0 { return -erfPoint(-x, bits: p) }
    let w = p + 20
    if usesAsymptoticErfc(x, bits: w) {
      let one = Interval(1, precision: w)
      return (one - erfcAsymptotic(x, bits: w)).roundedOutward(bits: p)
    }
    return erfSeries(x, bits: w).roundedOutward(bits: p)
  }

  static func erfcPoint(_ x: Dyadic, bits p: Int) -> Interval {
    let w = p + 20
    let one = Interval(1, precision: w)
    if x.signum <= 0 {
      return (one + erfPoint(-x, bits: w)).roundedOutward(bits: p)
    }
    if usesAsymptoticErfc(x, bits: w) { return erfcAsymptotic(x, bits: w).roundedOutward(bits: p) }
    // Extra bits for the cancellation in 1 − erf x; a Double only chooses the
    // precision here, it never enters the enclosure.
    let squared = Double(x.rational * x.rational)
    let extra = Int((squared * 1.4426950408889634).rounded(.up)) + max(0, x.top) + 8
    let wide = w + extra
    return (Interval(1, precision: wide) - erfSeries(x, bits: wide)).roundedOutward(bits: p)
  }

  /// erf x for x > 0 by the positive series, at working precision `w`.
  static func erfSeries(_ x: Dyadic, bits w: Int) -> Interval {
    let xi = Interval(exactly: x, precision: w)
    let twoX2 = Interval(exactly: (x * x).timesPowerOfTwo(1), precision: w)
    var term = xi  // a_k
    var sum = xi
    var k = 0
    while true {
      let next = (term * twoX2).divided(byInteger: 2 * k + 3)  // a_(k+1)
      // The ratio bound for every later term: 2x²/(2k+5) ≤ 1/2 ⇔ 4x² ≤ 2k+5.
      let ratioSmall = twoX2.hi.timesPowerOfTwo(1) <= Dyadic(2 * k + 5)
      if ratioSmall && next.magnitude.top < sum.lo.top - w - 4 {
        let bounded = sum.widened(by: next.magnitude.timesPowerOfTwo(1))
        let gauss = try! exp(-Interval(exactly: x * x, precision: w))
        return bounded * gauss * twoOverRootPi(bits: w)
      }
      sum = sum + next
      term = next
      k += 1
    }
  }

  /// erfc x for x² ≥ 2w + 16 by the asymptotic expansion, at precision `w`.
  static func erfcAsymptotic(_ x: Dyadic, bits w: Int) -> Interval {
    let xi = Interval(exactly: x, precision: w)
    let twoX2 = Interval(exactly: (x * x).timesPowerOfTwo(1), precision: w)
    var term = Interval(1, precision: w)  // c_m
    var sum = term
    var m = 0
    while true {
      m += 1
      term = try! (-term * Interval(2 * m - 1, precision: w)).divided(by: twoX2)
      if term.magnitude.top < -(w + 4) {
        // |R_m| ≤ |c_m|, the first neglected term.
        let series = sum.widened(by: term.magnitude)
        let gauss = try! exp(-Interval(exactly: x * x, precision: w))
        let root = pi(bits: w).squareRootOfNonNegative
        return try! (series * gauss).divided(by: xi * root)
      }
      sum = sum + term
    }
  }
}
