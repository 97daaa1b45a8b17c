import Exact
import PropertyBased
import Testing

/// The field and ordering laws on rationals with numerators beyond 64 bits.
@Suite struct RationalFieldTests {
  static let word = Gen.int(in: -(1 << 40)...(1 << 40))
  static let den = Gen.int(in: 1...(1 << 30))

  @Test func additionAndMultiplicationLaws() async {
    await propertyCheck(count: 200, input: Self.word, Self.word, Self.den, Self.word) { h, l, d, k in
      let a = wide(h, l, d), b = q(k, d + 1), c = wide(k, h, 3)
      #expect(a + b == b + a)
      #expect((a + b) + c == a + (b + c))
      #expect(a * b == b * a)
      #expect((a * b) * c == a * (b * c))
      #expect(a * (b + c) == a * b + a * c)
      #expect(a + Rational() == a && a * Rational(1) == a)
      #expect(a + (-a) == Rational())
      #expect(a - b == a + (-b))
      if !a.isZero {
        #expect(a * (try! a.reciprocal()) == Rational(1))
        #expect(b / a * a == b)
      }
    }
  }

  @Test func orderingLaws() async {
    await propertyCheck(count: 200, input: Self.word, Self.word, Self.den, Self.word) { h, l, d, k in
      let a = wide(h, l, d), b = q(k, d), c = q(l, 7)
      let relations = [a < b, a == b, a > b].filter { $0 }
      #expect(relations.count == 1)
      if a <= b && b <= c { #expect(a <= c) }
      if a < b { #expect(a + c < b + c) }
      if a < b && c.signum > 0 { #expect(a * c < b * c) }
      #expect(Rational.minimum(a, b) <= Rational.maximum(a, b))
    }
  }

  @Test func agreesWithIntArithmeticOnSmallValues() async {
    await propertyCheck(count: 300, input: Gen.int(in: -100_000...100_000), Gen.int(in: -100_000...100_000)) { a, b in
      #expect(Rational(a) + Rational(b) == Rational(a + b))
      #expect(Rational(a) * Rational(b) == Rational(a * b))
      #expect((Rational(a) < Rational(b)) == (a < b))
      if b != 0 {
        #expect(Rational(a) / Rational(b) == q(a, b))
        #expect((Rational(a) / Rational(b)).floor.exactInt == Int((Double(a) / Double(b)).rounded(.down)))
      }
    }
  }

  @Test func lowestTermsAndHashing() {
    #expect(q(6, -4).description == "-3/2")
    #expect(q(6, 3).description == "2")
    #expect(q(0, -5).description == "0")
    #expect(q(2, 4) == q(1, 2) && q(2, 4).hashValue == q(1, 2).hashValue)
    #expect(q(-3, 4).numerator == BigInt(-3) && q(-3, 4).denominator == BigInt(4))
  }

  @Test func powersIncludingNegative() throws {
    #expect(try q(2, 3).power(3) == q(8, 27))
    #expect(try q(2, 3).power(-2) == q(9, 4))
    #expect(try q(-2).power(0) == Rational(1))
    #expect(throws: ExactError.divisionByZero) { try Rational().power(-1) }
    #expect(try Rational(10).power(-40) == r("1e-40"))
  }

  @Test func divisionByZeroIsAThrownError() {
    #expect(throws: ExactError.divisionByZero) { try Rational(1).divided(by: Rational()) }
    #expect(throws: ExactError.divisionByZero) { try Rational(1, 0) }
    #expect(throws: ExactError.divisionByZero) { try Rational().reciprocal() }
  }

  @Test func copyOnWriteAndAliasing() {
    let original = r("-3/7")
    var copy = original
    copy *= q(7)
    #expect(original == r("-3/7") && copy == q(-3))
    var x = r("5/3")
    x += x
    #expect(x == q(10, 3))
    x *= x
    #expect(x == q(100, 9))
    x /= x
    #expect(x == Rational(1))
    var y = q(2)
    y.addProduct(y, y)
    #expect(y == q(6))
    var z = original
    let sharedBefore = !z._isUniquelyReferenced()
    z.negate()
    let uniqueAfter = z._isUniquelyReferenced()
    #expect(sharedBefore && uniqueAfter && original == r("-3/7") && z == r("3/7"))
  }

  @Test func exactSquareRoots() {
    #expect(q(9, 16).exactSquareRoot == q(3, 4))
    #expect(q(2).exactSquareRoot == nil)
    #expect(q(-4).exactSquareRoot == nil)
  }
}
