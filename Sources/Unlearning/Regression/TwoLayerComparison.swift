//===--- TwoLayerComparison.swift -----------------------------------------===//
// A user's float unlearning step on a two-layer network, against the exact one.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// Compares a user's unlearned first layer W' (m × d, outer weights
/// a_j = +1/√m for j < m/2 and −1/√m after) with the exact gradient-ascent
/// step from the user's own W, read exactly.
///
/// With --step-scale c the multipliers of W's decomposition
/// W ≈ Σ_i λ_i y_i ∇N(x_i) enter as μ = λ/√m, which makes the NNLS rational:
/// min_μ Σ_j ‖w_j − Σ_i μ_i y_i s_j φ'_ij x_i‖², and the step
/// w'_j = w_j − c λ_r y_r a_j φ'_rj x_r = w_j − c μ_r y_r s_j φ'_rj x_r is exact
/// even when √m is irrational. An explicit β gives enclosures.
public struct TwoLayerComparison: Sendable {
  public let errors: FloatErrors
  public let expected: [Value]
  /// ε of the user's W' on S∖{r} (exact NNLS multipliers), and δ, τ (which involve √m).
  public let epsilon2: Rational
  public let delta: Value
  public let tau: Value
  /// Pairs (i ≠ r, j) whose activation in the user's W' differs from the exact W'
  /// (counted where the exact sign is decided).
  public let patternMismatches: Int

  public init(instance: Instance, weights: [[Rational]], unlearned: [[Double]], forget r: Int, gamma: Rational, loss: Loss,
              step: StepRule, precision p: Int = Interval.defaultPrecision) throws {
    try self.init(instance: instance, weights: weights, unlearned: unlearned, forgetSet: [r], gamma: gamma, loss: loss, step: step, precision: p)
  }

