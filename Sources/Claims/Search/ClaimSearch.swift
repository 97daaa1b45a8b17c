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
/// The method is an elitist (1 + λ) evolution strategy on the dyadic grid
/// that shares each batch between moves and fresh draws: a fifth of the
/// budget goes to fresh draws of the generator; then each batch of λ = 4
/// holds moves from the tightest instance so far (``SearchCandidate``:
/// Gaussian moves of entries, a row rescaled, decorrelated or redrawn,
/// another forget set, a label flipped, c or γ moved) and fresh draws, in
/// proportion to how often each has beaten the tightest lately
/// (``ClaimSearch/Arms``), at least one draw per batch. So where moves
/// climb, they get the budget, and where the generator's spread beats any
/// local move, the search spends like random sampling. The step size σ
/// grows when a move wins and shrinks when none does; 24 evaluations
/// without progress reset it. λ is fixed (the batch is drawn before it is
/// evaluated, in parallel), so a seed gives the same search on any machine.
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
    guard case .generator(let generator, _) = request.spec.source, generator != .gaussianMixture else {
      throw UnlearningError.badParameter("search moves generated data freely: give a generator other than gaussian-mixture (whose claims assume the mixture)")
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
    var arms = Arms()
    while run.trace.count < request.budget && run.best?.result.verdict != .refuted {
      let size = min(batch, request.budget - run.trace.count)
      // Fresh draws and moves share each batch by how often each has beaten the tightest so far.
      let fresh = stale >= patience ? max(2, arms.draws(of: size)) : arms.draws(of: size)
      var candidates = try (0..<fresh).map { _ -> SearchCandidate in
        restarts += 1
        return try draw(request, seed: request.seed &+ (restarts - 1) &* 0x9E37_79B9)
      }
      candidates += try (fresh..<size).map { _ in try move(current.candidate, request: request, rng: &rng, sigma: sigma, freedom: freedom) }
      let outcomes = Self.evaluateAll(candidates, objective: objective)
      for outcome in outcomes { run.record(outcome) }
      let wins = outcomes.map { $0.rank > current.rank }
      arms.update(drawWins: wins[..<fresh].filter { $0 }.count, draws: fresh, moveWins: wins[fresh...].filter { $0 }.count, moves: size - fresh)
      if fresh < size {
        sigma = wins[fresh...].contains(true) ? min(2, sigma * 1.5) : max(1e-3, sigma * 0.85)
      }
      let step = outcomes.max { $0.rank < $1.rank }!
      if step.rank > current.rank {
        (current, stale) = (step, 0)
      } else {
        if step.rank == current.rank { current = step }
        stale += size
      }
      if stale >= patience && fresh > 0 { (sigma, stale) = (0.3, 0) }
      progress?(run.trace.count, request.budget, run.best?.tightness)
    }
    return run
  }

  /// How often fresh draws and moves have beaten the tightest instance so far, with the
  /// older batches weighing less (a climb that stalls hands its share to the draws, and back).
  struct Arms {
    var drawWins = 0.0, draws = 0.0, moveWins = 0.0, moves = 0.0

    /// The fresh draws of a batch: its share of the two arms' smoothed success rates, at least one in four.
    func draws(of size: Int) -> Int {
      let (draw, move) = ((drawWins + 1) / (draws + 2), (moveWins + 1) / (moves + 2))
      return min(size - 1, max(size >= ClaimSearch.batch ? 1 : 0, Int((Double(size) * draw / (draw + move)).rounded())))
    }

    mutating func update(drawWins w: Int, draws n: Int, moveWins v: Int, moves m: Int) {
      let decay = 0.95
      (drawWins, draws) = (drawWins * decay + Double(w), draws * decay + Double(n))
      (moveWins, moves) = (moveWins * decay + Double(v), moves * decay + Double(m))
    }
  }

  /// A move from the tightest instance: a fifth of the time one row redrawn from the generator (as
  /// bold as a fresh draw for that point, while the rest stays), else a ``SearchCandidate`` neighbour.
  static func move(_ candidate: SearchCandidate, request: Request, rng: inout RandomSource, sigma: Double,
                   freedom: SearchCandidate.Freedom) throws -> SearchCandidate {
    guard rng.nextOpenUnit() < 0.2 else { return candidate.neighbour(&rng, sigma: sigma, freedom: freedom) }
    let row = rng.nextOpenUnit() < 0.5 ? candidate.forgetSet[0] : Int(rng.next() % UInt64(candidate.points))
    return candidate.replacingRow(row, from: try draw(request, seed: rng.next()))
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
