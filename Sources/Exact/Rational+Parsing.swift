//===--- Rational+Parsing.swift -------------------------------------------===//
// Exact parsing of fractions, decimals, scientific and hexadecimal floats.
//===----------------------------------------------------------------------===//

extension Rational {
  /// The largest decimal or binary exponent magnitude the parser accepts.
  /// `1e-100000` is a 332,000-bit denominator; anything larger is refused
  /// rather than exhausting memory.
  public static let maximumParsedExponent = 1_000_000

  /// Parses a number exactly. Accepted forms (optional leading sign):
  ///
  /// - integers and fractions: `42`, `-3/4` (reduced to lowest terms);
  /// - decimals and scientific notation: `0.125`, `.5`, `1e-3`, `-2.5e+10`;
  /// - hexadecimal floats: `0x1.8p-3`, `-0xAp4`, `0x.8`.
  ///
  /// The value is the exact rational the text denotes (`0.1` is 1/10, not the
  /// binary64 nearest to it). No surrounding white space is allowed.
  ///
  /// - Throws: ``ExactError/malformedNumber(_:reason:)``, or
  ///   ``ExactError/divisionByZero`` for a zero denominator.
  public init(parsing text: some StringProtocol) throws {
    let source = String(text)
    var scalars = Substring(source)
    func fail(_ reason: String) -> ExactError { .malformedNumber(source, reason: reason) }

    guard !scalars.isEmpty else { throw fail("empty") }
    var negative = false
    if scalars.first == "-" || scalars.first == "+" {
      negative = scalars.first == "-"
      scalars = scalars.dropFirst()
    }
    let lower = scalars.lowercased()
    if ["nan", "inf", "infinity"].contains(lower) { throw fail("not finite") }

    var value: Rational
    if let slash = scalars.firstIndex(of: "/") {
      let p = scalars[..<slash], q = scalars[scalars.index(after: slash)...]
      guard let num = BigInt(decimal: p), p.first != "-" && p.first != "+" else {
        throw fail("numerator is not a decimal integer")
      }
      guard let den = BigInt(decimal: q), q.first != "-" && q.first != "+" else {
        throw fail("denominator is not a decimal integer")
      }
      value = try Rational(num, den)
    } else if lower.hasPrefix("0x") {
      value = try Self.parseHexFloat(Substring(lower.dropFirst(2)), fail: fail)
    } else {
      value = try Self.parseDecimal(Substring(lower), fail: fail)
    }
    if negative { value.negate() }
    self = value
  }

  /// `digits[.digits][e[±]digits]`, at least one digit in the mantissa.
  private static func parseDecimal(_ text: Substring, fail: (String) -> ExactError) throws -> Rational {
    var mantissa = text
    var exponent = 0
    if let e = text.firstIndex(of: "e") {
      mantissa = text[..<e]
      exponent = try parseExponent(text[text.index(after: e)...], fail: fail)
    }
    let (intPart, fracPart) = try splitPoint(mantissa, fail: fail)
    let digits = intPart + fracPart
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw fail("expected decimal digits")
    }
    let scale = exponent - fracPart.count
    guard scale.magnitude <= UInt(maximumParsedExponent) else { throw fail("exponent too large") }
    let integer = BigInt(decimal: digits)!
    if scale >= 0 { return Rational(integer * BigInt.powerOfTen(scale)) }
    return try Rational(integer, BigInt.powerOfTen(-scale))
  }

  /// `hexdigits[.hexdigits][p[±]digits]` after the `0x` prefix.
  private static func parseHexFloat(_ text: Substring, fail: (String) -> ExactError) throws -> Rational {
    var mantissa = text
    var exponent = 0
    if let p = text.firstIndex(of: "p") {
      mantissa = text[..<p]
      exponent = try parseExponent(text[text.index(after: p)...], fail: fail)
    }
    let (intPart, fracPart) = try splitPoint(mantissa, fail: fail)
    let digits = intPart + fracPart
    guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit && $0.isASCII }) else {
      throw fail("expected hexadecimal digits")
    }
    let scale = exponent - 4 * fracPart.count
    guard scale.magnitude <= UInt(4 * maximumParsedExponent) else { throw fail("exponent too large") }
    return Rational(BigInt(digits, radix: 16)!).timesPowerOfTwo(scale)
  }

  private static func splitPoint(_ text: Substring, fail: (String) -> ExactError) throws -> (String, String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    switch parts.count {
    case 1: return (String(parts[0]), "")
    case 2: return (String(parts[0]), String(parts[1]))
    default: throw fail("more than one decimal point")
    }
  }

  private static func parseExponent(_ text: Substring, fail: (String) -> ExactError) throws -> Int {
    var body = text
    var negative = false
    if body.first == "-" || body.first == "+" {
      negative = body.first == "-"
      body = body.dropFirst()
    }
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw fail("malformed exponent")
    }
    guard body.count <= 9, let magnitude = Int(body), magnitude <= maximumParsedExponent * 4 else {
      throw fail("exponent too large")
    }
    return negative ? -magnitude : magnitude
  }
}

extension Rational: LosslessStringConvertible {
  /// Parses any form ``init(parsing:)`` accepts; `nil` on malformed input.
  public init?(_ description: String) {
    guard let value = try? Rational(parsing: description) else { return nil }
    self = value
  }
}
