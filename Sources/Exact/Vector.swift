//===--- Vector.swift -----------------------------------------------------===//
// Dense vectors of exact rationals.
//===----------------------------------------------------------------------===//

/// A dense vector of exact rationals.
public struct Vector: Sendable, Hashable {
  /// The entries, in order.
  public var entries: [Rational]

  /// A vector with the given entries.
  public init(_ entries: [Rational]) { self.entries = entries }

  /// The zero vector of a dimension.
  public init(zeros dimension: Int) {
    entries = Array(repeating: Rational(), count: dimension)
  }

  /// The vector whose every entry is `value`.
  public init(repeating value: Rational, count: Int) {
    entries = Array(repeating: value, count: count)
  }

  /// The dimension.
  public var dimension: Int { entries.count }

  /// ⟨a, b⟩ = Σ a_k b_k, exactly.
  ///
  /// - Throws: ``ExactError/dimensionMismatch(_:)`` for different dimensions.
  public func dot(_ other: Vector) throws -> Rational {
    guard dimension == other.dimension else {
      throw ExactError.dimensionMismatch("dot product of dimensions \(dimension) and \(other.dimension)")
    }
    var sum = Rational(), scratch = Rational()
    for k in entries.indices { sum.addProduct(entries[k], other.entries[k], scratch: &scratch) }
    return sum
  }

  /// ‖a‖² = ⟨a, a⟩, exactly.
  public var squaredNorm: Rational { try! dot(self) }

  /// The largest |a_k|; 0 for the empty vector.
  public var maximumMagnitude: Rational {
    entries.reduce(Rational()) { Rational.maximum($0, $1.magnitude) }
  }

  /// `self += factor * other` in place.
  ///
  /// - Precondition: equal dimensions.
  public mutating func addMultiple(_ factor: Rational, of other: Vector) {
    precondition(dimension == other.dimension, "Vector: dimension mismatch in addMultiple")
    var scratch = Rational()
    for k in entries.indices { entries[k].addProduct(factor, other.entries[k], scratch: &scratch) }
  }

  public static func + (a: Vector, b: Vector) -> Vector {
    precondition(a.dimension == b.dimension, "Vector: dimension mismatch in +")
    return Vector(zip(a.entries, b.entries).map { $0 + $1 })
  }

  public static func - (a: Vector, b: Vector) -> Vector {
    precondition(a.dimension == b.dimension, "Vector: dimension mismatch in -")
    return Vector(zip(a.entries, b.entries).map { $0 - $1 })
  }

  public static func * (scalar: Rational, v: Vector) -> Vector {
    Vector(v.entries.map { scalar * $0 })
  }

  public static prefix func - (v: Vector) -> Vector { Vector(v.entries.map { -$0 }) }
}

extension Vector: RandomAccessCollection, MutableCollection {
  public var startIndex: Int { 0 }
  public var endIndex: Int { entries.count }
  public subscript(position: Int) -> Rational {
    get { entries[position] }
    set { entries[position] = newValue }
  }
}

extension Vector: ExpressibleByArrayLiteral {
  public init(arrayLiteral elements: Rational...) { self.init(elements) }
}

extension Vector: CustomStringConvertible {
  public var description: String { "[" + entries.map(\.description).joined(separator: ", ") + "]" }
}
