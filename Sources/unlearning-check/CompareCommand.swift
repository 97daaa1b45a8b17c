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
      the certified (ε, δ, τ) of the user's unlearned model on the retained data.

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

  @Option(help: "Data matrix X (n × d) as .npy.")
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
    do {
      _ = try ForgetSet.parse(forget)
    } catch {
      throw ValidationError("--forget: \(error)")
    }
  }

  /// A weight vector from a length-d or 1×d array, exactly.
  func vector(_ path: String) throws -> (exact: [Rational], doubles: [Double]) {
    let array = try ArrayFile.read(path)
    guard array.shape.count == 1 || (array.shape.count == 2 && array.shape[0] == 1) else {
      throw UnlearningError.badFile(path, "weights must be a length-d vector or a 1×d array, got shape \(array.shape)")
    }
    let doubles: [Double]
    switch array.elements {
    case .floats(let values): doubles = values
    case .integers(let values): doubles = values.map(Double.init)
    }
    return (try UnlearningError.naming(path) { try (0..<array.count).map { try array.exactElement($0) } }, doubles)
  }

  /// An m×d first layer, exactly and as doubles.
  func layer(_ path: String) throws -> (exact: [[Rational]], doubles: [[Double]]) {
    let array = try ArrayFile.read(path)
    guard array.shape.count == 2 else {
      throw UnlearningError.badFile(path, "two-layer weights must be an m×d array, got shape \(array.shape)")
    }
    let (m, d) = (array.shape[0], array.shape[1])
    let doubles: [Double]
    switch array.elements {
    case .floats(let values): doubles = values
    case .integers(let values): doubles = values.map(Double.init)
    }
    let exact = try UnlearningError.naming(path) { try (0..<m).map { j in try (0..<d).map { try array.exactElement(j * d + $0) } } }
    return (exact, (0..<m).map { j in Array(doubles[(j * d)..<((j + 1) * d)]) })
  }

  /// The errors and certified residuals of either setting.
  struct Outcome {
    var errors: FloatErrors
    var startResidual2: Rational?
    var epsilon2: Rational
    var delta: Value
    var tau: Value
    var patternMismatches: Int?
  }

  /// The parsed --forget (checked against n by the comparison).
  func forgetSet() throws -> [Int] { try ForgetSet.parse(forget) }

  func compare(_ rule: StepRule) throws -> Outcome {
    try withExitCodes {
      let instance = try Instance(dataFile: data, labelFile: labels)
      switch setting {
      case .linear:
        let start = try vector(weights), result = try vector(unlearned)
        let c = try LinearComparison(instance: instance, weights: start.exact, unlearned: result.doubles, forgetSet: try forgetSet(), loss: loss, step: rule)
        return Outcome(errors: c.errors, startResidual2: c.startResidual2, epsilon2: c.epsilon2, delta: .exact(c.delta), tau: .exact(c.tau))
      case .twoLayer:
        let start = try layer(weights), result = try layer(unlearned)
        let c = try TwoLayerComparison(instance: instance, weights: start.exact, unlearned: result.doubles, forgetSet: try forgetSet(),
                                       gamma: gamma!.value, loss: loss, step: rule)
        return Outcome(errors: c.errors, epsilon2: c.epsilon2, delta: c.delta, tau: c.tau, patternMismatches: c.patternMismatches)
      }
    }
  }

  /// An entry's position: "entry k" for a weight vector, "(neuron j, coordinate k)" for a first layer.
  func position(_ index: Int) -> String {
    guard setting == .twoLayer, let d = try? ArrayFile.read(data).shape.last, d > 0 else { return "entry \(index)" }
    return "neuron \(index / d), coordinate \(index % d)"
  }

  func run() throws {
    let rule: StepRule = step.map { .explicit($0.value) } ?? .scaled(stepScale?.value ?? Rational(1))
    let comparison = try compare(rule)
    let e = comparison.errors
    let normwise = e.normwiseRelative ?? e.maximumAbsolute
    let withinNorm = Relation.compare(normwise, .lessOrEqual, .exact(tolerance.value), precision: Interval.defaultPrecision)
    let withinUlps = maxUlps.map { e.maximumUlps <= $0 } ?? true
    let within = withinNorm == true && withinUlps
    let epsilon = try withExitCodes { try Value.squareRoot(.exact(comparison.epsilon2), precision: Interval.defaultPrecision) }
    switch format {
    case .json:
      let document = JSON.object([
        .init("schema_version", .integer(1)), .init("tool_version", .string(ToolVersion.string)),
        .init("setting", .string(setting.rawValue)),
        .init("max_abs_error", .enclosure(e.maximumAbsolute)),
        .init("max_rel_error", e.maximumRelative.map(JSON.enclosure) ?? .null),
        .init("normwise_rel_error", .enclosure(normwise)),
        .init("max_ulps", .number(String(e.maximumUlps))),
        .init("worst_index", .integer(e.worstIndex)),
        .init("tolerance", .string(tolerance.value.description)),
        .init("max_ulps_allowed", maxUlps.map { .number(String($0)) } ?? .null),
        .init("within_tolerance", withinNorm == nil ? .null : .bool(within)),
        .init("within_normwise", withinNorm.map(JSON.bool) ?? .null), .init("within_ulps", .bool(withinUlps)),
        .init("worst_position", .string(position(e.worstIndex))),
        .init("start_epsilon", try comparison.startResidual2.map { r in .enclosure(try withExitCodes { try Value.squareRoot(.exact(r), precision: 128) }) } ?? .null),
        .init("epsilon", .enclosure(epsilon)),
        .init("delta", .enclosure(comparison.delta)),
        .init("tau", .enclosure(comparison.tau)),
        .init("activation_mismatches", comparison.patternMismatches.map { .integer($0) } ?? .null),
      ])
      print(document.rendered(pretty: true))
    case .text:
      print("max abs error  \(e.maximumAbsolute.textRendering(precision: 64))")
      print("max rel error  \(e.maximumRelative?.textRendering(precision: 64) ?? "-")")
      let ulpVerdict = maxUlps.map { withinUlps ? "; allowed \($0): within" : "; allowed \($0): OUTSIDE" } ?? ""
      print("max error      \(e.maximumUlps) ulps (\(position(e.worstIndex)))\(ulpVerdict)")
      print("               (ulps count against the correctly rounded exact value: an entry that nearly cancels")
      print("               has a tiny ulp, so many ulps there can still be a tiny absolute error)")
      let normVerdict = withinNorm == nil ? "undecided" : withinNorm! ? "within" : "OUTSIDE"
      print("normwise error \(normwise.textRendering(precision: 64)); tolerance \(tolerance.value.decimalString(significantDigits: 6, rounding: .up)): \(normVerdict)")
      if withinNorm != nil { print("verdict        \(within ? "within tolerance" : "OUTSIDE: " + [withinNorm! ? nil : "the normwise error", withinUlps ? nil : "the ulp check"].compactMap { $0 }.joined(separator: " and "))") }
      print("your unlearned model on the retained data (certified, exact NNLS multipliers):")
      print("  epsilon \(epsilon.textRendering(precision: 64))")
      print("  delta   \(comparison.delta.textRendering(precision: 64))")
      print("  tau     \(comparison.tau.textRendering(precision: 64))")
      if let mismatches = comparison.patternMismatches {
        print("activation patterns: \(mismatches == 0 ? "match the exact step" : "\(mismatches) pairs (i, j) differ from the exact step")")
      }
    }
    if withinNorm == nil { throw ExitCode(ExitStatus.inconclusive) }
    if !within { throw ExitCode(ExitStatus.refuted) }
  }
}
