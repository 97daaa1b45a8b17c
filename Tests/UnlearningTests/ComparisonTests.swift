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
}
