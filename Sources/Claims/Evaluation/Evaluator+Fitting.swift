//===--- Evaluator+Fitting.swift ------------------------------------------===//
// The smallest free constant consistent with a suite.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

extension Evaluator {
  /// Fits one free constant C: on each instance whose hypotheses hold, the
  /// smallest C (to 16 significant bits) for which the statement is decided
  /// true, found by bisection — first over powers of two in [2^−64, 2^64],
  /// then between the bracketing powers. The statement must weaken as C
  /// grows. The fit is [max_i lower_i, max_i upper_i], and the statement is
  /// re-checked at the upper end on every instance (those results are the
  /// claim's per-instance verdicts).
  ///
  /// With a trivial value (``Claim/trivial``) the constant is also bounded
  /// by the claim's own range: on each instance, the constants at which the
  /// bound is below the trivial value (``informativeLimit(_:of:in:)``). An
  /// instance whose measured side is at least the trivial value fails for
  /// every informative constant (the bound grows with C towards the trivial
  /// value): it is REFUTED at the largest one, for the fit could only
  /// succeed by saying nothing.
  func fitConstant(_ name: String, of claim: Claim, environments: [(String, QuantityEnvironment)], into evaluation: inout ClaimEvaluation) {
    var lower = Rational(), upper = Rational(), binding: String? = nil
    var failedAt: [String: Rational] = [:], range: Rational? = nil
    for (instance, environment) in environments {
      for (constant, value) in claim.given { environment.fixed[constant] = .exact(value) }
      environment.fixed[name] = .exact(Rational(1))
      let hypotheses = claim.assumes.map { $0.decide(policy, in: environment) }
      guard hypotheses.allSatisfy({ $0.decidedValue == true }) else { continue }
      func holds(_ c: Rational) -> Bool {
        environment.fixed[name] = .exact(c)
        return claim.statement.decide(policy, in: environment).decidedValue == true
      }
      if let trivial = claim.trivial, case .relation(let relation) = claim.statement,
         let limit = informativeLimit(name, of: claim, in: environment) {
        range = range.map { Rational.minimum($0, limit) } ?? limit
        // The bound rises towards the trivial value over the range without reaching it, so some C in it
        // makes the claim hold exactly when measured < trivial: the failure is measured ≥ trivial, decided.
        let chance = Condition.relation(Relation(relation.lhs, .greaterOrEqual, trivial))
        if chance.decide(policy, in: environment).decidedValue == true {
          failedAt[instance] = limit
          evaluation.fitFailure = "no \(name) at which the bound is below the trivial \(claim.trivial!) makes the claim hold on \(instance)"
          continue
        }
      }
      // Smallest power of two that works.
      var k = -64
      while k <= 64 && !holds(Rational(1).timesPowerOfTwo(k)) { k += 1 }
      guard k <= 64 else {
        evaluation.fitFailure = "no \(name) ≤ 2^64 makes the claim hold on \(instance)"
        continue
      }
      var hi = Rational(1).timesPowerOfTwo(k), lo = k == -64 ? Rational() : Rational(1).timesPowerOfTwo(k - 1)
      for _ in 0..<16 {
        let mid = (lo + hi) / Rational(2)
        if holds(mid) { hi = mid } else { lo = mid }
      }
      if hi > upper {
        upper = hi
        binding = instance
      }
      lower = Rational.maximum(lower, lo)
    }
    if evaluation.fitFailure != nil {
      // Report the verdicts at 2^64 (or, on an instance that fails at its
      // informative limit, there): the failing instance refutes the claim
      // for every constant up to there.
      upper = Rational(1).timesPowerOfTwo(64)
      binding = nil
    }
    // The per-instance verdicts at the fitted constant.
    evaluation.results = environments.map { instance, environment in
      environment.fixed[name] = .exact(failedAt[instance] ?? upper)
      return evaluate(claim, on: environment, named: instance)
    }
    evaluation.constantAt = Dictionary(uniqueKeysWithValues: environments.map { ($0.0, failedAt[$0.0] ?? upper) })
    // No instance met the hypotheses: nothing was fitted (the claim is VACUOUS, not "C ≤ 0").
    if evaluation.fitFailure == nil, binding != nil {
      evaluation.fit = ConstantFit(name: name, lower: lower, upper: upper, instance: binding, informativeBelow: range)
      evaluation.fitVacuous = vacuousFits(of: claim, at: upper, named: name, environments: environments, results: evaluation.results)
    }
  }

  /// The largest constant (a power of two, then 16 bisection steps below the
  /// next) at which the bound is decided below the claim's trivial value on
  /// one instance: the claim says something there only for C up to this.
  /// Nil when the bound is trivial even at 2^−64, or informative up to 2^64.
  func informativeLimit(_ name: String, of claim: Claim, in environment: QuantityEnvironment) -> Rational? {
    guard let trivial = claim.trivial, case .relation(let relation) = claim.statement else { return nil }
    let informative = Condition.relation(Relation(relation.rhs, .less, trivial))
    func below(_ c: Rational) -> Bool {
      environment.fixed[name] = .exact(c)
      return informative.decide(policy, in: environment).decidedValue == true
    }
    guard below(Rational(1).timesPowerOfTwo(-64)) else { return nil }
    var k = -63
    while k <= 64 && below(Rational(1).timesPowerOfTwo(k)) { k += 1 }
    guard k <= 64 else { return nil }
    var lo = Rational(1).timesPowerOfTwo(k - 1), hi = Rational(1).timesPowerOfTwo(k)
    for _ in 0..<16 {
      let mid = (lo + hi) / Rational(2)
      if below(mid) { lo = mid } else { hi = mid }
    }
    return lo
  }

  /// The instances, among those where the claim holds at the fitted value,
  /// where its bound is at least the trivial value: bound ≥ trivial is
  /// decided in the instance's environment with the constant fixed.
  func vacuousFits(of claim: Claim, at value: Rational, named name: String, environments: [(String, QuantityEnvironment)],
                   results: [InstanceVerdict]) -> [String] {
    guard let trivial = claim.trivial, case .relation(let relation) = claim.statement else { return [] }
    let reaches = Condition.relation(Relation(relation.rhs, .greaterOrEqual, trivial))
    return zip(environments, results).compactMap { pair, result in
      guard result.verdict == .proved else { return nil }
      pair.1.fixed[name] = .exact(value)
      return reaches.decide(policy, in: pair.1).decidedValue == true ? pair.0 : nil
    }
  }
}
