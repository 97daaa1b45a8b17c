// Helpers shared by the Unlearning tests.

import Bounds
import Exact
@_exported import TestSupport
import Testing
@testable import Unlearning
@testable import Claims
@testable import Formats


/// An instance from rows of exact numbers (as text) and labels.
func instance(_ rows: [[String]], _ labels: [Int]) throws -> Instance {
  let matrix = try Matrix(rows: rows.map { $0.map(r) })
  return try Instance(data: ScaledIntegerMatrix(matrix), labels: labels)
}

/// The exact value of a scalar quantity, failing the test if it is not exact.
func exactScalar(_ table: QuantityTable, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> Rational? {
  guard case .scalar(.exact(let value))? = table[name] else {
    Issue.record("quantity \(name) is not an exact scalar: \(String(describing: table[name]))", sourceLocation: sourceLocation)
    return nil
  }
  return value
}

/// The exact entries of a vector quantity.
func exactVector(_ table: QuantityTable, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Rational]? {
  guard case .vector(let values)? = table[name], values.allSatisfy({ $0.exactValue != nil }) else {
    Issue.record("quantity \(name) is not an exact vector", sourceLocation: sourceLocation)
    return nil
  }
  return values.map { $0.exactValue! }
}

/// The enclosure of a scalar quantity.
func enclosure(_ table: QuantityTable, _ name: String) -> Interval? {
  guard case .scalar(let v)? = table[name] else { return nil }
  return v.interval(precision: table.precision)
}
