//===--- Report.swift -----------------------------------------------------===//
// Rendering an evaluation: text, JSON, Markdown and JUnit.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation
import Unlearning

/// The report formats.
public enum ReportFormat: String, Sendable, CaseIterable {
  case text, json, markdown, junit, html
}

extension Evaluation {
  /// The report in a format.
  public func report(_ format: ReportFormat) -> String {
    switch format {
    case .text: return textReport
    case .json: return jsonReport.rendered(pretty: true)
    case .markdown: return markdownReport
    case .junit: return junitReport
    case .html: return htmlReport()
    }
  }

  /// "P/R/I/V/E" counts of a claim.
  public static func countsText(_ c: ClaimEvaluation) -> String {
    let counts = c.counts
    return [Verdict.proved, .refuted, .inconclusive, .vacuous, .error].map { "\(counts[$0] ?? 0)" }.joined(separator: "/")
  }

  /// The tightest instance as "ratio measured/bound at instance" (text).
  static func tightestText(_ c: ClaimEvaluation) -> (ratio: String, slack: String, instance: String) {
    if let fit = c.fit {
      let lower = fit.lower.isZero ? "0" : fit.lower.decimalString(significantDigits: 5, rounding: .down)
      let upper = fit.upper.isZero ? "0" : fit.upper.decimalString(significantDigits: 5, rounding: .up)
      return ("\(fit.name) > \(lower)", "\(fit.name) ≤ \(upper)", fit.instance ?? "-")
    }
    guard let t = c.tightest, case .relation(let relation) = c.claim.statement else { return ("-", "-", "-") }
    let ratio = t.ratio.map(Self.short) ?? "-"
    let slack = t.slack(relation.op).map(Self.short) ?? "-"
    return (ratio, slack, t.instance)
  }

  /// A value in 4 significant digits (rounded to nearest: display only).
  static func short(_ v: Value) -> String {
    let x = v.approximation
    if x == 0 { return v.exactValue != nil ? "0" : "≈0" }
    if !x.isFinite { return x > 0 ? "huge" : "-huge" }
    var text = formatted(x)
    if v.exactValue == nil { text = "≈" + text }
    return text
  }

  static func formatted(_ x: Double) -> String {
    let magnitude = abs(x)
    if magnitude >= 1e-3 && magnitude < 1e5 {
      let rounded = (x * 10000).rounded() / 10000
      var s = "\(rounded)"
      if s.hasSuffix(".0") { s.removeLast(2) }
      return s
    }
    // d.ddde±x (display only).
    let exponent = Int(Foundation.log10(magnitude).rounded(.down))
    let mantissa = x / Foundation.pow(10, Double(exponent))
    let m = (mantissa * 1000).rounded() / 1000
    return "\(m)e\(exponent)"
  }

  /// The report labels, in the order the summaries give them.
  static let labels = ["PROVED", "FITTED", "REFUTED", "INCONCLUSIVE", "VACUOUS", "ERROR"]

  /// The summary line: counts of each label over the theorem claims, then
  /// over the harness self-checks.
  var summaryText: String {
    func counts(_ summary: [String: Int]) -> String {
      Self.labels.compactMap { label in summary[label].map { "\($0) \(label)" } }.joined(separator: ", ")
    }
    let checks = selfCheckSummary
    return counts(summary) + (checks.isEmpty ? "" : "; harness self-checks: " + counts(checks))
  }

  /// Theorem claims first, then the harness self-checks (each in catalog order).
  /// Claims of a setting absent from the suite are in neither.
  var claimsByKind: (theorems: [ClaimEvaluation], selfChecks: [ClaimEvaluation]) {
    let run = claims.filter(\.wasRun)
    return (run.filter { $0.claim.kind == .theorem }, run.filter { $0.claim.kind == .selfCheck })
  }

  /// One line naming how many claims of each absent setting were not run, or nil.
  var notRunLine: String? {
    let absent = claimsNotRun
    guard !absent.isEmpty else { return nil }
    let bySetting = Dictionary(grouping: absent, by: \.claim.setting.rawValue).sorted { $0.key < $1.key }
    return "Not run: \(absent.count) claims of settings the suite has no instance of ("
      + bySetting.map { "\($0.key): \($0.value.count)" }.joined(separator: ", ") + ")."
  }

  /// The note that heads the self-checks in every report.
  static let selfCheckNote = "Harness self-checks: true by the tool's own definitions; PROVED says it computed what it defines, REFUTED is a bug in the tool. Not evidence about the paper."
}
