//===--- Report+JUnit.swift -----------------------------------------------===//
// JUnit XML: one test case per claim, for CI dashboards.
//===----------------------------------------------------------------------===//

import Formats
import Unlearning

extension Evaluation {
  /// REFUTED → `<failure>` with the witness; INCONCLUSIVE and VACUOUS →
  /// `<skipped>` with the reason; ERROR → `<error>`.
  public var junitReport: String {
    let failures = claims.filter { $0.verdict == .refuted }.count
    let errors = claims.filter { $0.verdict == .error }.count
    let skipped = claims.filter { $0.verdict == .inconclusive || $0.verdict == .vacuous }.count
    var out = [#"<?xml version="1.0" encoding="UTF-8"?>"#]
    out.append(#"<testsuites name="unlearning-check" tests="\#(claims.count)" failures="\#(failures)" errors="\#(errors)" skipped="\#(skipped)">"#)
    out.append(#"  <testsuite name="\#(Self.xml(suite))" tests="\#(claims.count)" failures="\#(failures)" errors="\#(errors)" skipped="\#(skipped)">"#)
    out.append("    <properties>")
    out.append(#"      <property name="tool_version" value="\#(ToolVersion.string)"/>"#)
    out.append(#"      <property name="catalog_sha256" value="\#(catalogSHA256 ?? "unknown")"/>"#)
    out.append("    </properties>")
    for c in claims {
      let name = Self.xml("\(c.claim.id): \(c.claim.title)")
      // Self-checks are a class of their own, so a CI dashboard does not count them with the theorems.
      let group = c.claim.kind == .selfCheck ? "self-check.\(c.claim.setting.rawValue)" : c.claim.setting.rawValue
      let open = #"    <testcase classname="\#(Self.xml(group))" name="\#(name)""#
      let detail = Self.xml(detailLines(c).dropFirst().joined(separator: "\n"))
      switch c.verdict {
      case .proved:
        out.append(open + "/>")
      case .refuted:
        out.append(open + ">")
        out.append(#"      <failure message="REFUTED on \#(Self.xml(c.witness?.instance ?? "?"))">\#(detail)</failure>"#)
        out.append("    </testcase>")
      case .error:
        out.append(open + ">")
        out.append(#"      <error message="ERROR">\#(detail)</error>"#)
        out.append("    </testcase>")
      case .inconclusive, .vacuous:
        let reason = c.results.first { $0.verdict == c.verdict }?.reason ?? (c.results.isEmpty ? "no applicable instance" : c.verdict.rawValue)
        out.append(open + ">")
        out.append(#"      <skipped message="\#(c.verdict.rawValue): \#(Self.xml(reason))"/>"#)
        out.append("    </testcase>")
      }
    }
    out.append("  </testsuite>")
    out.append("</testsuites>")
    return out.joined(separator: "\n") + "\n"
  }

  static func xml(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n": out += "&#10;"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
