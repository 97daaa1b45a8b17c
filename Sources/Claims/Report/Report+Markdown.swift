//===--- Report+Markdown.swift --------------------------------------------===//
// A Markdown report that renders on GitHub.
//===----------------------------------------------------------------------===//

import Formats
import Unlearning

extension Evaluation {
  public var markdownReport: String {
    var out = ["# unlearning-check report", "", "Suite `\(suite)`: \(summaryText).", "", "_\(provenanceLine)_", ""]
    let (theorems, checks) = claimsByKind
    for (k, group) in [theorems, checks].enumerated() where !group.isEmpty {
      if k == 1 { out += ["", Self.selfCheckNote, ""] }
      out.append("| Claim | Verdict | P/R/I/V/E | Tightest (measured/bound) | Slack | Instance | Source | Reference |")
      out.append("|---|---|---|---|---|---|---|---|")
      for c in group {
        let t = Self.tightestText(c)
        let cells = ["`\(c.claim.id)`", "**\(c.label)**", Self.countsText(c), t.ratio, t.slack, t.instance, c.claim.source.rawValue, c.claim.reference]
        out.append("| " + cells.map(Self.escapeCell).joined(separator: " | ") + " |")
      }
    }
    out.append("")
    out.append("P/R/I/V/E counts instances that are PROVED, REFUTED, INCONCLUSIVE, VACUOUS and ERROR.")
    if let notRun = notRunLine { out += ["", notRun] }
    let details = claims.filter { $0.wasRun && ($0.verdict != .proved || !$0.fitVacuous.isEmpty) }
    if !details.isEmpty {
      out.append("")
      out.append("## Details")
      for c in details {
        out.append("")
        out.append("### \(c.label): `\(c.claim.id)`")
        out.append("")
        out += detailLines(c).dropFirst().map { "    " + $0 }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  static func escapeCell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}

private extension String {
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
