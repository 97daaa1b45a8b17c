//===--- BigInt+Comparable.swift ------------------------------------------===//
// Equality, order and hashing by value.
//===----------------------------------------------------------------------===//

import CGMP

extension BigInt: Equatable, Comparable, Hashable {
  @inlinable public static func == (a: BigInt, b: BigInt) -> Bool {
    a.storage === b.storage || __gmpz_cmp(a.pointer, b.pointer) == 0
  }

  @inlinable public static func < (a: BigInt, b: BigInt) -> Bool {
    __gmpz_cmp(a.pointer, b.pointer) < 0
  }

  /// Hashes the sign-and-size word and the limbs, i.e. the value.
  public func hash(into hasher: inout Hasher) {
    let size = Int(pointer.pointee._mp_size)
    hasher.combine(size)
    if let limbs = pointer.pointee._mp_d {
      for k in 0..<size.magnitude { hasher.combine(limbs[Int(k)]) }
    }
  }

  /// Three-way comparison with a machine integer.
  @inlinable public func compare(to value: Int) -> Int {
    Int(cgmp_mpz_cmp_si(pointer, value).signum())
  }
}
