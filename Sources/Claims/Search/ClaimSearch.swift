//===--- ClaimSearch.swift ------------------------------------------------===//
// The search for the instances where a claim is tightest, or false.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Foundation
import Synchronization
import Unlearning

/// Searches the data of a claim's instances for the largest tightness
/// (``SearchObjective``): measured/bound, or the implied constant.
///
/// The method is a (1 + λ) evolution strategy on the dyadic grid with
/// restarts: a fifth of the budget goes to fresh draws of the generator,
/// and from the tightest of them λ = 4 neighbours (``SearchCandidate``:
/// Gaussian moves of entries, a row rescaled, a row combined with another or
/// moved towards orthogonality with its most correlated partner, another
/// forget set, a label flipped) are evaluated exactly, the best replaces the current point when
/// it is at least as tight, the step size σ grows on success and shrinks
/// on failure, and 24 evaluations without progress restart from a fresh
/// draw. λ is fixed (the neighbours are drawn before they are evaluated, in
/// parallel), so a seed gives the same search on any machine.
///
/// Every evaluation is exact and counts against the budget; a candidate
/// whose hypotheses fail is evaluated but is not an instance of the claim.
/// Such candidates rank below every instance, by how nearly their
/// hypotheses hold (``SearchObjective/shortfall(of:in:)``), so a climb that
/// starts outside the hypotheses walks towards them.
/// A verified violation ends the search: REFUTED, with its witness.
public struct ClaimSearch: Sendable {
  /// What to search.
  public struct Request: Sendable {
    public var claim: Claim
    /// The model, loss, step and start, and the generator of the first draws
    /// (its n, d, grid and seed); the data and the forget set are free.
    public var spec: InstanceSpec
    /// Exact evaluations.
    public var budget: Int
    public var seed: UInt64
    /// Whether the forget set may move (it does unless the user fixed it).
    public var freeForget: Bool
    /// Whether the step scale c and the leak γ may move (when the user did
    /// not fix them; c moves only for a claim whose hypotheses do not pin it,
    /// γ only for networks).
    public var freeScale = false
    public var freeGamma = false
    /// Also draw `budget` random instances, for reference.
    public var randomBaseline: Bool
    /// A suite whose tightest instance the report gives, for reference.
    public var referenceSuite: Suite?
    public var policy: PrecisionPolicy

    public init(claim: Claim, spec: InstanceSpec, budget: Int, seed: UInt64, freeForget: Bool, randomBaseline: Bool,
                referenceSuite: Suite? = nil, policy: PrecisionPolicy = PrecisionPolicy()) {
      (self.claim, self.spec, self.budget, self.seed, self.freeForget) = (claim, spec, budget, seed, freeForget)
      (self.randomBaseline, self.referenceSuite, self.policy) = (randomBaseline, referenceSuite, policy)
    }
  }

  /// The best tightness after each evaluation.
  public struct TracePoint: Sendable {
    public var evaluation: Int
    public var tightness: Double?
    public var best: Double?
  }

  /// The most budget a search takes.
  public static let maximumBudget = 100_000
  static let batch = 4, patience = 24

  public let request: Request
  public let verdict: Verdict
  public let evaluations: Int
  /// Evaluations that were instances of the claim (hypotheses held).
  public let counted: Int
  /// Wall time of the search and, when asked, of its random draws and reference suite.
  public let seconds: Double
  let best: SearchObjective.Outcome?
  public let trace: [TracePoint]
  public let randomTrace: [TracePoint]?
  /// The tightest instance of the reference suite (nil without one, or when the claim is decided on none of it).
  public let suiteTightest: Double?

