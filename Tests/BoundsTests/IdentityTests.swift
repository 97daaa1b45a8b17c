import Bounds
import Exact
import Testing

/// Algebraic identities that enclosures must respect: each side is enclosed
/// independently, so a sound implementation makes the two overlap.
@Suite struct IdentityTests {
  static let arguments = ["-7/3", "-1", "-1e-8", "1e-12", "0.3", "1", "5/2", "9.75", "20", "-35"]

  @Test(arguments: arguments)
  func expOfASumIsAProductOfExps(text: String) throws {
    let a = enclose(text), b = enclose("3/11")
    let lhs = try Interval.exp(a) * Interval.exp(b)
    let rhs = try Interval.exp(a + b)
    #expect(lhs.intersection(rhs) != nil, "\(text)")
  }

  @Test(arguments: arguments)
  func logOfExpContainsTheArgument(text: String) throws {
    let x = Interval(exactly: Dyadic(r(text), bits: 128, .down))
    #expect(try Interval.log(Interval.exp(x)).contains(x.lo), "\(text)")
    #expect(try Interval.log1p(Interval.exp(x) - Interval(1)).contains(x.lo) || x.lo.isZero, "\(text)")
  }

  @Test(arguments: arguments)
  func erfPlusErfcContainsOne(text: String) throws {
    let x = enclose(text)
    #expect(try (Interval.erf(x) + Interval.erfc(x)).contains(Rational(1)), "\(text)")
    #expect(try (Interval.normalCDF(x) + Interval.normalCDF(-x)).contains(Rational(1)), "\(text)")
    #expect(try (Interval.erfc(x) + Interval.erfc(-x)).contains(Rational(2)), "\(text)")
  }

  @Test func squareOfSquareRootContainsTheArgument() throws {
    for text in ["2", "1e-30", "12345678901234567890", "0x1p-1001", "1/3"] {
      let x = enclose(text, 100)
      let s = try Interval.sqrt(x)
      #expect((s * s).intersection(x) != nil, "\(text)")
    }
  }

  @Test func widthsShrinkAsPrecisionDoubles() throws {
    var previous: Rational? = nil
    for bits in [32, 64, 128, 256, 512, 1024] {
      let x = Interval(enclosing: r("7/3"), precision: bits)
      let y = try Interval.exp(x) + Interval.log(x) + Interval.erf(x) + Interval.normalCDF(-x) + Interval.sqrt(x)
      let width = y.upper - y.lower
      if let previous { #expect(width < previous, "width did not shrink at \(bits) bits") }
      #expect(width <= Rational(1).timesPowerOfTwo(-(bits - 8)), "\(bits) bits")
      previous = width
    }
  }

  @Test func constantsAgreeWithTheirDefinitions() throws {
    // log(2) ∋ ln2, log(e) ∋ 1, exp(ln2) ∋ 2, Φ(0) = 1/2, erf(0) = 0.
    #expect(try Interval.log(Interval(2)).intersection(Interval.ln2(bits: 128)) != nil)
    #expect(try Interval.exp(Interval.ln2(bits: 128)).contains(Rational(2)))
    #expect(try Interval.normalCDF(Interval(0)).contains(r("1/2")))
    #expect(try Interval.erf(Interval(0)) == Interval(0))
    // atan-based π against √(6·ζ(2))-free check: sin-free bound 333/106 < π < 355/113.
    let pi = Interval.pi(bits: 128)
    #expect(r("333/106") < pi.lower && pi.upper < r("355/113"))
  }

  @Test func extremeArguments() throws {
    // exp below −2^16 is enclosed by [0, e^(−2^15)]; above 2^16 it overflows.
    let tiny = try Interval.exp(-Interval(exactly: Dyadic(mantissa: BigInt(1), exponent: 50)))
    #expect(tiny.lo.isZero && tiny.hi.signum > 0)
    #expect(throws: EnclosureError.self) { try Interval.exp(Interval(exactly: Dyadic(mantissa: BigInt(1), exponent: 50))) }
    // erf of a huge argument is [1 − tiny, 1]; erfc is positive and tiny.
    let big = Interval(exactly: Dyadic(mantissa: BigInt(1), exponent: 30))
    // erf(2^30) = 1 − erfc(2^30) lies in (1 − 10^-1000, 1): the enclosure must reach that interval and be tight.
    let nearOne = try Interval.erf(big)
    #expect(nearOne.upper > Rational(1) - r("1e-1000") && nearOne.lower <= Rational(1), "\(nearOne)")
    #expect(nearOne.upper - nearOne.lower < r("1e-30"), "\(nearOne)")
    #expect(try Interval.erfc(big).lower >= Rational() && Interval.erfc(big).upper < r("1e-1000"))
    // Domain errors are final; straddling enclosures are undecided.
    #expect(throws: EnclosureError.domain("log of a non-positive number")) { try Interval.log(Interval(-1)) }
    #expect(throws: EnclosureError.self) { try Interval.log1p(Interval(-1)) }
    #expect(throws: EnclosureError.self) { try Interval.sqrt(Interval(-1)) }
    do {
      _ = try Interval.log(try Interval(lo: Dyadic(-1), hi: Dyadic(1)))
      Issue.record("log of an interval around 0 must not succeed")
    } catch let error as EnclosureError {
      #expect(error.mayResolveAtHigherPrecision)
    }
  }
}
