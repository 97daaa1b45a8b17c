//===--- Verdict.swift ----------------------------------------------------===//
// The outcome of checking one claim on one instance.
//===----------------------------------------------------------------------===//

import Bounds

/// The outcome of checking a claim on an instance.
public enum Verdict: String, Sendable, CaseIterable, Hashable, Codable {
  /// The hypotheses hold and the claim holds, rigorously.
  case proved = "PROVED"
  /// The hypotheses hold and the claim fails, rigorously (with a witness).
  case refuted = "REFUTED"
  /// Undecided at the precision cap: never a pass.
  case inconclusive = "INCONCLUSIVE"
  /// A hypothesis fails on this instance: an assumption review, not a pass.
  case vacuous = "VACUOUS"
  /// Bad input or a failed computation; never turned into another verdict.
  case error = "ERROR"

  /// The verdict of a claim from the decisions on its hypotheses and on the
  /// claim itself. Errors dominate, then failed hypotheses (VACUOUS), then
  /// undecided hypotheses; only when every hypothesis is decided true does the
  /// claim's own decision count, and only a decided `true` is PROVED.
  public static func of(hypotheses: [Decision<Bool>], claim: () -> Decision<Bool>) -> Verdict {
    if hypotheses.contains(where: \.isFailure) { return .error }
    if hypotheses.contains(where: { $0.decidedValue == false }) { return .vacuous }
    if hypotheses.contains(where: { $0.decidedValue == nil }) { return .inconclusive }
    switch claim() {
    case .decided(true, _): return .proved
    case .decided(false, _): return .refuted
    case .undecided: return .inconclusive
    case .failed: return .error
    }
  }
}
