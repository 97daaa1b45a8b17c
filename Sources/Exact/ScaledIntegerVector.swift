//===--- ScaledIntegerVector.swift ----------------------------------------===//
// An exact vector as integer numerators over one shared denominator.
//===----------------------------------------------------------------------===//

import CGMP
import Dispatch

/// An exact rational vector v = V / s: integer numerators over one shared
/// positive denominator, not necessarily in lowest terms.
///
/// Exact solutions of linear systems come out of the solver in this form
/// (every entry shares the determinant-sized denominator). Keeping them so
/// makes sums, dot products and comparisons integer operations: entries
/// with ~10⁴-bit denominators are compared without any gcd, where a
/// `Rational` per entry would pay one gcd (tens of µs) per operation.
/// Entries are reduced to lowest terms only when asked for as `Rational`s.
public struct ScaledIntegerVector: Sendable {
  /// The numerators V_i.
  public let numerators: [BigInt]
  /// The shared positive denominator s.
  public let denominator: BigInt

  /// V / s.
  ///
  /// - Throws: ``ExactError/divisionByZero`` for s = 0. A negative s is
  ///   folded into the numerators.
  public init(numerators: [BigInt], denominator: BigInt) throws {
    guard !denominator.isZero else { throw ExactError.divisionByZero }
    if denominator.signum < 0 {
      self.numerators = numerators.map { -$0 }
      self.denominator = -denominator
    } else {
      self.numerators = numerators
      self.denominator = denominator
    }
  }

  /// Rationals over their least common denominator.
  public init(_ values: [Rational]) {
    let common = Rational.commonDenominator(values)
    numerators = values.map { ($0.numerator * common).exactlyDivided(by: $0.denominator) }
    denominator = common
  }

  /// A vector of rationals over their least common denominator.
  public init(_ vector: Vector) { self.init(vector.entries) }

  /// Rationals over a given denominator, which every entry's denominator
  /// must divide (so that vectors built over one denominator add without
  /// their numerators growing).
  public init(_ values: [Rational], over common: BigInt) {
    precondition(common.signum > 0, "ScaledIntegerVector: the denominator must be positive")
    numerators = values.map { value in
      let (scale, remainder) = common.quotientAndRemainder(dividingBy: value.denominator)
      precondition(remainder.isZero, "ScaledIntegerVector: \(value) does not have a denominator dividing the common one")
      return value.numerator * scale
    }
    denominator = common
  }

  /// The dimension.
  public var count: Int { numerators.count }

  /// Entry i, in lowest terms.
  public subscript(i: Int) -> Rational { try! Rational(numerators[i], denominator) }

  /// Every entry in lowest terms (one gcd each, spread over the cores for
  /// long vectors of large numbers).
  public var rationals: [Rational] {
    let n = count
    if n < 16 || denominator.bitLength < 512 { return (0..<n).map { self[$0] } }
    var out = [Rational](repeating: Rational(), count: n)
    out.withUnsafeMutableBufferPointer { buffer in
      let target = SendablePointer(value: buffer.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: 8) { block in
        for i in (block * n / 8)..<((block + 1) * n / 8) { target.value[i] = self[i] }
      }
    }
    return out
  }

  /// The entries as a ``Vector`` of reduced rationals.
  public var vector: Vector { Vector(rationals) }

  /// The entries at some indices, in the given order.
  public func selecting(_ indices: [Int]) -> ScaledIntegerVector {
    ScaledIntegerVector(unchecked: indices.map { numerators[$0] }, denominator)
  }

  init(unchecked numerators: [BigInt], _ denominator: BigInt) {
    self.numerators = numerators
    self.denominator = denominator
  }
}

extension ScaledIntegerVector {
  /// The index of a largest entry (the first); `nil` when empty. Compares
  /// numerators only, since the denominator is shared and positive.
  public var indexOfMaximum: Int? {
    guard !numerators.isEmpty else { return nil }
    var best = 0
    for i in 1..<count where __gmpz_cmp(numerators[i].pointer, numerators[best].pointer) > 0 { best = i }
    return best
  }

  /// The index of a smallest entry (the first); `nil` when empty.
  public var indexOfMinimum: Int? {
    guard !numerators.isEmpty else { return nil }
    var best = 0
    for i in 1..<count where __gmpz_cmp(numerators[i].pointer, numerators[best].pointer) < 0 { best = i }
    return best
  }

  /// The largest entry; `nil` when empty.
  public var maximum: Rational? { indexOfMaximum.map { self[$0] } }
  /// The smallest entry; `nil` when empty.
  public var minimum: Rational? { indexOfMinimum.map { self[$0] } }

