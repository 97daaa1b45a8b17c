//===--- TwoLayerUnlearning+Quantities.swift ------------------------------===//
// The named quantities of a two-layer instance.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats

extension TwoLayerUnlearning {
  /// The quantity table: the linear setting's names with the same meaning
  /// (θ = W, ∇N(x_i) with the subgradients of θ' for the residuals), plus
  /// `m`, `gamma`, `kkt_verified`, `start_is_trained`, `epsilon_start(2)` and
  /// `delta_start` (the certified (ε₀, δ₀) of the start), `activation_flips`
  /// (pairs (i ≠ r, j) whose pre-activation sign changed), `sign_stable`,
  /// `gain_r` = Σ_j a_j² φ'(⟨w_j, x_r⟩) and `gain_r2` = Σ_j a_j² φ'(⟨w_j, x_r⟩)².
  public func quantities(precision p: Int = Interval.defaultPrecision) throws -> QuantityTable {
    var table = QuantityTable(precision: p)
    let n = instance.count, r = forget
    table.set(.n, .exact(Rational(n)))
    table.set(.d, .exact(Rational(instance.dimension)))
    table.set(.m, .exact(Rational(width)))
    table.set(.gamma, .exact(activation.gamma))
    data.add(to: &table, forgetsOnePoint: forgetSet.count == 1)
    table.set(.crossClassInnerMax, .exact(DataQuantities.crossClassInnerProduct(gram: gram, labels: instance.labels)))
    table.set(.sameClassInnerMin, .exact(DataQuantities.sameClassInnerProduct(gram: gram, labels: instance.labels)))
    table.set(.forgetSize, .exact(Rational(forgetSet.count)))
    if forgetSet.count == 1 { table.set(.normXR2, .exact(gram[r, r])) }
    table.set(.kktVerified, .boolean(kktFailure == nil && startingPoint == .kkt))
    table.set(.startIsTrained, .boolean(startingPoint.isApproximate))
    table.set(.stepIsScaled, .boolean(scale != nil))
    if let mixture = instance.mixture {
      table.set(.eta, .exact(mixture.labelNoise))
      table.set(.etaLimit, .exact(Rational(49) / Rational(100) * activation.gamma * activation.gamma))  // Frei et al. Cor. 13
      table.set(.muNorm, .exact(mixture.muNorm))
      table.set(.meanCrossInner, .exact(mixture.meanCrossInnerProduct))
      // No exact test error until addTestErrors finds one (no start, or no retrained point): the
      // generalization claims are then VACUOUS, not ERROR.
      table.set(.testErrorExact, .boolean(false))
    }
    // Claims on the step assume `step_measured`: VACUOUS, not ERROR, where there is no start.
    table.set(.stepMeasured, .boolean(false))
    table.set(.retrainedMeasured, .boolean(false))
    table.set(.runMeasured, .boolean(false))
    guard theta != nil, let measured else { return table }
    try addStart(to: &table, measured: measured, precision: p)
    addGains(to: &table, measured: measured)
    try measured.start.addUserScale(rho: trainedMargin, loss: loss, to: &table, precision: p)
    try measured.add(to: &table, precision: p)
    if let ascentPlan { try measured.addRun(ascentPlan, to: &table, precision: p) }
    var retrainedMultipliers: [Rational]? = nil
    if case .success(let solved)? = retrained {
      table.set(.lambdaRetrained, .vector(solved.multipliers.map { .exact($0) }))
      table.set(.retrainedAllActive, .boolean(true))
      retrainedMultipliers = solved.multipliers
    }
    measured.start.addRetrainedKKT(multipliers: retrainedMultipliers, to: &table)
    addMarginIdentityDefect(to: &table, precision: p)
    try addTestErrors(to: &table, measured: measured, precision: p)
    return table
  }

  /// The start's multipliers and certified (ε₀, δ₀), and how close a trained start came to the structured point.
  func addStart(to table: inout QuantityTable, measured: MeasuredStep, precision p: Int) throws {
    try measured.start.addMultipliers(to: &table, residual2: startResidual2, delta: startDelta, approximate: startingPoint.isApproximate, precision: p)
    if let reference = structuredReference {
      // cos(W, W_kkt) = ⟨θ, θ_kkt⟩ / (‖θ‖‖θ_kkt‖), from the explicit scaled neurons (ω cancels).
      let theta = measured.start.theta
      let inner = Parameters.inner(theta, reference, weight: Rational(1))
      let norms = try Value.squareRoot(.exact(Parameters.inner(theta, theta, weight: Rational(1)) * Parameters.inner(reference, reference, weight: Rational(1))),
                                       precision: p)
      table.set(.cosineStartToKkt, try Value.divide(.exact(inner), norms, precision: p))
    }
  }

  /// `gain_r`, `gain_r2` and `forget_interaction_gain`, from the slopes at the forgotten points.
  func addGains(to table: inout QuantityTable, measured: MeasuredStep) {
    let lambda = multipliers

    // Slopes at x_r: gain_r = (1/m) Σ_j φ'_rj, gain_r2 = (1/m) Σ_j φ'_rj² (derived, for the bounds).
    let m = Rational(width)
    let slopes = forgetSet.map { f in measured.start.preactivations.map { model.derivative($0[f]) } }
    let gains = slopes.map { $0.reduce(Rational(), +) / m }
    if forgetSet.count == 1 {
      table.set(.gainR, .exact(gains[0]))
      table.set(.gainR2, .exact(slopes[0].reduce(Rational()) { $0 + $1 * $1 } / m))
    }
    // max_{i∉F} Σ_{r∈F} λ_r gain_r |⟨x_r, x_i⟩|: the bound on a retained margin's move.
    let weighted = zip(forgetSet, gains).map { lambda[$0.0] * $0.1 }
    var placed = [Rational](repeating: Rational(), count: instance.count)
    for (f, w) in zip(forgetSet, weighted) { placed[f] = w }
    table.set(.forgetInteractionGain, .exact(DataQuantities.forgetInteraction(gram: gram, forgetSet: forgetSet, multipliers: placed)))
  }

