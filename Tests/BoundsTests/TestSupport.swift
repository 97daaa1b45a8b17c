// Helpers shared by the Bounds tests.

import Bounds
@_exported import TestSupport
import Exact
import Foundation
import Testing


/// The enclosure of an exact rational at a precision.
func enclose(_ text: String, _ bits: Int = 128) -> Interval { Interval(enclosing: r(text), precision: bits) }

/// A reference value printed to `digits` significant digits, as the interval
/// [v − u, v + u] with u one unit in its last digit (covers round-to-nearest).
func referenceInterval(_ text: String, digits: Int) -> (lo: Rational, hi: Rational) {
  let v = r(text)
  if v.isZero { return (v, v) }
  let unit = Rational.powerOfTen(v.decimalExponent - (digits - 1))
  return (v - unit, v + unit)
}

/// Whether an enclosure and a reference interval intersect. Disjoint means
/// the enclosure excludes the true value: a soundness bug.
func consistent(_ x: Interval, with reference: (lo: Rational, hi: Rational)) -> Bool {
  x.lower <= reference.hi && reference.lo <= x.upper
}

/// The reference table made by Scripts/make-elementary-reference.py.
struct ReferenceRow: CustomStringConvertible {
  var function: String
  var argument: String
  var value: String
  var description: String { "\(function)(\(argument)) = \(value.prefix(30))…" }
}

func loadReferenceTable() throws -> [ReferenceRow] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference/elementary.tsv")
  let text = try String(contentsOf: url, encoding: .utf8)
  return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
    let fields = line.split(separator: "\t").map(String.init)
    return ReferenceRow(function: fields[0], argument: fields[1], value: fields[2])
  }
}
