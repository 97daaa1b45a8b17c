//===--- ExactError.swift -------------------------------------------------===//
// The errors the exact layer throws instead of trapping.
//===----------------------------------------------------------------------===//

/// An error of the exact layer: bad input, never a rounding problem.
public enum ExactError: Error, Equatable, CustomStringConvertible {
  /// A string that is not a number in one of the accepted forms.
  case malformedNumber(String, reason: String)
  /// A NaN or infinite `Double`, which has no rational value.
  case nonFinite(Double)
  /// A division by an exact zero.
  case divisionByZero
  /// Shapes that do not fit the operation (rows × columns).
  case dimensionMismatch(String)
  /// A square system whose matrix is singular.
  case singularMatrix

  public var description: String {
    switch self {
    case .malformedNumber(let text, let reason):
      return "malformed number \"\(text.prefix(60))\": \(reason)"
    case .nonFinite(let value):
      return "non-finite value \(value) has no exact rational value"
    case .divisionByZero:
      return "division by zero"
    case .dimensionMismatch(let what):
      return "dimension mismatch: \(what)"
    case .singularMatrix:
      return "the matrix is singular"
    }
  }
}
