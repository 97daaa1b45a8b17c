//===--- CorrelationFigureCommand.swift -----------------------------------===//
// `unlearning-check figure correlation`: where near-orthogonality stops holding.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Exact
import Formats
import Foundation
import Unlearning

struct Correlation: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "correlation",
    abstract: "τ, δ, ε and every claim's verdict against the data's correlation ρ (CSV and SVG).",
    discussion: """
      One instance per ρ in --correlations, from the correlated or two-block generator (the \
      dependence of Mavrothalassitis et al., "Ascent Fails to Forget"), with the same n, d, \
      seed and forget set. Writes correlation.csv, correlation.svg (τ, δ, ε after one step \
      c·β*, and after --steps K at --learning-rate η when given) and verdicts.svg (PROVED, \
      VACUOUS, REFUTED for every applicable claim at every ρ). A REFUTED verdict is printed \
      with its witness, the command that re-runs the instance.
      """
  )

  @OptionGroup var options: InstanceOptions

  @Option(help: "The correlations ρ ∈ [0, 1), comma-separated exact numbers: 0,1/20,1/10,1/5,2/5.")
  var correlations: String

  @Option(parsing: .unconditional, help: "Step as a multiple c of β* (exact, default 1).")
  var stepScale: ExactNumber?

  @OptionGroup var ascent: AscentOptions

  @Option(help: "Output directory (created if missing).")
  var output: String

  @OptionGroup var catalog: CatalogOptions
  @OptionGroup var progressOptions: ProgressOptions

  func parsedCorrelations() throws -> [Rational] {
    let items = correlations.split(separator: ",", omittingEmptySubsequences: false)
    guard (1...64).contains(items.count) else { throw ValidationError("--correlations takes 1 to 64 values") }
    return try items.map { item in
      guard let value = try? Rational(parsing: String(item).trimmingCharacters(in: .whitespaces)), value.signum >= 0, value < Rational(1) else {
        throw ValidationError("--correlations: '\(item)' is not an exact number in [0, 1)")
      }
      return value
    }
  }

  func validate() throws {
    guard options.generator == .correlated || options.generator == .twoBlock else {
      throw ValidationError("figure correlation needs --generator correlated or two-block")
    }
    if options.correlation != nil { throw ValidationError("give the correlations with --correlations, not --correlation") }
    _ = try parsedCorrelations()
  }

  func run() throws {
    let rule = StepRule.scaled(stepScale?.value ?? Rational(1))
    let base = try options.spec(step: rule)
    let values = try parsedCorrelations()
    let loaded = try catalog.load()
    guard case .generator(let generator, let parameters) = base.source else { throw failure("figure correlation needs a generator", code: ExitStatus.usage) }
    let specs = try values.map { rho -> InstanceSpec in
      var spec = base
      var p = parameters
      p.correlation = rho
      spec.source = .generator(generator, p)
      spec.name = "correlation-\(rho)"
      try withExitCodes { try spec.validate() }
      return spec
    }
    let title = "\(generator.rawValue), n = \(parameters.n), d = \(parameters.d), seed \(parameters.seed); \(ForgetSet.summary(base.forgetSet)), \(rule.description)"
    let line = progressOptions.line()
    let figure = try withExitCodes {
      try CorrelationFigure(
        correlations: values, spec: { rho in specs[values.firstIndex(of: rho)!] }, catalog: loaded,
        policy: PrecisionPolicy(), title: title, steps: ascent.steps, learningRate: ascent.learningRate?.value,
        retainDescent: ascent.retainDescent,
        progress: { done, total in
          line?.show("[\(done)/\(total)] correlations", final: done == total)
        })
    }
    try createOutputDirectory(output)
    try writeOutput(figure.csv, to: output + "/correlation.csv")
    try writeOutput(figure.quantitiesSVG, to: output + "/correlation.svg")
    try writeOutput(figure.verdictsSVG, to: output + "/verdicts.svg")
    for (claim, rho, command) in figure.refutations {
      print("REFUTED \(claim) at ρ = \(rho); witness: \(command)")
    }
    print("wrote \(output)/correlation.csv, correlation.svg and verdicts.svg (\(values.count) correlations, \(figure.claimIDs.count) claims)")
  }
}
