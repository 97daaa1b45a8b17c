import Bounds
import Exact
import Foundation
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

  /// From a trained start (ε₀ > 0 with its own multipliers) the prediction is the band A ± ε₀:
  /// every sign-stable row lies in it, and at c = 1 ε is ε₀, not 0, which the old line missed.
  @Test func aTrainedStartPredictsABandAroundTheLine() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 1000, seed: 5))
    let base = try #require(try LinearUnlearning(instance: data, forget: 1, start: .trained).measuredStep)
    let figure = try StepSizeFigure(from: Rational(0), to: Rational(2), points: 9, title: "t", step: base)
    let e0 = figure.startResidual.approximation
    #expect(e0 > 0 && !figure.exactStart)
    for row in figure.rows {
      let (lo, hi) = row.prediction.bounds
      #expect(row.epsilon.bounds.lo <= hi && lo <= row.epsilon.bounds.hi, "c = \(row.c): ε outside the band")
    }
    let middle = figure.rows[4]
    #expect(middle.c == Rational(1) && abs(middle.epsilon.approximation - e0) <= 1e-12 * e0)
    #expect(middle.prediction.bounds.lo.isZero && middle.prediction.bounds.hi >= middle.epsilon.bounds.hi)
    #expect(figure.svg.contains("± ε₀"))
  }

  /// K ascent steps: A_t follows the recurrence (recomputed here in binary64),
  /// each measured ε_t is |λ_r + A_t|·‖x_r‖ (θ_t − Σ_{i≠r} λ_i y_i x_i =
  /// (λ_r + A_t) y_r x_r) and q_r(t) = q_r + A_t‖x_r‖², computed independently
  /// of the measurement; the figure passes the one-step margin where A_t passes −λ_r.
  @Test func stepsFollowTheRecurrenceAndTheirResidualsAreMeasured() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 1000, seed: 5))
    let base = try #require(try LinearUnlearning(instance: data, forget: 1).measuredStep)
    let eta = r("1/2000")
    let figure = try StepsFigure(learningRates: [eta], steps: 12, title: "t", step: base)
    let start = base.start
    let q = Double(start.marginR), norm2 = Double(start.gram[1, 1]), lambdaR = Double(start.lambdaR)
    var a = 0.0
    for row in figure.rows {
      a += Double(eta) * (-1 / (1 + Foundation.exp(q + a * norm2)))
      let expected = abs(lambdaR + a) * norm2.squareRoot()
      #expect(abs(row.epsilon.approximation - expected) <= 1e-9 * max(expected, 1e-12), "ε_\(row.step)")
      #expect(abs(row.forgetMargin.approximation - (q + a * norm2)) <= 1e-9, "q_r at step \(row.step)")
      #expect(row.epsilonOptimal.bounds.lo <= row.epsilon.bounds.hi, "ε_opt ≤ ε at step \(row.step)")
    }
    // The accumulated step passes −λ_r exactly where the binary64 recurrence says it does.
    var b = 0.0, crossing: Int? = nil
    for t in 1...12 {
      b += Double(eta) * (-1 / (1 + Foundation.exp(q + b * norm2)))
      if crossing == nil && b <= -lambdaR { crossing = t }
    }
    #expect(figure.overshoot(eta) == crossing)
  }

  /// The correlation figure: one instance per ρ, measured as `instance` measures it, and the
  /// Frei-based claims VACUOUS once dependence breaks p-orthogonality.
  @Test func correlationColumnsAreTheInstancesAtEachRho() throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("theorems").path
    let catalog = try Catalog(directory: directory)
    func spec(_ rho: Rational) -> InstanceSpec {
      var spec = InstanceSpec(name: "c", source: .generator(.twoBlock, .init(n: 8, d: 20000, seed: 1, correlation: rho)), forget: 7)
      spec.trainingSeed = 1
      return spec
    }
    let rhos = [Rational(), try Rational(parsing: "9/10")]
    let figure = try CorrelationFigure(correlations: rhos, spec: spec, catalog: catalog, policy: PrecisionPolicy(initial: 128, cap: 4096),
                                       title: "t", steps: 3, learningRate: try Rational(parsing: "0.0005"))
    #expect(figure.columns.count == 2)
    for (column, rho) in zip(figure.columns, rhos) {
      let table = try spec(rho).analyse().quantities(precision: 128)
      guard case .scalar(let tau)? = table["tau"] else { Issue.record("no tau"); continue }
      #expect(column.tau.exactValue == tau.exactValue, "τ at ρ = \(rho)")
    }
    #expect(figure.columns[0].verdicts["frei.lemma14.multiplier-upper-bound"]?.label == "PROVED")
    #expect(figure.columns[1].verdicts["frei.lemma14.multiplier-upper-bound"]?.label == "VACUOUS")
    // The retained partner of the forgotten point pays for the dependence: τ grows with ρ, more after K steps.
    #expect(figure.columns[1].tau.exactValue! > figure.columns[0].tau.exactValue!)
    #expect(figure.columns[1].stepsTau!.lo > figure.columns[1].tau.interval(precision: 128).hi)
    #expect(figure.refutations.isEmpty)
    #expect(figure.csv.split(separator: "\n").count == 3 && figure.verdictsSVG.hasPrefix("<svg") && figure.quantitiesSVG.contains("<svg"))
  }

  @Test func svgTicksAreRound() {
    #expect(SVGPlot.ticks(0, 2) == [0, 0.5, 1, 1.5, 2])
    #expect(SVGPlot.ticks(0, 0.0053).count >= 4)
  }
}
