//===--- SearchCommand.swift ----------------------------------------------===//
// `unlearning-check search`: the instances where a claim is tightest, or false.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Claims
import Foundation
import Formats
import Unlearning

struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search the data for the instances where a claim is tightest, or false.",
    discussion: """
      Maximises measured/bound (bound/measured for ≥; the implied constant for a claim with a free \
      constant) over the data X on the generator's dyadic grid, the labels and the forgotten point \
      or set, the step scale c (unless the claim or --step-scale fixes it) and γ (unless --gamma \
      fixes it), by a seeded (1 + 4) evolution strategy with restarts from fresh draws. Every \
      evaluation is exact and counts against --budget; a candidate whose hypotheses fail is not an \
      instance of the claim and never counts. A verified violation ends the search: REFUTED, with \
      its witness. With --output DIR the best instance is kept (DIR/X.npy, DIR/y.npy, its \
      certificate, the replaying `instance` command) with DIR/search.svg, the best ratio against \
      evaluations beside as many random draws. Progress on standard error. Exit codes: 0 PROVED on \
      every counted instance; 1 REFUTED; 2 INCONCLUSIVE; 64 usage error; 65 bad input; 73/74 output.
      """
  )

  @Argument(help: "The claim's id (unlearning-check list).")
  var claim: String?

  @Flag(help: "Search every inequality claim of the setting (one search each, with random draws beside) and print the table.")
  var all = false

  @Flag(help: "With --all, also give the regime suite's tightest instance of each claim (runs the regime suite once).")
  var regime = false

  @OptionGroup var catalog: CatalogOptions
  @OptionGroup var progressOptions: ProgressOptions

  @Option(help: "The setting: linear or two-layer.")
  var setting: SettingName = .linear

  @Option(help: "Hidden width m (two-layer; even; default 4).")
  var width: Int?

  @Option(parsing: .unconditional, help: "Fix the leak γ ∈ [0, 1) (two-layer; exact, 0 is ReLU); by default it moves with the search from 1/2.")
  var gamma: ExactNumber?

  @Option(help: "The generator of the first draws and the restarts: nearly-orthogonal, correlated or two-block.")
  var generator: InstanceGenerator = .nearlyOrthogonal

  @Option(help: "Number of points.")
  var n: Int = 10

  @Option(help: "Dimension.")
  var d: Int = 1000

  @Option(help: "Entries are multiples of 2^-k.")
  var gridBits: Int?

  @Option(parsing: .unconditional, help: "Correlation ρ of the correlated and two-block generators (exact).")
  var correlation: ExactNumber?

  @Option(parsing: .unconditional, help: "Fix the forgotten point (or set, 0,3,7); by default it moves with the search.")
  var forget: String?

  @Option(help: "Forget a set of this size, moving with the search (default: one point).")
  var forgetSize: Int?

  @Option(help: "Training loss: logistic or exponential.")
  var loss: Loss = .logistic

  @Option(parsing: .unconditional, help: "Fix the step β = c·β* (exact); by default c moves with the search from 1, for a claim whose hypotheses do not fix it.")
  var stepScale: ExactNumber?

  @Option(help: "Starting point: kkt or trained.")
  var start: StartOption = .kkt

  @Option(help: "Exact evaluations (1...100000).")
  var budget: Int = 200

  @Option(parsing: .unconditional, help: "Seed of the search and of its first draw.")
  var seed: UInt64 = 1

  @Option(help: "Keep the best instance, its certificate and the plot in this directory.")
  var output: String?

  @Flag(help: "Also evaluate --budget random draws, for reference (on by default with --output).")
  var randomBaseline = false

  @Option(help: "Report format: text or json.")
  var format: SearchFormat = .text

  enum SearchFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

  /// The instance fields of the search's spec, named by their flags.
  func fields() -> InstanceFields {
    var values: [String: InstanceFields.Value] = [
      "name": .text("search"), "setting": .text(setting.rawValue), "generator": .text(generator.rawValue), "n": .text(String(n)),
      "d": .text(String(d)), "seed": .text(String(seed)), "loss": .text(loss.rawValue), "start": .text(start.rawValue),
    ]
    let given: [(String, String?)] = [
      ("width", width.map(String.init) ?? (setting == .twoLayer ? "4" : nil)),
      ("gamma", gamma?.value.description ?? (setting == .twoLayer ? "1/2" : nil)), ("grid_bits", gridBits.map(String.init)),
      ("correlation", correlation?.value.description), ("forget", forget), ("forget_size", forgetSize.map(String.init)),
      ("step_scale", stepScale?.value.description),
    ]
    for case let (key, value?) in given { values[key] = .text(value) }
    return InstanceFields(values, naming: { "--" + $0.replacingOccurrences(of: "_", with: "-") })
  }

  func validate() throws {
    if all == (claim != nil) { throw ValidationError("give a claim's id, or --all") }
    if regime && !all { throw ValidationError("--regime applies to --all") }
    if all && output != nil { throw ValidationError("--output keeps one search's best instance; it does not apply to --all") }
  }

  func run() throws {
    let spec: InstanceSpec
    do {
      spec = try fields().spec()
    } catch let problem as InstanceFields.Problem {
      throw failure(problem.message, code: ExitStatus.usage)
    }
    let claims = try catalog.load()
    if all { return try survey(claims, spec: spec) }
    guard let claim = claims.claims.first(where: { $0.id == self.claim }) else {
      throw failure("no claim '\(self.claim!)' in the catalog (unlearning-check list names them)", code: ExitStatus.usage)
    }
    if let output { try createOutputDirectory(output) }
    var request = ClaimSearch.Request(claim: claim, spec: spec, budget: budget, seed: seed, freeForget: forget == nil,
                                      randomBaseline: randomBaseline || output != nil, referenceSuite: .standard)
    (request.freeScale, request.freeGamma) = (stepScale == nil, gamma == nil && setting == .twoLayer)
    let search = try withExitCodes { try ClaimSearch(request, progress: Self.progress(progressOptions.line())) }
    if let output { try withExitCodes { try search.writeBest(to: output, toolVersion: ToolVersion.string) } }
    switch format {
    case .text: print(search.text(directory: output))
    case .json: print(search.json(toolVersion: ToolVersion.string, directory: output).rendered(pretty: true))
    }
    switch search.verdict {
    case .refuted: throw ExitCode(ExitStatus.refuted)
    case .inconclusive: throw ExitCode(ExitStatus.inconclusive)
    case .error: throw failure("no candidate could be analysed", code: ExitStatus.dataError)
    default: return
    }
  }

  /// `search --all`: the table, and the status of its worst verdict.
  func survey(_ claims: Catalog, spec: InstanceSpec) throws {
    var progress: (@Sendable (Int, Int, String) -> Void)? = nil
    if let line = progressOptions.line() {
      progress = { (k: Int, total: Int, id: String) in line.show("[\(k)/\(total)] searching \(id)", final: k == total) }
    }
    let survey = try withExitCodes {
      try SearchSurvey(catalog: claims, spec: spec, budget: budget, seed: seed, freeForget: forget == nil, freeScale: stepScale == nil,
                       freeGamma: gamma == nil && setting == .twoLayer, references: [.standard] + (regime ? [.regime] : []), progress: progress)
    }
    switch format {
    case .text: print(survey.markdown)
    case .json: print(survey.json(toolVersion: ToolVersion.string).rendered(pretty: true))
    }
    let verdicts = Set(survey.rows.map(\.search.verdict))
    if verdicts.contains(.refuted) { throw ExitCode(ExitStatus.refuted) }
    if verdicts.contains(.inconclusive) { throw ExitCode(ExitStatus.inconclusive) }
  }

  /// `[k/K] best …` on standard error (``ProgressLine``).
  static func progress(_ line: ProgressLine?) -> (@Sendable (Int, Int, Double?) -> Void)? {
    guard let line else { return nil }
    return { done, total, best in
      let shown = best.map { $0.isFinite ? String(format: "%.6g", $0) : "inf" } ?? "-"
      line.show("[\(done)/\(total)] best \(shown)", final: done >= total)
    }
  }
}
