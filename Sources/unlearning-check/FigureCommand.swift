//===--- FigureCommand.swift ----------------------------------------------===//
// `unlearning-check figure step-size`: the paper's figure, reproduced.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Claims
import Exact
import Formats
import Foundation
import Unlearning

struct FigureCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "figure", abstract: "Reproduce figures.", subcommands: [StepSize.self])
}

struct StepSize: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "step-size",
    abstract: "ε of the unlearned model against the step size as a fraction c of β* (CSV and SVG).",
    discussion: """
      Reproduces the paper's figure on the deviation from the step size of Theorem 4.1: for c \
      from --from to --to, ε on the retain set with inherited and with re-fitted (exact NNLS) \
      multipliers, as enclosures, and the prediction ε(c) = |1−c| λ_r ‖x_r‖ (Σ_j a_j² g_rj²)^½ \
      of theory.md §F.2(b). Writes step-size.csv and step-size.svg into --output.
      """
  )

  @OptionGroup var options: InstanceOptions

  @Option(parsing: .unconditional, help: "First step scale c (exact).")
  var from: ExactNumber = ExactNumber(argument: "0")!

  @Option(parsing: .unconditional, help: "Last step scale c (exact).")
  var to: ExactNumber = ExactNumber(argument: "2")!

  @Option(help: "Number of points.")
  var points: Int = 41

  @Option(help: "Output directory (created if missing).")
  var output: String

  func validate() throws {
    guard (2...1001).contains(points) else { throw ValidationError("--points must be in 2...1001") }
    guard from.value < to.value else { throw ValidationError("--from must be below --to") }
  }

  func run() throws {
    // The instance in the title: the model, the data, the forgotten point and the start.
    let model = options.setting == .twoLayer
      ? "two-layer m = \(options.width ?? 0), γ = \(options.gamma?.value.description ?? "?"), \(options.start.rawValue) start" : "linear"
    let data = options.generator.map { "\($0.rawValue) n = \(options.n ?? 0), d = \(options.d ?? 0), seed \(options.seed)" }
      ?? (options.data.map { ($0 as NSString).lastPathComponent } ?? "data")
    let title = "ε after one GA step: \(model); \(data); r = \(options.forget), \(options.loss.rawValue)"
    let figure = try withExitCodes {
      // The margin problems and data products once; only the step is measured per point.
      guard let base = try options.analyse(step: .unit).measuredStep else {
        throw UnlearningError.badData("the instance has no KKT point to unlearn from (see `instance` for the reason)")
      }
      return try StepSizeFigure(from: from.value, to: to.value, points: points, title: title, step: base)
    }
    try createOutputDirectory(output)
    try writeOutput(figure.csv, to: output + "/step-size.csv")
    try writeOutput(figure.svg, to: output + "/step-size.svg")
    let flips = figure.rows.filter { $0.signStable == false }.count
    print("wrote \(output)/step-size.csv and \(output)/step-size.svg (\(points) points\(flips > 0 ? ", \(flips) with activation flips" : ""))")
  }
}
