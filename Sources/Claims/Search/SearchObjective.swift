//===--- SearchObjective.swift --------------------------------------------===//
// How tight a claim is on one candidate, decided exactly.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Foundation
import Unlearning

/// The exact evaluation of one claim on a candidate, and its tightness:
///
/// - for `measured ≤ bound` (or <): measured/bound, so > 1 is a violation;
/// - for `measured ≥ bound` (or >): bound/measured, the same way round;
/// - for a claim with a free constant: the constant this instance implies.
///
/// Only exact (or enclosed) evaluations count: the tightness is the
/// midpoint of the enclosure of the ratio, a ranking only; the verdict is
/// the evaluator's, decided rigorously. A candidate whose hypotheses fail
/// (VACUOUS) or that cannot be analysed (ERROR) is not an instance of the
/// claim and never counts.
struct SearchObjective: Sendable {
  let claim: Claim
  let evaluator: Evaluator
  let spec: InstanceSpec

  init(claim: Claim, spec: InstanceSpec, policy: PrecisionPolicy) {
    self.claim = claim
    self.spec = spec
    evaluator = Evaluator(catalog: Catalog(claims: [claim]), policy: policy)
  }

  /// One candidate's outcome.
  struct Outcome: Sendable {
    var candidate: SearchCandidate
    var result: InstanceVerdict
    var fit: ConstantFit?
    /// The tightness, when the candidate counts and it is defined.
    var tightness: Double?
    /// For a VACUOUS candidate, how far its hypotheses are from holding (``shortfall(of:in:)``).
    var shortfall: Double?
    /// Whether the candidate is an instance of the claim (its hypotheses hold).
    var counts: Bool { result.verdict == .proved || result.verdict == .refuted || result.verdict == .inconclusive }
    /// How a search ranks it: instances of the claim by tightness, above those
    /// without one, above VACUOUS candidates by how nearly their hypotheses
    /// hold (so a climb that starts outside them walks towards them), above errors.
    var rank: Rank {
      if counts { return tightness.map { Rank(tier: 3, value: $0) } ?? Rank(tier: 2, value: 0) }
      if result.verdict == .vacuous { return Rank(tier: 1, value: -(shortfall ?? .infinity)) }
      return Rank(tier: 0, value: 0)
    }
  }

  /// A candidate's place in the search's order: tier first, then value.
  struct Rank: Comparable, Sendable {
    var tier: Int
    var value: Double
    static func < (a: Rank, b: Rank) -> Bool { a.tier != b.tier ? a.tier < b.tier : a.value < b.value }
    /// Below every candidate.
    static let bottom = Rank(tier: -1, value: 0)
  }

  /// The spec of a candidate (its forget set).
  func spec(of candidate: SearchCandidate) -> InstanceSpec { Self.spec(spec, of: candidate) }

  /// A base spec with a candidate's forget set, c and γ (the data are the candidate's own).
  static func spec(_ base: InstanceSpec, of candidate: SearchCandidate) -> InstanceSpec {
    var spec = base
    spec.forgetSet = candidate.forgetSet
    if let c = candidate.stepScale { spec.step = .scaled(c) }
    if let gamma = candidate.gamma, case .twoLayer(let width, _) = spec.model { spec.model = .twoLayer(width: width, gamma: gamma) }
    return spec
  }

  func evaluate(_ candidate: SearchCandidate) -> Outcome {
    let analysis: any InstanceAnalysis
    do {
      analysis = try spec(of: candidate).analyse(try candidate.instance())
    } catch {
      return Outcome(candidate: candidate, result: InstanceVerdict(instance: "candidate", verdict: .error, reason: "\(error)"))
    }
    var outcome = outcome(candidate, evaluator.evaluate(analysis, named: "candidate"))
    if outcome.result.verdict == .vacuous {
      outcome.shortfall = Self.shortfall(of: claim, in: QuantityEnvironment(QuantityCache(analysis)))
    }
    return outcome
  }

