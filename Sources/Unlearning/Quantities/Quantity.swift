//===--- Quantity.swift ---------------------------------------------------===//
// The table of named values that claims read: the contract between the
// mathematics and the catalog.
//===----------------------------------------------------------------------===//

import Bounds
import Dispatch
import Exact
import Formats

/// One named quantity of an instance: an exact or enclosed scalar, a vector
/// of them, or a boolean.
public enum Quantity: Sendable {
  case scalar(Value)
  case vector([Value])
  case boolean(Bool)
  /// A Monte Carlo estimate: reported, never usable in a claim.
  case estimate(StatisticalEstimate)

  /// The JSON form: a scalar is `{"lo", "hi", "approx"}`; an exact vector a
  /// list of `"p/q"` strings; a vector with enclosures a list of scalar
  /// objects; a boolean a JSON boolean.
  public var json: JSON {
    switch self {
    case .scalar(let v): return .enclosure(v)
    case .boolean(let b): return .bool(b)
    case .estimate(let e): return e.json
    case .vector(let values):
      if values.allSatisfy({ $0.exactValue != nil }) {
        return .array(Self.descriptions(values.map { $0.exactValue! }).map(JSON.string))
      }
      return .array(values.map(JSON.enclosure))
    }
  }

  /// "p/q" for each value, spread over the cores for long vectors (an exact
  /// multiplier can have thousands of digits).
  static func descriptions(_ values: [Rational]) -> [String] {
    let n = values.count
    guard n >= 32 else { return values.map(\.description) }
    var out = [String](repeating: "", count: n)
    out.withUnsafeMutableBufferPointer { buffer in
      let target = SendablePointer(value: buffer.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: 8) { block in
        for i in (block * n / 8)..<((block + 1) * n / 8) { target.value[i] = values[i].description }
      }
    }
    return out
  }

  /// A one-line rendering for text reports.
  public func text(precision: Int) -> String {
    switch self {
    case .scalar(let v): return v.textRendering(precision: precision)
    case .boolean(let b): return b ? "true" : "false"
    case .estimate(let e):
      return "≈ \(e.estimate) (statistical: \(e.confidence * 100)% interval [\(e.lower), \(e.upper)], \(e.samples) samples; not a proof)"
    case .vector(let values):
      let shown = values.prefix(6).map { v -> String in
        if let r = v.exactValue, r.description.count <= 24 { return r.description }
        return v.approximation.description
      }
      return "[" + shown.joined(separator: ", ") + (values.count > 6 ? ", … (\(values.count) entries)]" : "]")
    }
  }
}

/// The quantities of one instance, in a fixed order, computed at a precision.
public struct QuantityTable: Sendable, ValueEnvironment {
  /// The entries in report order.
  public private(set) var entries: [(name: String, quantity: Quantity)] = []
  /// The working precision of the enclosures in the table.
  public let precision: Int

  public init(precision: Int) { self.precision = precision }

  /// Adds or replaces a quantity.
  public mutating func set(_ name: QuantityName, _ quantity: Quantity) {
    if let k = entries.firstIndex(where: { $0.name == name.rawValue }) {
      entries[k].quantity = quantity
    } else {
      entries.append((name.rawValue, quantity))
    }
  }

  /// Adds a scalar.
  public mutating func set(_ name: QuantityName, _ value: Value) { set(name, .scalar(value)) }

  /// The quantity of a name, as a claim spells it.
  public subscript(name: String) -> Quantity? {
    entries.first(where: { $0.name == name })?.quantity
  }

  /// The quantity of a name.
  public subscript(name: QuantityName) -> Quantity? { self[name.rawValue] }

  /// The names in order.
  public var names: [String] { entries.map(\.name) }

  /// A scalar quantity for the expression language. Booleans read as 1 or 0;
  /// a vector is an error (claims refer to scalars).
  public func value(of name: String, precision: Int) throws -> Value? {
    switch self[name] {
    case .scalar(let v)?: return v
    case .boolean(let b)?: return .exact(Rational(b ? 1 : 0))
    case .vector?: throw UnlearningError.badParameter("quantity '\(name)' is a vector, not a scalar")
    case .estimate?: throw UnlearningError.badParameter("quantity '\(name)' is a statistical estimate and cannot be used in a claim")
    case nil: return nil
    }
  }

  /// The JSON object of all quantities.
  public var json: JSON { .object(entries.map { JSON.Member($0.name, $0.quantity.json) }) }
}
