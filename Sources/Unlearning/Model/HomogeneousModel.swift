//===--- HomogeneousModel.swift -------------------------------------------===//
// The models of the paper as one positively homogeneous family.
//===----------------------------------------------------------------------===//

import Exact

/// φ(z) = max(γz, z) with γ ∈ [0, 1) (γ = 0 is ReLU): the activation of a
/// two-layer ``HomogeneousModel``, which evaluates φ and its subgradient.
public struct LeakyReLU: Sendable, Hashable {
  public let gamma: Rational

  public init(gamma: Rational) throws {
    guard gamma.signum >= 0, gamma < Rational(1) else {
      throw UnlearningError.badParameter("γ must be in [0, 1), got \(gamma)")
    }
    self.gamma = gamma
  }
}

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

  /// The two-layer network of width m in its true coordinates w_j with the
  /// outer layer ±1 in place of ±1/√m: M(x; W) = Σ_j s_j φ(⟨w_j, x⟩) = √m·N(x; W),
  /// so a user's weights stay rational where √m is not. Its stationarity
  /// residual with multipliers μ is the network's with λ = √m·μ, and its
  /// margins are √m times the network's.
  public static func twoLayerUnitOuterLayer(width m: Int, activation: LeakyReLU) -> HomogeneousModel {
    HomogeneousModel(signs: twoLayer(width: m, activation: activation).signs, blockWeight: Rational(1), slope: activation.gamma)
  }

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
  /// φ'(z): 1 for z > 0, γ for z ≤ 0 — the subgradient autograd returns
  /// (PyTorch's ReLU and leaky ReLU backward use `x > 0`), so a user's float
  /// implementation and this harness step alike.
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

  /// q_i = y_i N(x_i; θ) for every point, from θ's pre-activations.
  public func margins(of theta: Parameters, labels: [Int], preactivations p: [ScaledIntegerVector]) -> ScaledIntegerVector {
    margins(preactivations: p, pattern: p.map { $0.numerators.map { $0.signum > 0 } }, representative: theta.representative, labels: labels)
  }

  /// The matrix of the stationarity residual's quadratic form over the points
  /// I: ‖θ − Σ_{i∈I} μ_i y_i ∇_θ N(x_i; θ)‖² = ‖θ‖² − 2 qᵀμ + μᵀMμ with
  ///
  ///     M_ac = y_a y_c G_ac · ω Σ_k φ'_ka φ'_kc,    q_a = y_a N(x_a; θ)
  ///
  /// (the linear term is the margin since φ(z) = φ'(z)·z), where
  /// `slopes[k][i]` = φ'(⟨v_k, x_i⟩). For the linear model M is the signed
  /// Gram matrix itself.
  public func stationarityMatrix(slopes: [[Rational]], indices: [Int], labels: [Int], gram: Matrix) -> Matrix {
    Matrix(rows: indices.count, columns: indices.count) { a, c in
      var sum = Rational()
      for k in 0..<blocks { sum += slopes[k][indices[a]] * slopes[k][indices[c]] }
      let g = labels[indices[a]] == labels[indices[c]] ? gram[indices[a], indices[c]] : -gram[indices[a], indices[c]]
      return g * blockWeight * sum
    }
  }

  /// C_ki = λ_i y_i s_k φ'(⟨v_k, x_i⟩) over the points I (0 elsewhere): the
  /// coefficients on the data rows of Σ_{i∈I} λ_i y_i ∇_θ N(x_i; θ), which
  /// is θ itself at a KKT point (stationarity), with `multipliers` over I in order.
  public func stationarityCoefficients(preactivations: [ScaledIntegerVector], multipliers: [Rational], labels: [Int], indices: [Int],
                                       points n: Int) -> [[Rational]] {
    let slopes = indices.map { i in gradientCoefficients(preactivations: preactivations.map { $0[i] }) }
    return (0..<blocks).map { k in
      var row = [Rational](repeating: Rational(), count: n)
      for (position, i) in indices.enumerated() { row[i] = multipliers[position] * Rational(labels[i]) * slopes[position][k] }
      return row
    }
  }

  /// The coefficients g_k = s_k φ'(⟨v_k, x⟩) of ∇_θ N(x; θ) = (g_k x)_k.
  public func gradientCoefficients(preactivations: [Rational]) -> [Rational] {
    preactivations.enumerated().map { k, z in signs[k] > 0 ? derivative(z) : -derivative(z) }
  }
}
