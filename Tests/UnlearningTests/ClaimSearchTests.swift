import Bounds
import Exact
import Foundation
import Testing
@testable import Claims
@testable import Unlearning

/// The search for tight or false instances: it finds what random draws miss, it is deterministic,
/// and only instances of the claim count.
@Suite struct ClaimSearchTests {
  static func claim(_ statement: String, assumes: [String] = ["forget_size == 1"]) throws -> Claim {
    let text = """
      [[claim]]
      id = "t.planted"
      title = "A planted claim"
      setting = "linear"
      source = "reconstructed"
      reference = "test"
      assumes = [\(assumes.map { "\"\($0)\"" }.joined(separator: ", "))]
      claim = "\(statement)"
      """
    return try #require(try Catalog.parse(text, file: "planted.toml").first)
  }

  static func spec(n: Int = 6, d: Int = 40, seed: UInt64 = 1) throws -> InstanceSpec {
    try InstanceFields(["generator": .text("nearly-orthogonal"), "n": .integer(n), "d": .integer(d), "seed": .integer(Int(seed))]).spec()
  }

  static func search(_ claim: Claim, budget: Int, seed: UInt64, random: Bool = false) throws -> ClaimSearch {
    try ClaimSearch(.init(claim: claim, spec: try spec(seed: seed), budget: budget, seed: seed, freeForget: true, randomBaseline: random))
  }

  /// A bound set just above the largest value that 100 random draws reach holds on every one of them; the search
  /// still finds an instance beyond it within a small budget, and the violation is verified (REFUTED).
  @Test func aConstantFittedToRandomDrawsIsRefuted() throws {
    // The largest shift over 100 random draws, then the bound a little above it.
    let reference = try Self.search(try Self.claim("max_margin_shift <= 1000"), budget: 100, seed: 7, random: true)
    let randomTrace = try #require(reference.randomTrace)
    let randomBest = try #require(randomTrace.last?.best)
    #expect(randomTrace.allSatisfy { ($0.tightness ?? 0) <= randomBest })
    let bound = Rational(BigInt(Int((randomBest * 1000 * 1.001 * 1e6).rounded(.up)))) / Rational(BigInt(1_000_000))
    let planted = try Self.claim("max_margin_shift <= \(bound)")
    let random = try Self.search(planted, budget: 100, seed: 7, random: true)
    #expect(random.randomTrace!.allSatisfy { ($0.tightness ?? 0) < 1 }, "a random draw already violates the planted bound")
    let search = try Self.search(planted, budget: 120, seed: 11)
    #expect(search.verdict == .refuted, "best \(String(describing: search.bestTightness)) after \(search.evaluations) evaluations")
    #expect(search.bestResult?.verdict == .refuted)
  }

  /// The same inside a regime: a bound on λ_max R²_min that assumes p-orthogonality (p ≥ 2, which about half
  /// the draws at d = 1000 meet), set just above the best of 100 random draws that meet it. The search must
  /// stay inside the hypothesis to refute it, and its witness meets the hypothesis when evaluated again.
  @Test func aConstantFittedInsideARegimeIsRefutedInsideIt() throws {
    let assumes = ["forget_size == 1", "p_orthogonality >= 2"]
    let spec = try Self.spec(n: 6, d: 1000, seed: 5)
    func search(_ claim: Claim, budget: Int, seed: UInt64, random: Bool) throws -> ClaimSearch {
      try ClaimSearch(.init(claim: claim, spec: spec, budget: budget, seed: seed, freeForget: true, randomBaseline: random))
    }
    // The random baseline draws as many instances as the budget: 100.
    let baseline = try search(try Self.claim("lambda_max * R_min2 <= 1000", assumes: assumes), budget: 100, seed: 5, random: true)
    let counted = try #require(baseline.randomTrace).compactMap(\.tightness)
    #expect(counted.count >= 20 && counted.count <= 90, "the regime should hold on some draws and fail on others: \(counted.count) of 100")
    let randomBest = try #require(counted.max()) * 1000
    let bound = Rational(BigInt(Int((randomBest * 1.001 * 1e9).rounded(.up)))) / Rational(BigInt(1_000_000_000))
    let planted = try Self.claim("lambda_max * R_min2 <= \(bound)", assumes: assumes)
    let found = try search(planted, budget: 160, seed: 9, random: false)
    #expect(found.verdict == .refuted, "best \(String(describing: found.bestTightness)) against random draws' \(randomBest / 1000)")
    let witness = try #require(found.best)
    let again = SearchObjective(claim: planted, spec: spec, policy: PrecisionPolicy()).evaluate(witness.candidate)
    #expect(again.result.verdict == .refuted && again.counts, "the witness must meet p ≥ 2 and violate the bound")
  }

  @Test func aSeedGivesTheSameSearch() throws {
    let claim = try Self.claim("max_margin_shift <= 1000")
    let a = try Self.search(claim, budget: 24, seed: 3), b = try Self.search(claim, budget: 24, seed: 3)
    #expect(a.trace.map(\.tightness) == b.trace.map(\.tightness))
    #expect(a.bestForgetSet == b.bestForgetSet && a.bestTightness == b.bestTightness)
    let c = try Self.search(claim, budget: 24, seed: 4)
    #expect(a.trace.map(\.tightness) != c.trace.map(\.tightness))
  }

  /// Under p-orthogonality at small d most candidates fail the hypothesis: they are evaluated but never count,
  /// and the best (when any) meets every hypothesis when evaluated again.
  @Test func onlyInstancesOfTheClaimCount() throws {
    let claim = try Self.claim("tau <= 1000", assumes: ["forget_size == 1", "p_orthogonality >= 1"])
    let search = try ClaimSearch(.init(claim: claim, spec: try Self.spec(n: 6, d: 200), budget: 40, seed: 2, freeForget: true,
                                       randomBaseline: false))
    #expect(search.counted < search.evaluations, "the test needs candidates outside the hypotheses")
    #expect(search.trace.filter { $0.tightness != nil }.count <= search.counted)
    if let best = search.best {
      let again = SearchObjective(claim: claim, spec: try Self.spec(n: 6, d: 200), policy: PrecisionPolicy()).evaluate(best.candidate)
      #expect(again.result.verdict == .proved)
      #expect(again.tightness == best.tightness)
    }
  }

  @Test func claimsThatCannotBeSearchedAreRefusedByName() throws {
    let identity = try Self.claim("epsilon2 == 0")
    #expect(throws: UnlearningError.self) { _ = try Self.search(identity, budget: 4, seed: 1) }
    let planted = try Self.claim("tau <= 1")
    #expect(throws: UnlearningError.self) { _ = try Self.search(planted, budget: 0, seed: 1) }
  }
}