  /// The hypotheses' relative shortfall: over the hypotheses that fail, the
  /// sum of min(1, (violation)/max(|lhs|, |rhs|)) from the sides' midpoints at
  /// the policy's first precision, and 1 for a failing flag or a side that
  /// cannot be evaluated. A ranking for the search only; never a verdict.
  static func shortfall(of claim: Claim, in environment: QuantityEnvironment) -> Double {
    var total = 0.0
    for hypothesis in claim.assumes {
      switch hypothesis {
      case .flag(let name, let negated):
        let value = (try? environment.value(of: name, precision: Interval.defaultPrecision))??.exactValue
        if value.map({ ($0 == Rational(1)) != negated }) != true { total += 1 }
      case .relation(let relation):
        guard let (a, b) = try? relation.sides(precision: Interval.defaultPrecision, in: environment) else { total += 1; continue }
        let x = Double(a.interval(precision: Interval.defaultPrecision).midpoint.rational)
        let y = Double(b.interval(precision: Interval.defaultPrecision).midpoint.rational)
        let violation: Double
        switch relation.op {
        case .lessOrEqual, .less: violation = max(0, x - y)
        case .greaterOrEqual, .greater: violation = max(0, y - x)
        case .equal: violation = abs(x - y)
        }
        if violation > 0 || Relation.compare(a, relation.op, b, precision: Interval.defaultPrecision) == false {
          let scale = max(abs(x), abs(y), 1e-300)
          total += violation.isFinite ? min(1, violation / scale) : 1
        }
      }
    }
    return total
  }

  func outcome(_ candidate: SearchCandidate, _ evaluations: [ClaimEvaluation]) -> Outcome {
    guard let evaluation = evaluations.first else {
      return Outcome(candidate: candidate, result: InstanceVerdict(instance: "candidate", verdict: .error, reason: "the claim does not apply"))
    }
    if let fit = evaluation.fit {
      let result = InstanceVerdict(instance: "candidate", verdict: .proved)
      return Outcome(candidate: candidate, result: result, fit: fit, tightness: Double(fit.lower))
    }
    guard let result = evaluation.results.first else {
      // A constant claim whose hypotheses fail has no fit and no result.
      return Outcome(candidate: candidate, result: InstanceVerdict(instance: "candidate", verdict: .vacuous,
                                                                   reason: evaluation.fitFailure ?? "no result"))
    }
    return Outcome(candidate: candidate, result: result, tightness: Self.tightness(result, claim: claim))
  }

  /// measured/bound (≤, <) or bound/measured (≥, >) at the ratio's midpoint;
  /// +∞ for a positive side over a zero one in the violating direction.
  static func tightness(_ result: InstanceVerdict, claim: Claim) -> Double? {
    guard case .relation(let relation) = claim.statement, let measured = result.measured, let bound = result.bound else { return nil }
    let p = result.precision ?? Interval.defaultPrecision
    let (numerator, denominator): (Value, Value)
    switch relation.op {
    case .lessOrEqual, .less: (numerator, denominator) = (measured, bound)
    case .greaterOrEqual, .greater: (numerator, denominator) = (bound, measured)
    case .equal: return nil
    }
    let top = numerator.interval(precision: p).midpoint.rational, bottom = denominator.interval(precision: p).midpoint.rational
    if bottom.signum > 0 { return Double(top / bottom) }
    if bottom.isZero { return top.signum > 0 ? .infinity : 0 }
    return nil
  }

  /// Why a claim cannot be searched: its statement must be an inequality.
  static func refusal(_ claim: Claim) -> String? {
    guard case .relation(let relation) = claim.statement else {
      return "claim '\(claim.id)' states a flag (\(claim.statement)); search maximises measured/bound of an inequality"
    }
    if relation.op == .equal {
      return "claim '\(claim.id)' is an identity (\(claim.statement)); search maximises measured/bound of an inequality"
    }
    return nil
  }
}
