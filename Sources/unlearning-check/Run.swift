//===--- Run.swift --------------------------------------------------------===//
// `unlearning-check run`: evaluate the claim catalog (the main job).
//===----------------------------------------------------------------------===//

import ArgumentParser
import Claims
import Formats
import Foundation
import Unlearning

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Evaluate every claim of the catalog on an instance suite (the default command).",
    discussion: """
      Per claim: the verdict counts over instances, the aggregate verdict (REFUTED if any \
      instance refutes; ERROR if any errs; INCONCLUSIVE if any is undecided; VACUOUS if the \
      hypotheses never hold; else PROVED; FITTED for a claim with a free constant), and the \
      tightest instance.

      Exit codes: 0 nothing REFUTED, ERROR or INCONCLUSIVE; 1 something REFUTED; 2 something \
      INCONCLUSIVE (none REFUTED); 64 usage error; 65 bad input (catalog or suite errors name \
      file and line; an instance or claim in ERROR).
      """
  )

  @OptionGroup var catalog: CatalogOptions
  @OptionGroup var suiteOptions: SuiteOptions
  @OptionGroup var progressOptions: ProgressOptions

  @Option(help: "Report format: text, json, markdown, junit or html.")
  var format: ReportFormat = .text

  @Option(help: "Write the report to a file instead of standard output.")
  var output: String?

  @Option(help: "Only the claims of a setting: linear, two-layer, gaussian-mixture (and those for any setting).")
  var setting: ClaimSetting?

  @Option(help: "Write one certificate per instance (DIR/<instance>.json and its .npy data) for Scripts/check-certificate.py.")
  var certificate: String?

  func run() throws {
    var claims = try catalog.load()
    if let setting { claims.claims = claims.claims.filter { $0.setting == setting || $0.setting == .any } }
    let suite = try suiteOptions.load()
    let evaluator = Evaluator(catalog: claims, policy: suiteOptions.policy, progress: progressReporter(progressOptions.line()))
    let (evaluation, analyses) = evaluator.evaluateKeepingAnalyses(suite)
    // What was written is said unless an ERROR ends the run: then its one line on stderr is the error.
    var notes: [String] = []
    if let certificate {
      let made = Certificate.all(for: evaluation, analyses: analyses, policy: suiteOptions.policy)
      notes.append(try writeCertificates(made.certificates, skipped: made.skipped, to: certificate))
    }
    let report = evaluation.report(format)
    if let output {
      try writeOutput(report.hasSuffix("\n") ? report : report + "\n", to: output)
      notes.append("unlearning-check: \(evaluation.summaryLine); report written to \(output)\n")
    }
    if evaluation.failingVerdict != .error { notes.forEach(writeStandardError) }
    if output == nil { print(report) }
    try evaluation.exitWithItsStatus()
  }
}

extension Evaluation {
  var summaryLine: String {
    ["PROVED", "FITTED", "REFUTED", "INCONCLUSIVE", "VACUOUS", "ERROR"].compactMap { label in
      summary[label].map { "\($0) \(label)" }
    }.joined(separator: ", ")
  }
}
