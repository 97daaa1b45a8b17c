//===--- TwoLayerNetwork.swift --------------------------------------------===//
// Two-layer (leaky) ReLU networks with a fixed ±1/√m outer layer, exactly.
//===----------------------------------------------------------------------===//

import Exact

/// φ(z) = max(γz, z) with γ ∈ [0, 1) (γ = 0 is ReLU).
public struct LeakyReLU: Sendable, Hashable {
  public let gamma: Rational

  public init(gamma: Rational) throws {
    guard gamma.signum >= 0, gamma < Rational(1) else {
      throw UnlearningError.badParameter("γ must be in [0, 1), got \(gamma)")
    }
    self.gamma = gamma
  }

  /// φ(z).
  public func callAsFunction(_ z: Rational) -> Rational { z.signum >= 0 ? z : gamma * z }

  /// The subgradient used for the gradient-ascent step: 1 for z > 0, γ for
  /// z < 0, and γ at z = 0 — what autograd returns (PyTorch's ReLU and
  /// leaky ReLU backward use `x > 0`), so a user's float implementation and
  /// this harness step alike.
  public func derivative(_ z: Rational) -> Rational { z.signum > 0 ? Rational(1) : gamma }
}

/// One hidden neuron, in the scaled coordinates ŵ_j = √m · w_j (so every
/// quantity is rational even when √m is not): its squared norm and its
/// pre-activations ⟨ŵ_j, x_i⟩ on the data, plus — when the neuron lies in
/// the span of the data — its coefficients ŵ_j = Σ_k C_k x_k.
public struct NeuronState: Sendable, Hashable {
  /// +1 for a_j = +1/√m, −1 for a_j = −1/√m.
  public var sign: Int
  /// ‖ŵ_j‖².
  public var squaredNorm: Rational
  /// ⟨ŵ_j, x_i⟩ for every data point i.
  public var preactivations: [Rational]
  /// ŵ_j = Σ_k C_k x_k, when known.
  public var coefficients: [Rational]?
  /// ŵ_j itself in ℚ^d, kept for neurons outside the span of the data
  /// (trained starts), for Monte Carlo test errors.
  public var weights: [Rational]?

  /// The neuron Σ_k C_k x_k, from the Gram matrix.
  public init(sign: Int, coefficients: [Rational], gram: Matrix) {
    self.sign = sign
    self.coefficients = coefficients
    preactivations = try! gram.multiplied(by: Vector(coefficients)).entries
    squaredNorm = zip(coefficients, preactivations).reduce(Rational()) { $0 + $1.0 * $1.1 }
  }

  public init(sign: Int, squaredNorm: Rational, preactivations: [Rational], coefficients: [Rational]? = nil, weights: [Rational]? = nil) {
    self.sign = sign
    self.squaredNorm = squaredNorm
    self.preactivations = preactivations
    self.coefficients = coefficients
    self.weights = weights
  }

}

/// N(x; W) = Σ_j a_j φ(⟨w_j, x⟩) with a_j = ±1/√m fixed, m even, the first
/// m/2 neurons positive. In scaled coordinates N(x) = (1/m) Σ_j s_j φ(⟨ŵ_j, x⟩)
/// by positive homogeneity, and ‖W‖² = (1/m) Σ_j ‖ŵ_j‖².
public struct TwoLayerNetwork: Sendable {
  public var activation: LeakyReLU
  public var neurons: [NeuronState]

  public var width: Int { neurons.count }

  /// y_i N(x_i) for every data point.
  public func margins(labels: [Int]) -> [Rational] {
    let m = Rational(width)
    return labels.indices.map { i in
      var sum = Rational()
      for neuron in neurons {
        let value = activation(neuron.preactivations[i])
        sum += neuron.sign > 0 ? value : -value
      }
      return sum * Rational(labels[i]) / m
    }
  }

  /// ‖W‖² = (1/m) Σ_j ‖ŵ_j‖².
  public var squaredNorm: Rational {
    neurons.reduce(Rational()) { $0 + $1.squaredNorm } / Rational(width)
  }

  /// Scales W by a positive rational (N is 1-homogeneous: margins scale alike).
  public func scaled(by factor: Rational) -> TwoLayerNetwork {
    var next = self
    next.neurons = neurons.map { n in
      NeuronState(sign: n.sign, squaredNorm: n.squaredNorm * factor * factor, preactivations: n.preactivations.map { $0 * factor },
                  coefficients: n.coefficients.map { $0.map { $0 * factor } }, weights: n.weights.map { $0.map { $0 * factor } })
    }
    return next
  }

  /// The stationarity problem of Def. R1 at this network on the points
  /// `indices`, with the subgradients φ'(⟨ŵ_j, x_i⟩) of `activation`:
  /// min over λ of (1/m) Σ_j ‖ŵ_j − Σ_i λ_i y_i s_j φ'_ij x_i‖² is the
  /// quadratic ‖W‖² − 2 bᵀλ + λᵀMλ with
  /// M_ik = y_i y_k G_ik (1/m) Σ_j φ'_ij φ'_kj and b_i = (1/m) Σ_j y_i s_j φ'_ij P_ji.
  public func stationarityForm(indices: [Int], labels: [Int], gram: Matrix) -> (matrix: Matrix, correlations: Vector) {
    let m = Rational(width)
    let slopes = neurons.map { n in indices.map { activation.derivative(n.preactivations[$0]) } }
    let matrix = Matrix(rows: indices.count, columns: indices.count) { a, b in
      var sum = Rational()
      for j in neurons.indices { sum += slopes[j][a] * slopes[j][b] }
      let sign = labels[indices[a]] == labels[indices[b]] ? Rational(1) : Rational(-1)
      return sign * gram[indices[a], indices[b]] * sum / m
    }
    let correlations = Vector(indices.indices.map { a in
      var sum = Rational()
      for (j, n) in neurons.enumerated() {
        let term = slopes[j][a] * n.preactivations[indices[a]]
        sum += n.sign > 0 ? term : -term
      }
      return Rational(labels[indices[a]]) * sum / m
    })
    return (matrix, correlations)
  }

}
