//===--- Interval.swift ---------------------------------------------------===//
// Closed intervals [lo, hi] with exact dyadic endpoints.
//===----------------------------------------------------------------------===//

import Exact

/// A closed interval [lo, hi] of real numbers with exact dyadic endpoints,
/// used as a rigorous enclosure: the true value is guaranteed to lie in it.
///
/// Every operation returns an interval that contains the exact result for
/// every choice of points in its operands; endpoints are rounded *outward*
/// (lo down, hi up) to `precision` significant bits so sizes stay bounded.
///
/// Deliberately absent: float-literal initialization (a literal `0.1` arrives
/// already rounded to binary64), `FloatingPoint`/`Real` conformances, and an
/// `==` that means "overlaps". Equality here is equality of the endpoints;
/// comparisons of the enclosed values are three-valued (``certainlyLess(than:)``).
public struct Interval: Sendable, Hashable {
  /// The lower endpoint.
  public let lo: Dyadic
  /// The upper endpoint.
  public let hi: Dyadic
  /// The working precision in bits: results of operations on this interval
  /// are rounded outward to this many significant bits.
  public let precision: Int

  /// The default working precision (bits).
  public static let defaultPrecision = 128
  /// The smallest precision accepted.
  public static let minimumPrecision = 8

  /// [lo, hi], exactly as given.
  ///
  /// - Throws: ``EnclosureError/invalidInput(_:)`` when lo > hi (an empty
  ///   interval is never an enclosure).
  public init(lo: Dyadic, hi: Dyadic, precision: Int = Interval.defaultPrecision) throws {
    guard lo <= hi else { throw EnclosureError.invalidInput("empty interval [\(lo), \(hi)]") }
    self.init(unchecked: lo, hi, precision: precision)
  }

  /// [lo, hi] when the caller has established lo ≤ hi.
  init(unchecked lo: Dyadic, _ hi: Dyadic, precision: Int) {
    precondition(precision >= Interval.minimumPrecision, "Interval: precision below \(Interval.minimumPrecision) bits")
    assert(lo <= hi, "Interval: lo > hi")
    self.lo = lo
    self.hi = hi
    self.precision = precision
  }

  /// [lo, hi] rounded outward to `precision` bits.
  init(roundingOutward lo: Dyadic, _ hi: Dyadic, precision: Int) {
    self.init(unchecked: lo.rounded(bits: precision, .down), hi.rounded(bits: precision, .up), precision: precision)
  }

  /// The point interval [x, x], exact (no rounding).
  public init(exactly x: Dyadic, precision: Int = Interval.defaultPrecision) {
    self.init(unchecked: x, x, precision: precision)
  }

  /// An integer, exactly.
  public init(_ value: Int, precision: Int = Interval.defaultPrecision) {
    self.init(exactly: Dyadic(value), precision: precision)
  }

  /// The tightest enclosure of a rational at `precision` bits: the point
  /// itself when it is a dyadic that fits, else its two directed roundings.
  public init(enclosing value: Rational, precision: Int = Interval.defaultPrecision) {
    self.init(unchecked: Dyadic(value, bits: precision, .down), Dyadic(value, bits: precision, .up), precision: precision)
  }

  /// The enclosure of a `Double`'s exact value. A double is converted
  /// exactly (it is a dyadic rational) or not at all.
  ///
  /// - Throws: ``EnclosureError/invalidInput(_:)`` for NaN and ±∞.
  public init(exactly value: Double, precision: Int = Interval.defaultPrecision) throws {
    guard let x = Dyadic(exactly: value) else { throw EnclosureError.invalidInput("non-finite value \(value)") }
    self.init(exactly: x, precision: precision)
  }

  /// The same endpoints with a different working precision.
  public func withPrecision(_ bits: Int) -> Interval {
    Interval(unchecked: lo, hi, precision: bits)
  }

  /// Whether lo = hi.
  public var isPoint: Bool { lo == hi }

  /// hi − lo, exactly.
  public var width: Dyadic { hi - lo }

  /// (lo + hi) / 2, exactly (a dyadic).
  public var midpoint: Dyadic { (lo + hi).timesPowerOfTwo(-1) }

  /// The largest |x| over the interval.
  public var magnitude: Dyadic { max(lo.magnitude, hi.magnitude) }

  /// The smallest |x| over the interval (0 when it contains 0).
  public var mignitude: Dyadic {
    if lo.signum > 0 { return lo }
    if hi.signum < 0 { return -hi }
    return .zero
  }

  /// Whether the interval contains x.
  public func contains(_ x: Rational) -> Bool { lo.rational <= x && x <= hi.rational }

  /// Whether the interval contains x.
  public func contains(_ x: Dyadic) -> Bool { lo <= x && x <= hi }

  /// Whether the interval contains 0.
  public var containsZero: Bool { lo.signum <= 0 && hi.signum >= 0 }

  /// Whether every point of `other` lies in this interval.
  public func contains(_ other: Interval) -> Bool { lo <= other.lo && other.hi <= hi }

  /// The intersection, or `nil` when the intervals are disjoint.
  public func intersection(_ other: Interval) -> Interval? {
    let l = max(lo, other.lo), h = min(hi, other.hi)
    return l <= h ? Interval(unchecked: l, h, precision: max(precision, other.precision)) : nil
  }

  /// The smallest interval containing both.
  public func hull(_ other: Interval) -> Interval {
    Interval(unchecked: min(lo, other.lo), max(hi, other.hi), precision: max(precision, other.precision))
  }

  /// The lower endpoint as an exact rational (no rounding: accessors never
  /// round inward).
  public var lower: Rational { lo.rational }
  /// The upper endpoint as an exact rational.
  public var upper: Rational { hi.rational }
}

extension Interval: CustomStringConvertible {
  /// `[lo, hi]` with exact rational endpoints.
  public var description: String { "[\(lo), \(hi)]" }

  /// `[lo, hi]` as short decimals rounded outward (for messages).
  public var shortDescription: String {
    "[\(lower.decimalString(significantDigits: 6, rounding: .down)), \(upper.decimalString(significantDigits: 6, rounding: .up))]"
  }
}
