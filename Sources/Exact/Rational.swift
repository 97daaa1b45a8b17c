//===--- Rational.swift ---------------------------------------------------===//
// An exact rational number on GMP's mpq_t, with value semantics.
//===----------------------------------------------------------------------===//

import CGMP

/// Heap-stable storage of one `mpq_t` (see `MPZStorage` for why heap-stable).
@usableFromInline
internal final class MPQStorage: @unchecked Sendable {
  // @unchecked Sendable: mutated only through `Rational`'s copy-on-write path.
  @usableFromInline let pointer: UnsafeMutablePointer<__mpq_struct>

  @inlinable init() {
    pointer = .allocate(capacity: 1)
    __gmpq_init(pointer)
    GMPLifetime.didInitialize()
  }

  @inlinable init(copying other: MPQStorage) {
    pointer = .allocate(capacity: 1)
    __gmpq_init(pointer)
    __gmpq_set(pointer, other.pointer)
    GMPLifetime.didInitialize()
  }

  @inlinable deinit {
    __gmpq_clear(pointer)
    pointer.deallocate()
    GMPLifetime.didClear()
  }
}

/// An exact rational number p/q in lowest terms with q > 0 (GMP `mpq_t`).
///
/// A value type with copy-on-write storage. Every operation is exact; nothing
/// here rounds. Division by zero is a precondition failure for the operators
/// (a programming error: callers check first) and a thrown
/// ``ExactError/divisionByZero`` for ``divided(by:)`` and the parsers.
public struct Rational: Sendable {
  @usableFromInline internal var storage: MPQStorage

  /// Zero.
  @inlinable public init() { storage = MPQStorage() }

  /// An integer.
  @inlinable public init(_ value: Int) {
    storage = MPQStorage()
    __gmpq_set_si(storage.pointer, value, 1)
  }

  /// An integer.
  public init(_ value: BigInt) {
    storage = MPQStorage()
    __gmpq_set_z(storage.pointer, value.pointer)
  }

  /// numerator / denominator, reduced to lowest terms.
  ///
  /// - Throws: ``ExactError/divisionByZero`` when the denominator is zero.
  public init(_ numerator: BigInt, _ denominator: BigInt) throws {
    guard !denominator.isZero else { throw ExactError.divisionByZero }
    storage = MPQStorage()
    __gmpz_set(cgmp_mpq_numref(storage.pointer), numerator.pointer)
    __gmpz_set(cgmp_mpq_denref(storage.pointer), denominator.pointer)
    __gmpq_canonicalize(storage.pointer)
  }

  /// numerator / 2^k, reduced to lowest terms without a gcd (only factors
  /// of two can cancel). For the many entries of data and Gram matrices on
  /// a dyadic grid.
  ///
  /// - Precondition: 0 ≤ k.
  public init(_ numerator: Int, overPowerOfTwo k: Int) {
    precondition(k >= 0, "Rational: negative power of two")
    storage = MPQStorage()
    if numerator == 0 { return }
    let cancel = Swift.min(numerator.trailingZeroBitCount, k)
    let remaining = k - cancel
    if remaining < UInt.bitWidth - 1 {
      __gmpq_set_si(storage.pointer, numerator >> cancel, UInt(1) << remaining)
    } else {
      __gmpq_set_si(storage.pointer, numerator >> cancel, 1)
      __gmpz_mul_2exp(cgmp_mpq_denref(storage.pointer), cgmp_mpq_denref(storage.pointer), UInt(remaining))
    }
  }

  /// numerator / denominator for machine integers, reduced to lowest terms.
  ///
  /// - Throws: ``ExactError/divisionByZero`` when the denominator is zero.
  public init(_ numerator: Int, _ denominator: Int) throws {
    try self.init(BigInt(numerator), BigInt(denominator))
  }

  @inlinable internal var pointer: UnsafeMutablePointer<__mpq_struct> { storage.pointer }

  @inlinable internal var mutablePointer: UnsafeMutablePointer<__mpq_struct> {
    mutating get {
      if !isKnownUniquelyReferenced(&storage) {
        storage = MPQStorage(copying: storage)
      }
      return storage.pointer
    }
  }

  /// Whether this value shares its storage with another copy (for tests).
  public mutating func _isUniquelyReferenced() -> Bool {
    isKnownUniquelyReferenced(&storage)
  }

  /// The numerator, in lowest terms (carries the sign).
  public var numerator: BigInt {
    let result = BigInt()
    __gmpz_set(result.pointer, cgmp_mpq_numref(pointer))
    return result
  }

  /// The denominator, in lowest terms (always positive).
  public var denominator: BigInt {
    let result = BigInt()
    __gmpz_set(result.pointer, cgmp_mpq_denref(pointer))
    return result
  }

  /// -1, 0 or +1.
  @inlinable public var signum: Int { Int(cgmp_mpq_sgn(pointer)) }

  /// Whether the value is zero.
  @inlinable public var isZero: Bool { cgmp_mpq_sgn(pointer) == 0 }

  /// Whether the value is an integer (denominator 1).
  public var isInteger: Bool { __gmpz_cmp_ui(cgmp_mpq_denref(pointer), 1) == 0 }

  /// Whether the value is a dyadic rational (denominator a power of two).
  public var isDyadic: Bool {
    let den = cgmp_mpq_denref(pointer)
    return __gmpz_scan1(den, 0) + 1 == __gmpz_sizeinbase(den, 2)
  }
}
