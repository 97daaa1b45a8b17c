//===--- Relation.swift ---------------------------------------------------===//
// Inequalities between expressions, decided three-valuedly.
//===----------------------------------------------------------------------===//

import Exact

/// `lhs op rhs` with op one of <=, <, >=, >, ==.
public struct Relation: Sendable, Hashable {
  /// The comparison operators.
  public enum Operator: String, Sendable, Hashable, CaseIterable {
    case lessOrEqual = "<=", less = "<", greaterOrEqual = ">=", greater = ">", equal = "=="
  }

  public var lhs: Expression
  public var op: Operator
  public var rhs: Expression

  public init(_ lhs: Expression, _ op: Operator, _ rhs: Expression) {
    self.lhs = lhs
    self.op = op
    self.rhs = rhs
  }

  /// Parses `expression op expression`.
  ///
  /// - Throws: ``ExpressionError/syntax(position:message:)``.
  public init(parsing text: String) throws {
    var parser = try Parser(text)
    let lhs = try parser.parseExpression()
    guard case .symbol(let s) = parser.current.kind, let op = Operator(rawValue: s) else {
      throw parser.unexpected("expected a comparison (<=, <, >=, >, ==)")
    }
    parser.advance()
    let rhs = try parser.parseExpression()
    try parser.expectEnd()
    self.init(lhs, op, rhs)
  }

  /// Both sides evaluated at a precision.
  public func sides(precision: Int, in environment: some ValueEnvironment) throws -> (lhs: Value, rhs: Value) {
    (try lhs.evaluate(precision: precision, in: environment), try rhs.evaluate(precision: precision, in: environment))
  }

  /// Whether the relation holds: decided exactly when both sides are exact,
  /// else from the enclosures (`nil` when they cannot decide).
  public func holds(precision: Int, in environment: some ValueEnvironment) throws -> Bool? {
    let (a, b) = try sides(precision: precision, in: environment)
    return Self.compare(a, op, b, precision: precision)
  }

  /// The three-valued comparison of two values.
  public static func compare(_ a: Value, _ op: Operator, _ b: Value, precision: Int) -> Bool? {
    if let x = a.exactValue, let y = b.exactValue {
      switch op {
      case .lessOrEqual: return x <= y
      case .less: return x < y
      case .greaterOrEqual: return x >= y
      case .greater: return x > y
      case .equal: return x == y
      }
    }
    let x = a.interval(precision: precision), y = b.interval(precision: precision)
    switch op {
    case .lessOrEqual: return x.certainlyLessOrEqual(to: y)
    case .less: return x.certainlyLess(than: y)
    case .greaterOrEqual: return y.certainlyLessOrEqual(to: x)
    case .greater: return y.certainlyLess(than: x)
    case .equal: return x.certainlyEqual(to: y)
    }
  }

  /// Decides the relation with the precision-adaptive driver.
  public func decide(_ policy: PrecisionPolicy = PrecisionPolicy(), in environment: some ValueEnvironment) -> Decision<Bool> {
    decideAdaptively(policy) { precision in try holds(precision: precision, in: environment) }
  }
}

extension Relation: CustomStringConvertible {
  public var description: String { "\(lhs) \(op.rawValue) \(rhs)" }
}
