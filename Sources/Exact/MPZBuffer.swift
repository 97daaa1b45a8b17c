//===--- MPZBuffer.swift --------------------------------------------------===//
// Contiguous scratch GMP integers for hot loops, free of reference counting.
//===----------------------------------------------------------------------===//

import CGMP

/// `count` GMP integers in one allocation, initialized to 0 and cleared on
/// deinit. Hot loops work on the raw pointers (no `BigInt` storage object,
/// no retain/release per operation); results leave as `BigInt`s by swapping,
/// which moves the limbs without copying them.
///
/// `@unchecked Sendable`: concurrent tasks may use one buffer only when
/// each entry is written by one task at most (the parallel products do so).
final class MPZBuffer: @unchecked Sendable {
  let count: Int
  let base: UnsafeMutablePointer<__mpz_struct>

  init(count: Int) {
    self.count = count
    base = .allocate(capacity: Swift.max(count, 1))
    for i in 0..<count { __gmpz_init(base + i) }
  }

  deinit {
    for i in 0..<count { __gmpz_clear(base + i) }
    base.deallocate()
  }

  @inline(__always) subscript(i: Int) -> UnsafeMutablePointer<__mpz_struct> { base + i }

  /// Entry i as a `BigInt`, leaving 0 behind.
  func take(_ i: Int) -> BigInt {
    let value = BigInt()
    __gmpz_swap(value.pointer, base + i)
    return value
  }

  /// Every entry as a `BigInt`, leaving zeros behind.
  func takeAll() -> [BigInt] { (0..<count).map(take) }
}

/// Raw pointers to GMP integers that concurrent tasks only read (GMP
/// reads are thread-safe); the owner keeps the integers alive meanwhile.
struct SharedIntegers: @unchecked Sendable {
  let pointers: [UnsafePointer<__mpz_struct>]

  init(_ values: [BigInt]) { pointers = values.map(\.rawPointer) }

  @inline(__always) subscript(i: Int) -> UnsafePointer<__mpz_struct> { pointers[i] }
}

extension BigInt {
  /// Raw read-only access for the hot loops of this module (the caller keeps
  /// `self` alive while using the pointer).
  @inline(__always) var rawPointer: UnsafePointer<__mpz_struct> { UnsafePointer(pointer) }

  /// A fresh value copied from a raw GMP integer.
  init(copying raw: UnsafePointer<__mpz_struct>) {
    self.init()
    __gmpz_set(pointer, raw)
  }
}
