//===--- ValueFormatting.swift --------------------------------------------===//
// Human-readable renderings of exact values and enclosures.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

extension Value {
  /// Decimal digits worth printing for a precision (capped for readability;
  /// the printed bounds are rounded outward, so they still enclose).
  public static func decimalDigits(forPrecision bits: Int) -> Int {
    min(50, max(6, Int((Double(bits) * 0.30103).rounded(.up)) + 1))
  }

  /// `1/3 (exact)` or `[lo, hi]` with decimal bounds rounded outward.
  public func textRendering(precision: Int) -> String {
    let digits = Value.decimalDigits(forPrecision: precision)
    switch self {
    case .exact(let r):
      // The p/q text only when it is short: a long one is counted, not built (a
      // 5-million-digit value would take seconds to print and is never shown).
      let bits = r.numerator.bitLength + r.denominator.bitLength
      if bits <= 140, case let text = r.description, text.count <= 40 { return "\(text) (exact)" }
      // A short exact decimal (10^-40, 2^-60) is printed in full.
      let decimal = r.decimalString(significantDigits: 40, rounding: .down)
      if decimal == r.decimalString(significantDigits: 40, rounding: .up) { return "\(decimal) (exact)" }
      let digitsShown = min(digits, 20)
      return "\(r.decimalString(significantDigits: digitsShown, rounding: .down))… (exact, \(r.descriptionLength) characters as p/q)"
    case .enclosure(let x):
      let lo = x.lower.decimalString(significantDigits: digits, rounding: .down)
      let hi = x.upper.decimalString(significantDigits: digits, rounding: .up)
      return "[\(lo), \(hi)]"
    }
  }
}
