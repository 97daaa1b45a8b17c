//===--- MonteCarlo.swift -------------------------------------------------===//
// Statistical estimates of test error where no closed form exists. These are
// never proofs: they are reported apart and cannot be used in claims.
//===----------------------------------------------------------------------===//

import Exact
import Formats
import Foundation

/// A Monte Carlo estimate with a confidence interval.
public struct StatisticalEstimate: Sendable, Hashable {
  public var estimate: Double
  public var lower: Double
  public var upper: Double
  /// The confidence level of [lower, upper], e.g. 0.999.
  public var confidence: Double
  public var samples: Int

  /// The JSON form, labeled statistical.
  public var json: JSON {
    .object([
      .init("estimate", .double(estimate)), .init("lo", .double(lower)), .init("hi", .double(upper)),
      .init("confidence", .double(confidence)), .init("samples", .integer(samples)), .init("statistical", .bool(true)),
    ])
  }
}

/// Test error on the mixture x = μ^(ỹ) + z (z ~ N(0, I_d), label flipped
/// with probability η; μ^(ỹ) = ỹ‖μ‖e₁, or ‖μ‖e₁ and ‖μ‖e₂ for orthogonal
/// means) of a classifier that depends on x only through k linear features
/// f_j(x) = ⟨u_j, x⟩. Each feature is ⟨u_j, μ^(ỹ)⟩ + g_j (ỹ‖μ‖u_j1, or ‖μ‖u_j1
/// and ‖μ‖u_j2) with g ~ N(0, Σ), Σ_jk = ⟨u_j, u_k⟩, so sampling needs only
/// k-dimensional Gaussians, never d-dimensional ones.
public enum MixtureMonteCarlo {
  /// Estimates P(y · score(f(x)) ≤ 0) (ties count as errors) with a
  /// two-sided Hoeffding interval: |p̂ − p| ≤ √(ln(2/α) / (2N)) with
  /// probability ≥ 1 − α.
  public static func testError(
    firstCoordinates: [Double], secondCoordinates: [Double]? = nil, covariance: [[Double]], mixture: MixtureParameters,
    samples: Int = 20_000, confidence: Double = 0.999, seed: UInt64 = 1,
    score: ([Double]) -> Double
  ) -> StatisticalEstimate {
    let k = firstCoordinates.count
    precondition(!mixture.orthogonalMeans || secondCoordinates?.count == k, "orthogonal means need the second coordinates")
    // Cholesky factor L with Σ = L Lᵀ (a tiny ridge covers semidefinite Σ).
    var l = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for i in 0..<k {
      for j in 0...i {
        var sum = covariance[i][j]
        for p in 0..<j { sum -= l[i][p] * l[j][p] }
        l[i][j] = i == j ? max(sum, 1e-300).squareRoot() : sum / l[j][j]
      }
    }
    let mu = Double(mixture.muNorm), eta = Double(mixture.labelNoise)
    var rng = RandomSource(seed: seed)
    var errors = 0
    var features = [Double](repeating: 0, count: k)
    var normals = [Double](repeating: 0, count: k)
    for _ in 0..<samples {
      let clean: Double = rng.next() & 1 == 0 ? 1 : -1
      let y = rng.nextOpenUnit() < eta ? -clean : clean
      for j in 0..<k { normals[j] = rng.nextGaussian() }
      for i in 0..<k {
        var g = 0.0
        for j in 0...i { g += l[i][j] * normals[j] }
        let mean = !mixture.orthogonalMeans ? clean * mu * firstCoordinates[i] : mu * (clean > 0 ? firstCoordinates[i] : secondCoordinates![i])
        features[i] = mean + g
      }
      if y * score(features) <= 0 { errors += 1 }
    }
    let p = Double(errors) / Double(samples)
    let radius = (Foundation.log(2 / (1 - confidence)) / (2 * Double(samples))).squareRoot()
    return StatisticalEstimate(estimate: p, lower: max(0, p - radius), upper: min(1, p + radius), confidence: confidence, samples: samples)
  }
}