  /// The same for a forget set F: each neuron moves by Σ_{r∈F} α_jr x_r.
  public init(instance: Instance, weights: [[Rational]], unlearned: [[Double]], forgetSet requested: [Int], gamma: Rational, loss: Loss,
              step: StepRule, precision p: Int = Interval.defaultPrecision) throws {
    let m = weights.count, d = instance.dimension, n = instance.count
    guard m >= 2, m % 2 == 0 else { throw UnlearningError.badData("the first layer has \(m) rows; the width must be even") }
    guard weights.allSatisfy({ $0.count == d }), unlearned.count == m, unlearned.allSatisfy({ $0.count == d }) else {
      throw UnlearningError.badData("weights must be \(m) × \(d) like the unlearned weights, with d = \(d) columns")
    }
    let forgetSet = try ForgetSet.validated(requested, points: n)
    let phi = try LeakyReLU(gamma: gamma)
    let gram = instance.data.gram
    let labels = instance.labels
    func network(_ rows: [[Rational]]) -> TwoLayerNetwork {
      TwoLayerNetwork(activation: phi, neurons: rows.enumerated().map { j, w in
        NeuronState(sign: j < m / 2 ? 1 : -1, squaredNorm: w.reduce(Rational()) { $0 + $1 * $1 },
                    preactivations: instance.data.times(w))
      })
    }
    let start = network(weights)
    let root = try Value.squareRoot(.exact(Rational(m)), precision: p)
    // For true weights w_j, q_i = y_i Σ_j (s_j/√m) φ(⟨w_j, x_i⟩) = R_i/√m with
    // R_i = y_i Σ_j s_j φ(P_ji) = m · (the scaled network's margin).
    let scaledMargins = start.margins(labels: labels).map { $0 * Rational(m) }  // = y_i Σ_j s_j φ(P_ji)
    // α_jr: neuron j moves by Σ_{r∈F} α_jr x_r.
    var alphas: [[Value]] = []
    switch step {
    case .scaled(let c):
      let all = Array(0..<n)
      let (matrix, b) = start.stationarityForm(indices: all, labels: labels, gram: gram)
      // stationarityForm is (1/m)-normalized for scaled neurons; for true w_j the form is m times it.
      let fit = try MaxMarginProblem.nonNegativeLeastSquares(
        signedGram: Matrix(rows: n, columns: n) { matrix[$0, $1] * Rational(m) }, correlations: Vector(b.map { $0 * Rational(m) }),
        squaredNorm: start.squaredNorm * Rational(m))
      alphas = start.neurons.map { neuron in
        forgetSet.map { r in .exact(-(c * fit.multipliers[r]) * Rational(labels[r] * neuron.sign) * phi.derivative(neuron.preactivations[r])) }
      }
    case .explicit(let beta):
      let derivatives = try forgetSet.map { r -> Interval in
        let qInterval = try Value.divide(.exact(scaledMargins[r]), root, precision: p).interval(precision: p)
        switch loss {
        case .exponential: return -(try Interval.exp(-qInterval))
        case .logistic: return -(try Interval(1, precision: p).divided(by: Interval(1, precision: p) + Interval.exp(qInterval)))
        }
      }
      alphas = try start.neurons.map { neuron in
        try zip(forgetSet, derivatives).map { r, derivative in
          let factor = Rational(labels[r] * neuron.sign) * phi.derivative(neuron.preactivations[r]) * beta
          return try Value.divide(.enclosure(Interval(enclosing: factor, precision: p) * derivative), root, precision: p)
        }
      }
    }
    var expected: [Value] = []
    for (j, w) in weights.enumerated() {
      for k in 0..<d {
        expected.append(zip(forgetSet, alphas[j]).reduce(Value.exact(w[k])) { sum, term in
          Value.add(sum, Value.multiply(term.1, .exact(instance.data[term.0, k]), precision: p), precision: p)
        })
      }
    }
    self.expected = expected
    errors = try FloatErrors(user: unlearned.flatMap { $0 }, exact: expected, precision: p)

    // The user's result on S∖{r}.
    let result = network(try unlearned.map { try $0.map { try Rational(exactly: $0) } })
    let forgotten = Set(forgetSet)
    let retained = (0..<n).filter { !forgotten.contains($0) }
    let (form, b) = result.stationarityForm(indices: retained, labels: labels, gram: gram)
    let best = try MaxMarginProblem.nonNegativeLeastSquares(
      signedGram: Matrix(rows: retained.count, columns: retained.count) { form[$0, $1] * Rational(m) },
      correlations: Vector(b.map { $0 * Rational(m) }), squaredNorm: result.squaredNorm * Rational(m))
    epsilon2 = best.minimum
    let after = result.margins(labels: labels).map { $0 * Rational(m) }
    var tau = Value.exact(Rational()), delta: Value? = nil
    for (k, i) in retained.enumerated() {
      let q = try Value.divide(.exact(after[i]), root, precision: p)
      tau = Value.maximum(tau, Value.subtract(.exact(Rational(1)), q, precision: p), precision: p)
      // λ_i (q_i − 1) = √m μ_i (R_i/√m − 1) = μ_i (R_i − √m).
      let term = Value.multiply(.exact(best.multipliers[k]), Value.subtract(.exact(after[i]), root, precision: p), precision: p)
      delta = delta.map { Value.maximum($0, term, precision: p) } ?? term
    }
    self.tau = tau
    self.delta = delta ?? .exact(Rational())
    // Activation patterns: the user's W' against the exact W'.
    var mismatches = 0
    for (j, neuron) in result.neurons.enumerated() {
      for i in retained {
        // Exact pre-activation of the exact step: P_ji + Σ_r α_jr G_ri.
        let exact = zip(forgetSet, alphas[j]).reduce(Value.exact(start.neurons[j].preactivations[i])) { sum, term in
          Value.add(sum, Value.multiply(term.1, .exact(gram[term.0, i]), precision: p), precision: p)
        }
        guard let positive = Relation.compare(exact, .greater, .exact(Rational()), precision: p) else { continue }
        if positive != (neuron.preactivations[i].signum > 0) { mismatches += 1 }
      }
    }
    patternMismatches = mismatches
  }
}