  /// Σ v_i, with one gcd in all.
  public var sum: Rational {
    var total = BigInt()
    for v in numerators { total += v }
    return try! Rational(total, denominator)
  }

  /// Σ u_i v_i, with one gcd in all.
  public func dot(_ other: ScaledIntegerVector) -> Rational {
    precondition(count == other.count, "ScaledIntegerVector: dimensions \(count) and \(other.count)")
    var total = BigInt()
    for i in 0..<count { total.addProduct(numerators[i], other.numerators[i]) }
    return try! Rational(total, denominator * other.denominator)
  }

  /// (u_i v_i)_i over the product of the denominators.
  public func multipliedElementwise(by other: ScaledIntegerVector) -> ScaledIntegerVector {
    precondition(count == other.count, "ScaledIntegerVector: dimensions \(count) and \(other.count)")
    return ScaledIntegerVector(unchecked: (0..<count).map { numerators[$0] * other.numerators[$0] }, denominator * other.denominator)
  }

  /// (v_i + t)_i: with t = a/b, (b V_i + a s) / (b s).
  public func adding(_ t: Rational) -> ScaledIntegerVector {
    let a = t.numerator, b = t.denominator
    let shift = a * denominator
    if b == BigInt(1) { return ScaledIntegerVector(unchecked: numerators.map { $0 + shift }, denominator) }
    return ScaledIntegerVector(unchecked: numerators.map { $0 * b + shift }, denominator * b)
  }

  /// (u_i + t v_i)_i over s_u · s_v · den(t) (s_u alone when the
  /// denominators agree and t is an integer).
  public func adding(_ other: ScaledIntegerVector, times t: Rational) -> ScaledIntegerVector {
    precondition(count == other.count, "ScaledIntegerVector: dimensions \(count) and \(other.count)")
    let a = t.numerator, b = t.denominator
    if denominator == other.denominator && b == BigInt(1) {
      return ScaledIntegerVector(unchecked: (0..<count).map { numerators[$0] + a * other.numerators[$0] }, denominator)
    }
    // u_i + (a/b)(V'_i/s') = (b s' U_i + a s V'_i) / (b s s').
    let left = b * other.denominator, right = a * denominator
    return ScaledIntegerVector(
      unchecked: (0..<count).map { left * numerators[$0] + right * other.numerators[$0] }, denominator * other.denominator * b)
  }

  /// (t v_i)_i.
  public func scaled(by t: Rational) -> ScaledIntegerVector {
    let a = t.numerator, b = t.denominator
    return ScaledIntegerVector(unchecked: numerators.map { $0 * a }, denominator * b)
  }
}

extension ScaledIntegerVector: Equatable {
  /// Equal as rational vectors (whatever the representations).
  public static func == (u: ScaledIntegerVector, v: ScaledIntegerVector) -> Bool {
    guard u.count == v.count else { return false }
    // U_i / s = V_i / t  ⇔  U_i t = V_i s.
    for i in 0..<u.count where u.numerators[i] * v.denominator != v.numerators[i] * u.denominator { return false }
    return true
  }
}

extension ScaledIntegerVector {
  /// max_i |v_i|; 0 for the empty vector.
  public var maximumMagnitude: Rational {
    var best: BigInt? = nil
    for v in numerators where best == nil || __gmpz_cmpabs(v.pointer, best!.pointer) > 0 { best = v }
    return try! Rational(best?.magnitude ?? BigInt(), denominator)
  }

  /// The vector with entry i replaced by t, over lcm(s, den t).
  public func replacing(_ i: Int, with t: Rational) -> ScaledIntegerVector {
    let d = t.denominator
    let common = (denominator * d).exactlyDivided(by: BigInt.gcd(denominator, d))
    let scale = common.exactlyDivided(by: denominator)
    var out = scale == BigInt(1) ? numerators : numerators.map { $0 * scale }
    out[i] = t.numerator * common.exactlyDivided(by: d)
    return ScaledIntegerVector(unchecked: out, common)
  }

  /// (σ_i v_i)_i for signs σ_i = ±1.
  public func multipliedBySigns(_ signs: [Int]) -> ScaledIntegerVector {
    precondition(signs.count == count, "ScaledIntegerVector: \(signs.count) signs for \(count) entries")
    return ScaledIntegerVector(unchecked: (0..<count).map { signs[$0] < 0 ? -numerators[$0] : numerators[$0] }, denominator)
  }
}
