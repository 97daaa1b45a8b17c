//===--- Report+JSON.swift ------------------------------------------------===//
// The machine-readable report (schema_version 1).
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

extension Evaluation {
  /// `{"schema_version": 1, "suite", "claims": [{"id", "title", "source",
  /// "reference", "setting", "verdict", "counts", "instances": [{"instance",
  /// "verdict", "measured", "bound"}], …}], "summary": {...}}`.
  public var jsonReport: JSON {
    .object([
      .init("schema_version", .integer(1)),
      .init("tool_version", .string(ToolVersion.string)),
      .init("catalog_sha256", catalogSHA256.map(JSON.string) ?? .null),
      .init("suite", .string(suite)),
      .init("claims", .array(claims.map(Self.claimJSON))),
      .init("instances", .object(commands.keys.sorted().map { .init($0, .object([.init("command", .string(commands[$0]!))])) })),
      .init("summary", .object(Self.labels.map { .init($0, .integer(summary[$0] ?? 0)) })),
      .init("self_checks", .object(Self.labels.map { .init($0, .integer(selfCheckSummary[$0] ?? 0)) })),
      .init("not_run", .array(claimsNotRun.map { .string($0.claim.id) })),
    ])
  }

  public static func claimJSON(_ c: ClaimEvaluation) -> JSON {
    let counts = c.counts
    var members: [JSON.Member] = [
      .init("id", .string(c.claim.id)), .init("title", .string(c.claim.title)),
      .init("source", .string(c.claim.source.rawValue)), .init("kind", .string(c.claim.kind.rawValue)),
      .init("reference", .string(c.claim.reference)),
      .init("setting", .string(c.claim.setting.rawValue)), .init("claim", .string(c.claim.statement.description)),
      .init("assumes", .array(c.claim.assumes.map { .string($0.description) })),
      .init("verdict", .string(c.label)),
      .init("counts", .object(Verdict.allCases.map { .init($0.rawValue, .integer(counts[$0] ?? 0)) })),
    ]
    if let fit = c.fit {
      members.append(.init("fitted_constant", .object([
        .init("name", .string(fit.name)), .init("lo", .string(fit.lower.description)), .init("hi", .string(fit.upper.description)),
        .init("instance", fit.instance.map { .string($0) } ?? .null),
        .init("informative_below", fit.informativeBelow.map { .string($0.description) } ?? .null),
      ])))
    }
    if let failure = c.fitFailure { members.append(.init("fit_failure", .string(failure))) }
    if c.claim.trivial != nil { members.append(.init("fit_vacuous", .array(c.fitVacuous.map(JSON.string)))) }
    if let t = c.tightest, case .relation(let relation) = c.claim.statement {
      members.append(.init("tightest", .object([
        .init("instance", .string(t.instance)),
        .init("slack", t.slack(relation.op).map(JSON.enclosure) ?? .null),
        .init("ratio", t.ratio.map(JSON.enclosure) ?? .null),
      ])))
    }
    if let w = c.witness { members.append(.init("witness", instanceJSON(w))) }
    members.append(.init("instances", .array(c.results.map(instanceJSON))))
    return .object(members)
  }

  static func instanceJSON(_ r: InstanceVerdict) -> JSON {
    var members: [JSON.Member] = [.init("instance", .string(r.instance)), .init("verdict", .string(r.verdict.rawValue))]
    members.append(.init("measured", r.measured.map(JSON.enclosure) ?? .null))
    members.append(.init("bound", r.bound.map(JSON.enclosure) ?? .null))
    if let reason = r.reason { members.append(.init("reason", .string(reason))) }
    if let p = r.precision { members.append(.init("precision", .integer(p))) }
    return .object(members)
  }
}
