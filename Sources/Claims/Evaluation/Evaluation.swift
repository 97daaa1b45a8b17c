//===--- Evaluation.swift -------------------------------------------------===//
// The verdict of every claim on every applicable instance of a suite.
//===----------------------------------------------------------------------===//

import Bounds
import Dispatch
import Exact
import Formats
import Synchronization
import Unlearning

/// A claim's outcome on one instance.
public struct InstanceVerdict: Sendable {
  public var instance: String
  public var verdict: Verdict
  /// The statement's left side (the measured quantity), when a relation.
  public var measured: Value?
  /// The statement's right side (the bound), when a relation.
  public var bound: Value?
  /// Why it is VACUOUS, INCONCLUSIVE or ERROR.
  public var reason: String?
  /// The precision at which it was decided.
  public var precision: Int?

  /// bound − measured for ≤ and <, measured − bound for ≥ and >, −|difference|
  /// for ==: positive means room to spare.
  public func slack(_ op: Relation.Operator) -> Value? {
    guard let measured, let bound else { return nil }
    let p = precision ?? Interval.defaultPrecision
    switch op {
    case .lessOrEqual, .less: return Value.subtract(bound, measured, precision: p)
    case .greaterOrEqual, .greater: return Value.subtract(measured, bound, precision: p)
    case .equal: return Value.negate(Value.absoluteValue(Value.subtract(measured, bound, precision: p)))
    }
  }

  /// measured / bound, when the bound is certainly non-zero.
  public var ratio: Value? {
    guard let measured, let bound else { return nil }
    return try? Value.divide(measured, bound, precision: precision ?? Interval.defaultPrecision)
  }
}

/// The smallest value of a free constant consistent with the suite.
public struct ConstantFit: Sendable {
  public var name: String
  /// The claim fails (or is undecided) at `lower` on the binding instance…
  public var lower: Rational
  /// …and holds at `upper` on every instance where the hypotheses hold.
  public var upper: Rational
  /// The instance that forces the constant up.
  public var instance: String?
  /// The claim's own range, for a claim with a trivial value: below this
  /// constant the bound is informative (below the trivial value) on every
  /// instance where the hypotheses hold. A fit above it says nothing on some.
  public var informativeBelow: Rational? = nil
}

/// The aggregate over the suite of one claim.
public struct ClaimEvaluation: Sendable {
  public var claim: Claim
  public var results: [InstanceVerdict]
  /// Set for claims with a free constant.
  public var fit: ConstantFit?
  /// Set when fitting failed: no constant up to 2^64 (or, with a trivial
  /// value, none at which the bound is informative) makes the claim hold.
  public var fitFailure: String?
  /// For a claim with a free constant: the value each instance's verdict
  /// was decided at (the fitted upper end, 2^64 after a failed fit, or an
  /// instance's informative limit where it failed there).
  public var constantAt: [String: Rational] = [:]
  /// The instances where the fitted bound reaches the claim's trivial value
  /// (``Claim/trivial``): there the fitted statement says nothing.
  public var fitVacuous: [String] = []

  /// The aggregate verdict: REFUTED if any instance refutes; else ERROR if
  /// any errs; else INCONCLUSIVE if any is undecided; else VACUOUS if the
  /// hypotheses never hold (or no instance applies); else PROVED.
  public var verdict: Verdict {
    let verdicts = Set(results.map(\.verdict))
    for v in [Verdict.refuted, .error, .inconclusive] where verdicts.contains(v) { return v }
    return verdicts.contains(.proved) ? .proved : .vacuous
  }

  /// The report label: the verdict, or FITTED for a claim with a free constant.
  public var label: String { fit != nil && verdict == .proved ? "FITTED" : verdict.rawValue }

  /// Whether the suite held an instance of the claim's setting at all (a
  /// claim of an absent setting was not run: no verdict, not VACUOUS).
  public var wasRun: Bool { !results.isEmpty }

  /// How many instances gave each verdict.
  public var counts: [Verdict: Int] {
    Dictionary(grouping: results, by: \.verdict).mapValues(\.count)
  }

  /// The instance with the least slack (by the enclosures' midpoints).
  public var tightest: InstanceVerdict? {
    guard case .relation(let relation) = claim.statement else { return nil }
    return results.filter { $0.verdict == .proved || $0.verdict == .refuted }
      .compactMap { r in r.slack(relation.op).map { (r, $0.approximation) } }
      .min { $0.1 < $1.1 }?.0
  }

