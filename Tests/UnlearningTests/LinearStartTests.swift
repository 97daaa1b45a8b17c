import Bounds
import Exact
import Foundation
import TestSupport
import Testing
@testable import Formats
@testable import Unlearning

/// Linear starts other than the exact KKT point: gradient descent, and a
/// user's weights, normalized to margin 1 with NNLS multipliers; each
/// quantity recomputed here from the explicit weights by its definition, in
/// plain rationals.
@Suite struct LinearStartTests {
  static let data = try! InstanceGenerator.nearlyOrthogonal.generate(.init(n: 5, d: 300, seed: 7))

  /// ε₀² = ‖θ − Σ λ_i y_i x_i‖², δ₀ = max λ_i(q_i − 1), and min q_i = 1, from θ by definition.
  static func expectApproximateKKT(_ analysis: LinearUnlearning, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let x = analysis.instance.data, y = analysis.instance.labels, n = analysis.instance.count, d = analysis.instance.dimension
    let theta = analysis.start.theta.blocks[0].rationals
    let lambda = analysis.start.multipliers
    let margins = (0..<n).map { i in Rational(y[i]) * (0..<d).reduce(Rational()) { $0 + theta[$1] * x[i, $1] } }
    #expect(margins.min() == Rational(1), "normalized to margin 1", sourceLocation: sourceLocation)
    var residual2 = Rational()
    for k in 0..<d {
      var r = theta[k]
      for i in 0..<n { r -= lambda[i] * Rational(y[i]) * x[i, k] }
      residual2 += r * r
    }
    #expect(lambda.allSatisfy { $0.signum >= 0 }, sourceLocation: sourceLocation)
    let table = try analysis.quantities()
    #expect(exactScalar(table, "epsilon_start2") == residual2, sourceLocation: sourceLocation)
    #expect(exactScalar(table, "delta_start") == zip(lambda, margins).map { $0 * ($1 - Rational(1)) }.max(), sourceLocation: sourceLocation)
    // NNLS optimality: no multiplier can lower the residual (gradient ≥ 0, complementarity).
    for j in 0..<n {
      var g = Rational()
      for k in 0..<d {
        var r = theta[k]
        for i in 0..<n { r -= lambda[i] * Rational(y[i]) * x[i, k] }
        g -= r * Rational(y[j]) * x[j, k]
      }
      #expect(g.signum >= 0 && (lambda[j].isZero || g.isZero), "NNLS optimality at \(j)", sourceLocation: sourceLocation)
    }
    // With c = 1 the step keeps the residual: ε' = ε₀ (linear.approximate-start-epsilon).
    #expect(exactScalar(table, "epsilon2") == residual2, sourceLocation: sourceLocation)
    #expect(table["start_is_trained"].map { if case .boolean(true) = $0 { return true } else { return false } } == true)
  }

  @Test func aTrainedStartIsACertifiedApproximateKKTPoint() throws {
    let trained = try LinearUnlearning(instance: Self.data, forget: 2, start: .trained, trainingSeed: 4)
    try Self.expectApproximateKKT(trained)
    #expect(trained.training != nil && trained.startScale != nil)
    // Deterministic: the same seed gives the same start, another seed another one.
    let again = try LinearUnlearning(instance: Self.data, forget: 2, start: .trained, trainingSeed: 4)
    #expect(again.start.theta.blocks[0] == trained.start.theta.blocks[0])
    let other = try LinearUnlearning(instance: Self.data, forget: 2, start: .trained, trainingSeed: 5)
    #expect(other.start.theta.blocks[0] != trained.start.theta.blocks[0])
  }

  @Test func aUsersWeightsAreNormalizedAndTheirStepIsReportedAtTheirScale() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linear-start-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // The exact KKT point, rounded to doubles and scaled by 3: ρ ≈ 3.
    let kkt = try LinearUnlearning(instance: Self.data, forget: 2)
    let w = kkt.start.theta.blocks[0].rationals.map { 3 * Double($0) }
    let path = directory.appendingPathComponent("w.npy").path
    try NumpyArray(shape: [w.count], elementType: .float64, elements: .floats(w)).write(to: path)
    let given = try LinearUnlearning(instance: Self.data, forget: 2, start: .weights(path))
    try Self.expectApproximateKKT(given)
    let table = try given.quantities()
    let rho = try #require(exactScalar(table, "rho"))
    #expect(abs(Double(rho) - 3) < 1e-9)
    // β at the user's scale: ρ λ̂_r / |ℓ'(ρ q̂_r)|, enclosing the value computed here in binary64.
    let lambdaR = Double(given.start.lambdaR), qR = Double(given.start.marginR)
    let expected = Double(rho) * lambdaR * (1 + Foundation.exp(Double(rho) * qR))
    let beta = try #require(enclosure(table, "beta_star_user"))
    #expect(abs(Double(beta.midpoint.rational) / expected - 1) < 1e-9)
    // Weights that do not separate the data are refused, naming the margin.
    let flipped = w.map { -$0 }
    try NumpyArray(shape: [w.count], elementType: .float64, elements: .floats(flipped)).write(to: path)
    #expect(throws: UnlearningError.self) { try LinearUnlearning(instance: Self.data, forget: 2, start: .weights(path)) }
    try NumpyArray(shape: [3], elementType: .float64, elements: .floats([1, 2, 3])).write(to: path)
    #expect(throws: UnlearningError.self) { try LinearUnlearning(instance: Self.data, forget: 2, start: .weights(path)) }
  }
}
