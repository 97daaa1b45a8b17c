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
      .init("verdict", .string(verdict)),
      .init("orthogonal_subset", orthogonalSubset.map { subset in
        .object([.init("dropped", .array(subset.dropped.map { .integer($0) })), .init("p", subset.p.map { .enclosure(.exact($0)) } ?? .null)])
      } ?? .null),
    ])
  }

  /// The decided checks grouped by hypothesis text, in first-seen order.
  var hypothesisGroups: [[HypothesisCheck]] {
    var order: [String] = [], groups: [String: [HypothesisCheck]] = [:]
    for check in checks where check.determined {
      if groups[check.hypothesis] == nil { order.append(check.hypothesis) }
      groups[check.hypothesis, default: []].append(check)
    }
    return order.map { groups[$0]! }
  }

  /// One line: whether the data meet every hypothesis they decide, and which fail.
  public var verdict: String {
    let groups = hypothesisGroups
    let failing = groups.filter { $0.first!.holds == false }, undecided = groups.filter { $0.first!.holds == nil }
    if groups.isEmpty { return "the data alone decide none of the hypotheses" + (orthogonality == nil ? " (ζ = 0 leaves p unbounded)" : "") }
    if failing.isEmpty && undecided.isEmpty {
      return groups.count == 1 ? "the data meet the one hypothesis they decide" : "the data meet all \(groups.count) hypotheses they decide"
    }
    var parts = failing.map { "\($0.first!.hypothesis) fails (\($0.count) claim\($0.count == 1 ? "" : "s"))" }
    parts += undecided.map { "\($0.first!.hypothesis) is undecided" }
    return "\(failing.count) of the \(groups.count) hypotheses the data decide fail\(failing.count == 1 ? "s" : ""): " + parts.joined(separator: "; ")
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
    ]
    if let subset = orthogonalSubset {
      let reached = subset.p.map { "p = \($0.decimalString(significantDigits: 4, rounding: .down)) ≥ 3" } ?? "ζ = 0 (p unbounded)"
      lines.append("       without points \(subset.dropped.map(String.init).joined(separator: ",")) (\(subset.dropped.count) of \(n)) the rest has \(reached)")
    } else if let p = orthogonality, p < Rational(3) {
      lines.append(n <= Self.subsetSearchLimit
        ? "       no subset found: dropping up to \(n / 2) points (greedily, those that set ζ, R_min2 or R_max2) does not reach p ≥ 3"
        : "       (no subset is searched above n = \(Self.subsetSearchLimit))")
    }
    lines += ["", "verdict: " + verdict, "", "hypotheses the data decide (each once, with the claims that assume it):"]
    for group in hypothesisGroups {
      let check = group.first!
      let verdict = check.holds.map { $0 ? "holds" : "FAILS" } ?? "undecided"
      var line = "  \(verdict.padding(toLength: 9, withPad: " ", startingAt: 0)) \(check.hypothesis)"
      if check.holds == false, let l = check.lhs, let r = check.rhs {
        line += "  (\(l.approximation) vs \(r.approximation))"
      }
      lines.append(line + "   [\(group.count == 1 ? check.claim : "\(group.count) claims: " + group.map(\.claim).joined(separator: ", "))]")
    }
    let undetermined = Set(checks.filter { !$0.determined }.map(\.hypothesis)).count
    lines.append("(\(undetermined) other hypotheses need a model, a step or γ; see `unlearning-check instance`)")
    return lines.joined(separator: "\n")
  }
}
