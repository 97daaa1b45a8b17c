//===--- InstanceCommand.swift --------------------------------------------===//
// `unlearning-check instance`: analyse one instance exactly.
//===----------------------------------------------------------------------===//

import ArgumentParser
import Bounds
import Claims
import Exact
import Formats
import Foundation
import Unlearning

/// A rational command-line value, parsed exactly ("1/3", "0.1", "1e-3").
struct ExactNumber: ExpressibleByArgument {
  var value: Rational
  init?(argument: String) {
    guard let value = try? Rational(parsing: argument) else { return nil }
    self.value = value
  }

  /// The default as help shows it: the exact decimal when there is a short one (1e-12), else p/q.
  var defaultValueDescription: String {
    let up = value.decimalString(significantDigits: 17, rounding: .up)
    return up == value.decimalString(significantDigits: 17, rounding: .down) ? up : value.description
  }
}

enum SettingName: String, ExpressibleByArgument, CaseIterable {
  case linear
  case twoLayer = "two-layer"
}

/// `--expect`: the margin problem's expected outcome.
enum Separability: String, ExpressibleByArgument, CaseIterable {
  case separable
  case notSeparable = "not-separable"
}

/// `--start`: the exact KKT point or gradient descent (a user's weights come with `--weights`).
enum StartOption: String, ExpressibleByArgument, CaseIterable {
  case kkt, trained

  /// The starting point, with --weights when given.
  func startingPoint(weights: String?) -> StartingPoint { weights.map(StartingPoint.weights) ?? (self == .trained ? .trained : .kkt) }
}

extension Loss: ExpressibleByArgument {}
extension ParameterForm: ExpressibleByArgument {}
extension InstanceGenerator: ExpressibleByArgument {}

/// The options that choose and build one instance (shared by `instance` and `figure`).
struct InstanceOptions: ParsableArguments {
  @Option(help: "The setting: linear or two-layer.")
  var setting: SettingName

  @Option(help: "Hidden width m (two-layer; even; with --weights, the first layer's rows by default).")
  var width: Int?

  @Option(parsing: .unconditional, help: "Leak γ ∈ [0, 1) of φ(z) = max(γz, z) (two-layer; exact, 0 is ReLU).")
  var gamma: ExactNumber?

  @Option(help: "Starting point: kkt (the exact KKT point; Frei-structured for two layers) or trained (gradient descent in float64, normalized to margin 1, multipliers by exact NNLS).")
  var start: StartOption = .kkt

  @Option(help: "Start from these weights (.npy, .npz:NAME or .safetensors:NAME; linear: d values, two-layer: the m × d first layer), normalized to margin 1 with multipliers by exact NNLS.")
  var weights: String?

  @Option(help: "Data matrix X (n × d): .npy, .npz:NAME, a scipy.sparse .npz (read densely) or .safetensors:NAME.")
  var data: String?

  @Option(help: "Labels y (length n, ±1) as .npy.")
  var labels: String?

  @Option(help: "Generator: nearly-orthogonal, gaussian-mixture (Frei et al.'s P_opp, means ±‖μ‖e₁), two-clusters (orthogonal means ‖μ‖e₁ and ‖μ‖e₂, meeting their (CL4)), correlated or two-block.")
  var generator: InstanceGenerator?

  @Option(help: "Number of points (generator).")
  var n: Int?

  @Option(help: "Dimension (generator).")
  var d: Int?

  @Option(parsing: .unconditional, help: "Random seed (generator; for data files, a trained start's initialization). Default 0.")
  var seed: UInt64?

  @Option(help: "Entries are multiples of 2^-k (generator). Default 16.")
  var gridBits: Int?

  @Option(parsing: .unconditional, help: "‖μ‖ of the Gaussian mixture or of each of the two clusters' means (exact, e.g. 30 or 5/2).")
  var muNorm: ExactNumber?

  @Option(parsing: .unconditional, help: "Label-noise rate η of the Gaussian mixture or the two clusters (exact).")
  var labelNoise: ExactNumber?

  @Option(parsing: .unconditional, help: "Correlation ρ ∈ [0, 1) of the correlated generator (within a class) or of the two-block one (a forget point with its retained partner) (exact).")
  var correlation: ExactNumber?

