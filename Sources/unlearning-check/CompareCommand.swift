//===--- CompareCommand.swift ---------------------------------------------===//
// `unlearning-check compare`: a user's float unlearning step against the exact one.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Exact
import Formats
import Foundation
import Unlearning

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare a float gradient-ascent unlearning step with the exact one from the same weights.",
    discussion: """
      Reads the data, the user's starting weights and the user's unlearned weights exactly \
      (every float64 is a dyadic rational), computes the exact unlearning step from the starting \
      weights, and reports the unlearned weights' maximum absolute, relative and ulp errors, and \
      the certified (ε, δ, τ) of the user's unlearned model on the retained data,
      beside the exact step's. Both are read at the user's scale and at margin 1:
      ρ = min_i y_i N(x_i; θ) is the start's smallest margin, and the theory's
      (ε, δ, τ) are those of θ'/ρ (at the user's scale τ is 0 whenever ρ ≫ 1).
      β* is given at both scales, with the effective β of the user's update. A
      forgotten point that is no support vector (β* = 0) and retained points
      the result misclassifies are warned.

      Linear weights are a length-d vector or a 1×d array; two-layer weights are the m×d first \
      layer, with outer weights +1/√m for the first m/2 neurons and −1/√m for the rest (give \
      --gamma). With --step-scale c (default 1) the step is c·β*, β* = λ_r/|ℓ'(q_r)| with λ the \
      multipliers of the starting weights (exact NNLS); with --step β it is explicit. For two \
      layers the report also counts activation patterns that differ from the exact step's.

      The result passes when its normwise relative error max_k|u_k − v_k| / max_k|v_k| is at most \
      --tolerance (default 1e-12), and, if --max-ulps is given, every entry is within that many \
      ulps of the correctly rounded exact value. Entries of the unlearned weights that nearly \
      cancel can have large ulp errors in a correct float64 pipeline, so ulps are reported for \
      information and enforced only on request.

      Exit codes: 0 within tolerance; 1 outside it; 2 undecided; 64 usage error; 65 bad input.
      """
  )

  @Option(help: "The setting: linear or two-layer.")
  var setting: SettingName

  @Option(parsing: .unconditional, help: "Leak γ of φ(z) = max(γz, z) (two-layer; exact, 0 is ReLU).")
  var gamma: ExactNumber?

  @Option(help: "The outer layer's signs (two-layer): halves (+ for the first m/2 neurons, − after), alternating (+, −, +, …), a comma list of ±1, or a .npy of m values whose signs are taken (e.g. the outer weights).")
  var outerSigns: String = "halves"

  @Option(help: "Data matrix X (n × d): .npy, .npz:NAME, a scipy.sparse .npz (read densely) or .safetensors:NAME.")
  var data: String

  @Option(help: "Labels y (length n, ±1) as .npy.")
  var labels: String

  @Option(help: "Starting weights as .npy (length d, or 1 × d).")
  var weights: String

  @Option(help: "The user's unlearned weights as .npy (same shape).")
  var unlearned: String

  @Option(parsing: .unconditional, help: "0-based index r of the forgotten point, or a set forgotten in one step: 0,3,7.")
  var forget: String

  @Option(help: "Training loss: logistic or exponential.")
  var loss: Loss = .logistic

  @Option(parsing: .unconditional, help: "Step as a multiple c of β* (exact, default 1).")
  var stepScale: ExactNumber?

  @Option(parsing: .unconditional, help: "Explicit step size β (exact).")
  var step: ExactNumber?

  @Option(parsing: .unconditional, help: "Largest acceptable normwise relative error (exact decimal).")
  var tolerance: ExactNumber = ExactNumber(argument: "1e-12")!

  @Option(help: "Largest acceptable error of any entry in ulps (optional).")
  var maxUlps: UInt64?

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func validate() throws {
    guard tolerance.value.signum >= 0 else { throw ValidationError("--tolerance must be non-negative") }
    if stepScale != nil && step != nil { throw ValidationError("give --step-scale or --step, not both") }
    if setting == .twoLayer && gamma == nil { throw ValidationError("--setting two-layer needs --gamma") }
    if setting == .linear && gamma != nil { throw ValidationError("--gamma applies to --setting two-layer") }
    if setting == .linear && outerSigns != "halves" { throw ValidationError("--outer-signs applies to --setting two-layer") }
    do {
      _ = try ForgetSet.parse(forget)
    } catch {
      throw ValidationError("--forget: \(error)")
    }
  }

  func run() throws {
    let rule: StepRule = step.map { .explicit($0.value) } ?? .scaled(stepScale?.value ?? Rational(1))
    let comparison = try withExitCodes {
      try Comparison(data: data, labels: labels, weights: weights, unlearned: unlearned,
                     setting: setting == .linear ? .linear : .twoLayer(gamma: gamma!.value, outerSigns: try OuterSignLayout(parsing: outerSigns)),
                     forgetSet: try ForgetSet.parse(forget),
                     loss: loss, step: rule, tolerance: tolerance.value, maximumUlps: maxUlps)
    }
    comparison.labelNote.map(warn)
    switch format {
    case .json: print(try withExitCodes { try comparison.json(toolVersion: ToolVersion.string) }.rendered(pretty: true))
    case .text: print(try withExitCodes { try comparison.text() })
    }
    switch comparison.verdict {
    case .within: return
    case .outside: throw ExitCode(ExitStatus.refuted)
    case .undecided: throw ExitCode(ExitStatus.inconclusive)
    }
  }
}
