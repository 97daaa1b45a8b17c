import Foundation
import Bounds
import Exact
import Testing
@testable import Unlearning
@testable import Claims
@testable import Formats

@Suite struct TwoLayerTests {
  /// y_i N(x_i; W) = y_i (1/m) Σ_j s_j φ(⟨ŵ_j, x_i⟩) from the start's explicit scaled neurons,
  /// computed here rather than by the model (s_j = +1 for the first m/2 neurons).
  static func startMargins(_ analysis: TwoLayerUnlearning) throws -> [Rational] {
    let blocks = try #require(analysis.theta).blocks.map(\.rationals), m = blocks.count, gamma = analysis.activation.gamma
    let instance = analysis.instance
    return (0..<instance.count).map { i in
      let sum = blocks.enumerated().reduce(Rational()) { total, neuron in
        let z = ForgetSetTests.dot(neuron.element, row: i, of: instance)
        let value = z.signum > 0 ? z : gamma * z
        return neuron.offset < m / 2 ? total + value : total - value
      }
      return Rational(instance.labels[i]) * sum / Rational(m)
    }
  }

  /// Leaky data with p ≥ 3γ⁻³: the structured point verifies, Lemma 16's
  /// bounds hold, and one step at c = 1 without flips leaves ε = 0 and
  /// q' = 1 − λ_r K_{−r,r} exactly.
  @Test func structuredKKTPointOnLeakyData() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 20000, seed: 11))
    let gamma = r("9/10")
    let analysis = try TwoLayerUnlearning(instance: data, forget: 2, width: 4, gamma: gamma)
    let table = try analysis.quantities()
    let p = try #require(exactScalar(table, "p_orthogonality"))
    #expect(p * gamma * gamma * gamma >= Rational(3))
    #expect(analysis.kktFailure == nil)
    let lambda = analysis.multipliers
    let rMin2 = analysis.data.minimumSquaredNorm, rMax2 = analysis.data.maximumSquaredNorm
    for l in lambda {
      #expect(l >= Rational(1) / (Rational(2) * rMax2))
      #expect(l <= Rational(3) / (Rational(2) * gamma * gamma * rMin2))
    }
    guard case .boolean(true)? = table["sign_stable"] else {
      Issue.record("expected no flips")
      return
    }
    #expect(exactScalar(table, "epsilon2") == Rational())
    let k = StructuredKKT.matrix(gram: analysis.gram, labels: data.labels, indices: Array(0..<6), gamma: gamma)
    let after = try #require(exactVector(table, "margins_after"))
    for (index, i) in analysis.retained.enumerated() {
      #expect(after[index] == Rational(1) - lambda[2] * k[i, 2])
    }
    // The margins of the start are exactly 1 (all constraints active).
    #expect(try Self.startMargins(analysis).allSatisfy { $0 == Rational(1) })
  }

  @Test func reluWithoutClustersIsNotKKTWithTheReason() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 8, d: 20000, seed: 1))
    let analysis = try TwoLayerUnlearning(instance: data, forget: 2, width: 4, gamma: Rational())
    let reason = try #require(analysis.kktFailure)
    #expect(reason.contains("against the pattern") || reason.contains("not positive"), "\(reason)")
    let table = try analysis.quantities()
    guard case .boolean(false)? = table["kkt_verified"] else {
      Issue.record("kkt_verified must be false")
      return
    }
    #expect(table["epsilon"] == nil)
  }

  @Test func reluOnAWellSeparatedMixtureVerifies() throws {
    let data = try InstanceGenerator.gaussianMixture.generate(.init(n: 8, d: 2000, seed: 15, muNorm: r("30"), labelNoise: Rational()))
    let analysis = try TwoLayerUnlearning(instance: data, forget: 3, width: 4, gamma: Rational())
    #expect(analysis.kktFailure == nil, "\(analysis.kktFailure ?? "")")
    let table = try analysis.quantities()
    #expect(exactScalar(table, "epsilon2") == Rational())
  }

  /// ε(c) = |1 − c| λ_r ‖x_r‖ (Σ_j a_j² g_rj²)^½ without flips (theory §F.2(b)).
  @Test(arguments: ["0", "1/2", "9/10", "11/10", "2"])
  func epsilonVersusStepSize(c: String) throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 8000, seed: 13))
    let analysis = try TwoLayerUnlearning(instance: data, forget: 0, width: 4, gamma: r("1/2"), step: .scaled(r(c)))
    let table = try analysis.quantities()
    guard case .boolean(true)? = table["sign_stable"] else {
      Issue.record("c = \(c) flipped an activation; pick instances without flips for this identity")
      return
    }
    let lambdaR = analysis.multipliers[0]
    let gain2 = try #require(exactScalar(table, "gain_r2"))
    let expected = (Rational(1) - r(c)) * (Rational(1) - r(c)) * lambdaR * lambdaR * analysis.gram[0, 0] * gain2
    #expect(exactScalar(table, "epsilon2") == expected)
  }

  @Test func trainedStartIsCloseToTheStructuredPoint() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 4000, seed: 17))
    let analysis = try TwoLayerUnlearning(instance: data, forget: 1, width: 4, gamma: r("1/2"), start: .trained)
    let table = try analysis.quantities()
    let cosine = try #require(enclosure(table, "cosine_start_to_kkt"))
    #expect(cosine.lower >= r("0.99"), "\(cosine.shortDescription)")
    // Its certified (ε₀, δ₀) are reported, exact.
    let epsilon0 = try #require(exactScalar(table, "epsilon_start2"))
    #expect(epsilon0.signum >= 0)
    #expect(exactScalar(table, "delta_start") != nil)
    // Normalized to margin 1.
    #expect(try Self.startMargins(analysis).min() == Rational(1))
    // ρ is the trained network's smallest margin, and the step at its scale is ρλ̂_r/|ℓ'(ρq̂_r)|
    // (N is 1-homogeneous in the first layer): recomputed here in binary64.
    let rho = try #require(exactScalar(table, "rho"))
    #expect(rho == analysis.trainedMargin)
    let lambdaR = Double(try #require(exactScalar(table, "lambda_r"))), qR = Double(try #require(exactScalar(table, "q_r")))
    let user = try #require(enclosure(table, "beta_star_user"))
    let expected = Double(rho) * lambdaR * (1 + Foundation.exp(Double(rho) * qR))
    #expect(abs(Double(user.midpoint.rational) - expected) <= 1e-9 * expected)
  }

  /// An explicit β inside the enclosure of β* reproduces the exact c = 1 quantities.
  @Test(arguments: Loss.allCases)
  func explicitStepsAgreeWithTheSymbolicStep(loss: Loss) throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 8000, seed: 13))
    let symbolic = try TwoLayerUnlearning(instance: data, forget: 2, width: 4, gamma: r("1/2"), loss: loss)
    let lambdaR = symbolic.multipliers[2]
    let betaStar = try StepRule.scaled(Rational(1)).stepSize(lambdaR: lambdaR, marginR: Rational(1), loss: loss).value(precision: 256)
    let explicit = try TwoLayerUnlearning(instance: data, forget: 2, width: 4, gamma: r("1/2"), loss: loss,
                                          step: .explicit(betaStar.interval(precision: 256).midpoint.rational))
    let a = try explicit.quantities(precision: 128), b = try symbolic.quantities(precision: 128)
    let tolerance = Rational(1).timesPowerOfTwo(-90)
    for name in ["tau", "delta", "max_margin_shift", "epsilon", "epsilon_opt", "distance_to_retrained", "cosine_to_retrained", "c"] {
      let x = try #require(enclosure(a, name), "\(name)"), y = try #require(enclosure(b, name), "\(name)")
      #expect(x.upper - y.lower <= tolerance && y.upper - x.lower <= tolerance, "\(name): \(x.shortDescription) vs \(y.shortDescription)")
    }
    guard case .boolean(false)? = a["step_is_scaled"], case .boolean(true)? = a["sign_stable"] else {
      Issue.record("expected an explicit, sign-stable step")
      return
    }
  }

  @Test func badWidthsAndLeaksAreRejected() throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 4, d: 100, seed: 1))
    #expect(throws: UnlearningError.self) { _ = try TwoLayerUnlearning(instance: data, forget: 0, width: 3, gamma: r("1/2")) }
    #expect(throws: UnlearningError.self) { _ = try TwoLayerUnlearning(instance: data, forget: 0, width: 4, gamma: r("1")) }
  }
}

