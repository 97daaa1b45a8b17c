//===--- ExpressionError.swift --------------------------------------------===//
// Errors of parsing and name resolution, with positions.
//===----------------------------------------------------------------------===//

/// An error in the text of an expression or relation.
public enum ExpressionError: Error, Equatable, CustomStringConvertible {
  /// A syntax error at a 1-based character position.
  case syntax(position: Int, message: String)
  /// A name that is neither a function, a constant, nor a known quantity.
  case unknownName(String, position: Int)

  public var description: String {
    switch self {
    case .syntax(let position, let message): return "syntax error at position \(position): \(message)"
    case .unknownName(let name, let position): return "unknown name '\(name)' at position \(position)"
    }
  }
}
