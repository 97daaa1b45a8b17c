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
    let instance = analysis.instance
    let twoLayer = analysis as? TwoLayerUnlearning
    let model = analysis.measuredStep?.start.model ?? twoLayer.map { HomogeneousModel.twoLayer(width: $0.width, activation: $0.activation) } ?? .linear
    let stem = Self.stem(name)
    self.name = name
    files = []

    // The data: int64 numerators over one denominator, exactly.
    guard let numerators = instance.data.machineNumerators else {
      throw UnlearningError.badParameter("the data of \(name) have numerators beyond 64 bits; no certificate is written")
    }
    let dataArray = NumpyArray(shape: [instance.count, instance.dimension], elementType: .int64, elements: .integers(numerators))
    let dataBytes = dataArray.npyData(as: .int64)
    files.append((stem + ".data.npy", dataBytes))
    var dataMembers: [JSON.Member] = [
      .init("file", .string(stem + ".data.npy")), .init("sha256", .string(SHA256.hex([UInt8](dataBytes)))),
      .init("encoding", .string("int64 numerators; x_ij = numerator_ij / denominator")),
      .init("denominator", .string(instance.data.denominator.description)),
    ]
    dataMembers.append(.init("source", .object(instance.provenance.map { JSON.Member($0.key, .string($0.value)) })))

    // The model.
    var modelMembers: [JSON.Member] = [
      .init("kind", .string(twoLayer == nil ? "linear" : "two-layer")),
      .init("outer_signs", .array(model.signs.map { .integer($0) })),
      .init("gamma", .string(model.slope.description)),
      .init("convention", .string(twoLayer == nil
        ? "N(x; w) = <w, x>; the parameters are w itself"
        : "N(x; W) = sum_j (s_j/sqrt(m)) phi(<w_j, x>), phi(z) = max(gamma z, z), phi'(z) = 1 for z > 0 and gamma for z <= 0; the parameters are v_j = sqrt(m) w_j")),
    ]
    if let twoLayer { modelMembers.append(.init("start", .string(twoLayer.start.rawValue))) }
    let linear = analysis as? LinearUnlearning
    if let linear { modelMembers.append(.init("start", .string(linear.startKind.name))) }

    var startMembers: [JSON.Member] = [], retrainedJSON = JSON.null, stepMembers: [JSON.Member] = []
    let forget: [Int], loss: Loss, rule: StepRule
    if let step = analysis.measuredStep {
      let start = step.start
      (forget, loss, rule) = (start.forgetSet, step.loss, step.step)
      // θ: its span coefficients (KKT starts) or its explicit base (trained).
      var base = JSON.null, startCoefficients: [[Rational]] = []
      let trainedMargin = twoLayer?.start == .trained ? twoLayer?.trainedMargin : linear?.startScale
      if let margin = trainedMargin {
        // θ = B / margin with B the trained (or given) weights, binary64 values, exactly.
        let d = instance.dimension
        var doubles: [Double] = []
        doubles.reserveCapacity(model.blocks * d)
        for block in start.theta.blocks {
          for value in block.scaled(by: margin).rationals {
            let x = Double(value)
            guard (try? Rational(exactly: x)) == value else {
              throw UnlearningError.badParameter("a start weight is not a binary64 value; no certificate is written")
            }
            doubles.append(x)
          }
        }
        let bytes = NumpyArray(shape: [model.blocks, d], elementType: .float64, elements: .floats(doubles)).npyData(as: .float64)
        files.append((stem + ".start.npy", bytes))
        base = .object([.init("file", .string(stem + ".start.npy")), .init("sha256", .string(SHA256.hex([UInt8](bytes)))),
                        .init("scale", .string((Rational(1) / margin).description))])
        startMembers.append(.init("parameters", .object([.init("base", base), .init("coefficients", .null)])))
        startMembers.append(.init("multipliers_kind", .string("nnls")))
        startCoefficients = Array(repeating: Array(repeating: Rational(), count: instance.count), count: model.blocks)
      } else {
        startCoefficients = Self.coefficients(model: model, preactivations: start.preactivations, multipliers: start.multipliers,
                                              labels: instance.labels, indices: Array(0..<instance.count), n: instance.count)
        startMembers.append(.init("parameters", .object([.init("base", .null), .init("coefficients", Self.rows(startCoefficients))])))
        startMembers.append(.init("multipliers_kind", .string("kkt")))
      }
      startMembers.append(.init("multipliers", Self.rationals(start.multipliers)))
      startMembers.append(.init("margins", Self.rationals(start.margins)))
      if twoLayer != nil {
        // The activation patterns ⟨v_k, x_i⟩ > 0 that φ' is taken at.
        startMembers.append(.init("patterns", .array(start.preactivations.map { p in .array(p.numerators.map { .bool($0.signum > 0) }) })))
      }
      startMembers.append(.init("support", .array(start.multipliers.indices.filter { start.multipliers[$0].signum > 0 }.map { .integer($0) })))

      // θ* on S∖{r}.
      if let theta = start.retrained, case .vector(let values)? = table["lambda_retrained"] {
        let lambda = values.compactMap(\.exactValue)
        let points = lambda.count == instance.count ? Array(0..<instance.count) : start.retained
        if lambda.count == points.count {
          let pre = theta.preactivations(on: instance.data)
          retrainedJSON = .object([
            .init("parameters", .object([
              .init("base", .null),
              .init("coefficients", Self.rows(Self.coefficients(model: model, preactivations: pre, multipliers: lambda, labels: instance.labels,
                                                              indices: points, n: instance.count))),
            ])),
            .init("multipliers", Self.rationals(points.count == instance.count ? start.retained.map { lambda[$0] } : lambda)),
            .init("margins", Self.rationals(start.retained.map { i in Self.margin(model: model, preactivations: pre.map { $0[i] }, label: instance.labels[i]) })),
          ])
        }
      }

      // The step.
      let a = try step.updateCoefficient(precision: table.precision)
      if let exact = a.exactValue {
        stepMembers.append(.init("update_coefficient", .object([.init("exact", .string(exact.description)),
          .init("justification", .string(start.forgetsOnePoint
            ? "a = beta * l'(q_r) = -c * lambda_r, since beta* = lambda_r / |l'(q_r)|"
            : "theta' = theta + a * sum_{r in F} lambda_r y_r grad N(x_r; theta) with a = -c, since beta_r l'(q_r) = -c lambda_r for beta_r = c lambda_r / |l'(q_r)|"))])))
      } else {
        let interval = a.interval(precision: table.precision)
        stepMembers.append(.init("update_coefficient", .object([
          .init("lo", .string(interval.lo.rational.description)), .init("hi", .string(interval.hi.rational.description)),
          .init("justification", .string(step.loss == .logistic
            ? "a = beta * l'(q_r), l'(q) = -1/(1 + exp(q)); exp by its Taylor series with remainder"
            : "a = beta * l'(q_r), l'(q) = -exp(-q); exp by its Taylor series with remainder")),
        ])))
      }
      stepMembers.append(.init("center", .string(step.center.description)))
      if let exact = a.exactValue {
        // θ' = θ + a·y_r ∇N(x_r; θ): block k gains a·y_r s_k φ'(⟨v_k, x_r⟩) on x_r; for a
        // set, θ + a Σ_{r∈F} λ_r y_r ∇N(x_r; θ), a gain of a·λ_r y_r s_k φ'(⟨v_k, x_r⟩) on each x_r.
        var unlearned = startCoefficients
        for r in start.forgetSet {
          let g = model.gradientCoefficients(preactivations: start.preactivations.map { $0[r] })
          let weight = start.forgetsOnePoint ? Rational(1) : start.multipliers[r]
          for k in unlearned.indices { unlearned[k][r] += exact * weight * Rational(instance.labels[r]) * g[k] }
        }
        stepMembers.append(.init("unlearned", .object([.init("base", base), .init("coefficients", Self.rows(unlearned))])))
      }
      stepMembers.append(.init("optimal_multipliers", Self.rationals(step.optimalMultipliers)))
    } else if let twoLayer {
      // No start (the structured candidate is not a KKT point): the checker
      // re-derives that from the data, and the claims must be VACUOUS.
      (forget, loss, rule) = (twoLayer.forgetSet, twoLayer.loss, twoLayer.step)
    } else {
      throw UnlearningError.internalFailure("a linear instance without a starting point")
    }
    switch rule {
    case .scaled(let c): stepMembers = [.init("rule", .string("scaled")), .init("c", .string(c.description))] + stepMembers
    case .explicit(let beta): stepMembers = [.init("rule", .string("explicit")), .init("beta", .string(beta.description))] + stepMembers
    }

    // The claims, and the quantities their decisions read: the hypotheses in
    // order up to the first that fails, then the statement if none does.
    var read: [String] = []
    var claimJSON: [JSON] = []
    for evaluation in claims {
      guard let result = evaluation.results.first(where: { $0.instance == name }) else { continue }
      let claim = evaluation.claim
      var constants: [String: Rational] = [:]
      if let fit = evaluation.fit { constants[fit.name] = fit.upper }
      let environment = TableWithConstants(table: table, constants: constants)
      let policy = PrecisionPolicy(initial: table.precision, cap: table.precision)
      func note(_ condition: Condition) {
        for n in condition.names where !read.contains(n) && constants[n] == nil { read.append(n) }
      }
      var failed = false
      for hypothesis in claim.assumes {
        note(hypothesis)
        if case .decided(false, _) = hypothesis.decide(policy, in: environment) { failed = true; break }
      }
      if !failed { note(claim.statement) }
      var members: [JSON.Member] = [
        .init("id", .string(claim.id)),
        .init("assumes", .array(claim.assumes.map { .string($0.description) })),
        .init("claim", .string(claim.statement.description)),
        .init("verdict", .string(result.verdict.rawValue)),
      ]
      if let lhs = result.measured, let rhs = result.bound {
        // The statement's two sides as rational bounds, at the precision that decided it.
        members.append(.init("sides", .object([.init("lhs", .enclosure(lhs)), .init("rhs", .enclosure(rhs))])))
      }
      if !constants.isEmpty {
        members.append(.init("constants", .object(constants.keys.sorted().map { JSON.Member($0, .string(constants[$0]!.description)) })))
      }
      claimJSON.append(.object(members))
    }
    var quantityMembers: [JSON.Member] = []
    for n in read {
      switch table[n] {
      case .scalar(let v)? where v.exactValue == nil && Self.squareRoots[n] != nil:
        // A square root: lo² ≤ x ≤ hi² for the exact x it is the root of.
        guard case .object(var members) = JSON.enclosure(v) else { break }
        members.append(.init("justification", .string("sqrt(\(Self.squareRoots[n]!)): lo^2 <= \(Self.squareRoots[n]!) <= hi^2")))
        quantityMembers.append(.init(n, .object(members)))
      case .scalar(let v)? where v.exactValue == nil && n == "cosine_to_retrained":
        guard case .object(var members) = JSON.enclosure(v) else { break }
        members.append(.init("justification", .string("inner_retrained / sqrt(norm_unlearned2 * norm_retrained2), one square root of the exact product")))
        quantityMembers.append(.init(n, .object(members)))
      case .scalar(let v)? where v.exactValue == nil && n.hasPrefix("test_error_"):
        guard case .object(var members) = JSON.enclosure(v) else { break }
        members.append(.init("justification", .string(
          "eta + (1 - 2 eta) Phi(-mu_norm w_1 / ||w||) for the linear boundary w; Phi by its Taylor series with a geometric tail bound (|t| <= 8) or the enveloping asymptotic series")))
        quantityMembers.append(.init(n, .object(members)))
      case .scalar(let v)?: quantityMembers.append(.init(n, .enclosure(v)))
      case .boolean(let b)?: quantityMembers.append(.init(n, .bool(b)))
      default: break
      }
    }

    var instanceMembers: [JSON.Member] = [
      .init("name", .string(name)), .init("command", .string(command)),
      .init("n", .integer(instance.count)), .init("d", .integer(instance.dimension)),
      ForgetSet.jsonMember(forget), .init("loss", .string(loss.rawValue)),
      .init("model", .object(modelMembers)),
    ]
    if let mixture = instance.mixture {
      instanceMembers.append(.init("mixture", .object([
        .init("mu_norm", .string(mixture.muNorm.description)), .init("label_noise", .string(mixture.labelNoise.description)),
        .init("mean", .string("mu = mu_norm * e_1; x = y~ mu + z, z ~ N(0, I_d); y = y~ flipped with probability label_noise")),
      ])))
    }
    document = .object([
      .init("format", .string(Self.format)),
      .init("tool_version", .string(ToolVersion.string)),
      .init("catalog_sha256", catalogSHA256.map(JSON.string) ?? .null),
      .init("instance", .object(instanceMembers)),
      .init("data", .object(dataMembers)),
      .init("labels", .array(instance.labels.map { .integer($0) })),
      .init("start", startMembers.isEmpty ? .null : .object(startMembers)),
      .init("retrained", retrainedJSON),
      .init("step", .object(stepMembers)),
      .init("quantities", .object(quantityMembers)),
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

  /// C_ki = λ_i y_i s_k φ'(⟨v_k, x_i⟩) over `indices` (0 elsewhere): the span
  /// form that stationarity gives a KKT point.
  static func coefficients(model: HomogeneousModel, preactivations: [ScaledIntegerVector], multipliers: [Rational], labels: [Int],
                           indices: [Int], n: Int) -> [[Rational]] {
    preactivations.indices.map { k in
      var row = [Rational](repeating: Rational(), count: n)
      for (position, i) in indices.enumerated() {
        let g = model.gradientCoefficients(preactivations: preactivations.map { $0[i] })[k]
        row[i] = multipliers[position] * Rational(labels[i]) * g
      }
      return row
    }
  }

  static func rows(_ rows: [[Rational]]) -> JSON { .array(rows.map(rationals)) }

  /// y N(x; θ) = y ω Σ_k s_k φ(⟨v_k, x⟩) from the pre-activations.
  static func margin(model: HomogeneousModel, preactivations: [Rational], label: Int) -> Rational {
    var sum = Rational()
    for (k, z) in preactivations.enumerated() { sum += Rational(model.signs[k]) * model.activation(z) }
    return Rational(label) * model.blockWeight * sum
  }

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
