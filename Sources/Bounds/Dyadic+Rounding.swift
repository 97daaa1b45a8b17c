//===--- Dyadic+Rounding.swift --------------------------------------------===//
// Directed rounding to a number of significant bits: the only place in the
// package where a value is made less exact. Every operation here returns the
// exact result rounded in the requested direction (correct directed rounding,
// like MPFR's MPFR_RNDD/MPFR_RNDU), computed with integer floor/ceiling
// divisions and shifts, never with binary64.
//===----------------------------------------------------------------------===//

import Exact

extension Dyadic {
  /// The nearest dyadic with at most `bits` significant bits in the given
  /// direction: the largest such value ≤ self (`.down`) or the smallest ≥ self (`.up`).
  ///
  /// Rigorous because ⌊m / 2^s⌋ and ⌈m / 2^s⌉ are exact integer operations.
  public func rounded(bits: Int, _ direction: RoundingDirection) -> Dyadic {
    precondition(bits >= 2, "Dyadic: at least 2 bits of precision")
    let excess = mantissa.bitLength - bits
    if excess <= 0 { return self }
    let m = direction == .down ? mantissa >> excess : mantissa.ceilingShiftedRight(by: excess)
    return Dyadic(mantissa: m, exponent: exponent + excess)
  }

  /// A rational rounded to `bits` significant bits in the given direction.
  ///
  /// q = ⌊n·2^k / d⌋ (or ⌈…⌉) with k chosen so q has more than `bits` bits;
  /// then q·2^−k is on the correct side of n/d, and rounding it again in the
  /// same direction to the coarser grid keeps it there (the coarse grid is a
  /// subset of the fine one, so the composition is the correct rounding).
  public init(_ value: Rational, bits: Int, _ direction: RoundingDirection) {
    if let exact = Dyadic(exactly: value) {
      self = exact.rounded(bits: bits, direction)
      return
    }
    let n = value.numerator, d = value.denominator
    let k = bits + 2 + d.bitLength - n.bitLength
    let scaledN = k >= 0 ? n << k : n
    let scaledD = k >= 0 ? d : d << (-k)
    let q = direction == .down ? scaledN.floorDivided(by: scaledD) : scaledN.ceilingDivided(by: scaledD)
    self = Dyadic(mantissa: q, exponent: -k).rounded(bits: bits, direction)
  }

  /// a + b rounded to `bits` significant bits, in time independent of the
  /// exponent gap.
  ///
  /// When |small| < 2^L with L = min(e_big, top_big − bits − 1), no dyadic of
  /// `bits` bits lies strictly between big and big ± 2^L (every such value,
  /// and big itself, is a multiple of 2^L), so big + small rounds like
  /// big + sign(small)·2^(L−1): the tiny operand acts as a sticky bit.
  public func adding(_ other: Dyadic, bits: Int, _ direction: RoundingDirection) -> Dyadic {
    if isZero { return other.rounded(bits: bits, direction) }
    if other.isZero { return rounded(bits: bits, direction) }
    let (big, small) = top >= other.top ? (self, other) : (other, self)
    let limit = min(big.exponent, big.top - bits - 1)
    if small.top <= limit {
      let sticky = Dyadic(mantissa: BigInt(small.signum), exponent: limit - 1)
      return (big + sticky).rounded(bits: bits, direction)
    }
    return (big + small).rounded(bits: bits, direction)
  }

  /// a / b rounded to `bits` significant bits in the given direction.
  ///
  /// q = ⌊m_a·2^k / m_b⌋ (or ⌈…⌉), with k making q longer than `bits`, is
  /// an exact integer division; see ``init(_:bits:_:)`` for why rounding q
  /// again is still correct.
  ///
  /// - Precondition: `divisor` is not zero.
  public func divided(by divisor: Dyadic, bits: Int, _ direction: RoundingDirection) -> Dyadic {
    precondition(!divisor.isZero, "Dyadic: division by zero")
    if isZero { return .zero }
    let k = max(0, bits + 2 + divisor.mantissa.bitLength - mantissa.bitLength)
    let n = mantissa << k
    let q = direction == .down ? n.floorDivided(by: divisor.mantissa) : n.ceilingDivided(by: divisor.mantissa)
    return Dyadic(mantissa: q, exponent: exponent - divisor.exponent - k).rounded(bits: bits, direction)
  }

  /// √self rounded to `bits` significant bits in the given direction.
  ///
  /// With self = M·2^(2j) (M shifted to at least 2·bits + 4 bits), ⌊√M⌋ from
  /// GMP's exact integer square root, plus one when the root is inexact and
  /// rounding is upward, brackets √M; scaling by 2^j is exact.
  ///
  /// - Precondition: self ≥ 0.
  public func squareRoot(bits: Int, _ direction: RoundingDirection) -> Dyadic {
    precondition(signum >= 0, "Dyadic: square root of a negative number")
    if isZero { return .zero }
    var shift = max(0, 2 * bits + 4 - mantissa.bitLength)
    if (exponent - shift) & 1 != 0 { shift += 1 }  // make the exponent even
    let (root, exact) = (mantissa << shift).squareRootFloor()
    let r = direction == .up && !exact ? root + BigInt(1) : root
    return Dyadic(mantissa: r, exponent: (exponent - shift) / 2).rounded(bits: bits, direction)
  }
}