@Suite struct MonteCarloTests {
  /// On a linear case the seeded Monte Carlo interval contains the exact
  /// (Φ-based) test error.
  @Test(arguments: [(UInt64(1), "2", "0.1"), (2, "1", "0"), (3, "3/2", "0.25")])
  func intervalContainsTheExactTestError(seed: UInt64, mu: String, eta: String) throws {
    let data = try InstanceGenerator.gaussianMixture.generate(.init(n: 10, d: 50, seed: seed, muNorm: r(mu), labelNoise: r(eta)))
    let analysis = try LinearUnlearning(instance: data, forget: 0)
    let table = try analysis.quantities()
    let exact = try #require(enclosure(table, "test_error_original"))
    // w = Σ λ_i y_i x_i: first coordinate and squared norm.
    let lambda = analysis.kkt.multipliers
    var first = Rational()
    for i in 0..<data.count { first += lambda[i] * Rational(data.labels[i]) * data.data[i, 0] }
    let norm2 = try lambda.dot(try analysis.signedGram.multiplied(by: lambda))
    let estimate = MixtureMonteCarlo.testError(
      firstCoordinates: [Double(first)], covariance: [[Double(norm2)]], mixture: data.mixture!, seed: seed) { $0[0] }
    let value = Double(exact.midpoint.rational)
    #expect(estimate.lower <= value && value <= estimate.upper, "exact \(value), estimate \(estimate)")
  }
}

@Suite struct TwoLayerMonteCarloTests {
  /// On a leaky structured network (linear boundary), the Monte Carlo
  /// interval computed from the neurons contains the exact Φ-based error.
  @Test func monteCarloOnNeuronsAgreesWithTheClosedForm() throws {
    let data = try InstanceGenerator.gaussianMixture.generate(.init(n: 8, d: 200, seed: 5, muNorm: r("3"), labelNoise: r("0.1")))
    let analysis = try TwoLayerUnlearning(instance: data, forget: 1, width: 4, gamma: r("1/2"))
    let measured = try #require(analysis.measured, "expected a structured KKT point: \(analysis.kktFailure ?? "")")
    let table = try analysis.quantities()
    let exact = try #require(enclosure(table, "test_error_original"))
    var estimates = QuantityTable(precision: 128)
    analysis.addMonteCarloTestErrors(to: &estimates, mixture: data.mixture!, networks: [(.testErrorOriginalMc, measured.start.theta)])
    guard case .estimate(let e)? = estimates[.testErrorOriginalMc] else {
      Issue.record("no estimate")
      return
    }
    let value = Double(exact.midpoint.rational)
    #expect(e.lower <= value && value <= e.upper, "exact \(value), estimate \(e)")
  }
}
