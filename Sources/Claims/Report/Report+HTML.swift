//===--- Report+HTML.swift ------------------------------------------------===//
// One self-contained HTML page: no external assets, opens offline from disk.
//===----------------------------------------------------------------------===//

import Formats
import Unlearning

extension Evaluation {
  /// The report as one HTML page: the verdict table (sortable by any column,
  /// by a few lines of inline script), each claim's statement, hypotheses,
  /// provenance and tightest instance, the REFUTED witnesses with the command
  /// that re-runs them, the instances, and any SVG plots given, inline.
  public func htmlReport(plots: [(name: String, svg: String)] = []) -> String {
    func h(_ s: String) -> String {
      s.replacingOccurrences("&", "&amp;").replacingOccurrences("<", "&lt;").replacingOccurrences(">", "&gt;").replacingOccurrences("\"", "&quot;")
    }
    let colors = ["PROVED": "#1a7f37", "FITTED": "#1a7f37", "REFUTED": "#cf222e", "INCONCLUSIVE": "#9a6700", "VACUOUS": "#6e7781", "ERROR": "#cf222e"]
    var out: [String] = []
    out.append("<!DOCTYPE html>")
    out.append(#"<html lang="en"><head><meta charset="utf-8"><title>unlearning-check report</title>"#)
    out.append("""
      <style>
      body { font-family: system-ui, sans-serif; margin: 2em; color: #1f2328; max-width: 1200px; }
      table { border-collapse: collapse; width: 100%; font-size: 14px; }
      th, td { border-bottom: 1px solid #d0d7de; padding: 6px 8px; text-align: left; vertical-align: top; }
      th { cursor: pointer; background: #f6f8fa; user-select: none; }
      th:hover { background: #eaeef2; }
      code, pre { font-family: ui-monospace, monospace; font-size: 13px; }
      pre { background: #f6f8fa; padding: 8px; overflow-x: auto; white-space: pre-wrap; }
      .verdict { font-weight: 600; }
      details { margin: 0.4em 0; }
      .plot { margin: 1em 0; }
      </style></head><body>
      """)
    out.append("<h1>unlearning-check report</h1>")
    out.append("<p>Suite <code>\(h(suite))</code>: \(h(summaryText)).<br><small>\(h(provenanceLine))</small></p>")
    out.append(#"<table id="verdicts"><thead><tr><th>Claim</th><th>Verdict</th><th>P/R/I/V/E</th><th>Tightest (measured/bound)</th><th>Slack</th><th>Instance</th><th>Source</th></tr></thead><tbody>"#)
    for c in claims where c.wasRun {
      let t = Self.tightestText(c)
      let color = colors[c.label] ?? "#1f2328"
      out.append("<tr><td><a href=\"#\(h(c.claim.id))\"><code>\(h(c.claim.id))</code></a></td>"
        + "<td class=\"verdict\" style=\"color: \(color)\">\(h(c.label))</td><td>\(h(Self.countsText(c)))</td>"
        + "<td>\(h(t.ratio))</td><td>\(h(t.slack))</td><td>\(h(t.instance))</td><td>\(h(Self.sourceCell(c.claim)))</td></tr>")
    }
    out.append("</tbody></table>")
    out.append("<p><small>P/R/I/V/E counts instances that are PROVED, REFUTED, INCONCLUSIVE, VACUOUS and ERROR. Click a column to sort."
      + (claimsByKind.selfChecks.isEmpty ? "" : " A source marked self-check: \(h(Self.selfCheckNote))")
      + (notRunLine.map { " " + h($0) } ?? "") + "</small></p>")
    out.append("<h2>Claims</h2>")
    for c in claims where c.wasRun {
      out.append("<details id=\"\(h(c.claim.id))\"\(c.verdict == .proved ? "" : " open")><summary><code>\(h(c.claim.id))</code> "
        + "<span class=\"verdict\" style=\"color: \(colors[c.label] ?? "#1f2328")\">\(h(c.label))</span>: \(h(c.claim.title))</summary>")
      out.append("<pre>\(h(detailLines(c).dropFirst().joined(separator: "\n")))\nsource:    \(h(c.claim.source.rawValue))\nreference: \(h(c.claim.reference))\(Self.tightestText(c).instance == "-" ? "" : "\ntightest:  " + h(Self.tightestText(c).instance))</pre>")
      out.append("</details>")
    }
    if !commands.isEmpty {
      out.append("<h2>Instances</h2><table><thead><tr><th>Instance</th><th>Re-run with</th></tr></thead><tbody>")
      for name in commands.keys.sorted() { out.append("<tr><td><code>\(h(name))</code></td><td><code>\(h(commands[name]!))</code></td></tr>") }
      out.append("</tbody></table>")
    }
    if !plots.isEmpty {
      out.append("<h2>Plots</h2>")
      for plot in plots { out.append("<div class=\"plot\" id=\"plot-\(h(plot.name))\">\(plot.svg)</div>") }
    }
    out.append("""
      <script>
      // Sort the verdict table by the clicked column (numbers numerically, else as text).
      document.querySelectorAll('#verdicts th').forEach(function (th, column) {
        th.addEventListener('click', function () {
          var body = th.closest('table').tBodies[0];
          var rows = Array.from(body.rows);
          var ascending = th.dataset.order !== 'asc';
          th.dataset.order = ascending ? 'asc' : 'desc';
          rows.sort(function (a, b) {
            var x = a.cells[column].textContent, y = b.cells[column].textContent;
            var nx = parseFloat(x.replace('≈', '')), ny = parseFloat(y.replace('≈', ''));
            var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
            return ascending ? order : -order;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
      </script>
      </body></html>
      """)
    return out.joined(separator: "\n") + "\n"
  }
}

extension Evaluation {
  /// The source column: the provenance, and "self-check" for a harness self-check.
  static func sourceCell(_ claim: Claim) -> String {
    claim.kind == .selfCheck ? "\(claim.source.rawValue), self-check" : claim.source.rawValue
  }
}

private extension String {
  func replacingOccurrences(_ a: String, _ b: String) -> String {
    components(separatedBy: a).joined(separator: b)
  }
}
