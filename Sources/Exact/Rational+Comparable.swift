//===--- Rational+Comparable.swift ----------------------------------------===//
// Equality, order and hashing by value.
//===----------------------------------------------------------------------===//

import CGMP

extension Rational: Equatable, Comparable, Hashable {
  @inlinable public static func == (a: Rational, b: Rational) -> Bool {
    a.storage === b.storage || __gmpq_equal(a.pointer, b.pointer) != 0
  }

  @inlinable public static func < (a: Rational, b: Rational) -> Bool {
    __gmpq_cmp(a.pointer, b.pointer) < 0
  }

  /// Hashes numerator and denominator; both are canonical (lowest terms).
  public func hash(into hasher: inout Hasher) {
    numerator.hash(into: &hasher)
    denominator.hash(into: &hasher)
  }
}

extension Rational: ExpressibleByIntegerLiteral {
  @inlinable public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: Numeric, SignedNumeric {
  public typealias Magnitude = Rational
  public init?<T: BinaryInteger>(exactly source: T) { self.init(BigInt(source)) }
}
