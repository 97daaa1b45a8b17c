import Exact
import PropertyBased
import Testing

@Suite struct RationalParsingTests {
  @Test(arguments: [
    ("-3/4", "-3/4"), ("6/8", "3/4"), ("0.125", "1/8"), ("1e-3", "1/1000"),
    ("-2.5e+10", "-25000000000"), ("0x1.8p-3", "3/16"), ("-0xAp4", "-160"),
    ("0x.8", "1/2"), (".5", "1/2"), ("5.", "5"), ("+7", "7"), ("0.1", "1/10"),
    ("1E2", "100"), ("0X1P-1074", "1/" + (BigInt(1) << 1074).description), ("-0", "0"),
    ("123456789012345678901234567890", "123456789012345678901234567890"),
  ])
  func parsesExactly(text: String, expected: String) throws {
    let value = try Rational(parsing: text)
    #expect(value.description == expected, "parsing \(text)")
  }

  @Test(arguments: [
    "", "-", "1/0", "abc", "1.2.3", "1e", "1e+", "0x", "0x1.8q3", "nan", "-inf", "Infinity",
    " 1", "1 ", "1/-2", "1/2/3", "1.5/2", "1e99999999", "0xp3", "--1", "1e-5000001",
  ])
  func rejectsMalformedInput(text: String) {
    #expect(throws: (any Error).self, "parsing \(text)") { _ = try Rational(parsing: text) }
    #expect(Rational(text) == nil)
  }

  @Test func descriptionRoundTrips() async {
    await propertyCheck(count: 300, input: Gen.int(), Gen.int(), Gen.int(in: 1...Int.max)) { h, l, d in
      let value = wide(h, l, d)
      #expect(try! Rational(parsing: value.description) == value)
      #expect(Rational(value.description) == value)
    }
  }

  @Test func decimalStringsBracketTheValue() async {
    await propertyCheck(count: 200, input: Gen.int(), Gen.int(in: 1...Int.max), Gen.int(in: 1...30)) { p, d, digits in
      let value = q(p, d)
      let lo = try! Rational(parsing: value.decimalString(significantDigits: digits, rounding: .down))
      let hi = try! Rational(parsing: value.decimalString(significantDigits: digits, rounding: .up))
      #expect(lo <= value && value <= hi)
    }
    #expect(q(1, 3).decimalString(significantDigits: 5, rounding: .down) == "3.3333e-1")
    #expect(q(1, 3).decimalString(significantDigits: 5, rounding: .up) == "3.3334e-1")
    #expect(q(-1, 3).decimalString(significantDigits: 5, rounding: .down) == "-3.3334e-1")
    #expect(q(999, 1).decimalString(significantDigits: 2, rounding: .up) == "1e3")
    #expect(q(1, 8).decimalString(significantDigits: 10, rounding: .up) == "1.25e-1")
  }

  /// Wide values (with powers of ten near the boundaries, where the
  /// exponent estimate from bit lengths is corrected): the decimal exponent
  /// brackets the value, decimal strings bracket it, and the counted length of
  /// the p/q text is the text's length.
  @Test func wideValuesAreCountedAndBracketed() async {
    await propertyCheck(count: 300, input: Gen.int(), Gen.int(), Gen.int(in: 1...Int.max), Gen.int(in: -60...60)) { h, l, d, k in
      let value = wide(h, l, d) * Rational.powerOfTen(k) + (k % 3 == 0 ? Rational.powerOfTen(k) : Rational())
      #expect(value.descriptionLength == value.description.count, "\(value)")
      guard !value.isZero else { return }
      let e = value.decimalExponent
      #expect(Rational.powerOfTen(e) <= value.magnitude && value.magnitude < Rational.powerOfTen(e + 1), "\(value)")
      let lo = try! Rational(parsing: value.decimalString(significantDigits: 7, rounding: .down))
      let hi = try! Rational(parsing: value.decimalString(significantDigits: 7, rounding: .up))
      #expect(lo <= value && value <= hi, "\(value)")
    }
    for exact in [Rational.powerOfTen(40), Rational.powerOfTen(-40), -Rational.powerOfTen(7), Rational(BigInt(0))] {
      #expect(exact.descriptionLength == exact.description.count)
      if !exact.isZero { #expect(exact.decimalString(significantDigits: 3, rounding: .up) == exact.decimalString(significantDigits: 3, rounding: .down)) }
    }
  }
}

@Suite struct RationalDoubleTests {
  @Test func doublesConvertExactlyAndBack() async {
    await propertyCheck(count: 1000, input: Gen.uint64()) { bits in
      let d = Double(bitPattern: bits)
      guard d.isFinite else {
        #expect(throws: ExactError.self) { _ = try Rational(exactly: d) }
        return
      }
      let value = try! Rational(exactly: d)
      #expect(Double(value) == d, "bits \(bits)")
      #expect(value.isDyadic)
      #expect(value.denominator.isPowerOfTwo)
    }
  }

  @Test(arguments: [0.0, -0.0, 1.0, 0.1, -0x0.02e055c9a3f6cp-1022, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
                    Double.leastNormalMagnitude, -Double.ulpOfOne, 3.141592653589793])
  func specialDoubles(d: Double) throws {
    let value = try! Rational(exactly: d)
    #expect(Double(value) == d)
  }

  @Test func nonFiniteIsAnErrorNotATrap() {
    #expect(throws: ExactError.nonFinite(.infinity)) { try Rational(exactly: Double.infinity) }
    #expect(throws: ExactError.self) { try Rational(exactly: Double.nan) }
    #expect(throws: ExactError.self) { try Rational(exactly: Float.nan) }
  }

  @Test func roundsToNearestLikeTheDecimalParser() async {
    // Swift's Double(String) is correctly rounded; ours must agree on the same exact decimal.
    await propertyCheck(count: 1000, input: Gen.int(), Gen.int(in: -330...310)) { mantissa, exponent in
      let text = "\(mantissa)e\(exponent)"
      let expected = Double(text)!
      #expect(Double(r(text)) == expected, "\(text)")
    }
    // Ties to even, and the overflow and underflow thresholds.
    #expect(Double(r("9007199254740993")) == 9007199254740992.0)
    #expect(Double(r("9007199254740995")) == 9007199254740996.0)
    #expect(Double(r("2e308")) == .infinity)
    #expect(Double(r("-2e308")) == -.infinity)
    #expect(Double(r("1e-400")) == 0)
    #expect(Double(r("0x1p-1075")) == 0)  // exactly half the least subnormal: ties to even
    #expect(Double(r("0x1.0000001p-1075")) == Double.leastNonzeroMagnitude)
    // Far outside the range, decided from the bit lengths.
    #expect(Double(r("1e5000")) == .infinity && Double(r("-1e5000")) == -.infinity)
    #expect(Double(r("1e-5000")) == 0 && Double(r("-1e-5000")).sign == .minus)
    #expect(Double(r("0x1.fffffffffffff7p1023")) == .greatestFiniteMagnitude && Double(r("0x1p1024")) == .infinity)
  }
}
