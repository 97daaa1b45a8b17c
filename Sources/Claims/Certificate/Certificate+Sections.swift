//===--- Certificate+Sections.swift ---------------------------------------===//
// One builder per section of a certificate, from what the analysis measured.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation
import Unlearning

extension Certificate {
  /// The model an analysis measured with (the network's, when there is no start).
  static func model(of analysis: any InstanceAnalysis) -> HomogeneousModel {
    analysis.measuredStep?.start.model ?? (analysis as? TwoLayerUnlearning)?.model ?? .linear
  }

  /// `data`: int64 numerators over one denominator, exactly, in their own `.npy` file.
  static func dataSection(_ instance: Instance, name: String) throws -> (members: [JSON.Member], file: (name: String, data: Data)) {
    guard let numerators = instance.data.machineNumerators else {
      throw UnlearningError.badParameter("the data of \(name) have numerators beyond 64 bits; no certificate is written")
    }
    let file = stem(name) + ".data.npy"
    let bytes = NumpyArray(shape: [instance.count, instance.dimension], elementType: .int64, elements: .integers(numerators)).npyData(as: .int64)
    let members: [JSON.Member] = [
      .init("file", .string(file)), .init("sha256", .string(SHA256.hex([UInt8](bytes)))),
      .init("encoding", .string("int64 numerators; x_ij = numerator_ij / denominator")),
      .init("denominator", .string(instance.data.denominator.description)),
      .init("source", instance.provenanceJSON),
    ]
    return (members, (file, bytes))
  }

  /// `instance.model`: the model's kind, signs, γ, convention and start.
  static func modelSection(_ analysis: any InstanceAnalysis, model: HomogeneousModel) -> [JSON.Member] {
    let twoLayer = analysis as? TwoLayerUnlearning
    var members: [JSON.Member] = [
      .init("kind", .string(twoLayer == nil ? "linear" : "two-layer")),
      .init("outer_signs", .array(model.signs.map { .integer($0) })),
      .init("gamma", .string(model.slope.description)),
      .init("convention", .string(twoLayer == nil
        ? "N(x; w) = <w, x>; the parameters are w itself"
        : "N(x; W) = sum_j (s_j/sqrt(m)) phi(<w_j, x>), phi(z) = max(gamma z, z), phi'(z) = 1 for z > 0 and gamma for z <= 0; the parameters are v_j = sqrt(m) w_j")),
    ]
    if let twoLayer { members.append(.init("start", .string(twoLayer.startingPoint.name))) }
    if let linear = analysis as? LinearUnlearning { members.append(.init("start", .string(linear.startingPoint.name))) }
    return members
  }

  /// The `start` section, with what the step section builds on.
  struct StartSection {
    var members: [JSON.Member]
    /// θ's explicit base (a trained or given start), or null.
    var base: JSON
    /// θ's span coefficients C_ki (zero for an explicit base).
    var coefficients: [[Rational]]
    /// The base's `.npy` file, when there is one.
    var file: (name: String, data: Data)?
  }

