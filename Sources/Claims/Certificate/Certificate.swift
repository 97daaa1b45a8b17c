//===--- Certificate.swift ------------------------------------------------===//
// A self-contained witness of one instance's verdicts, for a checker that
// shares no code with this package (Scripts/check-certificate.py).
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation
import Unlearning

/// The certificate of one analysed instance: what a small independent
/// checker needs to re-derive every verdict without trusting the tool.
///
/// It holds the data (an `.npy` file of int64 numerators over one
/// denominator, with its SHA-256), the labels, the model and step rule, and
/// the witnesses:
/// - θ in the span form v_k = base_k + Σ_i C_ki x_i (scaled coordinates
///   v_k = √m·w_k for networks), with the KKT multipliers λ (an exact KKT point:
///   the checker verifies C_ki = λ_i y_i s_k φ'(⟨v_k, x_i⟩), λ ≥ 0, margins ≥ 1
///   and λ_i(q_i − 1) = 0) or, for a trained start, the NNLS multipliers;
/// - the retrained KKT point on S∖{r} in the same form;
/// - the NNLS multipliers μ that attain ε_opt at θ';
/// - the update coefficient a = β ℓ'(q_r): exact for β = c·β*, else rational
///   bounds with the series that justifies them;
/// - every quantity the claims read, and each claim's hypotheses, statement,
///   constants and verdict.
/// The checker recomputes θ' and every quantity from these by definition.
public struct Certificate: Sendable {
  /// The format tag the checker requires.
  public static let format = "unlearning-check certificate 1"

  public var name: String
  public var document: JSON
  /// Files the certificate refers to, by name inside its directory.
  public var files: [(name: String, data: Data)]

  /// The quantities that are square roots of exact ones.
  static let squareRoots: [String: String] = [
    "epsilon": "epsilon2", "epsilon_rescaled": "epsilon_rescaled2", "epsilon_opt": "epsilon_opt2", "epsilon_start": "epsilon_start2",
    "norm_retrained": "norm_retrained2", "norm_rescaled": "norm_rescaled2", "distance_to_retrained": "distance_to_retrained2",
    "distance_rescaled_to_retrained": "distance_rescaled_to_retrained2",
  ]

  /// A file-name stem for an instance name (suite names may contain `/`).
  public static func stem(_ name: String) -> String {
    String(name.map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "_" })
  }

  /// Builds the certificate of `analysis`, with the claims' results on it.
  ///
  /// - Parameters:
  ///   - claims: the claim evaluations whose results include `name`; a claim
  ///     with a fitted constant is certified at the constant its verdict used.
  /// - Throws: ``UnlearningError`` when the data cannot be written exactly.
  public init(analysis: any InstanceAnalysis, name: String, command: String, claims: [ClaimEvaluation], table: QuantityTable,
              catalogSHA256: String?) throws {
    if analysis is SeparabilityOutcome {
      throw UnlearningError.badData("the instance measures its data's separability, not a step; the separability claims verify its Farkas weights against X")
    }
    let instance = analysis.instance
    let model = Self.model(of: analysis)
    self.name = name
    let data = try Self.dataSection(instance, name: name)
    files = [data.file]
    var start: StartSection? = nil, retrained = JSON.null, step: [JSON.Member] = []
    let forget: [Int], loss: Loss, rule: StepRule
    if let measured = analysis.measuredStep {
      (forget, loss, rule) = (measured.start.forgetSet, measured.loss, measured.step)
      start = try Self.startSection(measured.start, analysis: analysis, model: model, name: name)
      if let file = start?.file { files.append(file) }
      retrained = Self.retrainedSection(measured.start, model: model, table: table)
      step = try Self.stepSection(measured, model: model, table: table, start: start!)
    } else if let twoLayer = analysis as? TwoLayerUnlearning {
      // No start (the structured candidate is not a KKT point): the checker
      // re-derives that from the data, and the claims must be VACUOUS.
      (forget, loss, rule) = (twoLayer.forgetSet, twoLayer.loss, twoLayer.step)
    } else {
      throw UnlearningError.internalFailure("a linear instance without a starting point")
    }
    switch rule {
    case .scaled(let c): step = [.init("rule", .string("scaled")), .init("c", .string(c.description))] + step
    case .explicit(let beta): step = [.init("rule", .string("explicit")), .init("beta", .string(beta.description))] + step
    }
    if case .boolean(true)? = table[.runMeasured], case .scalar(.exact(let k))? = table[.runSteps],
       case .scalar(.exact(let eta))? = table[.runLearningRate], case .boolean(let retain)? = table[.runRetainDescent] {
      step.append(.init("run", .object([
        .init("steps", .integer(Int(k.description) ?? 0)), .init("learning_rate", .string(eta.description)), .init("retain_descent", .bool(retain)),
      ])))
    }
    let (claimJSON, read) = Self.claimSection(claims, name: name, table: table)
    var instanceMembers: [JSON.Member] = [
      .init("name", .string(name)), .init("command", .string(command)),
      .init("n", .integer(instance.count)), .init("d", .integer(instance.dimension)),
      ForgetSet.jsonMember(forget), .init("loss", .string(loss.rawValue)),
      .init("model", .object(Self.modelSection(analysis, model: model))),
    ]
    if let mixture = instance.mixture {
      instanceMembers.append(.init("mixture", .object([
        .init("mu_norm", .string(mixture.muNorm.description)), .init("label_noise", .string(mixture.labelNoise.description)),
        .init("means", .string(mixture.orthogonalMeans ? "orthogonal" : "opposite")),
        .init("mean", .string(mixture.orthogonalMeans
          ? "mu(+1) = mu_norm * e_1, mu(-1) = mu_norm * e_2; x = mu(y~) + z, z ~ N(0, I_d); y = y~ flipped with probability label_noise"
          : "mu = mu_norm * e_1; x = y~ mu + z, z ~ N(0, I_d); y = y~ flipped with probability label_noise")),
      ])))
    }
    document = .object([
      .init("format", .string(Self.format)),
      .init("tool_version", .string(ToolVersion.string)),
      .init("catalog_sha256", catalogSHA256.map(JSON.string) ?? .null),
      .init("instance", .object(instanceMembers)),
      .init("data", .object(data.members)),
      .init("labels", .array(instance.labels.map { .integer($0) })),
      .init("start", start.map { .object($0.members) } ?? .null),
      .init("retrained", retrained),
      .init("step", .object(step)),
      .init("quantities", .object(Self.quantitySection(read, table: table))),
      .init("claims", .array(claimJSON)),
    ])
  }

  /// Writes `DIR/<stem>.json` and its data files.
  ///
  /// - Throws: ``FormatError/cannotWrite(_:_:)``.
  public func write(to directory: String) throws {
    for file in files { try OutputFile.write(file.data, to: (directory as NSString).appendingPathComponent(file.name)) }
    try OutputFile.write(document.rendered(pretty: true) + "\n", to: (directory as NSString).appendingPathComponent(Self.stem(name) + ".json"))
  }

  static func rows(_ rows: [[Rational]]) -> JSON { .array(rows.map(rationals)) }

  static func rationals(_ values: [Rational]) -> JSON { .array(values.map { .string($0.description) }) }
}

/// An instance's quantities with a claim's free constants fixed.
struct TableWithConstants: ValueEnvironment {
  let table: QuantityTable
  let constants: [String: Rational]

  func value(of name: String, precision: Int) throws -> Value? {
    if let c = constants[name] { return .exact(c) }
    return try table.value(of: name, precision: precision)
  }
}
