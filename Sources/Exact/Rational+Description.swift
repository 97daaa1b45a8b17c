//===--- Rational+Description.swift ---------------------------------------===//
// Printing: `p/q` in lowest terms, and decimal strings rounded in a stated
// direction (so a printed enclosure still encloses).
//===----------------------------------------------------------------------===//

extension Rational: CustomStringConvertible, CustomDebugStringConvertible {
  /// `p/q` in lowest terms, or `p` when the denominator is 1.
  public var description: String {
    isInteger ? numerator.description : "\(numerator)/\(denominator)"
  }

  public var debugDescription: String { "Rational(\(description))" }

  /// For one-line messages: `p/q` when it is at most 24 characters, else
  /// about 8 significant digits (`≈ -1.2345678e-3`); never thousands of digits.
  public var brief: String {
    if numerator.bitLength + denominator.bitLength <= 80, case let text = description, text.count <= 24 { return text }
    return "≈ " + decimalString(significantDigits: 8, rounding: .down)
  }

  /// The number of characters of ``description``, counted without building
  /// it: the digits of p and q (from their decimal exponents), a sign and a
  /// slash.
  public var descriptionLength: Int {
    func digits(_ n: BigInt) -> Int { n.isZero ? 1 : Rational(n).decimalExponent + 1 }
    return (signum < 0 ? 1 : 0) + digits(numerator.magnitude) + (isInteger ? 0 : 1 + digits(denominator))
  }
}

/// A direction in which to round.
public enum RoundingDirection: Sendable {
  /// Toward −∞.
  case down
  /// Toward +∞.
  case up
}

extension Rational {
  /// 10^k exactly, for any integer k.
  public static func powerOfTen(_ k: Int) -> Rational {
    k >= 0 ? Rational(BigInt.powerOfTen(k)) : try! Rational(BigInt(1), BigInt.powerOfTen(-k))
  }

  /// The decimal exponent e with 10^e ≤ |self| < 10^(e+1).
  ///
  /// - Precondition: self ≠ 0.
  public var decimalExponent: Int {
    precondition(!isZero, "Rational: zero has no decimal exponent")
    let a = numerator.magnitude, b = denominator
    // An estimate from the bit lengths (off by at most one or two), then fixed
    // exactly by integer comparisons (no rational is formed: normalising one
    // of millions of bits costs a gcd of that size).
    let bits = a.bitLength - b.bitLength
    var e = Int((Double(bits) * 0.30102999566398120).rounded(.down))
    // 10^k ≤ a/b, compared as integers: a ≥ b·10^k, or a·10^−k ≥ b.
    func atLeast(_ k: Int) -> Bool { k >= 0 ? a >= b * BigInt.powerOfTen(k) : a * BigInt.powerOfTen(-k) >= b }
    while !atLeast(e) { e -= 1 }
    while atLeast(e + 1) { e += 1 }
    return e
  }

  /// A decimal string with `significantDigits` significant digits in
  /// scientific notation (`d.ddde±x`), rounded in the given direction, so
  /// `decimal(…, .down) ≤ self ≤ decimal(…, .up)` always holds. Exact values
  /// that need no more digits print without trailing zeros.
  public func decimalString(significantDigits: Int = 17, rounding: RoundingDirection) -> String {
    precondition(significantDigits >= 1, "Rational: at least one significant digit")
    if isZero { return "0" }
    let negative = signum < 0
    let e = decimalExponent
    // |self|·10^k with k chosen so that its integer part has exactly
    // `significantDigits` digits, as one integer quotient a·10^k / b (or
    // a / (b·10^−k)).
    let k = significantDigits - 1 - e
    let a = k >= 0 ? numerator.magnitude * BigInt.powerOfTen(k) : numerator.magnitude
    let b = k >= 0 ? denominator : denominator * BigInt.powerOfTen(-k)
    // Rounding the magnitude: toward zero or away from zero, per direction and sign.
    let awayFromZero = (rounding == .up) != negative
    var digits = awayFromZero ? a.ceilingDivided(by: b) : a.floorDivided(by: b)
    var exponent = e
    if digits == BigInt.powerOfTen(significantDigits) {  // 9.99… rounded up to 10.0…
      digits = BigInt.powerOfTen(significantDigits - 1)
      exponent += 1
    }
    var text = digits.description
    // Trim trailing zeros of the mantissa.
    while text.count > 1 && text.last == "0" { text.removeLast() }
    let mantissa = text.count > 1 ? "\(text.first!).\(text.dropFirst())" : text
    let sign = negative ? "-" : ""
    return exponent == 0 ? "\(sign)\(mantissa)" : "\(sign)\(mantissa)e\(exponent)"
  }
}
