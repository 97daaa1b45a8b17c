//===--- TwoLayerComparison.swift -----------------------------------------===//
// A user's float unlearning step on a two-layer network, against the exact one.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// Compares a user's unlearned first layer W' (m × d, outer weights
/// a_j = +1/√m for j < m/2 and −1/√m after) with the exact gradient-ascent
/// step from the user's own W, read exactly.
///
/// The user's weights are the parameters of
/// ``HomogeneousModel/twoLayerUnitOuterLayer(width:activation:)``, whose
/// margins are R_i = √m·q_i and whose stationarity residual with multipliers
/// μ is the network's with λ = √m·μ; both certifications are
/// ``ApproximateKKTPoint``s of that model. With --step-scale c the step
/// w'_j = w_j − c λ_r y_r a_j φ'_rj x_r = w_j − c μ_r y_r s_j φ'_rj x_r is then
/// exact even when √m is irrational. An explicit β gives enclosures.
public struct TwoLayerComparison: Sendable {
  public let errors: FloatErrors
  public let expected: [Value]
  /// The user's W' on S∖F (best multipliers μ ≥ 0 by exact NNLS) and the
  /// exact step's, at the user's scale and at margin 1 with κ = √m, with β*
  /// at both scales and min_i R_i = √m·ρ (``ComparisonReadings``).
  public let readings: ComparisonReadings

  /// ε² of the user's W' at the user's scale, and δ, τ (which involve √m).
  public var epsilon2: Rational { readings.result.epsilon2 }
  public var delta: Value { readings.result.delta }
  public var tau: Value { readings.result.tau }
  /// Pairs (i ≠ r, j) whose activation in the user's W' differs from the exact W'
  /// (counted where the exact sign is decided).
  public let patternMismatches: Int

  public init(instance: Instance, weights: [[Rational]], unlearned: [[Double]], forget r: Int, gamma: Rational, loss: Loss,
              step: StepRule, precision p: Int = Interval.defaultPrecision) throws {
    try self.init(instance: instance, weights: weights, unlearned: unlearned, forgetSet: [r], gamma: gamma, loss: loss, step: step, precision: p)
  }

  /// The same for a forget set F: each neuron moves by Σ_{r∈F} α_jr x_r;
  /// the outer layer's signs laid out as `layout` (``OuterSignLayout``).
  public init(instance: Instance, weights: [[Rational]], unlearned: [[Double]], forgetSet requested: [Int], gamma: Rational, loss: Loss,
              step: StepRule, outerSigns layout: OuterSignLayout = .halves, precision p: Int = Interval.defaultPrecision) throws {
    let m = weights.count, d = instance.dimension, n = instance.count
    if m == d, weights.first?.count ?? d != d {
      throw UnlearningError.badData("the first layer is \(m) × \(weights.first?.count ?? 0), which looks transposed: it is one row per neuron, "
        + "width × d with d = \(d); save W.T (torch: layer.weight is already width × d)")
    }
    guard m >= 2, m % 2 == 0 else { throw UnlearningError.badData("the first layer has \(m) rows; the width must be even") }
    guard weights.allSatisfy({ $0.count == d }), unlearned.count == m, unlearned.allSatisfy({ $0.count == d }) else {
      throw UnlearningError.badData("weights must be \(m) × \(d) like the unlearned weights, with d = \(d) columns")
    }
    let forgetSet = try ForgetSet.validated(requested, points: n)
    let model = try HomogeneousModel.twoLayerUnitOuterLayer(width: m, activation: try LeakyReLU(gamma: gamma), layout: layout)
    let gram = instance.data.gram
    let root = try Value.squareRoot(.exact(Rational(m)), precision: p)
    // R_i = y_i Σ_j s_j φ(P_ji) = √m·q_i, and the multipliers μ = λ/√m of W's own decomposition;
    // c·β* moves by a = −c μ_r exactly, an explicit β by a_r = β ℓ'(R_r/√m)/√m along each u_r.
    let exact = try StepFromWeights(model: model, theta: Parameters(blocks: weights.map(ScaledIntegerVector.init)), instance: instance,
                                    gram: gram, forgetSet: forgetSet, loss: loss, step: step, precision: p) { r, start in
      guard case .explicit(let beta) = step else { preconditionFailure("a scaled step needs no given coefficient") }
      let q = try Value.divide(.exact(start.marginVector[r]), root, precision: p).interval(precision: p)
      let slope = try loss.derivative(on: q, precision: p)
      return try Value.divide(.enclosure(Interval(enclosing: beta, precision: p) * slope), root, precision: p)
    }
    expected = exact.step.coordinates(precision: p)
    errors = try FloatErrors(user: unlearned.flatMap { $0 }, exact: expected, precision: p)

    // The user's result on S∖F.
    let result = Parameters(blocks: try unlearned.map { ScaledIntegerVector(try $0.map { try Rational(exactly: $0) }) })
    readings = try exact.readings(of: result, loss: loss, marginUnit2: Rational(m), precision: p)
    let retained = exact.retained
    patternMismatches = Self.patternMismatches(result.preactivations(on: instance.data), exact: exact.step.activations(precision: p),
                                               retained: retained)
  }

  /// Pairs (i ∉ F, j) whose activation in the user's W' differs from the exact step's, where the exact sign is decided.
  static func patternMismatches(_ resultPre: [ScaledIntegerVector], exact: [[Bool?]], retained: [Int]) -> Int {
    var mismatches = 0
    for j in exact.indices {
      for i in retained {
        guard let positive = exact[j][i] else { continue }
        if positive != (resultPre[j].numerators[i].signum > 0) { mismatches += 1 }
      }
    }
    return mismatches
  }
}
