//===--- SweepCommand.swift -----------------------------------------------===//
// `unlearning-check sweep` and `unlearning-check merge`.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Exact
import Formats
import Foundation
import Unlearning

struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Evaluate claims over a grid of generated instances, resumably, and report.",
    discussion: """
      Every combination of the --vary values and seeds is one instance; every selected claim is \
      evaluated on it. Records are appended to DIR/records.jsonl as instances finish (one JSON \
      line per instance and claim), so an interrupted sweep resumes where it stopped. \
      --shard k/N runs only the k-th of N deterministic slices; `unlearning-check merge DIR…` \
      joins shard outputs. At the end the report of `run` is printed over all records, and one \
      SVG per claim (measured and bound against the first --vary parameter) is written to DIR.

      Exit codes as for `run`.
      """
  )

  @Option(help: "The setting: linear or two-layer.")
  var setting: SettingName = .linear

  @Option(help: "Generator: nearly-orthogonal, gaussian-mixture, correlated or two-block.")
  var generator: InstanceGenerator = .nearlyOrthogonal

  @Option(help: "Vary a parameter: --vary d=1000,2000 (repeatable; n, d, mu_norm, label_noise, correlation, gamma, width, step_scale, forget, forget_size, grid_bits; forget_size=k forgets a random set of k points, seeded by the instance's seed).")
  var vary: [String] = []

  @Option(help: "Seeds: a..b or a list a,b,c.")
  var seeds: String = "1"

  @Option(help: "Base values for parameters not varied: --set n=10 (repeatable).")
  var set: [String] = []

  @Option(help: "Training loss: logistic or exponential.")
  var loss: Loss = .logistic

  @Option(help: "Starting point: kkt (the exact KKT point) or trained (gradient descent, normalized, NNLS multipliers).")
  var start: StartOption = .kkt

  @Option(help: "Only these claim ids (comma-separated).")
  var claims: String?

  @Option(help: "Treat this otherwise unknown name in claims as a free constant to fit.")
  var fitConstant: String?

  @Option(help: "Output directory for records and plots.")
  var output: String = "sweep-output"

  @Option(help: "Run only the k-th of N slices: --shard k/N.")
  var shard: String?

  @Option(help: "Report format: text, json, markdown, junit or html.")
  var format: ReportFormat = .text

  @Option(help: "Precision cap in bits.")
  var maxPrecision: Int = PrecisionPolicy.defaultCap

  @Option(help: "Write each instance's certificate (DIR/<instance>.json and its .npy data) for Scripts/check-certificate.py; instances already done in OUTPUT are not re-run.")
  var certificate: String?

  @OptionGroup var catalog: CatalogOptions
  @OptionGroup var progressOptions: ProgressOptions

  func parsedShard() throws -> (Int, Int)? {
    guard let shard else { return nil }
    let parts = shard.split(separator: "/").compactMap { Int($0) }
    guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else {
      throw ValidationError("--shard expects k/N with 1 ≤ k ≤ N, got '\(shard)'")
    }
    return (parts[0], parts[1])
  }

  func pairs(_ list: [String], flag: String) throws -> [(String, String)] {
    try list.map { item in
      let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw ValidationError("\(flag) expects name=value, got '\(item)'") }
      return (parts[0], parts[1])
    }
  }

  func validate() throws {
    _ = try parsedShard()
    _ = try pairs(vary, flag: "--vary")
    _ = try pairs(set, flag: "--set")
    try validatePrecision(maxPrecision, flag: "--max-precision")
  }

  func run() throws {
    let selected = try loadCatalog()
    var base = SweepInstances.defaults
    for (k, v) in try pairs(set, flag: "--set") {
      guard SweepPlan.variable.contains(k) else {
        throw failure("--set \(k): not a sweep parameter (use one of \(SweepPlan.variable.sorted().joined(separator: ", ")))", code: ExitStatus.usage)
      }
      base[k] = v
    }
    if setting == .linear, let name = (try pairs(set, flag: "--set") + pairs(vary, flag: "--vary")).map(\.0).first(where: { ["width", "gamma"].contains($0) }) {
      throw failure("\(name) applies to --setting two-layer", code: ExitStatus.usage)
    }
    let varied = try pairs(vary, flag: "--vary").map { ($0.0, $0.1.split(separator: ",", omittingEmptySubsequences: false).map(String.init)) }
    let plan = try withExitCodes { try SweepPlan(base: base, varied: varied, seeds: SweepPlan.parseSeeds(seeds)) }
    let points = try parsedShard().map { plan.shard($0.0, of: $0.1) } ?? plan.points
    let instances = SweepInstances(twoLayer: setting == .twoLayer, generator: generator, loss: loss, start: start.startingPoint(weights: nil))
    // Every grid point is checked before the first instance runs.
    try withExitCodes { try instances.validate(points) }
    try createOutputDirectory(output)
    var runner = SweepRunner(
      evaluator: Evaluator(catalog: selected, policy: PrecisionPolicy(cappedAt: maxPrecision)), directory: output
    ) { point in try instances.spec(point) }
    if let certificate {
      try createOutputDirectory(certificate)
      runner.certificateDirectory = certificate
    }
    let records = try withExitCodes { try runner.run(points, progress: progressBar()) }
    for warning in runner.warnings { warn(warning) }
    let evaluation = SweepLog.evaluation(of: records, catalog: selected, suite: "sweep \(output)")
    let parameter = varied.first?.0 ?? "seed"
    try writePlots(records, catalog: selected, parameter: parameter)
    if format == .html {
      // The page carries the plots inline, so it stands alone.
      let plots = evaluation.claims.map(\.claim).filter { claim in records.contains { $0.claim == claim.id && $0.measured != nil } }.flatMap { claim in
        [(claim.id, SVGPlot.sweep(records, claim: claim, parameter: parameter).render()),
         (claim.id + "-ratio", SVGPlot.sweepRatio(records, claim: claim, parameter: parameter).render())]
      }
      print(evaluation.htmlReport(plots: plots))
    } else {
      print(evaluation.report(format))
    }
    try evaluation.exitWithItsStatus()
  }

  func loadCatalog() throws -> Catalog {
    var all: Catalog
    do {
      all = try Catalog(directory: catalog.directory(), extraConstants: fitConstant.map { [$0] } ?? [])
    } catch {
      throw failure("\(error)", code: ExitStatus.dataError)
    }
    if let claims {
      let ids = claims.split(separator: ",").map(String.init)
      for id in ids where all.claim(id) == nil { throw failure("no claim '\(id)' in the catalog", code: ExitStatus.usage) }
      all.claims = all.claims.filter { ids.contains($0.id) }
    }
    return all
  }

  func writePlots(_ records: [SweepRecord], catalog: Catalog, parameter: String) throws {
    try writeSweepOutputs(records, catalog: catalog, parameter: parameter, to: output)
  }

  /// `[k/N] elapsed, remaining` on standard error.
  func progressBar() -> (@Sendable (Int, Int, Double) -> Void)? {
    guard let line = progressOptions.line() else { return nil }
    return { done, total, elapsed in
      let remaining = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
      let width = 30, filled = total > 0 ? width * done / total : width
      let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
      let text = "[\(bar)] \(done)/\(total) instances, \(Int(elapsed))s elapsed, ~\(Int(remaining))s remaining"
      line.show(text, final: done == total)
    }
  }
}

