//===--- BigInt+Arithmetic.swift ------------------------------------------===//
// Exact integer arithmetic: + − ×, floor/truncating division, shifts, powers,
// gcd, and in-place fused forms for hot loops.
//===----------------------------------------------------------------------===//

import CGMP

extension BigInt {
  /// Applies a GMP binary operation into a fresh value.
  @inlinable
  internal static func _binary(
    _ a: BigInt, _ b: BigInt,
    _ op: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void
  ) -> BigInt {
    let result = BigInt()
    op(result.pointer, a.pointer, b.pointer)
    return result
  }

  @inlinable public static func + (a: BigInt, b: BigInt) -> BigInt { _binary(a, b, __gmpz_add) }
  @inlinable public static func - (a: BigInt, b: BigInt) -> BigInt { _binary(a, b, __gmpz_sub) }
  @inlinable public static func * (a: BigInt, b: BigInt) -> BigInt { _binary(a, b, __gmpz_mul) }

  @inlinable public static prefix func - (a: BigInt) -> BigInt {
    let result = BigInt()
    __gmpz_neg(result.pointer, a.pointer)
    return result
  }

  @inlinable public static func += (a: inout BigInt, b: BigInt) {
    let p = a.mutablePointer
    __gmpz_add(p, p, b.pointer)
  }
  @inlinable public static func -= (a: inout BigInt, b: BigInt) {
    let p = a.mutablePointer
    __gmpz_sub(p, p, b.pointer)
  }
  @inlinable public static func *= (a: inout BigInt, b: BigInt) {
    let p = a.mutablePointer
    __gmpz_mul(p, p, b.pointer)
  }

  /// Negates in place.
  @inlinable public mutating func negate() {
    let p = mutablePointer
    __gmpz_neg(p, p)
  }

  /// `self += a * b` without a temporary (`mpz_addmul`).
  @inlinable public mutating func addProduct(_ a: BigInt, _ b: BigInt) {
    __gmpz_addmul(mutablePointer, a.pointer, b.pointer)
  }

  /// `self -= a * b` without a temporary (`mpz_submul`).
  @inlinable public mutating func subtractProduct(_ a: BigInt, _ b: BigInt) {
    __gmpz_submul(mutablePointer, a.pointer, b.pointer)
  }

  /// `self += a * b` for a machine-integer factor.
  @inlinable public mutating func addProduct(_ a: BigInt, _ b: Int) {
    let p = mutablePointer
    if b >= 0 {
      __gmpz_addmul_ui(p, a.pointer, UInt(b))
    } else {
      __gmpz_submul_ui(p, a.pointer, b.magnitude)
    }
  }

  /// Sets `self` to `a * b` in place, reusing its storage when unique.
  @inlinable public mutating func setProduct(_ a: BigInt, _ b: BigInt) {
    __gmpz_mul(mutablePointer, a.pointer, b.pointer)
  }

  /// |self|.
  @inlinable public var magnitude: BigInt {
    let result = BigInt()
    __gmpz_abs(result.pointer, pointer)
    return result
  }

  /// The quotient and remainder of truncating division (C semantics:
  /// the quotient rounds toward zero, the remainder has the sign of `self`).
  ///
  /// - Precondition: `divisor` is not zero.
  public func quotientAndRemainder(dividingBy divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
    precondition(!divisor.isZero, "BigInt: division by zero")
    let q = BigInt(), r = BigInt()
    __gmpz_tdiv_qr(q.pointer, r.pointer, pointer, divisor.pointer)
    return (q, r)
  }

  /// ⌊self / divisor⌋.
  ///
  /// - Precondition: `divisor` is not zero.
  public func floorDivided(by divisor: BigInt) -> BigInt {
    precondition(!divisor.isZero, "BigInt: division by zero")
    let q = BigInt()
    __gmpz_fdiv_q(q.pointer, pointer, divisor.pointer)
    return q
  }

  /// ⌈self / divisor⌉.
  ///
  /// - Precondition: `divisor` is not zero.
  public func ceilingDivided(by divisor: BigInt) -> BigInt {
    precondition(!divisor.isZero, "BigInt: division by zero")
    let q = BigInt()
    __gmpz_cdiv_q(q.pointer, pointer, divisor.pointer)
    return q
  }

  /// The quotient of a division known to be exact (`mpz_divexact`, faster).
  ///
  /// - Precondition: `divisor` divides `self`.
  public func exactlyDivided(by divisor: BigInt) -> BigInt {
    precondition(!divisor.isZero, "BigInt: division by zero")
    let q = BigInt()
    __gmpz_divexact(q.pointer, pointer, divisor.pointer)
    return q
  }

  /// Whether `divisor` divides `self`.
  public func isDivisible(by divisor: BigInt) -> Bool {
    __gmpz_divisible_p(pointer, divisor.pointer) != 0
  }

  /// self · 2^shift, exactly.
  @inlinable public static func << (a: BigInt, shift: Int) -> BigInt {
    precondition(shift >= 0, "BigInt: negative shift; use >> (floor) instead")
    let result = BigInt()
    __gmpz_mul_2exp(result.pointer, a.pointer, UInt(shift))
    return result
  }

  /// ⌊self / 2^shift⌋: rounds toward −∞, as `BinaryInteger`'s `>>` does.
  @inlinable public static func >> (a: BigInt, shift: Int) -> BigInt {
    precondition(shift >= 0, "BigInt: negative shift")
    let result = BigInt()
    __gmpz_fdiv_q_2exp(result.pointer, a.pointer, UInt(shift))
    return result
  }

  /// ⌈self / 2^shift⌉.
  @inlinable public func ceilingShiftedRight(by shift: Int) -> BigInt {
    precondition(shift >= 0, "BigInt: negative shift")
    let result = BigInt()
    __gmpz_cdiv_q_2exp(result.pointer, pointer, UInt(shift))
    return result
  }

  /// self^exponent for a non-negative exponent.
  public func power(_ exponent: Int) -> BigInt {
    precondition(exponent >= 0, "BigInt: negative exponent")
    let result = BigInt()
    __gmpz_pow_ui(result.pointer, pointer, UInt(exponent))
    return result
  }

  /// 10^exponent.
  public static func powerOfTen(_ exponent: Int) -> BigInt {
    precondition(exponent >= 0, "BigInt: negative exponent")
    let result = BigInt()
    __gmpz_ui_pow_ui(result.pointer, 10, UInt(exponent))
    return result
  }

  /// The greatest common divisor (non-negative; gcd(0, 0) = 0).
  public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt { _binary(a, b, __gmpz_gcd) }

  /// ⌊√self⌋ and whether the root is exact.
  ///
  /// - Precondition: `self` ≥ 0.
  public func squareRootFloor() -> (root: BigInt, isExact: Bool) {
    precondition(signum >= 0, "BigInt: square root of a negative number")
    let root = BigInt(), remainder = BigInt()
    __gmpz_sqrtrem(root.pointer, remainder.pointer, pointer)
    return (root, remainder.isZero)
  }
}
