import Exact
import Testing

/// Integer-over-common-denominator vectors against plain rational arithmetic.
@Suite struct ScaledIntegerVectorTests {
  /// Random rationals with large, different denominators, plus ties and zeros.
  static func randomRationals(_ count: Int, seed: UInt64) -> [Rational] {
    var rng = SplitMix64(seed: seed)
    let big = BigInt(3).power(80)
    return (0..<count).map { k in
      if k == 3 { return Rational() }
      let numerator = BigInt(Int.random(in: -1_000_000...1_000_000, using: &rng)) * big + BigInt(k)
      let denominator = big + BigInt(Int.random(in: 1...4, using: &rng))
      return try! Rational(numerator, denominator)
    }
  }

  @Test(arguments: [1, 2, 9, 40] as [Int])
  func operationsAgreeWithRationals(count: Int) throws {
    let u = Self.randomRationals(count, seed: UInt64(count)), v = Self.randomRationals(count, seed: UInt64(100 + count))
    let su = ScaledIntegerVector(u), sv = ScaledIntegerVector(v)
    #expect(su.rationals == u)
    #expect(su.vector == Vector(u))
    #expect(su.maximum == u.max())
    #expect(su.minimum == u.min())
    #expect(su.maximumMagnitude == u.map(\.magnitude).max())
    #expect(su.sum == u.reduce(Rational(), +))
    #expect(su.dot(sv) == zip(u, v).map { $0 * $1 }.reduce(Rational(), +))
    #expect(su.multipliedElementwise(by: sv).rationals == zip(u, v).map { $0 * $1 })
    let t = r("-7/11")
    #expect(su.adding(t).rationals == u.map { $0 + t })
    #expect(su.adding(Rational(5)).rationals == u.map { $0 + Rational(5) })
    #expect(su.adding(sv, times: t).rationals == zip(u, v).map { $0 + t * $1 })
    #expect(su.adding(su, times: Rational(-2)).rationals == u.map { -$0 })  // same denominator, integer factor
    #expect(su.scaled(by: t).rationals == u.map { t * $0 })
    #expect(su.replacing(0, with: t).rationals == [t] + u.dropFirst())
    let signs = (0..<count).map { $0 % 3 == 0 ? -1 : 1 }
    #expect(su.multipliedBySigns(signs).rationals == zip(u, signs).map { $0 * Rational($1) })
    let picked = Array((0..<count).reversed())
    #expect(su.selecting(picked).rationals == picked.map { u[$0] })
  }

  @Test func representationsDoNotMatterForEquality() throws {
    let a = try ScaledIntegerVector(numerators: [BigInt(2), BigInt(-4)], denominator: BigInt(6))
    let b = try ScaledIntegerVector(numerators: [BigInt(-1), BigInt(2)], denominator: BigInt(-3))
    #expect(a == b)
    #expect(b.denominator == BigInt(3))
    #expect(a.rationals == [q(1, 3), q(-2, 3)])
    #expect(throws: ExactError.divisionByZero) { try ScaledIntegerVector(numerators: [BigInt(1)], denominator: BigInt()) }
  }

  @Test func emptyVector() {
    let e = ScaledIntegerVector([])
    #expect(e.maximum == nil && e.minimum == nil)
    #expect(e.sum == Rational() && e.maximumMagnitude == Rational())
  }
}
