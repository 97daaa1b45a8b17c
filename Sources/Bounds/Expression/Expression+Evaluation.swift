//===--- Expression+Evaluation.swift --------------------------------------===//
// Evaluating an expression to an exact value or a rigorous enclosure.
//===----------------------------------------------------------------------===//

import Exact

/// Where an expression's names get their values.
public protocol ValueEnvironment {
  /// The value of a named quantity at a working precision, or `nil` when the
  /// name is unknown. Quantities that are enclosures must be recomputed from
  /// exact data at the requested precision, so the adaptive driver can tighten them.
  func value(of name: String, precision: Int) throws -> Value?
}

/// A fixed table of values (enclosures are returned as they are).
public struct ValueTable: ValueEnvironment, Sendable {
  public var values: [String: Value]
  public init(_ values: [String: Value] = [:]) { self.values = values }
  public func value(of name: String, precision: Int) throws -> Value? { values[name] }
}

extension Expression {
  /// Evaluates at a working precision. Rational operations on exact values
  /// stay exact; the first transcendental produces an enclosure.
  ///
  /// - Throws: ``ExpressionError/unknownName(_:position:)`` and
  ///   ``EnclosureError`` (domain, undecided, overflow).
  public func evaluate(precision: Int = Interval.defaultPrecision, in environment: some ValueEnvironment = ValueTable()) throws -> Value {
    switch self {
    case .number(let r):
      return .exact(r)
    case .name(let name, let position):
      if let value = try environment.value(of: name, precision: precision) { return value }
      if name == "pi" { return .enclosure(Interval.pi(bits: precision)) }
      throw ExpressionError.unknownName(name, position: position)
    case .negate(let a):
      return Value.negate(try a.evaluate(precision: precision, in: environment))
    case .binary(let op, let a, let b):
      let x = try a.evaluate(precision: precision, in: environment)
      let y = try b.evaluate(precision: precision, in: environment)
      // Bounded at every step, so that no short text buys unbounded work.
      switch op {
      case .add: return try Value.withinExactLimit(Value.add(x, y, precision: precision))
      case .subtract: return try Value.withinExactLimit(Value.subtract(x, y, precision: precision))
      case .multiply: return try Value.withinExactLimit(Value.multiply(x, y, precision: precision))
      case .divide: return try Value.withinExactLimit(try Value.divide(x, y, precision: precision))
      case .power: return try Value.power(x, y, precision: precision)
      }
    case .call(let function, let arguments, _):
      let values = try arguments.map { try $0.evaluate(precision: precision, in: environment) }
      switch function {
      case .sqrt: return try Value.squareRoot(values[0], precision: precision)
      case .abs: return Value.absoluteValue(values[0])
      case .min: return values.dropFirst().reduce(values[0]) { Value.minimum($0, $1, precision: precision) }
      case .max: return values.dropFirst().reduce(values[0]) { Value.maximum($0, $1, precision: precision) }
      case .exp: return try Value.apply(.exp, values[0], precision: precision)
      case .log: return try Value.apply(.log, values[0], precision: precision)
      case .log1p: return try Value.apply(.log1p, values[0], precision: precision)
      case .erf: return try Value.apply(.erf, values[0], precision: precision)
      case .erfc: return try Value.apply(.erfc, values[0], precision: precision)
      case .phi: return try Value.apply(.phi, values[0], precision: precision)
      }
    }
  }

  /// Evaluates, raising the precision while an ``EnclosureError/undecided(_:)``
  /// error occurs (e.g. log of an enclosure that reaches 0), up to the cap.
  public func evaluateAdaptively(_ policy: PrecisionPolicy = PrecisionPolicy(), in environment: some ValueEnvironment = ValueTable()) -> Decision<Value> {
    decideAdaptively(policy) { precision in try evaluate(precision: precision, in: environment) }
  }
}
