//===--- EnclosureError.swift ---------------------------------------------===//
// Why an enclosure could not be computed.
//===----------------------------------------------------------------------===//

/// Why an enclosure could not be computed. Only ``undecided(_:)`` may go away
/// at a higher precision; the others are final.
public enum EnclosureError: Error, Equatable, CustomStringConvertible {
  /// The argument is certainly outside the function's domain (log of a
  /// non-positive number, division by an exact zero, …).
  case domain(String)
  /// The enclosure of the argument straddles a domain boundary (e.g. an
  /// interval around 0 passed to log): a tighter enclosure may decide it.
  case undecided(String)
  /// The result is beyond the representable range (e.g. exp of 10^40).
  case overflow(String)
  /// A non-finite or empty input: never a basis for any verdict.
  case invalidInput(String)

  public var description: String {
    switch self {
    case .domain(let what): return "domain error: \(what)"
    case .undecided(let what): return "undecided at this precision: \(what)"
    case .overflow(let what): return "overflow: \(what)"
    case .invalidInput(let what): return "invalid input: \(what)"
    }
  }

  /// Whether raising the precision may resolve the error.
  public var mayResolveAtHigherPrecision: Bool {
    if case .undecided = self { return true }
    return false
  }
}
