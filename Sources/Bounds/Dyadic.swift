//===--- Dyadic.swift -----------------------------------------------------===//
// Dyadic rationals m · 2^e: the endpoints of every enclosure.
//===----------------------------------------------------------------------===//

import Exact

/// An exact dyadic rational m · 2^e with an integer mantissa m and exponent e.
///
/// The representation is normalized (m odd, or m = 0 with e = 0), so equal
/// values have equal representations. Dyadics are closed under + − ×, which
/// are exact here; division, square roots and conversions from rationals
/// round in an explicit ``RoundingDirection`` to a number of significant bits.
public struct Dyadic: Sendable, Hashable {
  /// The odd mantissa (or zero).
  public let mantissa: BigInt
  /// The binary exponent.
  public let exponent: Int

  /// m · 2^e, normalized.
  public init(mantissa: BigInt, exponent: Int) {
    if mantissa.isZero {
      self.mantissa = mantissa
      self.exponent = 0
      return
    }
    let zeros = mantissa.trailingZeroBitCount
    self.mantissa = zeros == 0 ? mantissa : mantissa >> zeros
    self.exponent = exponent + zeros
  }

  /// An integer.
  public init(_ value: Int) { self.init(mantissa: BigInt(value), exponent: 0) }

  /// Zero.
  public static let zero = Dyadic(0)
  /// One.
  public static let one = Dyadic(1)

  /// The exact value of a rational whose denominator is a power of two, else `nil`.
  public init?(exactly value: Rational) {
    guard value.isDyadic else { return nil }
    self.init(mantissa: value.numerator, exponent: -value.denominator.trailingZeroBitCount)
  }

  /// The exact value of a finite `Double` (every finite double is dyadic);
  /// `nil` for NaN and ±∞, which have no value.
  public init?(exactly value: Double) {
    guard let rational = try? Rational(exactly: value) else { return nil }
    self.init(exactly: rational)
  }

  /// The value as an exact rational.
  public var rational: Rational {
    Rational(mantissa).timesPowerOfTwo(exponent)
  }

  /// -1, 0 or +1.
  public var signum: Int { mantissa.signum }
  /// Whether the value is zero.
  public var isZero: Bool { mantissa.isZero }

  /// The position just above the leading bit: 2^(top−1) ≤ |x| < 2^top for x ≠ 0.
  /// Zero has no leading bit; `Int.min` stands in for it.
  public var top: Int { isZero ? Int.min : mantissa.bitLength + exponent }

  /// The number of significant bits of the mantissa.
  public var significantBits: Int { mantissa.bitLength }

  /// −x.
  public static prefix func - (x: Dyadic) -> Dyadic {
    Dyadic(mantissa: -x.mantissa, exponent: x.exponent)
  }

  /// |x|.
  public var magnitude: Dyadic { signum < 0 ? -self : self }

  /// x · 2^k, exactly.
  public func timesPowerOfTwo(_ k: Int) -> Dyadic {
    Dyadic(mantissa: mantissa, exponent: exponent + k)
  }

  /// The exact sum. The cost grows with the exponent gap of the operands;
  /// use ``adding(_:bits:rounding:)`` when the result is rounded anyway.
  public static func + (a: Dyadic, b: Dyadic) -> Dyadic {
    if a.isZero { return b }
    if b.isZero { return a }
    let e = min(a.exponent, b.exponent)
    return Dyadic(mantissa: (a.mantissa << (a.exponent - e)) + (b.mantissa << (b.exponent - e)), exponent: e)
  }

  /// The exact difference (see `+` about cost).
  public static func - (a: Dyadic, b: Dyadic) -> Dyadic { a + (-b) }

  /// The exact product.
  public static func * (a: Dyadic, b: Dyadic) -> Dyadic {
    Dyadic(mantissa: a.mantissa * b.mantissa, exponent: a.exponent + b.exponent)
  }
}

extension Dyadic: Comparable {
  /// Compares without building huge shifted mantissas: signs first, then the
  /// leading-bit positions, and only when those agree the aligned mantissas
  /// (whose shift is then bounded by the mantissa lengths).
  public static func < (a: Dyadic, b: Dyadic) -> Bool { compare(a, b) < 0 }

  /// −1, 0 or +1 as a <, =, > b.
  public static func compare(_ a: Dyadic, _ b: Dyadic) -> Int {
    if a.signum != b.signum { return a.signum < b.signum ? -1 : 1 }
    if a.isZero { return 0 }
    let sign = a.signum
    if a.top != b.top { return a.top < b.top ? -sign : sign }
    let e = min(a.exponent, b.exponent)
    let ma = a.mantissa << (a.exponent - e), mb = b.mantissa << (b.exponent - e)
    return ma < mb ? -1 : (ma == mb ? 0 : 1)
  }
}

extension Dyadic: CustomStringConvertible {
  /// The exact value as `p/q` in lowest terms (or `p`).
  public var description: String { rational.description }
}
