//===--- ListCommand.swift ------------------------------------------------===//
// `unlearning-check list` and `unlearning-check explain ID`.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Claims
import Formats
import Foundation
import Unlearning

extension ClaimSetting: ExpressibleByArgument {}

struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List the claims: id, provenance, title.")

  @OptionGroup var catalog: CatalogOptions

  @Option(help: "Only the claims of a setting: linear, two-layer, gaussian-mixture (and those for any setting).")
  var setting: ClaimSetting?

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func run() throws {
    let claims = try catalog.load().claims.filter { claim in setting.map { claim.setting == $0 || claim.setting == .any } ?? true }
    if format == .json {
      print(JSON.array(claims.map { claim in
        .object([
          .init("id", .string(claim.id)), .init("title", .string(claim.title)), .init("setting", .string(claim.setting.rawValue)),
          .init("source", .string(claim.source.rawValue)), .init("reference", .string(claim.reference)),
          .init("claim", .string(claim.statement.description)), .init("assumes", .array(claim.assumes.map { .string($0.description) })),
          .init("constants", .array(claim.constants.map(JSON.string))), .init("file", .string(claim.file)), .init("line", .integer(claim.line)),
        ])
      }).rendered(pretty: true))
      return
    }
    let idWidth = claims.map(\.id.count).max() ?? 0
    let sourceWidth = claims.map(\.source.rawValue.count).max() ?? 0
    for claim in claims {
      print(claim.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
        + claim.source.rawValue.padding(toLength: sourceWidth, withPad: " ", startingAt: 0) + "  " + claim.title)
    }
  }
}

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Explain a claim: statement, hypotheses, provenance, quantity definitions, tightest instance.")

  @Argument(help: "The claim id (see `list`).")
  var id: String

  @OptionGroup var catalog: CatalogOptions
  @OptionGroup var suiteOptions: SuiteOptions

  func run() throws {
    let all = try catalog.load()
    guard let claim = all.claim(id) else {
      throw failure("no claim '\(id)' in the catalog (see `unlearning-check list`)", code: ExitStatus.usage)
    }
    print("\(claim.id): \(claim.title)")
    print("  setting:   \(claim.setting.rawValue)")
    print("  claim:     \(claim.statement)")
    if !claim.assumes.isEmpty { print("  assumes:   " + claim.assumes.map(\.description).joined(separator: "; ")) }
    if !claim.constants.isEmpty { print("  constants: " + claim.constants.joined(separator: ", ") + " (fitted: the smallest value consistent with the suite)") }
    print("  source:    \(claim.source.rawValue)")
    print("  reference: \(claim.reference)")
    print("  defined:   \(claim.file):\(claim.line)")
    if let notes = claim.notes { print("  notes:     \(notes)") }
    let names = Array(Set(claim.assumes.flatMap(\.names) + claim.statement.names)).sorted()
    print("  quantities:")
    for name in names {
      if let d = QuantityDefinitions.definition(of: name) {
        print("    \(name): \(d.definition)")
      } else if claim.constants.contains(name) {
        print("    \(name): free constant")
      }
    }
    let suite = try suiteOptions.load()
    let evaluation = Evaluator(catalog: Catalog(claims: [claim]), policy: suiteOptions.policy, progress: progressReporter(ProgressLine(mode: .auto))).evaluate(suite)
    guard let result = evaluation.claims.first else { return }
    print("  on suite '\(suite.name)': \(result.label) (\(Evaluation.countsText(result)) proved/refuted/inconclusive/vacuous/error)")
    if let fit = result.fit {
      print("  fitted \(fit.name) ∈ [\(fit.lower), \(fit.upper)], forced by \(fit.instance ?? "no instance")")
    }
    if let t = result.tightest, case .relation(let relation) = claim.statement {
      print("  tightest instance: \(t.instance)")
      if let m = t.measured { print("    measured = \(m.textRendering(precision: t.precision ?? 128))") }
      if let b = t.bound { print("    bound    = \(b.textRendering(precision: t.precision ?? 128))") }
      if let s = t.slack(relation.op) { print("    slack    = \(s.textRendering(precision: t.precision ?? 128))") }
    }
    if let w = result.witness { print("  refuted on: \(w.instance)") }
  }
}
