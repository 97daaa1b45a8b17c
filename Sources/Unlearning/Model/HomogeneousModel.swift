//===--- HomogeneousModel.swift -------------------------------------------===//
// The models of the paper as one positively homogeneous family.
//===----------------------------------------------------------------------===//

import Exact

/// A positively 1-homogeneous model with a fixed outer layer, in scaled
/// coordinates θ = (v_1, …, v_K), v_k ∈ ℚᵈ:
///
///     N(x; θ) = ω Σ_k s_k φ(⟨v_k, x⟩),     ‖θ‖² = ω Σ_k ‖v_k‖²,
///
/// with signs s_k = ±1, a block weight ω > 0 and φ(z) = max(γz, z), γ ∈ [0, 1].
/// - The linear predictor N(x; w) = ⟨w, x⟩: K = 1, s = +1, ω = 1, γ = 1 (φ = id).
/// - The two-layer network Σ_j a_j φ(⟨w_j, x⟩) with a_j = ±1/√m fixed:
///   K = m, v_j = ŵ_j = √m·w_j, ω = 1/m, so every quantity stays rational
///   even when √m is not.
///
/// The gradient in the same coordinates: ∂N/∂w_j = a_j φ'(⟨w_j, x⟩) x, and a
/// move w_j + t·∂N/∂w_j is ŵ_j + t·√m·a_j φ' x = ŵ_j + t s_j φ' x, so
/// ∇_θ N(x; θ) has block k equal to s_k φ'(⟨v_k, x⟩)·x, and the stationarity
/// residual θ − Σ λ_i y_i ∇N(x_i; θ) has ‖·‖² = ω Σ_k ‖v_k − Σ_i λ_i y_i s_k φ'_ik x_i‖².
/// φ' is the subgradient autograd returns: 1 for z > 0, γ for z ≤ 0.
public struct HomogeneousModel: Sendable, Hashable {
  /// s_k.
  public let signs: [Int]
  /// ω.
  public let blockWeight: Rational
  /// γ: the slope of φ below 0 (1 for the identity).
  public let slope: Rational
  /// L in N(x; cθ) = c^L N(x; θ).
  public var homogeneity: Int { 1 }

  /// The linear predictor ⟨w, x⟩.
  public static let linear = HomogeneousModel(signs: [1], blockWeight: Rational(1), slope: Rational(1))

  /// The widths a two-layer network may have: even, and at most 4096 hidden neurons.
  public static func validateWidth(_ m: Int) throws {
    guard m >= 2, m % 2 == 0, m <= 4096 else { throw UnlearningError.badParameter("the width m must be even and in 2...4096, got \(m)") }
  }

  /// The two-layer network with width m (even; the first m/2 outer weights
  /// +1/√m, the rest −1/√m) and activation φ.
  public static func twoLayer(width m: Int, activation: LeakyReLU) -> HomogeneousModel {
    HomogeneousModel(signs: (0..<m).map { $0 < m / 2 ? 1 : -1 }, blockWeight: try! Rational(1, m), slope: activation.gamma)
  }

  init(signs: [Int], blockWeight: Rational, slope: Rational) {
    self.signs = signs
    self.blockWeight = blockWeight
    self.slope = slope
  }

  /// K, the number of parameter blocks.
  public var blocks: Int { signs.count }
  /// Whether φ is the identity: no activation pattern to decide or flip.
  public var isLinear: Bool { slope == Rational(1) }

  /// φ(z).
  public func activation(_ z: Rational) -> Rational { z.signum > 0 ? z : slope * z }
  /// φ'(z): 1 for z > 0, γ for z ≤ 0.
  public func derivative(_ z: Rational) -> Rational { z.signum > 0 ? Rational(1) : slope }
  /// φ'(z) from the sign of z alone.
  func derivative(positive: Bool) -> Rational { positive ? Rational(1) : slope }

  /// y_i N(x_i; θ) for every point from the pre-activations P_k = X v_k
  /// (one vector per block), under a given activation pattern (P_ki > 0):
  /// y ∘ ω Σ_k s_k φ'_k ∘ P_k, as φ(z) = φ'(z)·z. Linear in the P_k for a
  /// fixed pattern, so it also gives the slope of margins along a direction.
  /// Over shared denominators: equal blocks (the same `representative`) share
  /// their term, and no entry is reduced to lowest terms.
  func margins(preactivations p: [ScaledIntegerVector], pattern: [[Bool]], representative: [Int], labels: [Int]) -> ScaledIntegerVector {
    var terms: [Int: ScaledIntegerVector] = [:]
    var total: ScaledIntegerVector? = nil
    for k in p.indices {
      let key = representative[k]
      let term: ScaledIntegerVector
      if let known = terms[key], pattern[key] == pattern[k] {
        term = known
      } else {
        let slopes = ScaledIntegerVector(pattern[k].map { derivative(positive: $0) }, over: slope.denominator)
        term = isLinear ? p[k] : p[k].multipliedElementwise(by: slopes)
        if terms[key] == nil { terms[key] = term }
      }
      total = total.map { $0.adding(term, times: Rational(signs[k])) } ?? term.scaled(by: Rational(signs[k]))
    }
    return total!.scaled(by: blockWeight).multipliedBySigns(labels)
  }

  /// The coefficients g_k = s_k φ'(⟨v_k, x⟩) of ∇_θ N(x; θ) = (g_k x)_k.
  public func gradientCoefficients(preactivations: [Rational]) -> [Rational] {
    preactivations.enumerated().map { k, z in signs[k] > 0 ? derivative(z) : -derivative(z) }
  }
}
