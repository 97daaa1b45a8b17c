//===--- Rational+Arithmetic.swift ----------------------------------------===//
// Exact field arithmetic, integer powers and fused in-place forms.
//===----------------------------------------------------------------------===//

import CGMP

extension Rational {
  @inlinable
  internal static func _binary(
    _ a: Rational, _ b: Rational,
    _ op: (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void
  ) -> Rational {
    let result = Rational()
    op(result.pointer, a.pointer, b.pointer)
    return result
  }

  @inlinable public static func + (a: Rational, b: Rational) -> Rational { _binary(a, b, __gmpq_add) }
  @inlinable public static func - (a: Rational, b: Rational) -> Rational { _binary(a, b, __gmpq_sub) }
  @inlinable public static func * (a: Rational, b: Rational) -> Rational { _binary(a, b, __gmpq_mul) }

  /// a / b.
  ///
  /// - Precondition: `b` is not zero (use ``divided(by:)`` to get a thrown error).
  @inlinable public static func / (a: Rational, b: Rational) -> Rational {
    precondition(!b.isZero, "Rational: division by zero")
    return _binary(a, b, __gmpq_div)
  }

  @inlinable public static prefix func - (a: Rational) -> Rational {
    let result = Rational()
    __gmpq_neg(result.pointer, a.pointer)
    return result
  }

  @inlinable public static func += (a: inout Rational, b: Rational) {
    let p = a.mutablePointer
    __gmpq_add(p, p, b.pointer)
  }
  @inlinable public static func -= (a: inout Rational, b: Rational) {
    let p = a.mutablePointer
    __gmpq_sub(p, p, b.pointer)
  }
  @inlinable public static func *= (a: inout Rational, b: Rational) {
    let p = a.mutablePointer
    __gmpq_mul(p, p, b.pointer)
  }

  /// a /= b.
  ///
  /// - Precondition: `b` is not zero.
  @inlinable public static func /= (a: inout Rational, b: Rational) {
    precondition(!b.isZero, "Rational: division by zero")
    let p = a.mutablePointer
    __gmpq_div(p, p, b.pointer)
  }

  /// self / divisor, or a thrown ``ExactError/divisionByZero``.
  public func divided(by divisor: Rational) throws -> Rational {
    guard !divisor.isZero else { throw ExactError.divisionByZero }
    return self / divisor
  }

  /// 1 / self, or a thrown ``ExactError/divisionByZero``.
  public func reciprocal() throws -> Rational {
    guard !isZero else { throw ExactError.divisionByZero }
    let result = Rational()
    __gmpq_inv(result.pointer, pointer)
    return result
  }

  /// Negates in place.
  @inlinable public mutating func negate() {
    let p = mutablePointer
    __gmpq_neg(p, p)
  }

  /// `self += a * b`, using `scratch` for the product so a loop allocates once.
  @inlinable public mutating func addProduct(_ a: Rational, _ b: Rational, scratch: inout Rational) {
    let s = scratch.mutablePointer
    __gmpq_mul(s, a.pointer, b.pointer)
    let p = mutablePointer
    __gmpq_add(p, p, s)
  }

  /// `self += a * b`.
  @inlinable public mutating func addProduct(_ a: Rational, _ b: Rational) {
    var scratch = Rational()
    addProduct(a, b, scratch: &scratch)
  }

  /// `self -= a * b`, using `scratch` for the product.
  @inlinable public mutating func subtractProduct(_ a: Rational, _ b: Rational, scratch: inout Rational) {
    let s = scratch.mutablePointer
    __gmpq_mul(s, a.pointer, b.pointer)
    let p = mutablePointer
    __gmpq_sub(p, p, s)
  }

  /// `self -= a * b`.
  @inlinable public mutating func subtractProduct(_ a: Rational, _ b: Rational) {
    var scratch = Rational()
    subtractProduct(a, b, scratch: &scratch)
  }

  /// |self|.
  public var magnitude: Rational {
    let result = Rational()
    __gmpq_abs(result.pointer, pointer)
    return result
  }

  /// self · 2^k exactly (k may be negative).
  public func timesPowerOfTwo(_ k: Int) -> Rational {
    let result = Rational()
    if k >= 0 {
      __gmpq_mul_2exp(result.pointer, pointer, UInt(k))
    } else {
      __gmpq_div_2exp(result.pointer, pointer, k.magnitude)
    }
    return result
  }

  /// self^exponent for any integer exponent.
  ///
  /// - Throws: ``ExactError/divisionByZero`` for 0 raised to a negative power.
  public func power(_ exponent: Int) throws -> Rational {
    if exponent < 0 {
      precondition(exponent != Int.min, "Rational: exponent out of range")
      return try reciprocal().power(-exponent)
    }
    let result = Rational()
    __gmpz_pow_ui(cgmp_mpq_numref(result.pointer), cgmp_mpq_numref(pointer), UInt(exponent))
    __gmpz_pow_ui(cgmp_mpq_denref(result.pointer), cgmp_mpq_denref(pointer), UInt(exponent))
    // Powers of coprime numbers stay coprime: already in lowest terms.
    return result
  }

  /// ⌊self⌋.
  public var floor: BigInt {
    let result = BigInt()
    __gmpz_fdiv_q(result.pointer, cgmp_mpq_numref(pointer), cgmp_mpq_denref(pointer))
    return result
  }

  /// ⌈self⌉.
  public var ceiling: BigInt {
    let result = BigInt()
    __gmpz_cdiv_q(result.pointer, cgmp_mpq_numref(pointer), cgmp_mpq_denref(pointer))
    return result
  }

  /// The exact square root when self is the square of a rational, else `nil`.
  public var exactSquareRoot: Rational? {
    guard signum >= 0 else { return nil }
    let (n, nExact) = numerator.squareRootFloor()
    guard nExact else { return nil }
    let (d, dExact) = denominator.squareRootFloor()
    guard dExact else { return nil }
    return try? Rational(n, d)
  }

  /// The smaller of two values.
  public static func minimum(_ a: Rational, _ b: Rational) -> Rational { a <= b ? a : b }
  /// The larger of two values.
  public static func maximum(_ a: Rational, _ b: Rational) -> Rational { a >= b ? a : b }

  /// The least common multiple of the denominators (1 for an empty list):
  /// the smallest D with D·v integral for every v.
  public static func commonDenominator(_ values: [Rational]) -> BigInt {
    var lcm = BigInt(1)
    for v in values {
      let d = v.denominator
      if d != BigInt(1) && !lcm.isDivisible(by: d) { lcm = (lcm * d).exactlyDivided(by: BigInt.gcd(lcm, d)) }
    }
    return lcm
  }
}