  /// `start`: θ in its span coefficients (KKT starts) or its explicit base
  /// (trained or given, binary64 values read exactly), its multipliers,
  /// margins, patterns and support.
  static func startSection(_ start: UnlearningStart, analysis: any InstanceAnalysis, model: HomogeneousModel, name: String) throws -> StartSection {
    let instance = analysis.instance
    let twoLayer = analysis as? TwoLayerUnlearning, linear = analysis as? LinearUnlearning
    var section = StartSection(members: [], base: .null, coefficients: [], file: nil)
    let trainedMargin = twoLayer?.startingPoint.isApproximate == true ? twoLayer?.trainedMargin : linear?.startScale
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
      let file = stem(name) + ".start.npy"
      let bytes = NumpyArray(shape: [model.blocks, d], elementType: .float64, elements: .floats(doubles)).npyData(as: .float64)
      section.file = (file, bytes)
      section.base = .object([.init("file", .string(file)), .init("sha256", .string(SHA256.hex([UInt8](bytes)))),
                              .init("scale", .string((Rational(1) / margin).description))])
      section.members.append(.init("parameters", .object([.init("base", section.base), .init("coefficients", .null)])))
      section.members.append(.init("multipliers_kind", .string("nnls")))
      section.coefficients = Array(repeating: Array(repeating: Rational(), count: instance.count), count: model.blocks)
    } else {
      section.coefficients = start.stationarityCoefficients
      section.members.append(.init("parameters", .object([.init("base", .null), .init("coefficients", rows(section.coefficients))])))
      section.members.append(.init("multipliers_kind", .string("kkt")))
    }
    section.members.append(.init("multipliers", rationals(start.multipliers)))
    section.members.append(.init("margins", rationals(start.margins)))
    if twoLayer != nil {
      // The activation patterns ⟨v_k, x_i⟩ > 0 that φ' is taken at.
      section.members.append(.init("patterns", .array(start.preactivations.map { p in .array(p.numerators.map { .bool($0.signum > 0) }) })))
    }
    section.members.append(.init("support", .array(start.multipliers.indices.filter { start.multipliers[$0].signum > 0 }.map { .integer($0) })))
    return section
  }

  /// `retrained`: θ* on S∖F in span form, with its multipliers and margins
  /// (null when there is none, or the table does not give its multipliers).
  static func retrainedSection(_ start: UnlearningStart, model: HomogeneousModel, table: QuantityTable) -> JSON {
    let instance = start.instance
    guard let theta = start.retrained, case .vector(let values)? = table[.lambdaRetrained] else { return .null }
    let lambda = values.compactMap(\.exactValue)
    let points = lambda.count == instance.count ? Array(0..<instance.count) : start.retained
    guard lambda.count == points.count else { return .null }
    let pre = theta.preactivations(on: instance.data)
    let margins = model.margins(of: theta, labels: instance.labels, preactivations: pre)
    return .object([
      .init("parameters", .object([
        .init("base", .null),
        .init("coefficients", rows(model.stationarityCoefficients(preactivations: pre, multipliers: lambda, labels: instance.labels,
                                                                  indices: points, points: instance.count))),
      ])),
      .init("multipliers", rationals(points.count == instance.count ? start.retained.map { lambda[$0] } : lambda)),
      .init("margins", rationals(start.retained.map { margins[$0] })),
    ])
  }

  /// `step` (after the rule): the update coefficient a with its
  /// justification, the center ã, θ' in span form for an exact a, and the
  /// multipliers that attain ε_opt.
  static func stepSection(_ step: MeasuredStep, model: HomogeneousModel, table: QuantityTable, start section: StartSection) throws -> [JSON.Member] {
    let start = step.start
    var members: [JSON.Member] = []
    let a = try step.updateCoefficient(precision: table.precision)
    if let exact = a.exactValue {
      members.append(.init("update_coefficient", .object([.init("exact", .string(exact.description)),
        .init("justification", .string(start.forgetsOnePoint
          ? "a = beta * l'(q_r) = -c * lambda_r, since beta* = lambda_r / |l'(q_r)|"
          : "theta' = theta + a * sum_{r in F} lambda_r y_r grad N(x_r; theta) with a = -c, since beta_r l'(q_r) = -c lambda_r for beta_r = c lambda_r / |l'(q_r)|"))])))
    } else {
      let interval = a.interval(precision: table.precision)
      members.append(.init("update_coefficient", .object([
        .init("lo", .string(interval.lo.rational.description)), .init("hi", .string(interval.hi.rational.description)),
        .init("justification", .string(step.loss == .logistic
          ? "a = beta * l'(q_r), l'(q) = -1/(1 + exp(q)); exp by its Taylor series with remainder"
          : "a = beta * l'(q_r), l'(q) = -exp(-q); exp by its Taylor series with remainder")),
      ])))
    }
    members.append(.init("center", .string(step.center.description)))
    if let unlearned = step.unlearnedCoefficients(start: section.coefficients) {
      members.append(.init("unlearned", .object([.init("base", section.base), .init("coefficients", rows(unlearned))])))
    }
    members.append(.init("optimal_multipliers", rationals(step.optimalMultipliers)))
    return members
  }

  /// `claims`: each claim whose results include `name`, with its verdict and
  /// sides; and the quantities their decisions read (the hypotheses in order
  /// up to the first that fails, then the statement if none does).
  static func claimSection(_ claims: [ClaimEvaluation], name: String, table: QuantityTable) -> (claims: [JSON], read: [String]) {
    var read: [String] = []
    var claimJSON: [JSON] = []
    for evaluation in claims {
      guard let result = evaluation.results.first(where: { $0.instance == name }) else { continue }
      let claim = evaluation.claim
      var constants = evaluation.claim.given
      if let fit = evaluation.fit { constants[fit.name] = fit.upper }
      // The value this instance's verdict was decided at (after a failed fit there is no fit, but a value).
      if let value = evaluation.constantAt[name], let constant = claim.constants.first { constants[constant] = value }
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
    return (claimJSON, read)
  }

  /// `quantities`: every quantity the claims read, each enclosure with the
  /// justification the checker needs for it.
  static func quantitySection(_ read: [String], table: QuantityTable) -> [JSON.Member] {
    func justified(_ v: Value, _ text: String) -> JSON {
      guard case .object(var members) = JSON.enclosure(v) else { return JSON.enclosure(v) }
      members.append(.init("justification", .string(text)))
      return .object(members)
    }
    var members: [JSON.Member] = []
    for n in read {
      switch table[n] {
      case .scalar(let v)? where v.exactValue == nil && squareRoots[n] != nil:
        // A square root: lo² ≤ x ≤ hi² for the exact x it is the root of.
        members.append(.init(n, justified(v, "sqrt(\(squareRoots[n]!)): lo^2 <= \(squareRoots[n]!) <= hi^2")))
      case .scalar(let v)? where v.exactValue == nil && n == "cosine_to_retrained":
        members.append(.init(n, justified(v, "inner_retrained / sqrt(norm_unlearned2 * norm_retrained2), one square root of the exact product")))
      case .scalar(let v)? where v.exactValue == nil && n.hasPrefix("test_error_"):
        members.append(.init(n, justified(v,
          "eta + (1 - 2 eta) Phi(-mu_norm w_1 / ||w||) for the linear boundary w; Phi by its Taylor series with a geometric tail bound (|t| <= 8) or the enveloping asymptotic series")))
      case .scalar(let v)?: members.append(.init(n, .enclosure(v)))
      case .boolean(let b)?: members.append(.init(n, .bool(b)))
      default: break
      }
    }
    return members
  }
}
