//===--- CheckDataCommand.swift -------------------------------------------===//
// `unlearning-check check-data`: review a data set against the assumptions.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Exact
import Formats
import Foundation
import Unlearning

struct CheckDataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-data",
    abstract: "Near-orthogonality of a data set and which catalog hypotheses it satisfies.",
    discussion: """
      Reports R²_min, R²_max, ζ = max_{i≠j}|⟨x_i, x_j⟩|, the largest p for which the data are \
      p-orthogonal (Frei et al. Def. 1: R²_min ≥ p R² n ζ), the points that limit each, and every \
      catalog hypothesis the data alone decide, with both sides where it fails.
      """
  )

  @Option(help: "Data matrix X (n × d) as .npy.")
  var data: String

  @Option(help: "Labels y (length n, ±1) as .npy (checked for shape and values).")
  var labels: String?

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @OptionGroup var catalog: CatalogOptions

  func run() throws {
    let instance = try withExitCodes { try Instance(dataFile: data, labelFile: labels) }
    if labels != nil, let warning = instance.labelWarning { warn(warning) }
    let matrix = instance.data
    let review = try withExitCodes { try DataReview(data: matrix, catalog: try catalog.load()) }
    switch format {
    case .json:
      let checks = review.checks.filter(\.determined).map { check in
        JSON.object([
          .init("claim", .string(check.claim)), .init("hypothesis", .string(check.hypothesis)),
          .init("holds", check.holds.map { .bool($0) } ?? .null),
          .init("lhs", check.lhs.map(JSON.enclosure) ?? .null), .init("rhs", check.rhs.map(JSON.enclosure) ?? .null),
        ])
      }
      print(JSON.object([
        .init("schema_version", .integer(1)), .init("tool_version", .string(ToolVersion.string)), .init("n", .integer(review.n)), .init("d", .integer(review.d)),
        .init("R_min2", .object([.init("value", .enclosure(.exact(review.minimumSquaredNorm.value))), .init("index", .integer(review.minimumSquaredNorm.index))])),
        .init("R_max2", .object([.init("value", .enclosure(.exact(review.maximumSquaredNorm.value))), .init("index", .integer(review.maximumSquaredNorm.index))])),
        .init("zeta", .object([.init("value", .enclosure(.exact(review.maximumInnerProduct.value))),
                               .init("pair", .array([.integer(review.maximumInnerProduct.pair.0), .integer(review.maximumInnerProduct.pair.1)]))])),
        .init("p_orthogonality", review.orthogonality.map { .enclosure(.exact($0)) } ?? .null),
        .init("hypotheses", .array(checks)),
      ]).rendered(pretty: true))
    case .text:
      func show(_ r: Rational) -> String { Value.exact(r).textRendering(precision: 64) }
      print("n = \(review.n), d = \(review.d)")
      print("R_min2 = \(show(review.minimumSquaredNorm.value))  (point \(review.minimumSquaredNorm.index))")
      print("R_max2 = \(show(review.maximumSquaredNorm.value))  (point \(review.maximumSquaredNorm.index))")
      print("zeta   = \(show(review.maximumInnerProduct.value))  (points \(review.maximumInnerProduct.pair.0) and \(review.maximumInnerProduct.pair.1))")
      print("p      = \(review.orthogonality.map(show) ?? "unbounded (ζ = 0)")  (largest p with R_min2 ≥ p·(R_max2/R_min2)·n·ζ)")
      print("")
      print("hypotheses the data decide:")
      for check in review.checks where check.determined {
        let verdict = check.holds.map { $0 ? "holds" : "FAILS" } ?? "undecided"
        var line = "  \(verdict.padding(toLength: 9, withPad: " ", startingAt: 0)) \(check.hypothesis)   [\(check.claim)]"
        if check.holds == false, let l = check.lhs, let r = check.rhs {
          line += "  (\(l.approximation) vs \(r.approximation))"
        }
        print(line)
      }
      let undetermined = Set(review.checks.filter { !$0.determined }.map(\.hypothesis)).count
      print("(\(undetermined) other hypotheses need a model, a step or γ; see `unlearning-check instance`)")
    }
  }
}
