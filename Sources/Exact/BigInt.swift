//===--- BigInt.swift -----------------------------------------------------===//
// An arbitrary-precision integer on GMP's mpz_t, with value semantics.
//===----------------------------------------------------------------------===//

import CGMP

/// Heap-stable storage of one `mpz_t`.
///
/// The `__mpz_struct` lives in its own allocation, so its address never moves
/// and can be passed to GMP as both input and output of one call (GMP allows
/// that aliasing; Swift's exclusivity rules would not allow `&value` twice).
@usableFromInline
internal final class MPZStorage: @unchecked Sendable {
  // @unchecked Sendable: the value is only mutated through `BigInt`'s
  // copy-on-write path, i.e. when this storage is uniquely referenced.
  @usableFromInline let pointer: UnsafeMutablePointer<__mpz_struct>

  @inlinable init() {
    pointer = .allocate(capacity: 1)
    __gmpz_init(pointer)
    GMPLifetime.didInitialize()
  }

  @inlinable init(copying other: MPZStorage) {
    pointer = .allocate(capacity: 1)
    __gmpz_init_set(pointer, other.pointer)
    GMPLifetime.didInitialize()
  }

  @inlinable deinit {
    __gmpz_clear(pointer)
    pointer.deallocate()
    GMPLifetime.didClear()
  }
}

/// An arbitrary-precision signed integer (GMP `mpz_t`).
///
/// A value type: copies are independent. Storage is shared between copies
/// until one of them is mutated (copy-on-write).
public struct BigInt: Sendable {
  @usableFromInline internal var storage: MPZStorage

  /// Zero.
  @inlinable public init() { storage = MPZStorage() }

  @inlinable internal init(storage: MPZStorage) { self.storage = storage }

  /// The value of a machine integer.
  @inlinable public init(_ value: Int) {
    storage = MPZStorage()
    __gmpz_set_si(storage.pointer, value)
  }

  /// The value of any binary integer, exactly.
  public init<T: BinaryInteger>(_ value: T) {
    if let small = Int(exactly: value) {
      self.init(small)
      return
    }
    // Assemble from 64-bit words of the magnitude, most significant first.
    var magnitude = value.magnitude
    var words: [UInt] = []
    while magnitude != 0 {
      words.append(UInt(truncatingIfNeeded: magnitude))
      magnitude >>= UInt.bitWidth
    }
    self.init()
    for word in words.reversed() {
      __gmpz_mul_2exp(storage.pointer, storage.pointer, UInt(UInt.bitWidth))
      __gmpz_add_ui(storage.pointer, storage.pointer, word)
    }
    if value < 0 { __gmpz_neg(storage.pointer, storage.pointer) }
  }

  /// Read-only access to the `mpz_t`, for the rest of this module.
  @inlinable internal var pointer: UnsafeMutablePointer<__mpz_struct> { storage.pointer }

  /// Mutable access: makes the storage unique first (copy-on-write).
  @inlinable internal var mutablePointer: UnsafeMutablePointer<__mpz_struct> {
    mutating get {
      if !isKnownUniquelyReferenced(&storage) {
        storage = MPZStorage(copying: storage)
      }
      return storage.pointer
    }
  }

  /// Whether this value shares its storage with another copy (for tests of
  /// copy-on-write).
  public mutating func _isUniquelyReferenced() -> Bool {
    isKnownUniquelyReferenced(&storage)
  }

  /// -1, 0 or +1.
  @inlinable public var signum: Int { Int(cgmp_mpz_sgn(pointer)) }

  /// Whether the value is zero.
  @inlinable public var isZero: Bool { pointer.pointee._mp_size == 0 }

  /// Whether the value is odd.
  @inlinable public var isOdd: Bool { cgmp_mpz_odd_p(pointer) != 0 }

  /// The number of bits of |self| (0 for zero): 2^(bitLength−1) ≤ |self| < 2^bitLength.
  @inlinable public var bitLength: Int {
    isZero ? 0 : Int(__gmpz_sizeinbase(pointer, 2))
  }

  /// The number of trailing zero bits of |self|; 0 for zero.
  @inlinable public var trailingZeroBitCount: Int {
    isZero ? 0 : Int(__gmpz_scan1(pointer, 0))
  }

  /// Whether |self| is a power of two.
  @inlinable public var isPowerOfTwo: Bool {
    !isZero && __gmpz_scan1(pointer, 0) + 1 == __gmpz_sizeinbase(pointer, 2)
  }
}