  /// Runs the search.
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` for a claim that cannot
  ///   be searched (not an inequality, another setting), a budget out of
  ///   range, or a spec whose data are not generated.
  public init(_ request: Request, progress: (@Sendable (Int, Int, Double?) -> Void)? = nil) throws {
    try Self.check(request)
    let clock = ContinuousClock(), began = clock.now
    let objective = SearchObjective(claim: request.claim, spec: request.spec, policy: request.policy)
    let run = try Self.climb(request, objective: objective, progress: progress)
    self.request = request
    (best, trace, evaluations) = (run.best, run.trace, run.trace.count)
    counted = run.counted
    verdict = Self.verdict(run.verdicts)
    randomTrace = request.randomBaseline ? try Self.random(request, objective: objective).trace : nil
    suiteTightest = request.referenceSuite.flatMap { Self.tightest(of: request.claim, on: $0, policy: request.policy) }
    let elapsed = (clock.now - began).components
    seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
  }

  static func check(_ request: Request) throws {
    if let refusal = SearchObjective.refusal(request.claim) { throw UnlearningError.badParameter(refusal) }
    guard (1...maximumBudget).contains(request.budget) else {
      throw UnlearningError.badParameter("the budget must be 1...\(maximumBudget) exact evaluations, got \(request.budget)")
    }
    guard request.spec.settings.contains(request.claim.setting) else {
      throw UnlearningError.badParameter("claim '\(request.claim.id)' is stated for the \(request.claim.setting.rawValue) setting, not for this instance's")
    }
    guard case .generator(let generator, _) = request.spec.source, !generator.isMixture else {
      throw UnlearningError.badParameter("search moves generated data freely: give a generator other than gaussian-mixture or two-clusters (whose claims assume the mixture)")
    }
    try request.spec.validate()
  }

  /// The overall verdict: REFUTED on a verified violation; else PROVED when
  /// every counted instance was; INCONCLUSIVE when one was undecided; VACUOUS
  /// when no candidate was an instance of the claim.
  static func verdict(_ verdicts: [Verdict: Int]) -> Verdict {
    if verdicts[.refuted, default: 0] > 0 { return .refuted }
    if verdicts[.inconclusive, default: 0] > 0 { return .inconclusive }
    if verdicts[.proved, default: 0] > 0 { return .proved }
    return verdicts[.error, default: 0] > 0 && verdicts[.vacuous, default: 0] == 0 ? .error : .vacuous
  }

  /// The largest tightness of a claim over a suite's instances.
  static func tightest(of claim: Claim, on suite: Suite, policy: PrecisionPolicy) -> Double? {
    let instances = Suite(name: suite.name, instances: suite.instances.filter { $0.settings.contains(claim.setting) })
    guard !instances.instances.isEmpty, let evaluation = Evaluator(catalog: Catalog(claims: [claim]), policy: policy).evaluate(instances).claims.first
    else { return nil }
    if let fit = evaluation.fit { return Double(fit.lower) }
    return evaluation.results.filter { $0.verdict == .proved || $0.verdict == .refuted }.compactMap { SearchObjective.tightness($0, claim: claim) }.max()
  }

  /// Whether a hypothesis fixes c (`c == 1`): moving it would only make candidates VACUOUS.
  static func pinsStepScale(_ claim: Claim) -> Bool {
    claim.assumes.contains { condition in
      guard case .relation(let relation) = condition else { return false }
      return relation.op == .equal && (relation.lhs.names == ["c"] || relation.rhs.names == ["c"])
    }
  }

  /// A fresh draw of the generator at a seed, with the spec's forget set, c and γ.
  static func draw(_ request: Request, seed: UInt64) throws -> SearchCandidate {
    guard case .generator(let generator, var parameters) = request.spec.source else { preconditionFailure("checked") }
    parameters.seed = seed
    var candidate = try SearchCandidate(generator.generate(parameters), gridBits: parameters.gridBits, forgetSet: request.spec.forgetSet)
    if request.freeScale, !pinsStepScale(request.claim), let c = request.spec.step.scale { candidate.stepScale = c }
    if request.freeGamma, case .twoLayer(_, let gamma) = request.spec.model { candidate.gamma = gamma }
    return candidate
  }

  struct Run {
    var best: SearchObjective.Outcome?
    var trace: [TracePoint] = []
    var counted = 0
    var verdicts: [Verdict: Int] = [:]

    mutating func record(_ outcome: SearchObjective.Outcome) {
      verdicts[outcome.result.verdict, default: 0] += 1
      if outcome.counts { counted += 1 }
      // The first verified violation stays the best: it is the witness.
      if outcome.counts, best?.result.verdict != .refuted, best == nil || outcome.result.verdict == .refuted || outcome.rank > best!.rank {
        best = outcome
      }
      trace.append(TracePoint(evaluation: trace.count + 1, tightness: outcome.counts ? outcome.tightness : nil, best: best?.tightness))
    }
  }

  static func climb(_ request: Request, objective: SearchObjective,
                    progress: (@Sendable (Int, Int, Double?) -> Void)?) throws -> Run {
    var rng = RandomSource(seed: request.seed)
    var run = Run(), restarts: UInt64 = 0
    // A fifth of the budget (at least one batch) on fresh draws; the climb starts from the tightest.
    var current: SearchObjective.Outcome? = nil
    let explore = max(batch, request.budget / 5)
    while run.trace.count < min(explore, request.budget) {
      let size = min(batch, request.budget - run.trace.count)
      let draws = try (0..<size).map { _ -> SearchCandidate in
        restarts += 1
        return try draw(request, seed: request.seed &+ (restarts - 1) &* 0x9E37_79B9)
      }
      for outcome in evaluateAll(draws, objective: objective) {
        run.record(outcome)
        if current == nil || outcome.rank > current!.rank { current = outcome }
      }
    }
    guard var current else { return run }
    var sigma = 0.3, stale = 0
    let freedom = SearchCandidate.Freedom(forget: request.freeForget, labels: true, scale: request.freeScale && !pinsStepScale(request.claim),
                                          gamma: request.freeGamma)
    while run.trace.count < request.budget && run.best?.result.verdict != .refuted {
      if stale >= patience {
        // Restart from the tightest of a batch of fresh draws.
        let size = min(batch, request.budget - run.trace.count)
        let draws = try (0..<size).map { _ -> SearchCandidate in
          restarts += 1
          return try draw(request, seed: request.seed &+ (restarts - 1) &* 0x9E37_79B9)
        }
        let outcomes = evaluateAll(draws, objective: objective)
        for outcome in outcomes { run.record(outcome) }
        current = outcomes.max { $0.rank < $1.rank }!
        (sigma, stale) = (0.3, 0)
        continue
      }
      let size = min(batch, request.budget - run.trace.count)
      let neighbours = (0..<size).map { _ in current.candidate.neighbour(&rng, sigma: sigma, freedom: freedom) }
      let outcomes = Self.evaluateAll(neighbours, objective: objective)
      for outcome in outcomes { run.record(outcome) }
      let step = outcomes.max { $0.rank < $1.rank }!
      if step.rank >= current.rank {
        let improved = step.rank > current.rank
        current = step
        sigma = min(2, sigma * (improved ? 1.5 : 1.05))
        stale = improved ? 0 : stale + size
      } else {
        sigma = max(1e-3, sigma * 0.85)
        stale += size
      }
      progress?(run.trace.count, request.budget, run.best?.tightness)
    }
    return run
  }

  /// Evaluates candidates in parallel, results in the candidates' order.
  static func evaluateAll(_ candidates: [SearchCandidate], objective: SearchObjective) -> [SearchObjective.Outcome] {
    let results = Mutex<[Int: SearchObjective.Outcome]>([:])
    DispatchQueue.concurrentPerform(iterations: candidates.count) { k in
      let outcome = objective.evaluate(candidates[k])
      results.withLock { $0[k] = outcome }
    }
    let all = results.withLock { $0 }
    return candidates.indices.map { all[$0]! }
  }

  /// The reference: `budget` independent draws of the generator.
  static func random(_ request: Request, objective: SearchObjective) throws -> Run {
    var run = Run()
    var next: UInt64 = 0
    while run.trace.count < request.budget {
      let size = min(batch, request.budget - run.trace.count)
      let draws = try (0..<size).map { _ -> SearchCandidate in
        next += 1
        return try draw(request, seed: request.seed &* 1_000_003 &+ next)
      }
      for outcome in evaluateAll(draws, objective: objective) { run.record(outcome) }
    }
    return run
  }
}