/// Per claim `<claim>.svg` (both sides against the parameter) and
/// `<claim>-ratio.svg` (measured/bound per instance), and `summary.csv`
/// (one row per instance and claim), in a directory.
func writeSweepOutputs(_ records: [SweepRecord], catalog: Catalog, parameter: String, to directory: String) throws {
  for claim in catalog.claims where records.contains(where: { $0.claim == claim.id && $0.measured != nil }) {
    try writeOutput(SVGPlot.sweep(records, claim: claim, parameter: parameter).render(),
                    to: (directory as NSString).appendingPathComponent("\(claim.id).svg"))
    try writeOutput(SVGPlot.sweepRatio(records, claim: claim, parameter: parameter).render(),
                    to: (directory as NSString).appendingPathComponent("\(claim.id)-ratio.svg"))
  }
  try writeOutput(SweepLog.csvSummary(records), to: (directory as NSString).appendingPathComponent("summary.csv"))
}

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge", abstract: "Merge the records of sweep shards into one report.")

  @Argument(help: "Sweep output directories.")
  var directories: [String]

  @Option(help: "Report format: text, json, markdown, junit or html.")
  var format: ReportFormat = .text

  @Option(help: "Treat this name in claims as a free constant (as in the sweep).")
  var fitConstant: String?

  @Option(help: "Write the plots and summary.csv of the merged records to this directory, against this parameter (--plot-parameter).")
  var plots: String?

  @Option(help: "The parameter on the plots' x axis (default: the first one the records vary).")
  var plotParameter: String?

  @OptionGroup var catalog: CatalogOptions
  @OptionGroup var progressOptions: ProgressOptions

  func run() throws {
    let all: Catalog
    do {
      all = try Catalog(directory: catalog.directory(), extraConstants: fitConstant.map { [$0] } ?? [])
    } catch {
      throw failure("\(error)", code: ExitStatus.dataError)
    }
    for directory in directories where !FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("records.jsonl")) {
      throw failure("\(directory): no records.jsonl", code: ExitStatus.dataError)
    }
    let (records, warnings) = try withExitCodes { try SweepLog.merged(directories) }
    for warning in warnings { warn(warning) }
    let evaluation = SweepLog.evaluation(of: records, catalog: all, suite: "merged")
    if let plots {
      try createOutputDirectory(plots)
      let varied = records.first.map { first in first.parameters.keys.filter { key in records.contains { $0.parameters[key] != first.parameters[key] } && key != "seed" }.sorted() } ?? []
      try writeSweepOutputs(records, catalog: Catalog(claims: evaluation.claims.map(\.claim)), parameter: plotParameter ?? varied.first ?? "seed", to: plots)
    }
    print(evaluation.report(format))
    try evaluation.exitWithItsStatus()
  }
}
