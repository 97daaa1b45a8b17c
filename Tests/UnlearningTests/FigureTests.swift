import Bounds
import Exact
import Testing
@testable import Unlearning
@testable import Claims
@testable import Formats

@Suite struct FigureTests {
  /// Without flips, ε(c) matches the prediction |1 − c| λ_r ‖x_r‖ (Σ a_j² g_rj²)^½.
  @Test func stepSizeCurveMatchesThePrediction() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 8000, seed: 13))
    let base = try #require(try TwoLayerUnlearning(instance: data, forget: 0, width: 4, gamma: r("1/2")).measured)
    let figure = try StepSizeFigure(from: Rational(0), to: Rational(2), points: 9, title: "t", step: base)
    // Each row agrees with a full analysis at its step scale.
    let half = try TwoLayerUnlearning(instance: data, forget: 0, width: 4, gamma: r("1/2"), step: .scaled(r("1/2"))).quantities()
    guard case .scalar(let halfEpsilon)? = half["epsilon"] else {
      Issue.record("no epsilon at c = 1/2")
      return
    }
    #expect(figure.rows[2].c == r("1/2"))
    #expect(figure.rows[2].epsilon.bounds == halfEpsilon.bounds)
    #expect(figure.rows.count == 9)
    let stable = figure.rows.filter { $0.signStable == true }
    #expect(stable.count >= 5, "only \(stable.count) of 9 step sizes without flips")
    for row in stable {
      let a = row.epsilon.interval(precision: 128), b = row.prediction.interval(precision: 128)
      #expect(a.intersection(b) != nil, "c = \(row.c)")
      #expect(row.epsilonOptimal.interval(precision: 128).lower <= a.upper)
    }
    let middle = figure.rows[4]
    #expect(middle.c == Rational(1) && middle.epsilon == .exact(Rational()))
    #expect(figure.csv.split(separator: "\n").count == 10)
    #expect(figure.svg.contains("<polyline") && figure.svg.hasPrefix("<svg"))
  }

  @Test func svgTicksAreRound() {
    #expect(SVGPlot.ticks(0, 2) == [0, 0.5, 1, 1.5, 2])
    #expect(SVGPlot.ticks(0, 0.0053).count >= 4)
  }
}