  @Option(parsing: .unconditional, help: "0-based index r of the point to forget, or a set forgotten in one step: 0,3,7.")
  var forget: String

  @Option(help: "Training loss: logistic or exponential.")
  var loss: Loss = .logistic

  @Option(help: "How the linear weights are held, exactly either way: span (coefficients on the data rows, inner products through the Gram matrix: O(n²) per vector), explicit (vectors in ℚᵈ: O(n·d)), or auto (span for a KKT start with d > n).")
  var parameters: ParameterForm = .automatic

  /// Every check is the decoder's (``InstanceFields``), in the flags' names.
  func validate() throws {
    do {
      _ = try fields(step: nil).spec()
    } catch let problem as InstanceFields.Problem {
      throw ValidationError(problem.message)
    }
  }

  /// The options as instance fields, each named by its flag.
  func fields(step rule: StepRule?) -> InstanceFields {
    var values: [String: InstanceFields.Value] = [
      "name": .text("instance"), "setting": .text(setting.rawValue), "start": .text(start.rawValue), "forget": .text(forget),
      "loss": .text(loss.rawValue),
    ]
    let given: [(String, String?)] = [
      ("width", width.map(String.init)), ("gamma", gamma?.value.description), ("weights", weights), ("data", data), ("labels", labels),
      ("generator", generator?.rawValue), ("n", n.map(String.init)), ("d", d.map(String.init)), ("seed", seed.map(String.init)),
      ("grid_bits", gridBits.map(String.init)), ("mu_norm", muNorm?.value.description), ("label_noise", labelNoise?.value.description),
      ("correlation", correlation?.value.description), ("parameters", parameters == .automatic ? nil : parameters.rawValue),
    ]
    for case let (key, value?) in given { values[key] = .text(value) }
    switch rule {
    case .scaled(let c)?: values["step_scale"] = .text(c.description)
    case .explicit(let beta)?: values["step"] = .text(beta.description)
    case nil: break
    }
    return InstanceFields(values, naming: { "--" + $0.replacingOccurrences(of: "_", with: "-") })
  }

  /// The instance these options describe, as a suite would describe it.
  func spec(step rule: StepRule) throws -> InstanceSpec {
    do {
      return try fields(step: rule).spec()
    } catch let problem as InstanceFields.Problem {
      throw ValidationError(problem.message)
    }
  }

  /// Builds and analyses the instance with a step rule (through the suites'
  /// construction path); errors become one-line messages with exit code 64
  /// (parameters) or 65 (data).
  func analyse(step rule: StepRule) throws -> any InstanceAnalysis {
    try withExitCodes { try spec(step: rule).analyse() }
  }
}

