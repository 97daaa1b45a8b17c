// Helpers shared by the Bounds tests.

import Bounds
import Exact
import Foundation
import Testing

/// A rational from text that must parse.
func r(_ text: String) -> Rational { try! Rational(parsing: text) }

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

/// A deterministic generator (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
