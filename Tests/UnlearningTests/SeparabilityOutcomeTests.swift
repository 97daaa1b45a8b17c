import Exact
import Foundation
import Testing
@testable import Claims
@testable import Unlearning

/// Data whose separability is stated (`expect`): the margin problem's outcome
/// against it, and the solver's Farkas weights measured from X's rows.
@Suite struct SeparabilityOutcomeTests {
  static func spec(_ expect: Bool, n: Int, d: Int, seed: UInt64, muNorm: String) throws -> InstanceSpec {
    var parameters = InstanceGenerator.Parameters(n: n, d: d, seed: seed)
    parameters.muNorm = try Rational(parsing: muNorm)
    parameters.labelNoise = try Rational(2, 5)
    var spec = InstanceSpec(name: "mix", source: .generator(.gaussianMixture, parameters), forget: 0)
    spec.expectedSeparable = expect
    return spec
  }

  static func table(_ analysis: any InstanceAnalysis) throws -> QuantityTable { try analysis.quantities(precision: 64) }

  static func exact(_ table: QuantityTable, _ name: QuantityName) -> Rational? {
    guard case .scalar(.exact(let value))? = table[name] else { return nil }
    return value
  }

  /// Not separable as stated: the weights verify (0, ≥ 0, sum 1); stated
  /// separable instead, the same data give the outcome that refutes it.
  @Test func nonSeparableDataGiveVerifiedWeights() throws {
    for expect in [false, true] {
      let analysis = try Self.spec(expect, n: 12, d: 3, seed: 1, muNorm: "2").analyse()
      let outcome = try #require(analysis as? SeparabilityOutcome, "\(type(of: analysis))")
      let table = try Self.table(outcome)
      #expect(Self.exact(table, .separableFound) == Rational(0))
      #expect(Self.exact(table, .separableExpected) == Rational(expect ? 1 : 0))
      #expect(Self.exact(table, .farkasResidual2) == Rational(0))
      #expect(Self.exact(table, .farkasWeightSum) == Rational(1))
      #expect(try #require(Self.exact(table, .farkasWeightMin)) >= Rational(0))
      #expect(outcome.settings == [.separability] && outcome.measuredStep == nil)
    }
  }

  /// Separable data stated not separable: the separator is the outcome,
  /// with its smallest margin; stated separable, they are an ordinary instance.
  @Test func separableDataGiveTheSeparator() throws {
    let refuted = try Self.spec(false, n: 8, d: 2, seed: 3, muNorm: "2").analyse()
    let table = try Self.table(try #require(refuted as? SeparabilityOutcome))
    #expect(Self.exact(table, .separableFound) == Rational(1) && Self.exact(table, .separatorMinMargin) == Rational(1))
    #expect(table[.farkasResidual2] == nil)
    #expect(try Self.spec(true, n: 8, d: 2, seed: 3, muNorm: "2").analyse() is LinearUnlearning)
  }

  /// Weights that are no certificate are measured as such: the wrong
  /// support, a negative weight, and a weight vector of the wrong length.
  @Test func wrongWeightsAreMeasuredWrong() throws {
    // Two copies of a point with opposite labels, and a third point: μ = (1/2, 1/2, 0) is the certificate.
    let data = try instance([["1", "2"], ["1", "2"], ["0", "1"]], [1, -1, 1])
    func residual(_ weights: [String]) throws -> Rational {
      SeparabilityOutcome.combinationNorm2(ScaledIntegerVector(try weights.map { try Rational(parsing: $0) }), instance: data)
    }
    #expect(try residual(["1/2", "1/2", "0"]) == Rational(0))
    #expect(try residual(["1/2", "0", "1/2"]) == Rational(10) / Rational(4), "(1/2, 3/2)")
    #expect(try residual(["1", "1", "1"]) == Rational(1))
    #expect(try residual(["1", "1"]) != Rational(0), "a weight per point")
    let outcome = SeparabilityOutcome(instance: data, expectedSeparable: false, reason: "given",
                                      obstruction: ScaledIntegerVector(try ["1", "-1", "0"].map { try Rational(parsing: $0) }))
    let table = try Self.table(outcome)
    #expect(Self.exact(table, .farkasWeightMin) == Rational(-1) && Self.exact(table, .farkasWeightSum) == Rational(0))
  }

  /// The separability claims decide each outcome: PROVED where the weights
  /// verify, REFUTED where the outcome or the weights are wrong.
  @Test func theClaimsDecideTheOutcome() throws {
    let catalog = try Catalog(directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("theorems").path)
    let evaluator = Evaluator(catalog: catalog)
    func verdicts(_ analysis: any InstanceAnalysis) -> [String: Verdict] {
      Dictionary(uniqueKeysWithValues: evaluator.evaluate(analysis, named: "x").map { ($0.claim.id, $0.verdict) })
    }
    let proved = verdicts(try Self.spec(false, n: 12, d: 3, seed: 1, muNorm: "2").analyse())
    #expect(proved.count == 4 && proved.values.allSatisfy { $0 == .proved }, "\(proved)")
    let wrongOutcome = verdicts(try Self.spec(true, n: 12, d: 3, seed: 1, muNorm: "2").analyse())
    #expect(wrongOutcome["separability.as-expected"] == .refuted)
    let data = try instance([["1", "2"], ["1", "2"], ["0", "1"]], [1, -1, 1])
    let badWeights = SeparabilityOutcome(instance: data, expectedSeparable: false, reason: "given",
                                         obstruction: ScaledIntegerVector([Rational(1), Rational(0), Rational(0)]))
    #expect(verdicts(badWeights)["separability.farkas-combination-vanishes"] == .refuted)
  }
}
