//===--- DataReview+Report.swift ------------------------------------------===//
// A data review as text and as JSON (`check-data`).
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation

extension DataReview {
  /// The `check-data --format json` document.
  public func json(toolVersion: String) -> JSON {
    let decided = checks.filter(\.determined).map { check in
      JSON.object([
        .init("claim", .string(check.claim)), .init("hypothesis", .string(check.hypothesis)),
        .init("holds", check.holds.map { .bool($0) } ?? .null),
        .init("lhs", check.lhs.map(JSON.enclosure) ?? .null), .init("rhs", check.rhs.map(JSON.enclosure) ?? .null),
      ])
    }
    return JSON.object([
      .init("schema_version", .integer(1)), .init("tool_version", .string(toolVersion)), .init("n", .integer(n)), .init("d", .integer(d)),
      .init("R_min2", .object([.init("value", .enclosure(.exact(minimumSquaredNorm.value))), .init("index", .integer(minimumSquaredNorm.index))])),
      .init("R_max2", .object([.init("value", .enclosure(.exact(maximumSquaredNorm.value))), .init("index", .integer(maximumSquaredNorm.index))])),
      .init("zeta", .object([.init("value", .enclosure(.exact(maximumInnerProduct.value))),
                             .init("pair", .array([.integer(maximumInnerProduct.pair.0), .integer(maximumInnerProduct.pair.1)]))])),
      .init("p_orthogonality", orthogonality.map { .enclosure(.exact($0)) } ?? .null),
      .init("hypotheses", .array(decided)),
    ])
  }

  /// The `check-data` text report.
  public var text: String {
    func show(_ r: Rational) -> String { Value.exact(r).textRendering(precision: 64) }
    var lines = [
      "n = \(n), d = \(d)",
      "R_min2 = \(show(minimumSquaredNorm.value))  (point \(minimumSquaredNorm.index))",
      "R_max2 = \(show(maximumSquaredNorm.value))  (point \(maximumSquaredNorm.index))",
      "zeta   = \(show(maximumInnerProduct.value))  (points \(maximumInnerProduct.pair.0) and \(maximumInnerProduct.pair.1))",
      "p      = \(orthogonality.map(show) ?? "unbounded (ζ = 0)")  (largest p with R_min2 ≥ p·(R_max2/R_min2)·n·ζ)",
      "",
      "hypotheses the data decide:",
    ]
    for check in checks where check.determined {
      let verdict = check.holds.map { $0 ? "holds" : "FAILS" } ?? "undecided"
      var line = "  \(verdict.padding(toLength: 9, withPad: " ", startingAt: 0)) \(check.hypothesis)   [\(check.claim)]"
      if check.holds == false, let l = check.lhs, let r = check.rhs {
        line += "  (\(l.approximation) vs \(r.approximation))"
      }
      lines.append(line)
    }
    let undetermined = Set(checks.filter { !$0.determined }.map(\.hypothesis)).count
    lines.append("(\(undetermined) other hypotheses need a model, a step or γ; see `unlearning-check instance`)")
    return lines.joined(separator: "\n")
  }
}
