//===--- Report+Text.swift ------------------------------------------------===//
// The aligned text table.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation
import Unlearning

extension Evaluation {
  /// An aligned table, one row per claim, then the details of every claim
  /// that is not PROVED, then the summary.
  public var textReport: String {
    let header = ["CLAIM", "VERDICT", "P/R/I/V/E", "TIGHTEST", "SLACK", "AT INSTANCE", "SOURCE"]
    func row(_ c: ClaimEvaluation) -> [String] {
      let t = Self.tightestText(c)
      return [c.claim.id, c.label, Self.countsText(c), t.ratio, t.slack, t.instance, c.claim.source.rawValue]
    }
    let (theorems, checks) = claimsByKind
    let (rows, checkRows) = (theorems.map(row), checks.map(row))
    let widths = header.indices.map { k in ([header[k]] + (rows + checkRows).map { $0[k] }).map(\.count).max()! }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { k, cell in k == cells.count - 1 ? cell : cell.padding(toLength: widths[k], withPad: " ", startingAt: 0) }
        .joined(separator: "  ")
    }
    var out = ["unlearning-check: \(claims.count) claims on suite '\(suite)'", provenanceLine, "", line(header)]
    out += rows.map(line)
    if !checkRows.isEmpty {
      out += ["", Self.selfCheckNote]
      out += checkRows.map(line)
    }
    out.append("")
    out.append("TIGHTEST is measured/bound at the instance with the least slack (SLACK = bound − measured); P/R/I/V/E counts instances.")
    if let notRun = notRunLine { out += ["", notRun] }
    // A fit with a trivial value gets its range (and any vacuous instances) spelled out.
    let details = claims.filter { $0.wasRun && ($0.verdict != .proved || ($0.fit != nil && $0.claim.trivial != nil)) }
    if !details.isEmpty {
      out.append("")
      for c in details { out += detailLines(c) }
    }
    out.append("")
    out.append("summary: " + summaryText)
    return out.joined(separator: "\n")
  }

  /// A value to 6 significant digits, for reading next to its exact form
  /// (display only: the verdict rests on the exact comparison).
  static func approximately(_ v: Value) -> String { String(format: "%.6g", v.approximation) }

  /// Why a claim is not PROVED, with the witness of a refutation.
  func detailLines(_ c: ClaimEvaluation) -> [String] {
    var lines = ["\(c.label) \(c.claim.id): \(c.claim.title)"]
    lines.append("  claim: \(c.claim.statement)")
    if !c.claim.assumes.isEmpty { lines.append("  assumes: " + c.claim.assumes.map(\.description).joined(separator: "; ")) }
    if let failure = c.fitFailure { lines.append("  fit: \(failure)") }
    if let fit = c.fit, let range = fit.informativeBelow, let trivial = c.claim.trivial {
      let within = fit.upper < range ? "within it" : "beyond it on some instance"
      lines.append("  fit: \(fit.name) in (\(fit.lower.decimalString(significantDigits: 5, rounding: .down)), "
        + "\(fit.upper.decimalString(significantDigits: 5, rounding: .up))]; the claim's range (the bound below the trivial \(trivial) "
        + "on every instance of it) is \(fit.name) < \(range.decimalString(significantDigits: 5, rounding: .down)), and the fit is \(within)")
    }
    if let fit = c.fit, !c.fitVacuous.isEmpty, let trivial = c.claim.trivial {
      let names = c.fitVacuous.prefix(3).joined(separator: ", ") + (c.fitVacuous.count > 3 ? ", …" : "")
      lines.append("  fit: vacuous on \(c.fitVacuous.count) of \(c.counts[.proved] ?? 0) instances (\(names)): at \(fit.name) = "
        + "\(fit.upper.decimalString(significantDigits: 5, rounding: .up)) the bound is at least the trivial \(trivial), so it says nothing there")
    }
    if let w = c.witness {
      lines.append("  witness: \(w.instance)")
      if let command = commands[w.instance] { lines.append("    re-run: \(command)") }
      if let m = w.measured { lines.append("    measured = \(m)  (≈ \(Self.approximately(m)))") }
      if let b = w.bound { lines.append("    bound    = \(b)  (≈ \(Self.approximately(b)))") }
      if case .relation(let relation) = c.claim.statement, let slack = w.slack(relation.op) {
        lines.append("    slack    = \(Self.approximately(slack)) (bound − measured; negative: violated)")
      }
    }
    if c.results.isEmpty { lines.append("  no instance of setting '\(c.claim.setting.rawValue)' in the suite") }
    var reasons: [String: [String]] = [:]
    for r in c.results where r.verdict != .proved && r.verdict != .refuted {
      reasons[r.reason ?? r.verdict.rawValue, default: []].append(r.instance)
    }
    for (reason, instances) in reasons.sorted(by: { $0.key < $1.key }) {
      lines.append("  \(reason) (\(instances.count): \(instances.prefix(3).joined(separator: ", "))\(instances.count > 3 ? ", …" : ""))")
    }
    return lines
  }
}
