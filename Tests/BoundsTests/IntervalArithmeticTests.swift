import Bounds
import Exact
import PropertyBased
import Testing

/// Containment of exact results (the FLINT pattern): for random intervals and
/// random exact points inside them, the interval operation contains the exact
/// operation on the points. Also rerun with aliased arguments.
@Suite struct IntervalArithmeticTests {
  /// A random interval with dyadic endpoints and an exact rational point in it.
  static func sample(_ rng: inout SplitMix64, bits: Int) -> (Interval, Rational) {
    let a = try! Rational(Int.random(in: -1_000_000...1_000_000, using: &rng), Int.random(in: 1...1000, using: &rng))
    let width = try! Rational(Int.random(in: 0...1000, using: &rng), Int.random(in: 1...100_000, using: &rng))
    let lo = Dyadic(a, bits: bits, .down)
    let hi = Dyadic(a + width, bits: bits, .up)
    let t = try! Rational(Int.random(in: 0...1000, using: &rng), 1000)
    let point = lo.rational + t * (hi.rational - lo.rational)
    return (try! Interval(lo: lo, hi: hi, precision: bits), point)
  }

  @Test(arguments: [24, 53, 128])
  func operationsContainTheExactResult(bits: Int) throws {
    var rng = SplitMix64(seed: UInt64(bits))
    for iteration in 0..<400 {
      let (x, p) = Self.sample(&rng, bits: bits)
      let (y, q) = Self.sample(&rng, bits: bits)
      #expect((x + y).contains(p + q), "iteration \(iteration): \(x) + \(y)")
      #expect((x - y).contains(p - q), "iteration \(iteration): \(x) - \(y)")
      #expect((x * y).contains(p * q), "iteration \(iteration): \(x) * \(y)")
      if !y.containsZero {
        #expect(try x.divided(by: y).contains(p / q), "iteration \(iteration): \(x) / \(y)")
      }
      let k = Int.random(in: -3...5, using: &rng)
      if k >= 0 || !x.containsZero {
        #expect(try x.power(k).contains(try p.power(k)), "iteration \(iteration): \(x)^\(k)")
      }
      #expect(x.absoluteValue.contains(p.magnitude))
      #expect(Interval.minimum(x, y).contains(Rational.minimum(p, q)))
      #expect(Interval.maximum(x, y).contains(Rational.maximum(p, q)))
      // Aliasing: the same value on both sides.
      #expect((x * x).contains(p * p) && (x + x).contains(p + p) && (x - x).contains(Rational()))
    }
  }

  @Test func roundingIsOutwardAndAtMostOneUlp() async {
    await propertyCheck(count: 300, input: Gen.int(in: 1...Int.max), Gen.int(in: 1...Int.max), Gen.int(in: 8...80)) { a, b, bits in
      let x = Dyadic(a), y = Dyadic(b)
      let exact = try! Rational(a, b)
      let down = x.divided(by: y, bits: bits, .down), up = x.divided(by: y, bits: bits, .up)
      #expect(down.rational <= exact && exact <= up.rational)
      #expect(down.significantBits <= bits && up.significantBits <= bits)
      if down != up {
        // Adjacent: one unit in the last place of `bits` bits apart.
        #expect(up.rational - down.rational <= Rational(1).timesPowerOfTwo(down.top - bits))
      }
      let s = Dyadic(a).squareRoot(bits: bits, .down), t = Dyadic(a).squareRoot(bits: bits, .up)
      #expect(s.rational * s.rational <= Rational(a) && Rational(a) <= t.rational * t.rational)
    }
  }

  @Test func stickyAdditionMatchesExactAddition() {
    var rng = SplitMix64(seed: 99)
    for _ in 0..<500 {
      let a = Dyadic(mantissa: BigInt(Int.random(in: -(1 << 40)...(1 << 40), using: &rng)), exponent: Int.random(in: -20...20, using: &rng))
      let b = Dyadic(mantissa: BigInt(Int.random(in: -(1 << 40)...(1 << 40), using: &rng)), exponent: Int.random(in: -200...(-40), using: &rng))
      let bits = Int.random(in: 8...60, using: &rng)
      for direction in [RoundingDirection.down, .up] {
        #expect(a.adding(b, bits: bits, direction) == (a + b).rounded(bits: bits, direction), "\(a) + \(b) at \(bits)")
      }
    }
    // A gap no exact sum could afford: 1 + 2^−(10^12) rounds up to 1 + 2^−127.
    let tiny = Dyadic(mantissa: BigInt(1), exponent: -1_000_000_000_000)
    #expect(Dyadic.one.adding(tiny, bits: 128, .down) == .one)
    #expect(Dyadic.one.adding(tiny, bits: 128, .up) == Dyadic.one + Dyadic(mantissa: BigInt(1), exponent: -127))
  }

  @Test func divisionByAnIntervalContainingZeroIsAnError() {
    let x = Interval(1)
    #expect(throws: EnclosureError.domain("division by zero")) { try x.divided(by: Interval(0)) }
    let straddle = try! Interval(lo: Dyadic(-1), hi: Dyadic(1))
    #expect(throws: EnclosureError.self) { try x.divided(by: straddle) }
    #expect((try? x.divided(by: straddle)) == nil)
  }

  @Test func setOperations() throws {
    let a = try Interval(lo: Dyadic(0), hi: Dyadic(2)), b = try Interval(lo: Dyadic(1), hi: Dyadic(3))
    #expect(a.intersection(b) == (try Interval(lo: Dyadic(1), hi: Dyadic(2))))
    #expect(a.intersection(try Interval(lo: Dyadic(5), hi: Dyadic(6))) == nil)
    #expect(a.hull(b) == (try Interval(lo: Dyadic(0), hi: Dyadic(3))))
    #expect(a.midpoint == Dyadic(1) && a.width == Dyadic(2))
    #expect(a.contains(Dyadic(2)) && !a.contains(r("2.0000001")))
  }
}
