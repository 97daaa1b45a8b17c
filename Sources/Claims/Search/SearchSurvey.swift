//===--- SearchSurvey.swift -----------------------------------------------===//
// `search --all`: every searchable claim of a setting, one search each.
//===----------------------------------------------------------------------===//

import Bounds
import Foundation
import Formats
import Unlearning

/// One search per inequality claim of the catalog that applies to the spec's
/// setting, at one size and budget, beside the tightest instances of
/// reference suites (the default suite, and the regime suite when asked).
public struct SearchSurvey: Sendable {
  public struct Row: Sendable {
    public var search: ClaimSearch
    /// The tightest instance of each reference suite, by suite name.
    public var suites: [String: Double]
  }

  public let rows: [Row]
  public let suiteNames: [String]
  /// Claims of the setting that were not searched, with the reason.
  public let skipped: [(id: String, reason: String)]

  /// The claims a survey searches on a spec, and those it skips (with why).
  public static func claims(of catalog: Catalog, for spec: InstanceSpec) -> (searched: [Claim], skipped: [(id: String, reason: String)]) {
    var searched: [Claim] = [], skipped: [(id: String, reason: String)] = []
    for claim in catalog.claims where spec.settings.contains(claim.setting) {
      if claim.kind == .selfCheck {
        skipped.append((claim.id, "a harness self-check, true by the tool's own definitions: it has no theorem's constant to search"))
      } else if let refusal = SearchObjective.refusal(claim) { skipped.append((claim.id, refusal)) } else { searched.append(claim) }
    }
    return (searched, skipped)
  }

  /// Runs the survey; `progress` hears each claim as it starts.
  public init(catalog: Catalog, spec: InstanceSpec, budget: Int, seed: UInt64, freeForget: Bool, freeScale: Bool = false, freeGamma: Bool = false,
              references: [Suite], policy: PrecisionPolicy = PrecisionPolicy(), progress: (@Sendable (Int, Int, String) -> Void)? = nil) throws {
    let (searched, skipped) = Self.claims(of: catalog, for: spec)
    guard !searched.isEmpty else { throw UnlearningError.badParameter("no inequality claim of the catalog applies to this setting") }
    // Each reference suite is evaluated once, for every claim.
    var tightest: [String: [String: Double]] = [:]
    for suite in references {
      let evaluation = Evaluator(catalog: Catalog(claims: searched), policy: policy).evaluate(suite)
      for claimEvaluation in evaluation.claims {
        let value = claimEvaluation.fit.map { Double($0.lower) } ?? claimEvaluation.results
          .filter { $0.verdict == .proved || $0.verdict == .refuted }.compactMap { SearchObjective.tightness($0, claim: claimEvaluation.claim) }.max()
        if let value { tightest[claimEvaluation.claim.id, default: [:]][suite.name] = value }
      }
    }
    rows = try searched.enumerated().map { k, claim in
      progress?(k + 1, searched.count, claim.id)
      var request = ClaimSearch.Request(claim: claim, spec: spec, budget: budget, seed: seed, freeForget: freeForget, randomBaseline: true,
                                        policy: policy)
      (request.freeScale, request.freeGamma) = (freeScale, freeGamma)
      return Row(search: try ClaimSearch(request), suites: tightest[claim.id] ?? [:])
    }
    suiteNames = references.map(\.name)
    self.skipped = skipped
  }

  /// The table as Markdown: per claim, the search's verdict and best ratio,
  /// the best of as many random draws, and each reference suite's tightest.
  public var markdown: String {
    func show(_ x: Double?) -> String { x.map { $0.isFinite ? String(format: "%.4g", $0) : "inf" } ?? "—" }
    var lines = ["| claim | ratio | search verdict | search best | random best | " + suiteNames.map { "\($0) suite" }.joined(separator: " | ") + " |",
                 "|---|---|---|---|---|" + suiteNames.map { _ in "---|" }.joined()]
    for row in rows {
      let s = row.search
      lines.append("| `\(s.request.claim.id)` | \(s.ratioName) | \(s.verdict.rawValue) (\(s.counted)/\(s.evaluations)) | \(show(s.bestTightness)) | "
        + "\(show(s.randomTrace?.last?.best)) | " + suiteNames.map { show(row.suites[$0]) }.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// The table as JSON: one object per claim.
  public func json(toolVersion: String) -> JSON {
    .object([
      .init("schema_version", .integer(1)), .init("tool_version", .string(toolVersion)),
      .init("claims", .array(rows.map { row in
        .object([
          .init("claim", .string(row.search.request.claim.id)), .init("verdict", .string(row.search.verdict.rawValue)),
          .init("ratio_kind", .string(row.search.ratioName)), .init("evaluations", .integer(row.search.evaluations)),
          .init("counted", .integer(row.search.counted)), .init("seconds", .number(String(format: "%.3f", row.search.seconds))),
          .init("best", ClaimSearch.number(row.search.bestTightness)),
          .init("random_best", ClaimSearch.number(row.search.randomTrace?.last?.best)),
          .init("suites", .object(suiteNames.map { .init($0, ClaimSearch.number(row.suites[$0])) })),
        ])
      })),
      .init("skipped", .array(skipped.map { .object([.init("claim", .string($0.id)), .init("reason", .string($0.reason))]) })),
    ])
  }
}
