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
    commandName: "figure", abstract: "Reproduce figures.", subcommands: [StepSize.self, Steps.self, Correlation.self])
}

struct StepSize: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "step-size",
    abstract: "ε of the unlearned model against the step size as a fraction c of β* (CSV and SVG).",
    discussion: """
      Reproduces the paper's figure on the deviation from the step size of Theorem 4.1: for c \
      from --from to --to, ε on the retain set with inherited and with re-fitted (exact NNLS) \
      multipliers, as enclosures, and the prediction ε(c) = |1−c| λ_r ‖x_r‖ (Σ_j a_j² g_rj²)^½ \
      of theorems/DERIVATIONS.md, two-layer.epsilon-versus-step-size. Writes step-size.csv and step-size.svg into --output.
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
    guard !options.forget.contains(",") else { throw ValidationError("figure step-size plots the one-point prediction: give one --forget index") }
    guard from.value < to.value else { throw ValidationError("--from must be below --to") }
  }

  /// The instance in the title: the model (its width as analysed, inferred from a user's
  /// first layer too), the data, the forgotten point and the start.
  func title(width: Int) -> String {
    let begin = options.weights.map { "start \(($0 as NSString).lastPathComponent)" } ?? (options.start == .trained ? "trained start" : "KKT start")
    let model = (options.setting == .twoLayer ? "two-layer m = \(width), γ = \(options.gamma?.value.description ?? "?")" : "linear") + ", " + begin
    let data = options.generator.map { "\($0.rawValue) n = \(options.n ?? 0), d = \(options.d ?? 0), seed \(options.seed ?? 0)" }
      ?? (options.data.map { ($0 as NSString).lastPathComponent } ?? "data")
    return "ε after one GA step: \(model); \(data); r = \(options.forget), \(options.loss.rawValue)"
  }

  func run() throws {
    let figure = try withExitCodes {
      // The margin problems and data products once; only the step is measured per point.
      guard let base = try options.analyse(step: .unit).measuredStep else {
        throw UnlearningError.badData("the instance has no KKT point to unlearn from (see `instance` for the reason)")
      }
      return try StepSizeFigure(from: from.value, to: to.value, points: points, title: title(width: base.start.model.blocks), step: base)
    }
    try createOutputDirectory(output)
    try writeOutput(figure.csv, to: output + "/step-size.csv")
    try writeOutput(figure.svg, to: output + "/step-size.svg")
    let flips = figure.rows.filter { $0.signStable == false }.count
    print("wrote \(output)/step-size.csv and \(output)/step-size.svg (\(points) points\(flips > 0 ? ", \(flips) with activation flips" : ""))")
  }
}

struct Steps: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "steps",
    abstract: "NegGrad as practice runs it: ε, τ and the forget margin after each of K ascent steps (CSV and SVG).",
    discussion: """
      K gradient-ascent steps on the forgotten points with a fixed learning rate η, in either \
      setting and for forget sets: θ_{t+1} = θ_t + η Σ_{r∈F} ∇ℓ(y_r N(x_r; θ_t)), every iterate in \
      the span of the data with its coefficients enclosed (ℓ' is transcendental), and each θ_t \
      measured by definition. For each --learning-rate, writes steps.csv (ε, ε_opt, τ, δ and the \
      largest forget margin with enclosures) and steps-epsilon.svg, steps-tau.svg and \
      steps-forget-margin.svg, marking where the forget margin reaches its value after the one \
      properly scaled step β = β* (ε = 0 there): beyond it the ascent overshoots.
      """
  )

  @OptionGroup var options: InstanceOptions

  @Option(help: "Number of ascent steps K.")
  var steps: Int = 20

  @Option(name: .customLong("learning-rate"), help: "A fixed learning rate η (exact); repeat for several.")
  var learningRates: [ExactNumber] = []

  @Option(help: "Output directory (created if missing).")
  var output: String

  func validate() throws {
    guard (1...10000).contains(steps) else { throw ValidationError("--steps must be in 1...10000") }
    guard !learningRates.isEmpty else { throw ValidationError("give at least one --learning-rate") }
    guard learningRates.count <= 6 else { throw ValidationError("at most 6 learning rates") }
    guard learningRates.allSatisfy({ $0.value.signum > 0 }) else { throw ValidationError("--learning-rate must be positive") }
  }

  func run() throws {
    let data = options.generator.map { "\($0.rawValue) n = \(options.n ?? 0), d = \(options.d ?? 0), seed \(options.seed ?? 0)" }
      ?? (options.data.map { ($0 as NSString).lastPathComponent } ?? "data")
    let model = options.setting == .linear ? "linear" : "two-layer m = \(options.width ?? 0), γ = \(options.gamma?.value ?? Rational())"
    let title = "K ascent steps with a fixed learning rate: \(model); \(data); F = {\(options.forget)}, \(options.loss.rawValue)"
    let figure = try withExitCodes { () throws -> StepsFigure in
      guard let base = try options.analyse(step: .unit).measuredStep else {
        throw UnlearningError.badData("the instance has no starting point to unlearn from")
      }
      return try StepsFigure(learningRates: learningRates.map(\.value), steps: steps, title: title, step: base)
    }
    try createOutputDirectory(output)
    try writeOutput(figure.csv, to: output + "/steps.csv")
    try writeOutput(figure.epsilonSVG, to: output + "/steps-epsilon.svg")
    try writeOutput(figure.tauSVG, to: output + "/steps-tau.svg")
    try writeOutput(figure.forgetMarginSVG, to: output + "/steps-forget-margin.svg")
    for eta in learningRates.map(\.value) {
      print("η = \(eta): " + (figure.overshoot(eta).map { "the forget margin passes its one-step β* value after \($0) steps" }
        ?? "the forget margin stays above its one-step β* value in \(steps) steps"))
    }
    print("wrote \(output)/steps.csv, steps-epsilon.svg, steps-tau.svg and steps-forget-margin.svg")
  }
}
