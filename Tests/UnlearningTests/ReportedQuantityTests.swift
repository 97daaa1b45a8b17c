// Reported quantities that no claim reads, and the retrained point's KKT
// measurement, against independent computations in binary64 (issue 30).

import Bounds
import Exact
import Foundation
import Testing
@testable import Unlearning

@Suite struct ReportedQuantityTests {
  /// Explicit blocks in binary64.
  static func blocks(_ theta: Parameters) -> [[Double]] { theta.blocks.map { $0.rationals.map(Double.init) } }

  /// The test error of N(x) = Σ_k s_k φ(⟨v_k, x⟩) on the mixture (x = yμ + ξ,
  /// μ = ‖μ‖e₁, or with orthogonal means x = ‖μ‖e₁ + ξ for y = +1 and
  /// ‖μ‖e₂ + ξ for y = −1; ξ ~ N(0, I_d), the observed label flipped with probability η),
  /// by plain sampling in d dimensions: independent of the tool's closed form
  /// and of its feature-space Monte Carlo. Returns the estimate and its standard error.
  static func sampledTestError(blocks: [[Double]], signs: [Int], gamma: Double, muNorm: Double, eta: Double, samples: Int,
                               seed: UInt64, orthogonalMeans: Bool = false) -> (estimate: Double, standardError: Double) {
    var rng = SplitMix64(seed: seed)
    func uniform() -> Double { (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992 }
    func gaussian() -> Double { (-2 * Foundation.log(uniform())).squareRoot() * Foundation.cos(2 * Double.pi * uniform()) }
    let d = blocks[0].count
    var wrong = 0
    var x = [Double](repeating: 0, count: d)
    for _ in 0..<samples {
      let y: Double = uniform() < 0.5 ? 1 : -1
      for j in 0..<d { x[j] = gaussian() }
      if orthogonalMeans { x[y > 0 ? 0 : 1] += muNorm } else { x[0] += y * muNorm }
      var output = 0.0
      for (k, v) in blocks.enumerated() {
        var z = 0.0
        for j in 0..<d { z += v[j] * x[j] }
        output += Double(signs[k]) * (z > 0 ? z : gamma * z)
      }
      let observed = uniform() < eta ? -y : y
      if observed * output <= 0 { wrong += 1 }
    }
    let p = Double(wrong) / Double(samples)
    return (p, (p * (1 - p) / Double(samples)).squareRoot())
  }

  /// `test_error_retrained` (the Φ closed form) against sampling the retrained
  /// network itself: the linear w* formed from its multipliers here, and the
  /// structured two-layer θ*.
  @Test func retrainedTestErrorAgreesWithSampling() throws {
    let data = try InstanceGenerator.gaussianMixture.generate(.init(n: 8, d: 200, seed: 5, muNorm: r("3"), labelNoise: r("1/10")))
    let linear = try LinearUnlearning(instance: data, forget: 1)
    var w = [Double](repeating: 0, count: data.dimension)
    for (k, i) in linear.retained.enumerated() {
      for j in 0..<data.dimension { w[j] += Double(linear.retrained.multipliers[k] * Rational(data.labels[i]) * data.data[i, j]) }
    }
    let network = try TwoLayerUnlearning(instance: data, forget: 1, width: 4, gamma: r("1/2"))
    guard case .success(let solved)? = network.retrained else {
      Issue.record("expected a structured retrained point")
      return
    }
    let cases: [(String, QuantityTable, [[Double]], [Int], Double)] = [
      ("linear", try linear.quantities(), [w], [1], 1),
      ("two-layer", try network.quantities(), Self.blocks(solved.theta), network.model.signs, 0.5),
    ]
    for (name, table, blocks, signs, gamma) in cases {
      let exact = try #require(enclosure(table, "test_error_retrained"), "\(name)")
      let sampled = Self.sampledTestError(blocks: blocks, signs: signs, gamma: gamma, muNorm: 3, eta: 0.1, samples: 40_000, seed: 7)
      let value = Double(exact.midpoint.rational)
      #expect(abs(value - sampled.estimate) <= 5 * sampled.standardError, "\(name): closed form \(value), sampled \(sampled)")
    }
  }

  /// The two-clusters generator (orthogonal means ‖μ‖e₁, clean label +1, and
  /// ‖μ‖e₂, clean label −1): the means sit where it says, (CL4)'s
  /// `mean_cross_inner` is 0, and the closed-form test errors of the
  /// original, linear and structured two-layer, agree with plain sampling in
  /// d dimensions and with the feature-space Monte Carlo.
  @Test func twoClustersTestErrorAgreesWithSampling() throws {
    let p = InstanceGenerator.Parameters(n: 8, d: 200, seed: 5, muNorm: r("3"), labelNoise: r("1/10"))
    let data = try InstanceGenerator.twoClusters.generate(p)
    #expect(data.mixture?.orthogonalMeans == true && data.mixture?.meanCrossInnerProduct == Rational())
    let far = try InstanceGenerator.twoClusters.generate(.init(n: 40, d: 20, seed: 3, muNorm: r("100")))
    for i in 0..<far.count {
      // ‖μ‖ = 100: the clean (= observed, η = 0) label picks the coordinate that carries the mean.
      let (own, other) = far.labels[i] > 0 ? (0, 1) : (1, 0)
      #expect(far.data[i, own] > Rational(50) && abs(Double(far.data[i, other])) < 50, "point \(i)")
    }
    #expect(throws: UnlearningError.self) { try InstanceGenerator.twoClusters.generate(.init(n: 4, d: 1, seed: 0, muNorm: r("3"))) }
    let linear = try LinearUnlearning(instance: data, forget: 1)
    var w = [Double](repeating: 0, count: data.dimension)
    for i in 0..<data.count {
      for j in 0..<data.dimension { w[j] += Double(linear.kkt.multipliers[i] * Rational(data.labels[i]) * data.data[i, j]) }
    }
    let network = try TwoLayerUnlearning(instance: data, forget: 1, width: 4, gamma: r("1/2"))
    let measured = try #require(network.measured, "expected a structured KKT point: \(network.kktFailure ?? "")")
    let cases: [(String, QuantityTable, [[Double]], [Int], Double)] = [
      ("linear", try linear.quantities(), [w], [1], 1),
      ("two-layer", try network.quantities(), Self.blocks(measured.start.theta), network.model.signs, 0.5),
    ]
    for (name, table, blocks, signs, gamma) in cases {
      #expect(enclosure(table, "mean_cross_inner")?.midpoint.rational == Rational(), "\(name)")
      let exact = try #require(enclosure(table, "test_error_original"), "\(name)")
      let sampled = Self.sampledTestError(blocks: blocks, signs: signs, gamma: gamma, muNorm: 3, eta: 0.1, samples: 40_000, seed: 7,
                                          orthogonalMeans: true)
      let value = Double(exact.midpoint.rational)
      #expect(abs(value - sampled.estimate) <= 5 * sampled.standardError, "\(name): closed form \(value), sampled \(sampled)")
      // The opposite-means formula would be wrong here: the sample tells them apart.
      if name == "linear" {
        let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let opposite = 0.1 + 0.8 * 0.5 * erfc(3 * w[0] / norm / 2.0.squareRoot())
        #expect(abs(opposite - sampled.estimate) > 5 * sampled.standardError, "P_opp's formula \(opposite) should miss \(sampled)")
      }
    }
    var estimates = QuantityTable(precision: 128)
    network.addMonteCarloTestErrors(to: &estimates, mixture: data.mixture!, networks: [(.testErrorOriginalMc, measured.start.theta)])
    let exact = try #require(enclosure(try network.quantities(), "test_error_original"))
    guard case .estimate(let e)? = estimates[.testErrorOriginalMc] else {
      Issue.record("no Monte Carlo estimate")
      return
    }
    let value = Double(exact.midpoint.rational)
    #expect(e.lower <= value && value <= e.upper, "exact \(value), Monte Carlo \(e)")
  }

  /// `cosine_start_to_kkt`: ⟨θ, θ_kkt⟩/(‖θ‖‖θ_kkt‖) recomputed in binary64 from
  /// the explicit trained network and the structured point solved here on all points.
  @Test func cosineStartToKKTAgreesWithExplicitNeurons() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 4000, seed: 17))
    let analysis = try TwoLayerUnlearning(instance: data, forget: 1, width: 4, gamma: r("1/2"), start: .trained)
    let table = try analysis.quantities()
    let reported = try #require(enclosure(table, "cosine_start_to_kkt"))
    let reference = try StructuredKKT.solve(data: data.data, gram: data.data.gram, labels: data.labels, indices: Array(0..<data.count),
                                            width: 4, activation: LeakyReLU(gamma: r("1/2"))).theta
    let theta = try #require(analysis.measured).start.theta
    let (a, b) = (Self.blocks(theta), Self.blocks(reference))
    func dot(_ u: [[Double]], _ v: [[Double]]) -> Double { zip(u, v).reduce(0) { $0 + zip($1.0, $1.1).reduce(0) { $0 + $1.0 * $1.1 } } }
    let cosine = dot(a, b) / (dot(a, a) * dot(b, b)).squareRoot()
    #expect(abs(Double(reported.midpoint.rational) - cosine) <= 1e-9, "reported \(reported.shortDescription), recomputed \(cosine)")
    #expect(cosine < 1 - 1e-6, "a trained start is not the structured point itself")
  }

  /// The retrained point is a KKT point of S∖{r} with its multipliers; measured
  /// with one retained point's multiplier dropped, or on all of S, it is not.
  @Test func retrainedKKTResidualsSeeAPointSolvedOnTheWrongSet() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 4000, seed: 3))
    for setting in ["linear", "two-layer"] {
      let (start, multipliers): (UnlearningStart, [Rational])
      if setting == "linear" {
        let a = try LinearUnlearning(instance: data, forget: 2)
        (start, multipliers) = (try #require(a.measuredStep).start, a.retrained.multipliers.entries)
      } else {
        let a = try TwoLayerUnlearning(instance: data, forget: 2, width: 4, gamma: r("1/2"))
        guard case .success(let solved)? = a.retrained else { Issue.record("no structured retrained point"); return }
        (start, multipliers) = (try #require(a.measured).start, solved.multipliers)
      }
      let model = start.model
      let star = try #require(start.retrained)
      let honest = KKTResiduals(model: model, theta: star, instance: data, gram: start.gram, indices: start.retained, multipliers: multipliers)
      #expect(honest.residual2.isZero && honest.tau.isZero && honest.slackness.isZero && honest.smallestMultiplier.signum > 0, "\(setting)")
      // The last retained point without its multiplier: stationarity fails.
      let dropped = KKTResiduals(model: model, theta: star, instance: data, gram: start.gram, indices: start.retained,
                                 multipliers: Array(multipliers.dropLast()))
      #expect(dropped.residual2.signum > 0 && dropped.smallestMultiplier.isZero, "\(setting)")
      // Measured on all of S (the forgotten point kept, with multiplier 0): its margin is far below 1.
      var all = multipliers
      all.insert(Rational(), at: 2)
      let full = KKTResiduals(model: model, theta: star, instance: data, gram: start.gram, indices: Array(0..<data.count), multipliers: all)
      #expect(full.tau > r("1/2"), "\(setting): τ* on S is \(full.tau)")
    }
  }
}
