//===--- InstanceReport.swift ---------------------------------------------===//
// `instance` as a request: one analysed instance, its claims and its report.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

/// One instance analysed end to end: its quantity table at the first
/// precision of the policy that decides every enclosure, the catalog's
/// claims on it, and optionally K fixed-rate ascent steps from its start;
/// rendered as text or JSON.
public struct InstanceReport: Sendable {
  public let analysis: any InstanceAnalysis
  public let table: QuantityTable
  /// nil when no catalog was given.
  public let claims: [ClaimEvaluation]?
  public let ascent: AscentRun?
  /// The setting's name, as the command line spells it.
  public let setting: String

  /// K steps of learning rate η, with or without descent on the retained data.
  public struct Ascent: Sendable {
    public var steps: Int
    public var learningRate: Rational
    public var retainDescent: Bool

    public init(steps: Int, learningRate: Rational, retainDescent: Bool) {
      (self.steps, self.learningRate, self.retainDescent) = (steps, learningRate, retainDescent)
    }
  }

  /// Measures an analysed instance.
  ///
  /// - Throws: ``EnclosureError/undecided(_:)`` at the policy's cap, the
  ///   analysis's errors, or ``UnlearningError/badData(_:)`` when steps are
  ///   asked of an instance without a start.
  public init(analysis: any InstanceAnalysis, setting: String, policy: PrecisionPolicy, catalog: Catalog?, ascent: Ascent?) throws {
    self.analysis = analysis
    self.setting = setting
    let table = try PhaseTimer.measure("quantity table") { try analysis.quantities(policy: policy) }
    self.table = table
    claims = PhaseTimer.measure("claims") {
      catalog.map { Evaluator(catalog: $0, policy: policy).evaluate(analysis, named: "instance", table: table) }
    }
    if let ascent {
      guard let measured = analysis.measuredStep else { throw UnlearningError.badData("the instance has no starting point to run ascent steps from") }
      self.ascent = try PhaseTimer.measure("ascent steps") {
        try AscentRun(start: measured.start, loss: measured.loss, learningRate: ascent.learningRate, steps: ascent.steps,
                      retainDescent: ascent.retainDescent, policy: policy)
      }
    } else {
      self.ascent = nil
    }
  }

  /// The certificate of the instance and its verdicts.
  public func certificate(command: String, catalogSHA256: String?) throws -> Certificate {
    try PhaseTimer.measure("certificate") {
      try Certificate(analysis: analysis, name: "instance", command: command, claims: claims ?? [], table: table, catalogSHA256: catalogSHA256)
    }
  }

  /// The `instance --format json` document.
  public func json(toolVersion: String) -> String {
    PhaseTimer.measure("JSON") {
      var members: [JSON.Member] = [
        .init("schema_version", .integer(1)), .init("tool_version", .string(toolVersion)),
        .init("setting", .string(setting)),
        .init("instance", analysis.instanceJSON),
        .init("quantities", table.json),
      ]
      if let claims { members.append(.init("claims", .array(claims.map(Evaluation.claimJSON)))) }
      if let ascent { members.append(.init("steps", ascent.json)) }
      if let (correct, retained) = retainedAccuracy {
        members.append(.init("retained_accuracy", .object([.init("correct", .integer(correct)), .init("retained", .integer(retained))])))
      }
      members.append(.init("warnings", .array(warnings.map { .string($0) })))
      return JSON.object(members).rendered(pretty: true)
    }
  }

  /// The text report: the instance, every quantity, the steps and each claim's verdict.
  /// What a user should not miss, one line each: forgetting a point that is
  /// no support vector (λ_r = 0, so β* = 0 and the step changes nothing,
  /// which every claim then holds trivially), and a step that misclassifies
  /// retained points (q'_i < 0, τ > 1).
  public var warnings: [String] {
    var found: [String] = []
    if case .vector(let lambdas)? = table[.lambdaForget], !lambdas.isEmpty, lambdas.allSatisfy({ $0.exactValue?.isZero == true }) {
      found.append(lambdas.count == 1
        ? "the forgotten point is not a support vector (λ_r = 0): β* = 0, the step leaves the model unchanged, and every claim on it holds trivially"
        : "no forgotten point is a support vector (every λ_r = 0): the step leaves the model unchanged, and every claim on it holds trivially")
    }
    if case .vector(let margins)? = table[.marginsAfter] {
      let wrong = margins.filter { $0.interval(precision: table.precision).hi.signum < 0 }.count
      if wrong > 0 {
        found.append("the step misclassifies \(wrong) of \(margins.count) retained points (margin q'_i < 0, so τ > 1): the model after the step is harmed, not only unlearned")
      }
    }
    return found
  }

  /// Retained points the model after the step classifies correctly (q'_i > 0, decided at the
  /// table's precision), and how many are retained; nil without a step.
  public var retainedAccuracy: (correct: Int, retained: Int)? {
    guard case .vector(let margins)? = table[.marginsAfter] else { return nil }
    return (margins.filter { $0.interval(precision: table.precision).lo.signum > 0 }.count, margins.count)
  }

  public var text: String {
    var lines = analysis.summaryLines
    if let (correct, retained) = retainedAccuracy {
      lines.append("after the step: \(correct) of \(retained) retained points classified correctly (q'_i > 0)")
    }
    lines.append("")
    let width = table.names.map(\.count).max() ?? 0
    for (name, quantity) in table.entries {
      let marker: String
      if case .scalar(let v) = quantity { marker = v.exactValue == nil ? "∈" : "=" } else { marker = "=" }
      lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + " \(marker) " + quantity.text(precision: table.precision))
    }
    if let ascent {
      lines.append("")
      lines.append(ascent.textTable())
    }
    if let claims, !claims.isEmpty {
      lines.append("")
      lines.append("claims:")
      let width = claims.map(\.claim.id.count).max() ?? 0
      for c in claims {
        let reason = c.results.first?.reason.map { " (\($0))" } ?? ""
        let label = c.label.padding(toLength: 9, withPad: " ", startingAt: 0)
        let line = "  " + c.claim.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(label)\(Self.sides(c))\(reason)"
        lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
      }
      lines.append("  (measured and bound: the statement's two sides, about 6 digits; slack: how much room the bound leaves)")
    }
    return lines.joined(separator: "\n")
  }

  /// `measured … bound … slack …` for a decided relation, about 6 digits each ("" otherwise).
  static func sides(_ c: ClaimEvaluation) -> String {
    guard let result = c.results.first, let measured = result.measured, let bound = result.bound,
          case .relation(let relation) = c.claim.statement else { return "" }
    func brief(_ x: Value) -> String {
      let v = x.approximation
      let digits = v == 0 || (abs(v) >= 1e-3 && abs(v) < 1e6) ? String(format: "%.6g", v) : String(format: "%.5e", v)
      return x.exactValue != nil ? digits : digits + "…"
    }
    let slack = result.slack(relation.op).map { "  slack \(brief($0))" } ?? ""
    return "measured \(brief(measured))  bound \(brief(bound))\(slack)"
  }
}