  /// The first refuting instance.
  public var witness: InstanceVerdict? { results.first { $0.verdict == .refuted } }
}

/// The evaluation of a catalog on a suite.
public struct Evaluation: Sendable {
  public var suite: String
  public var claims: [ClaimEvaluation]
  /// The catalog's content hash (``Catalog/sha256``), for the reports.
  public var catalogSHA256: String?
  /// The `instance` command that re-runs each instance, by name (suites only).
  public var commands: [String: String] = [:]

  public init(suite: String, claims: [ClaimEvaluation], catalogSHA256: String? = nil) {
    self.suite = suite
    self.claims = claims
    self.catalogSHA256 = catalogSHA256
  }

  /// "unlearning-check 0.5.0, catalog sha256 …" for the text reports.
  public var provenanceLine: String {
    "unlearning-check \(ToolVersion.string), catalog sha256 \(catalogSHA256 ?? "unknown")"
  }

  /// The number of theorem claims per report label: the evidence about the
  /// theory (self-checks are counted apart, in ``selfCheckSummary``).
  public var summary: [String: Int] {
    Dictionary(grouping: claims.filter { $0.claim.kind == .theorem && $0.wasRun }, by: \.label).mapValues(\.count)
  }

  /// The number of harness self-checks per report label.
  public var selfCheckSummary: [String: Int] {
    Dictionary(grouping: claims.filter { $0.claim.kind == .selfCheck && $0.wasRun }, by: \.label).mapValues(\.count)
  }

  /// The claims whose setting no instance of the suite has: not run, and
  /// left out of the tables and the summary counts.
  public var claimsNotRun: [ClaimEvaluation] { claims.filter { !$0.wasRun } }

  /// 1 if anything is REFUTED; else 65 if anything is ERROR; else 2 if
  /// anything is INCONCLUSIVE; else 0.
  /// The first instance in ERROR, in one line: what `run`, `sweep` and
  /// `merge` print on standard error when they exit 65.
  public var firstError: String? {
    for claim in claims {
      if let error = claim.results.first(where: { $0.verdict == .error }) {
        return "\(claim.claim.id) on \(error.instance): \(error.reason ?? "ERROR")"
      }
    }
    return nil
  }

  /// The verdict that decides the outcome of the whole evaluation: REFUTED
  /// before ERROR before INCONCLUSIVE; nil when none of them occurs.
  public var failingVerdict: Verdict? {
    let verdicts = Set(claims.map(\.verdict))
    return [Verdict.refuted, .error, .inconclusive].first(where: verdicts.contains)
  }
}

/// Evaluates claims on instances.
public struct Evaluator: Sendable {
  public var catalog: Catalog
  public var policy: PrecisionPolicy
  /// Called after each instance with (done, total, name); for progress on stderr.
  public var progress: (@Sendable (Int, Int, String) -> Void)?

  public init(catalog: Catalog, policy: PrecisionPolicy = PrecisionPolicy(), progress: (@Sendable (Int, Int, String) -> Void)? = nil) {
    self.catalog = catalog
    self.policy = policy
    self.progress = progress
  }

  /// Evaluates every claim on every applicable instance, instances in
  /// parallel on all cores (each instance is independent).
  public func evaluate(_ suite: Suite) -> Evaluation { evaluateKeepingAnalyses(suite).evaluation }

