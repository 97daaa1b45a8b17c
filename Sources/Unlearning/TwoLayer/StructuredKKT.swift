//===--- StructuredKKT.swift ----------------------------------------------===//
// The exact KKT point with Frei et al.'s structure (theorems/DERIVATIONS.md, frei.lemma16.structured-point-is-kkt).
//===----------------------------------------------------------------------===//

import Exact

/// Why the Frei-structured candidate is not a KKT point.
public enum StructuredKKTFailure: Error, Equatable, CustomStringConvertible {
  /// K is singular: the structured system has no unique solution.
  case singular
  /// Some multiplier is not positive.
  case multiplierNotPositive(index: Int, value: String)
  /// A data point has the wrong activation pattern.
  case patternViolated(index: Int, neuron: String, preactivation: String)

  public var description: String {
    switch self {
    case .singular: return "the structured system Kλ = 1 is singular"
    case .multiplierNotPositive(let i, let v): return "λ_\(i) = \(v) is not positive"
    case .patternViolated(let i, let neuron, let p):
      return "point \(i) has ⟨\(neuron), x_\(i)⟩ = \(p), against the pattern ⟨v, x_i⟩ > 0 ⇔ y_i = +1, ⟨u, x_i⟩ > 0 ⇔ y_i = −1"
    }
  }
}

public enum StructuredKKT {
  /// K_ik = (1+γ²)/2 · G_ik if y_i = y_k, −γ G_ik otherwise (y_i N(x_i) = (Kλ)_i
  /// under the intended patterns).
  public static func matrix(gram: Matrix, labels: [Int], indices: [Int], gamma: Rational) -> Matrix {
    let same = (Rational(1) + gamma * gamma) / Rational(2)
    return Matrix(rows: indices.count, columns: indices.count) { a, b in
      let g = gram[indices[a], indices[b]]
      return labels[indices[a]] == labels[indices[b]] ? same * g : -(gamma * g)
    }
  }

  /// The structured KKT point on the points `indices`: all positive neurons
  /// equal v̂ = Σ_{y_k=1} λ_k x_k − γ Σ_{y_k=−1} λ_k x_k, all negative ones
  /// û = Σ_{y_k=−1} λ_k x_k − γ Σ_{y_k=1} λ_k x_k (scaled by √m), with K λ = 1.
  /// It is an exact KKT point iff λ > 0 and the patterns hold, which is
  /// checked exactly.
  ///
  /// - Returns: the multipliers (over `indices`) and the network's scaled
  ///   neurons, explicit in ℚᵈ (formed from their coefficients over all n
  ///   points, 0 outside `indices`).
  /// - Throws: ``StructuredKKTFailure`` naming the failing condition.
  public static func solve(
    data: ScaledIntegerMatrix, gram: Matrix, labels: [Int], indices: [Int], width m: Int, activation: LeakyReLU,
    solver: some ExactLinearSolver = DixonSolver()
  ) throws -> (multipliers: [Rational], theta: Parameters) {
    let gamma = activation.gamma
    let k = matrix(gram: gram, labels: labels, indices: indices, gamma: gamma)
    guard let lambda = try? solver.solve(k, Vector(repeating: Rational(1), count: indices.count)) else {
      throw StructuredKKTFailure.singular
    }
    if let bad = lambda.indices.first(where: { lambda[$0].signum <= 0 }) {
      throw StructuredKKTFailure.multiplierNotPositive(index: indices[bad], value: lambda[bad].description)
    }
    let n = gram.rows
    var v = [Rational](repeating: Rational(), count: n), u = v
    for (a, i) in indices.enumerated() {
      if labels[i] > 0 {
        v[i] = lambda[a]
        u[i] = -(gamma * lambda[a])
      } else {
        u[i] = lambda[a]
        v[i] = -(gamma * lambda[a])
      }
    }
    // The pre-activations ⟨v̂, x_i⟩ = (Gc_v)_i and ⟨û, x_i⟩ = (Gc_u)_i, for the pattern check.
    let positive = try! gram.multiplied(by: Vector(v)).entries, negative = try! gram.multiplied(by: Vector(u)).entries
    for i in indices {
      let pv = positive[i], pu = negative[i]
      if (pv.signum > 0) != (labels[i] > 0) || pv.isZero {
        throw StructuredKKTFailure.patternViolated(index: i, neuron: "v", preactivation: Double(pv).description)
      }
      if (pu.signum > 0) != (labels[i] < 0) || pu.isZero {
        throw StructuredKKTFailure.patternViolated(index: i, neuron: "u", preactivation: Double(pu).description)
      }
    }
    let (vHat, uHat) = (data.vector(ScaledIntegerVector(v)), data.vector(ScaledIntegerVector(u)))
    return (lambda.entries, Parameters(blocks: (0..<m).map { $0 < m / 2 ? vHat : uHat }))
  }
}