  /// `margin_identity_defect` at the structured KKT start: the measured margins against the closed form.
  func addMarginIdentityDefect(to table: inout QuantityTable, precision p: Int) {
    let n = instance.count, lambda = multipliers
    if startingPoint == .kkt, let c = scale, case .vector(let after)? = table[.marginsAfter] {
      // two-layer.margin-shift-identity: q'_i − q_i = −c Σ_{r∈F} λ_r K_ir when no pattern flips.
      let k = StructuredKKT.matrix(gram: gram, labels: instance.labels, indices: Array(0..<n), gamma: activation.gamma)
      // The structured KKT point has Kλ = 1, so q' = 1 − c Σ_r λ_r K_{·,r} is the closed form.
      let defect = zip(retained, after).map { i, value in
        Value.absoluteValue(Value.subtract(value, .exact(Rational(1) - c * forgetSet.reduce(Rational()) { $0 + lambda[$1] * k[i, $1] }), precision: p))
      }.reduce(Value.exact(Rational())) { Value.maximum($0, $1, precision: p) }
      table.set(.marginIdentityDefect, defect)
    }
  }

  /// Test errors in the Gaussian mixture: exact where the boundary is linear, else Monte Carlo.
  func addTestErrors(to table: inout QuantityTable, measured: MeasuredStep, precision p: Int) throws {
    if let mixture = instance.mixture, case .success(let solved)? = retrained {
      let closedForm = activation.gamma.signum > 0 && startingPoint == .kkt
      table.set(.testErrorExact, .boolean(closedForm))
      let exact = try closedForm && measured.addMixtureTestErrors(to: &table, mixture: mixture, precision: p)
      if !exact {
        addMonteCarloTestErrors(to: &table, mixture: mixture, networks: [
          (.testErrorOriginalMc, measured.start.theta), (.testErrorUnlearnedMc, measured.unlearned),
          (.testErrorRetrainedMc, solved.theta),
        ])
      }
    }
  }

  /// Monte Carlo test errors where the decision boundary is not linear
  /// (ReLU, trained starts): N(x) = (1/m) Σ_j s_j φ(⟨ŵ_j, x⟩) depends on x
  /// only through the features ⟨ŵ_j, x⟩ of the distinct neurons, which are
  /// jointly Gaussian given the cluster. Statistical, never a proof; skipped
  /// beyond 64 distinct neurons.
  func addMonteCarloTestErrors(to table: inout QuantityTable, mixture: MixtureParameters, networks: [(QuantityName, Parameters)]) {
    let gamma = Double(activation.gamma)
    let signs = HomogeneousModel.twoLayer(width: width, activation: activation).signs
    for (name, theta) in networks {
      // Distinct neurons with their signed multiplicities.
      var distinct: [(weights: [Rational], weight: Double)] = []
      for (k, block) in theta.blocks.enumerated() {
        let w = block.rationals
        if let j = distinct.firstIndex(where: { $0.weights == w }) {
          distinct[j].weight += Double(signs[k])
        } else {
          distinct.append((w, Double(signs[k])))
        }
      }
      guard distinct.count <= 64 else { continue }
      let firsts = distinct.map { Double($0.weights[0]) }, seconds = distinct.map { Double($0.weights.count > 1 ? $0.weights[1] : Rational()) }
      let covariance = distinct.map { a in
        distinct.map { b in Double(zip(a.weights, b.weights).reduce(Rational()) { $0 + $1.0 * $1.1 }) }
      }
      let multiplicities = distinct.map(\.weight)
      let estimate = MixtureMonteCarlo.testError(firstCoordinates: firsts, secondCoordinates: seconds, covariance: covariance,
                                                  mixture: mixture) { f in
        var score = 0.0
        for (k, value) in f.enumerated() { score += multiplicities[k] * (value > 0 ? value : gamma * value) }
        return score
      }
      table.set(name, .estimate(estimate))
    }
  }

  /// The instance description for reports.
  public var instanceJSON: JSON {
    var members: [JSON.Member] = [
      .init("n", .integer(instance.count)), .init("d", .integer(instance.dimension)),
      ForgetSet.jsonMember(forgetSet), .init("loss", .string(loss.rawValue)),
      step.jsonMember, .init("width", .integer(width)),
      .init("gamma", .string(activation.gamma.description)), .init("start", .string(startingPoint.name)),
      .init("kkt_verified", .bool(kktFailure == nil && theta != nil)),
    ]
    if let kktFailure { members.append(.init("kkt_failure", .string(kktFailure))) }
    if case .failure(let error)? = retrained { members.append(.init("retrained_failure", .string(error.description))) }
    if let training {
      members.append(.init("training", .object([
        .init("steps", .integer(training.steps)), .init("final_loss", .double(training.finalLoss)),
        .init("initial_learning_rate", .double(training.initialLearningRate)),
        .init("final_learning_rate", .double(training.finalLearningRate)), .init("seed", .integer(Int(training.seed))),
      ])))
    }
    members.append(.init("source", instance.provenanceJSON))
    return .object(members)
  }
}