struct InstanceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "instance",
    abstract: "Analyse one instance: KKT point, one gradient-ascent step, residuals, retraining.",
    discussion: """
      Data come from .npy files (--data X.npy --labels y.npy; float64 values are read exactly) \
      or from a seeded generator (--generator nearly-orthogonal|gaussian-mixture|two-clusters --n N --d D \
      --seed S). --forget is a 0-based row index. The step is β = c·β* with β* = λ_r/|ℓ'(q_r)| \
      (--step-scale c, default 1) or an explicit --step β. --forget 0,3,7 forgets a set F in one \
      step, β_r = c·β*_r for each r ∈ F, measured on S∖F and against retraining on S∖F.

      Exit codes: 0 analysed; 64 usage error; 65 bad input data (unreadable or malformed \
      files, NaN, wrong shapes, labels other than ±1, non-separable data).
      """
  )

  @OptionGroup var options: InstanceOptions

  @Option(parsing: .unconditional, help: "Step as a multiple c of β* (exact, default 1).")
  var stepScale: ExactNumber?

  @Option(parsing: .unconditional, help: "Explicit step size β (exact).")
  var step: ExactNumber?

  @Option(help: "Working precision in bits for enclosures.")
  var precision: Int = Interval.defaultPrecision

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @Option(help: "Write the instance, the exact KKT point and the exact unlearned model (.npy and exact.json) to a directory.")
  var save: String?

  @Option(help: "Write a certificate of the verdicts (DIR/instance.json and its .npy data) for Scripts/check-certificate.py.")
  var certificate: String?

  @OptionGroup var ascent: AscentOptions

  @Option(help: "State whether the data are separable through the origin (linear): the margin problem's outcome is then checked against it by the separability claims (Farkas weights verified against X) instead of being an error.")
  var expect: Separability?

  @OptionGroup var catalog: CatalogOptions
  @OptionGroup var progressOptions: ProgressOptions

  func validate() throws {
    if stepScale != nil && step != nil { throw ValidationError("give --step-scale or --step, not both") }
    if expect != nil, options.setting != .linear { throw ValidationError("--expect is for the linear setting (its margin problem)") }
    try validatePrecision(precision, flag: "--precision")
  }

  /// From --precision bits up to the common cap.
  var policy: PrecisionPolicy { PrecisionPolicy(startingAt: precision) }

  func run() throws {
    let rule: StepRule = step.map { .explicit($0.value) } ?? .scaled(stepScale?.value ?? Rational(1))
    let progress = PhaseProgress(progressOptions.line())
    var spec = try options.spec(step: rule)
    // Claims on several steps read the run too.
    if let request = ascent.request { spec.ascentPlan = .init(steps: request.steps, learningRate: request.learningRate, retainDescent: request.retainDescent) }
    spec.expectedSeparable = expect.map { $0 == .separable }
    let analysis = try PhaseTimer.measure("analysis") { try withExitCodes { try spec.analyse() } }
    if let warning = analysis.instance.labelWarning { warn(warning) }
    let loaded = try loadCatalog()
    // An activation sign undecided at the requested precision raises it, as claims do; exit 2 at the cap.
    let report = try withExitCodes {
      try InstanceReport(analysis: analysis, setting: options.setting.rawValue, policy: policy, catalog: loaded, ascent: ascent.request)
    }
    report.warnings.forEach(warn)
    if let save {
      try createOutputDirectory(save)
      try withExitCodes { try SavedInstance.save(analysis, to: save) }
      writeStandardError("unlearning-check: saved the instance to \(save)\n")
    }
    if let certificate {
      let made = try withExitCodes { try report.certificate(command: spec.commandLine, catalogSHA256: loaded?.sha256) }
      writeStandardError(try writeCertificates([made], skipped: [], to: certificate))
    }
    progress.stop()
    switch format {
    case .json: print(report.json(toolVersion: ToolVersion.string))
    case .text: print(report.text)
    }
  }

  /// The catalog, or nil (with a note on standard error) when none was given and none is found.
  func loadCatalog() throws -> Catalog? {
    if catalog.theorems == nil && !FileManager.default.fileExists(atPath: catalog.directory()) {
      writeStandardError("unlearning-check: note: no claim catalog found; pass --theorems DIR to evaluate claims\n")
      return nil
    }
    return try catalog.load()
  }
}

/// `--steps K --learning-rate η [--retain-descent]`: several fixed-rate steps (``AscentRun``).
struct AscentOptions: ParsableArguments {
  @Option(help: "Also run K ascent steps with a fixed --learning-rate (NegGrad as practice runs it), and report every step.")
  var steps: Int?

  @Option(parsing: .unconditional, help: "The fixed learning rate η of --steps (exact).")
  var learningRate: ExactNumber?

  @Flag(help: "With --steps: descend on the mean loss of the retained data in the same update (gradient difference).")
  var retainDescent = false

  /// The steps asked for, if any.
  var request: InstanceReport.Ascent? {
    guard let steps, let learningRate else { return nil }
    return InstanceReport.Ascent(steps: steps, learningRate: learningRate.value, retainDescent: retainDescent)
  }

  func validate() throws {
    if (steps == nil) != (learningRate == nil) { throw ValidationError("--steps and --learning-rate go together") }
    if retainDescent && steps == nil { throw ValidationError("--retain-descent needs --steps and --learning-rate") }
    if let steps, !(1...100_000).contains(steps) { throw ValidationError("--steps must be in 1...100000") }
    if let learningRate, learningRate.value.signum <= 0 { throw ValidationError("--learning-rate must be positive") }
  }
}
