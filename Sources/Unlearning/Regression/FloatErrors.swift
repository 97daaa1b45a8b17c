//===--- FloatErrors.swift ------------------------------------------------===//
// How far binary64 results are from exact (or enclosed) answers.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// Absolute, relative and ulp errors of float results against exact values.
public struct FloatErrors: Sendable {
  /// max_k |u_k − v_k| (exact when the answers are exact).
  public var maximumAbsolute: Value
  /// max_k |u_k − v_k| / |v_k| over v_k ≠ 0 (nil when every v_k = 0).
  public var maximumRelative: Value?
  /// max_k of the distance in units in the last place between u_k and the
  /// double nearest to v_k (0 when u_k is the correctly rounded answer).
  public var maximumUlps: UInt64
  /// Where the ulp error is largest.
  public var worstIndex: Int
  /// Where the absolute error is largest: an entry whose |u_k − v_k| has the
  /// largest binary64 approximation (the maximum to within the enclosures'
  /// widths and one rounding), to show the user which entry differs most.
  public var largestIndex: Int
  /// max_k |u_k − v_k| / max_k |v_k|: the normwise relative error (nil when v = 0).
  public var normwiseRelative: Value?

  /// The distance between two finite doubles in ulps: the difference of
  /// their positions in the ordered sequence of doubles (−0 and +0 coincide).
  public static func ulpDistance(_ a: Double, _ b: Double) -> UInt64 {
    func ordinal(_ x: Double) -> Int64 {
      let bits = Int64(bitPattern: x.bitPattern)
      return bits < 0 ? Int64.min - bits : bits
    }
    let (x, y) = (ordinal(a), ordinal(b))
    return x >= y ? UInt64(bitPattern: x &- y) : UInt64(bitPattern: y &- x)
  }

  /// Compares user results with exact values (or enclosures, whose ulp
  /// distance is the smaller of the distances to the doubles nearest their
  /// two endpoints).
  ///
  /// - Throws: ``UnlearningError/badData(_:)`` for NaN or ±∞ results.
  public init(user: [Double], exact: [Value], precision p: Int = Interval.defaultPrecision) throws {
    precondition(user.count == exact.count, "FloatErrors: counts differ")
    var maxAbs = Value.exact(Rational()), maxRel: Value? = nil
    var maxUlps: UInt64 = 0, worst = 0
    var largest = 0, largestApproximation = -1.0
    for k in user.indices {
      guard user[k].isFinite else { throw UnlearningError.badData("result entry \(k) is \(user[k]), not a finite number") }
      let u = Value.exact(try Rational(exactly: user[k]))
      let difference = Value.absoluteValue(Value.subtract(u, exact[k], precision: p))
      maxAbs = Value.maximum(maxAbs, difference, precision: p)
      if difference.approximation > largestApproximation {
        (largest, largestApproximation) = (k, difference.approximation)
      }
      let (lo, hi) = exact[k].bounds
      if lo.signum == hi.signum && !lo.isZero {
        let relative = try Value.divide(difference, Value.absoluteValue(exact[k]), precision: p)
        maxRel = maxRel.map { Value.maximum($0, relative, precision: p) } ?? relative
      }
      let ulps = min(Self.ulpDistance(user[k], Double(lo)), Self.ulpDistance(user[k], Double(hi)))
      if ulps > maxUlps {
        maxUlps = ulps
        worst = k
      }
    }
    maximumAbsolute = maxAbs
    maximumRelative = maxRel
    let scale = exact.reduce(Value.exact(Rational())) { Value.maximum($0, Value.absoluteValue($1), precision: p) }
    normwiseRelative = try? Value.divide(maxAbs, scale, precision: p)
    maximumUlps = maxUlps
    worstIndex = worst
    largestIndex = largest
  }
}
