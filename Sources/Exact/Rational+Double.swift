//===--- Rational+Double.swift --------------------------------------------===//
// Exact conversion from binary64, and correctly rounded conversion to it.
//===----------------------------------------------------------------------===//

import CGMP

extension Rational {
  /// The exact value of a finite `Double` (every finite double is a dyadic
  /// rational m · 2^e, so nothing is lost).
  ///
  /// - Throws: ``ExactError/nonFinite(_:)`` for NaN and ±∞.
  public init(exactly value: Double) throws {
    guard value.isFinite else { throw ExactError.nonFinite(value) }
    self.init()
    __gmpq_set_d(storage.pointer, value)  // exact for finite input
  }

  /// The exact value of a finite `Float`.
  ///
  /// - Throws: ``ExactError/nonFinite(_:)`` for NaN and ±∞.
  public init(exactly value: Float) throws {
    try self.init(exactly: Double(value))  // Float → Double is exact
  }
}

extension Double {
  /// The binary64 value nearest to `value` (ties to even), ±∞ beyond the
  /// largest finite double, with subnormals rounded correctly. Unlike
  /// `mpq_get_d`, which truncates, this is the IEEE round-to-nearest result.
  public init(_ value: Rational) {
    if value.isZero { self = 0; return }
    let negative = value.signum < 0
    let a = value.numerator.magnitude, b = value.denominator
    // 2^(E−1) < a/b < 2^(E+1); scale so the quotient m has 54 or 55 bits.
    let estimate = a.bitLength - b.bitLength
    // Far outside binary64's range (2^−1075 … 2^1024): decided by the bit lengths alone.
    if estimate > 1026 { self = negative ? -.infinity : .infinity; return }
    if estimate < -1100 { self = negative ? -0.0 : 0.0; return }
    let s = 54 - estimate
    let shiftedA = s >= 0 ? a << s : a
    let shiftedB = s >= 0 ? b : b << (-s)
    let (m0, rem) = shiftedA.quotientAndRemainder(dividingBy: shiftedB)
    var m = UInt64(m0.exactInt!)  // < 2^55
    let sticky = !rem.isZero
    // value = (m + sticky·ε) · 2^−s with 2^topExp ≤ value < 2^(topExp+1).
    let bitLength = 64 - m.leadingZeroBitCount
    let topExp = bitLength - 1 - s
    var shift = bitLength - 53
    if topExp < -1022 { shift += -1022 - topExp }  // fewer bits in subnormals
    if shift >= 64 {
      // Far below the smallest subnormal's half: rounds to zero.
      self = negative ? -0.0 : 0.0
      return
    }
    // bitLength ≥ 54, so shift ≥ 1: at least one bit is dropped and rounded.
    precondition(shift > 0, "Double(Rational): internal rounding error")
    let kept = m >> UInt64(shift)
    let dropped = m & ((UInt64(1) << UInt64(shift)) - 1)
    let half = UInt64(1) << UInt64(shift - 1)
    let roundUp = dropped > half || (dropped == half && (sticky || kept & 1 == 1))
    m = kept + (roundUp ? 1 : 0)
    let exponent = -s + shift
    // m ≤ 2^53, so the product below is exact unless it overflows to ∞.
    let magnitude = Double(sign: .plus, exponent: exponent, significand: Double(m))
    self = negative ? -magnitude : magnitude
  }
}