  /// ``evaluate(_:)``, also returning each built instance's analysis by name
  /// with the tables computed for it (for certificates).
  public func evaluateKeepingAnalyses(_ suite: Suite) -> (evaluation: Evaluation, analyses: [String: AnalysedInstance]) {
    let count = suite.instances.count
    let outcomes = Mutex<[Int: (any InstanceAnalysis)?]>([:])
    let errors = Mutex<[Int: String]>([:])
    let done = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: count) { k in
      let spec = suite.instances[k]
      do {
        let analysis = try spec.analyse()
        outcomes.withLock { $0[k] = analysis }
      } catch {
        errors.withLock { $0[k] = "\(error)" }
      }
      let finished = done.add(1, ordering: .relaxed).newValue
      progress?(finished, count, spec.name)
    }
    let analyses = outcomes.withLock { $0 }
    let failures = errors.withLock { $0 }
    var caches: [Int: QuantityCache] = [:]
    for (k, analysis) in analyses { if let analysis { caches[k] = QuantityCache(analysis) } }
    var evaluations: [ClaimEvaluation] = []
    for claim in catalog.claims {
      var results: [InstanceVerdict] = []
      var environments: [(String, QuantityEnvironment)] = []
      for (k, spec) in suite.instances.enumerated() {
        if let message = failures[k] {
          if applies(claim, toSpec: spec) {
            results.append(InstanceVerdict(instance: spec.name, verdict: .error, reason: "instance could not be analysed: \(message)"))
          }
          continue
        }
        guard let cache = caches[k], cache.analysis.settings.contains(claim.setting) else { continue }
        let environment = QuantityEnvironment(cache)
        environments.append((spec.name, environment))
        if claim.constants.isEmpty { results.append(evaluate(claim, on: environment, named: spec.name)) }
      }
      var evaluation = ClaimEvaluation(claim: claim, results: results)
      if let name = claim.constants.first {
        fitConstant(name, of: claim, environments: environments, into: &evaluation)
      }
      evaluations.append(evaluation)
    }
    var evaluation = Evaluation(suite: suite.name, claims: evaluations, catalogSHA256: catalog.sha256)
    evaluation.commands = Dictionary(suite.instances.map { ($0.name, $0.commandLine) }, uniquingKeysWith: { first, _ in first })
    var named: [String: AnalysedInstance] = [:]
    for (k, cache) in caches { named[suite.instances[k].name] = AnalysedInstance(cache: cache) }
    return (evaluation, named)
  }

  /// Evaluates every applicable claim on one analysed instance (the
  /// `instance` command's `claims`).
  public func evaluate(_ analysis: any InstanceAnalysis, named name: String, table: QuantityTable? = nil) -> [ClaimEvaluation] {
    let cache = QuantityCache(analysis)
    if let table { cache.seed(table) }
    return catalog.claims.filter { analysis.settings.contains($0.setting) }.map { claim in
      let environment = QuantityEnvironment(cache)
      var evaluation = ClaimEvaluation(claim: claim, results: [])
      if let constant = claim.constants.first {
        fitConstant(constant, of: claim, environments: [(name, environment)], into: &evaluation)
      } else {
        evaluation.results = [evaluate(claim, on: environment, named: name)]
      }
      return evaluation
    }
  }

  /// Whether a claim applies to an instance that failed to build (by its spec).
  func applies(_ claim: Claim, toSpec spec: InstanceSpec) -> Bool {
    spec.settings.contains(claim.setting)
  }

  /// The verdict of one claim on one instance.
  func evaluate(_ claim: Claim, on environment: QuantityEnvironment, named name: String) -> InstanceVerdict {
    for (constant, value) in claim.given { environment.fixed[constant] = .exact(value) }
    var hypotheses: [Decision<Bool>] = []
    var reason: String? = nil
    for hypothesis in claim.assumes {
      // A hypothesis decided false settles the verdict (VACUOUS): the rest
      // need not be decided.
      if hypotheses.contains(where: { $0.decidedValue == false }) { break }
      let decision = hypothesis.decide(policy, in: environment)
      hypotheses.append(decision)
      switch decision {
      case .decided(false, _): reason = reason ?? "hypothesis fails: \(hypothesis)"
      case .undecided(let p, let why): reason = reason ?? "hypothesis \(hypothesis) undecided at \(p) bits: \(why)"
      case .failed(let error): reason = "hypothesis \(hypothesis): \(error)"
      case .decided(true, _): break
      }
    }
    var statementDecision: Decision<Bool>? = nil
    let verdict = Verdict.of(hypotheses: hypotheses) {
      let d = claim.statement.decide(policy, in: environment)
      statementDecision = d
      return d
    }
    var result = InstanceVerdict(instance: name, verdict: verdict, reason: reason)
    guard let statementDecision else { return result }
    switch statementDecision {
    case .decided(_, let p): result.precision = p
    case .undecided(let p, let why):
      result.precision = p
      result.reason = "undecided at \(p) bits: \(why)"
    case .failed(let error): result.reason = "\(error)"
    }
    if case .relation(let relation) = claim.statement, let p = result.precision,
       let sides = try? relation.sides(precision: p, in: environment) {
      result.measured = sides.lhs
      result.bound = sides.rhs
    }
    return result
  }
}
