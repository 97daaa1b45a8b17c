import Bounds
import Exact
import Testing

/// One test per recurring bug pattern of rigour libraries
/// of the rigorous-numerics peers (Boost.Interval, swift-interval, Arb, mpmath).
@Suite struct KnownBugPatternTests {
  /// 1. Transcendental endpoints not widened (Boost's rounded_transc_exact,
  /// swift-interval): exp(1/2) and √2 must be proper intervals around the value.
  @Test func transcendentalEndpointsAreWidened() throws {
    let e = try Interval.exp(enclose("0.5"))
    #expect(!e.isPoint)
    // e^(1/2) is irrational; squaring the endpoints brackets e.
    let eLo = e.lower * e.lower, eHi = e.upper * e.upper
    #expect(eLo < r("2.718281828459045235360287471352662497757247") && r("2.718281828459045235360287471352662497757248") < eHi)
    let s = try Interval.sqrt(Interval(2))
    #expect(!s.isPoint)
    #expect(s.lower * s.lower < Rational(2) && Rational(2) < s.upper * s.upper)
  }

  /// 2. Accessors rounding to nearest: `lower`/`upper` are the exact
  /// endpoints, and printed decimals are rounded outward.
  @Test func accessorsNeverRoundInward() {
    let third = Interval(enclosing: r("1/3"), precision: 20)
    #expect(third.lower < r("1/3") && r("1/3") < third.upper)
    #expect(third.lower == third.lo.rational && third.upper == third.hi.rational)
    let text = third.shortDescription.dropFirst().dropLast().split(separator: ",")
    #expect(r(String(text[0])) <= third.lower)
    #expect(r(String(text[1].drop(while: { $0 == " " }))) >= third.upper)
  }

  /// 3. "Directed" functions that are not correctly rounded (mpmath #1181):
  /// the upper endpoint of exp must be above exp(x), checked here through
  /// log(exp(x)) ∋ x and against a certified lower bound of e.
  @Test func directedEndpointsAreOnTheRightSide() throws {
    for bits in [16, 32, 53, 64, 128] {
      let e = try Interval.exp(Interval(1, precision: bits))
      // e > 2.71828182845904523536 (truncated), e < 2.71828182845904523537.
      #expect(e.upper > r("2.71828182845904523536"), "bits \(bits)")
      #expect(e.lower < r("2.71828182845904523537"), "bits \(bits)")
      #expect(try Interval.log(e).contains(Rational(1)), "bits \(bits)")
    }
  }

  /// 4. Optimizers defeating rounding-mode switches (boostorg/interval #4:
  /// disjoint enclosures of 41·0.1 and −(−41·0.1)). No rounding modes are
  /// used here; both enclosures contain 41/10 and overlap.
  @Test func noRoundingModeTricks() {
    let tenth = Interval(enclosing: r("0.1"), precision: 53)
    let a = Interval(41, precision: 53) * tenth
    let b = -(Interval(-41, precision: 53) * tenth)
    #expect(a.contains(r("41/10")) && b.contains(r("41/10")))
    #expect(a.intersection(b) != nil)
  }

  /// 5. Binary64 literals entering silently (IntervalArithmetic.jl's NG
  /// flag): Interval is not float-literal-expressible, a Double converts
  /// exactly, and "0.1" in the expression language is exactly 1/10.
  @Test func noFloatLiteralsEnter() throws {
    #expect(!(Interval.self is any ExpressibleByFloatLiteral.Type))
    #expect(!(Dyadic.self is any ExpressibleByFloatLiteral.Type))
    #expect(!(Rational.self is any ExpressibleByFloatLiteral.Type))
    let fromDouble = try Interval(exactly: 0.1)
    #expect(fromDouble.isPoint)
    #expect(fromDouble.lower == r("0x1.999999999999ap-4"))
    #expect(!fromDouble.contains(r("1/10")))
    #expect(try Expression(parsing: "0.1").evaluate() == .exact(r("1/10")))
  }

  /// 6. Boolean comparisons on overlapping intervals (python-flint #39,
  /// mpmath #258): overlapping enclosures are undecided, never true or false.
  @Test func overlappingComparisonsAreUndecided() throws {
    let a = try Interval(lo: Dyadic(0), hi: Dyadic(2)), b = try Interval(lo: Dyadic(1), hi: Dyadic(3))
    #expect(a.certainlyLess(than: b) == nil)
    #expect(a.certainlyLessOrEqual(to: b) == nil)
    #expect(a.certainlyEqual(to: b) == nil)
    #expect(a.certainlyEqual(to: a) == nil)  // the same wide interval is not "equal"
    #expect(Interval(1).certainlyEqual(to: Interval(1)) == true)
    #expect(Interval(1).certainlyLess(than: Interval(2)) == true)
    #expect(Interval(2).certainlyLessOrEqual(to: Interval(1)) == false)
    // min/max of overlapping enclosures enclose both possibilities.
    #expect(Interval.minimum(a, b) == (try Interval(lo: Dyadic(0), hi: Dyadic(2))))
  }

  /// 7. Tests that cannot catch the bug: the reference checker must reject a
  /// wrong enclosure (see ReferenceTableTests), and results must not depend
  /// on aliasing of the output with an input.
  @Test func aliasingDoesNotChangeResults() throws {
    var x = try Interval.exp(enclose("1/3"))
    let y = x
    x = x * x
    #expect(x == y * y)
    let direct = try Interval.exp(enclose("2/3"))
    #expect(x.intersection(direct) != nil)
  }

  /// 8. NaN flowing into verdicts (nnv PR #446): a NaN is an error before it
  /// can reach a comparison, an empty interval cannot be built, and an error
  /// anywhere makes the verdict ERROR, never PROVED.
  @Test func nanNeverReachesAVerdict() {
    #expect(throws: EnclosureError.self) { try Interval(exactly: Double.nan) }
    #expect(throws: EnclosureError.self) { try Interval(exactly: -Double.infinity) }
    #expect(throws: EnclosureError.self) { try Interval(lo: Dyadic(1), hi: Dyadic(0)) }
    #expect(Dyadic(exactly: Double.nan) == nil)
    // An error in a decision makes the verdict ERROR: Tests/UnlearningTests/VerdictTests.swift.
  }
}
