import Bounds
import Exact
import Testing
@testable import Claims

/// How decisions of the hypotheses and the claim become a verdict.
@Suite struct VerdictTests {
  @Test func undecidedAtTheCapIsInconclusiveNeverProved() throws {
    let relation = try Relation(parsing: "exp(1) < 2.718281828459045235360287471352662497757247093699959574966967627725")
    let decision = relation.decide(PrecisionPolicy(initial: 64, cap: 128), in: ValueTable())
    #expect(Verdict.of(hypotheses: [], claim: { decision }) == .inconclusive)
  }

  @Test func errorsAreFinal() throws {
    let decision = try Relation(parsing: "log(-1) < 0").decide(in: ValueTable())
    #expect(Verdict.of(hypotheses: [], claim: { decision }) == .error)
  }

  @Test func verdictPrecedence() {
    let yes = Decision<Bool>.decided(true, precision: 128), no = Decision<Bool>.decided(false, precision: 128)
    let maybe = Decision<Bool>.undecided(precision: 4096, reason: "overlap")
    #expect(Verdict.of(hypotheses: [yes], claim: { yes }) == .proved)
    #expect(Verdict.of(hypotheses: [yes], claim: { no }) == .refuted)
    #expect(Verdict.of(hypotheses: [no, maybe], claim: { yes }) == .vacuous)
    #expect(Verdict.of(hypotheses: [yes, maybe], claim: { yes }) == .inconclusive)
    #expect(Verdict.of(hypotheses: [], claim: { maybe }) == .inconclusive)
  }

  /// NaN flowing into verdicts (nnv PR #446): an error anywhere makes the verdict ERROR, never PROVED.
  @Test func aFailedDecisionIsAnError() {
    let failed = Decision<Bool>.failed(EnclosureError.invalidInput("NaN"))
    #expect(Verdict.of(hypotheses: [], claim: { failed }) == .error)
    #expect(Verdict.of(hypotheses: [failed], claim: { .decided(true, precision: 128) }) == .error)
  }
}
