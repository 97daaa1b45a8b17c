import Foundation
import Bounds
import Exact
import Testing
@testable import Unlearning
@testable import Claims
@testable import Formats

@Suite struct ComparisonTests {
  /// A result perturbed by k ulps in one entry is reported as k ulps.
  @Test(arguments: [0, 1, 3, 17])
  func perturbedResultsReportTheirUlps(k: Int) throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 5, d: 60, seed: 4))
    let analysis = try LinearUnlearning(instance: data, forget: 1)
    // Exact starting weights w = Σ λ_i y_i x_i, as the tool would read them.
    let w = analysis.start.theta.blocks[0].rationals
    // The comparison's own exact answer, rounded to nearest, then perturbed.
    let probe = try LinearComparison(instance: data, weights: w, unlearned: [Double](repeating: 0, count: 60), forget: 1, loss: .logistic, step: .scaled(Rational(1)))
    var result = probe.expected.map { Double($0.exactValue!) }
    for _ in 0..<k { result[7] = result[7].nextUp }
    let comparison = try LinearComparison(instance: data, weights: w, unlearned: result, forget: 1, loss: .logistic, step: .scaled(Rational(1)))
    #expect(comparison.errors.maximumUlps == UInt64(k))
    if k > 0 { #expect(comparison.errors.worstIndex == 7) }
    // The exact start is an exact KKT point: its NNLS residual is 0 and the multipliers are λ.
    #expect(comparison.startResidual2 == Rational())
    #expect(comparison.startMultipliers == analysis.kkt.multipliers.entries)
  }

  /// A forget set: the comparison's exact step from the KKT weights is the analysis's θ', and
  /// a result rounded to nearest has the analysis's certified residuals up to rounding.
  @Test func aForgetSetIsComparedAgainstTheSameSimultaneousStep() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 80, seed: 9))
    let forget = [0, 4]
    let analysis = try LinearUnlearning(instance: data, forgetSet: forget)
    let w = analysis.start.theta.blocks[0].rationals
    let rounded = analysis.measured.unlearned.blocks[0].rationals.map(Double.init)
    let comparison = try LinearComparison(instance: data, weights: w, unlearned: rounded, forgetSet: forget, loss: .logistic, step: .scaled(Rational(1)))
    #expect(comparison.expected.map { $0.exactValue! } == analysis.measured.unlearned.blocks[0].rationals)
    #expect(comparison.errors.maximumUlps == 0)
    // An explicit β is enclosed point by point (each r has its own ℓ'(q_r)).
    let explicit = try LinearComparison(instance: data, weights: w, unlearned: rounded, forgetSet: forget, loss: .logistic, step: .explicit(Rational(1)))
    #expect(explicit.expected.allSatisfy { $0.exactValue == nil })
    // The two-layer comparison of the same set, from the structured KKT point's first layer.
    let net = try TwoLayerUnlearning(instance: try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 20000, seed: 24)), forgetSet: [1, 4],
                                     width: 4, gamma: r("9/10"))
    let start = try #require(net.measured).start
    // True weights w_j = v_j/√m with m = 4: exact.
    let layer = start.theta.blocks.map { $0.rationals.map { $0 / Rational(2) } }
    let after = net.unlearned!.blocks.map { $0.rationals.map { Double($0 / Rational(2)) } }
    let two = try TwoLayerComparison(instance: net.instance, weights: layer, unlearned: after, forgetSet: [1, 4], gamma: r("9/10"), loss: .logistic,
                                     step: .scaled(Rational(1)))
    #expect(two.errors.maximumUlps == 0 && two.patternMismatches == 0)
  }

  /// A small linear instance, its exact KKT weights, and the comparison whose `expected` is the exact step.
  static func exactStepFixture() throws -> (Instance, [Rational], LinearComparison) {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 5, d: 60, seed: 4))
    let w = try LinearUnlearning(instance: data, forget: 1).start.theta.blocks[0].rationals
    let probe = try LinearComparison(instance: data, weights: w, unlearned: [Double](repeating: 0, count: 60), forget: 1, loss: .logistic,
                                     step: .scaled(Rational(1)))
    return (data, w, probe)
  }

  /// The agreement names the usual bugs: a right step has scale 1 and cosine 1, a descent step
  /// −1 and −1, β = λ_r (the 1/|ℓ'| forgotten) |ℓ'(q_r)| and 1; the largest error is located.
  @Test func stepAgreementNamesTheScaleOfTheUsersChange() throws {
    let (data, w, probe) = try Self.exactStepFixture()
    let exact = probe.expected.map { $0.exactValue! }
    func agreement(scale c: Rational) throws -> StepAgreement {
      let user = zip(w, exact).map { Double($0 + c * ($1 - $0)) }
      return try #require(StepAgreement(start: w, user: user, exact: probe.expected))
    }
    for c in [Rational(1), Rational(-1), r("27/100")] {
      let a = try agreement(scale: c)
      #expect(abs(a.scale.approximation - Double(c)) < 1e-9, "scale \(a.scale) for c = \(c)")
      #expect(abs(try #require(a.cosine).approximation - (c.signum < 0 ? -1 : 1)) < 1e-9)
    }
    // The exact step itself as the start: nothing moves, so nothing is defined.
    #expect(StepAgreement(start: exact, user: exact.map(Double.init), exact: probe.expected) == nil)
    // One entry off by 1/8 is where the largest error is.
    var user = exact.map(Double.init)
    user[11] += 0.125
    let located = try LinearComparison(instance: data, weights: w, unlearned: user, forget: 1, loss: .logistic, step: .scaled(Rational(1)))
    #expect(located.errors.largestIndex == 11)
  }

  /// The error reading: the exact step rounded to float64 reads as float64 rounding, rounded to
  /// float32 as float32 rounding, and a wrongly scaled step as a different step.
  @Test func theErrorReadingTellsRoundingFromADifferentStep() throws {
    let (data, w, probe) = try Self.exactStepFixture()
    let exact = probe.expected.map { $0.exactValue! }
    func reading(_ user: [Double]) throws -> Comparison.ErrorReading {
      let c = try LinearComparison(instance: data, weights: w, unlearned: user, forget: 1, loss: .logistic, step: .scaled(Rational(1)))
      return Comparison.reading(normwise: try #require(c.errors.normwiseRelative), resultIsFloat32: Comparison.allFloat32(user))
    }
    #expect(try reading(exact.map(Double.init)) == .float64Rounding)
    #expect(try reading(exact.map { Double(Float(Double($0))) }) == .float32Rounding)
    #expect(try reading(zip(w, exact).map { Double($0 + r("27/100") * ($1 - $0)) }) == .differentStep)
  }

  /// compare at both scales: weights at 8× the KKT point give ρ = 8; the exact step from them is
  /// 8θ', whose margin-1 reading is the analysis's own (τ exactly, β̂* the analysis's β*), while at
  /// the user's scale τ = 0 and β* is another number; ε scales by ρ.
  @Test func theResultIsReadAtTheUsersScaleAndAtMarginOne() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 5, d: 60, seed: 4))
    let analysis = try LinearUnlearning(instance: data, forget: 1)
    let w = analysis.start.theta.blocks[0].rationals.map { Rational(8) * $0 }
    let after = analysis.measured.unlearned.blocks[0].rationals.map { Double(Rational(8) * $0) }
    let c = try LinearComparison(instance: data, weights: w, unlearned: after, forget: 1, loss: .logistic, step: .scaled(Rational(1)))
    #expect(c.readings.startMargin == Rational(8))
    let exact = try #require(c.readings.exactResult), one = try #require(exact.atMarginOne)
    let table = try analysis.quantities()
    #expect(one.tau == exactScalar(table, "tau"), "τ at margin 1 is the analysis's τ")
    #expect(exact.tau.exactValue == Rational() && one.tau.signum > 0, "at the user's scale τ reads 0")
    #expect(one.epsilon2 == exact.epsilon2 / Rational(64))
    let sizes = try #require(c.readings.stepSizes)
    let betaStar = try #require(enclosure(table, "beta_star"))
    func overlaps(_ a: Interval, _ b: Interval) -> Bool { a.lower <= b.upper && b.lower <= a.upper }
    #expect(overlaps(sizes.atMarginOne.interval(precision: 128), betaStar), "β̂* is the analysis's β*")
    #expect(!overlaps(sizes.user.interval(precision: 128), betaStar), "β* at ρ = 8 differs")
    #expect(c.readings.result.correct == 4 && c.readings.result.retained == 4 && c.readings.forgottenMultipliers.allSatisfy { $0.signum > 0 })
  }

  /// No-ops and harm are named: forgetting a point that is no support vector (λ_r = 0, β* = 0), and
  /// a result that misclassifies retained points.
  @Test func aNoOpAndAHarmfulResultAreWarned() throws {
    // x₂ = (3, 0) has margin 3 at w = (1, 0): not a support vector.
    let data = try instance([["1", "0"], ["-1", "0"], ["3", "0"]], [1, -1, 1])
    let noOp = try LinearComparison(instance: data, weights: [Rational(1), Rational()], unlearned: [1, 0], forget: 2, loss: .logistic,
                                    step: .scaled(Rational(1)))
    #expect(noOp.readings.forgottenMultipliers == [Rational()])
    #expect(noOp.readings.stepSizes?.user.exactValue == Rational())
    let harmed = try LinearComparison(instance: data, weights: [Rational(1), Rational()], unlearned: [-1, 0], forget: 2, loss: .logistic,
                                      step: .scaled(Rational(1)))
    #expect(harmed.readings.result.correct == 0 && harmed.readings.result.retained == 2)
  }

  @Test func ulpDistanceIsOrdinal() {
    #expect(FloatErrors.ulpDistance(1, 1.0.nextUp) == 1)
    #expect(FloatErrors.ulpDistance(0, -0.0) == 0)
    #expect(FloatErrors.ulpDistance(Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude) == 2)
    #expect(FloatErrors.ulpDistance(1.0, 1.0.nextDown.nextDown) == 2)
  }

  @Test func dataReviewFindsTheLimitingPairs() throws {
    let matrix = ScaledIntegerMatrix(try Matrix(rows: [[r("3"), r("0"), r("1")], [r("0"), r("2"), r("0")], [r("1"), r("1"), r("4")]]))
    let review = try DataReview(data: matrix, catalog: nil)
    #expect(review.minimumSquaredNorm.value == Rational(4) && review.minimumSquaredNorm.index == 1)
    #expect(review.maximumSquaredNorm.value == Rational(18) && review.maximumSquaredNorm.index == 2)
    #expect(review.maximumInnerProduct.value == Rational(7) && review.maximumInnerProduct.pair == (0, 2))
    #expect(review.orthogonality == Rational(16) / (Rational(18) * Rational(3) * Rational(7)))
  }

  /// check-data names a subset that is p-orthogonal (p ≥ 3), says each failing
  /// hypothesis once with the claims that assume it, and gives a one-line verdict.
  @Test func dataReviewSuggestsAnOrthogonalSubsetAndGroupsHypotheses() throws {
    // Four orthogonal rows of norm² 100 and a fifth close to the first: dropping it (or row 0) leaves ζ = 0.
    let rows: [[String]] = [["10", "0", "0", "0"], ["0", "10", "0", "0"], ["0", "0", "10", "0"], ["0", "0", "0", "10"], ["9", "1", "0", "0"]]
    let matrix = ScaledIntegerMatrix(try Matrix(rows: rows.map { $0.map(r) }))
    let catalog = try Catalog(directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("theorems").path)
    let review = try DataReview(data: matrix, catalog: catalog)
    #expect(try #require(review.orthogonality) < Rational(3))
    let subset = try #require(review.orthogonalSubset)
    #expect(subset.dropped.count == 1 && [0, 4].contains(subset.dropped[0]) && subset.p == nil, "ζ = 0 without one of the pair")
    // The others are Gershgorin conditions: of the distance rates and ε_opt's lower bound (n − 2),
    // and of the structured point's sharp multiplier bounds (n − 1 and 2(n − 1)).
    #expect(review.verdict.hasPrefix("4 of the 4 hypotheses the data decide fail: "), "\(review.verdict)")
    #expect(review.verdict.contains("R_min2 > (n - 1) * zeta fails (1 claim)"), "\(review.verdict)")
    #expect(review.verdict.contains("p_orthogonality >= 3 fails") && review.verdict.contains("R_min2 > (n - 2) * zeta fails"), "\(review.verdict)")
    let text = review.text
    #expect(text.components(separatedBy: "p_orthogonality >= 3").count == 3, "the verdict and one group line: \(text)")
    #expect(text.contains("without points \(subset.dropped[0]) (1 of 5) the rest has ζ = 0"))
    // Already p-orthogonal (ζ = 5, p = 10⁴/(100.25·4·5) ≈ 5): no subset, and the verdict says so.
    let nearly: [[String]] = [["10", "0", "0", "0"], ["0", "10", "0", "0"], ["0", "0", "10", "0"], ["0.5", "0", "0", "10"]]
    let orthogonal = try DataReview(data: ScaledIntegerMatrix(try Matrix(rows: nearly.map { $0.map(r) })), catalog: catalog)
    #expect(orthogonal.orthogonalSubset == nil && orthogonal.verdict.hasPrefix("the data meet"))
  }
}
