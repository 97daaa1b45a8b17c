//===--- Interval+Exp.swift -----------------------------------------------===//
// The exponential function.
//===----------------------------------------------------------------------===//

import Exact

extension Interval {
  /// exp(x) is computed for |x| < 2^16; beyond, it overflows (x > 0) or is
  /// enclosed by [0, e^(−2^15)] (x < 0, by monotonicity). The limit keeps
  /// every endpoint's exponent small enough to print as an exact rational
  /// (e^(−2^16) already has a 94,548-bit denominator).
  static let expArgumentLimit = 16

  /// An enclosure of e^x for every x in the interval (exp is increasing, so
  /// the result is [lower(e^lo), upper(e^hi)]).
  ///
  /// Point evaluation at a dyadic x, working precision w = p + s + 16:
  /// 1. reduce t = x / 2^s exactly, with s = max(0, top(x) + 8) so |t| < 2^−8;
  /// 2. Taylor: e^t = Σ_{k≤N} t^k/k! + R with
  ///    |R| ≤ 2|t|^(N+1)/(N+1)! ≤ 2^−7 · |t^N/N!| (as e^|t| ≤ 2 and |t| ≤ 2^−8),
  ///    so the magnitude of the last term bounds R; summation stops once
  ///    that term is below 2^−(w+4);
  /// 3. square s times: e^x = (e^t)^(2^s). Each squaring at most doubles the
  ///    relative width plus 2^−w, which the s + 16 guard bits absorb.
  /// Every step is outward-rounded interval arithmetic, so the result
  /// encloses e^x; the only non-arithmetic ingredient is the bound on R.
  ///
  /// - Throws: ``EnclosureError/overflow(_:)`` when hi ≥ 2^16.
  public static func exp(_ x: Interval) throws -> Interval {
    try x.applyingIncreasing(expPoint)
  }

  static func expPoint(_ x: Dyadic, bits p: Int) throws -> Interval {
    if x.isZero { return Interval(1, precision: p) }
    if x.top > expArgumentLimit {
      guard x.signum < 0 else { throw EnclosureError.overflow("exp of an argument ≥ 2^\(expArgumentLimit)") }
      // 0 < e^x ≤ e^(−2^15) for x ≤ −2^16 (−2^15 is within the computed range).
      let bound = try expPoint(-Dyadic.powerOfTwo(expArgumentLimit - 1), bits: p)
      return Interval(unchecked: .zero, bound.hi, precision: p)
    }
    let s = max(0, x.top + 8)
    let w = p + s + 16
    let t = Interval(exactly: x.timesPowerOfTwo(-s), precision: w)
    var term = Interval(1, precision: w)
    var sum = term
    var k = 0
    while true {
      k += 1
      term = (term * t).divided(byInteger: k)
      sum = sum + term
      if term.magnitude.top < -(w + 4) { break }
    }
    var y = sum.widened(by: term.magnitude)
    for _ in 0..<s { y = y * y }
    return y.roundedOutward(bits: p)
  }
}
