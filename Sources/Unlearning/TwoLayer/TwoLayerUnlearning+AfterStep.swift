//===--- TwoLayerUnlearning+AfterStep.swift -------------------------------===//
// The quantities after the step, as polynomials in the update coefficient a.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

extension TwoLayerUnlearning {
  /// Adds every quantity after the step ŵ'_j = ŵ_j + a ρ_j x_r
  /// (ρ_j = y_r s_j φ'(⟨ŵ_j, x_r⟩)).
  ///
  /// Pre-activations move affinely, P'_ji = P_ji + a ρ_j G_ri. Once the sign
  /// of every P'_ji is decided over the whole enclosure of a (together with
  /// the rational ã where θ' was formed), the activation pattern is constant
  /// there, so margins are affine in a, and ‖θ'‖², ε² and ‖θ' − θ*‖² are
  /// quadratic in a with exact rational coefficients: evaluated at an exact
  /// a they are exact, at an enclosure they are enclosures. A sign that the
  /// enclosure cannot decide raises ``EnclosureError/undecided(_:)``, so the
  /// precision-adaptive driver tightens a. The NNLS residual ε_opt is solved
  /// exactly at ã and widened by |a − ã|·(Σ_j a_j² ρ_j² ‖x_r‖²)^½ (the distance
  /// to the fixed cone of the pattern is 1-Lipschitz).
  func addAfterStep(
    to table: inout QuantityTable, network: TwoLayerNetwork, unlearned: TwoLayerNetwork, a: Value, margins: [Rational], precision p: Int
  ) throws {
    let r = forget, labels = instance.labels
    let m = Rational(width)
    let lambda = multipliers, lambdaR = lambda[r]
    let rho = network.neurons.map { Rational(labels[r] * $0.sign) * activation.derivative($0.preactivations[r]) }
    // Decide every sign over hull(a, ã).
    let center = Interval(enclosing: updateCenter, precision: p)
    let range = Value.enclosure(a.interval(precision: p).hull(center))
    var slopes: [[Rational]] = []
    var flips = 0
    for (j, neuron) in network.neurons.enumerated() {
      var row: [Rational] = []
      for i in 0..<instance.count {
        let moved = Value.add(.exact(neuron.preactivations[i]), Value.multiply(range, .exact(rho[j] * gram[r, i]), precision: p), precision: p)
        guard let positive = Relation.compare(moved, .greater, .exact(Rational()), precision: p) else {
          throw EnclosureError.undecided("the sign of neuron \(j) on point \(i) after the step")
        }
        row.append(positive ? Rational(1) : activation.gamma)
        if i != r && positive != (neuron.preactivations[i].signum > 0) { flips += 1 }
      }
      slopes.append(row)
    }
    table.set("activation_flips", .exact(Rational(flips)))
    table.set("sign_stable", .boolean(flips == 0))

    // q'_i = A_i + a B_i.
    let after: [Value] = (0..<instance.count).map { i in
      var constant = Rational(), linear = Rational()
      for (j, neuron) in network.neurons.enumerated() {
        let signed = Rational(neuron.sign * labels[i]) * slopes[j][i]
        constant += signed * neuron.preactivations[i]
        linear += signed * rho[j] * gram[r, i]
      }
      return polynomial(constant / m, linear / m, Rational(), at: a, precision: p)
    }
    let afterRetained = retained.map { after[$0] }
    table.set("margins_after", .vector(afterRetained))
    let one = Value.exact(Rational(1))
    table.set("tau", afterRetained.reduce(Value.exact(Rational())) { Value.maximum($0, Value.subtract(one, $1, precision: p), precision: p) })
    let slackness = zip(retained, afterRetained).map { i, q in Value.multiply(.exact(lambda[i]), Value.subtract(q, one, precision: p), precision: p) }
    table.set("delta", slackness.dropFirst().reduce(slackness[0]) { Value.maximum($0, $1, precision: p) })
    table.set("slackness_sum", slackness.dropFirst().reduce(slackness[0]) { Value.add($0, $1, precision: p) })
    table.set("max_margin_shift", retained.map { Value.absoluteValue(Value.subtract(after[$0], .exact(margins[$0]), precision: p)) }
      .reduce(Value.exact(Rational())) { Value.maximum($0, $1, precision: p) })

    // ε² = C0 + 2a C1 + a² C2 over the retained points, with the new pattern.
    // Per neuron, with μ_k = λ_k y_k s_j φ'_jk over the retained k: the
    // residual's ‖·‖² = ‖ŵ_j‖² − 2 μᵀP_j + μᵀGμ and its ⟨·, x_r⟩ = P_jr − μᵀG_{·r},
    // in integers over shared denominators (one gcd per dot product).
    var c0 = Rational(), c1 = Rational(), c2 = Rational()
    var norm1 = Rational(), norm2 = Rational()
    let gramForm = IntegerBilinearForm(gram)
    let lambdaRetained = ScaledIntegerVector(retained.map { lambda[$0] })
    let columnR = gramForm.column(r, rows: retained)
    for (j, neuron) in network.neurons.enumerated() {
      let mu = lambdaRetained.multipliedElementwise(by: ScaledIntegerVector(retained.map { Rational(labels[$0] * neuron.sign) * slopes[j][$0] }))
      let preactivations = ScaledIntegerVector(retained.map { neuron.preactivations[$0] })
      let uu = neuron.squaredNorm - Rational(2) * mu.dot(preactivations) + mu.dot(gramForm.apply(mu, indices: retained))
      let ur = neuron.preactivations[r] - mu.dot(columnR)
      c0 += uu
      c1 += rho[j] * ur
      c2 += rho[j] * rho[j] * gram[r, r]
      norm1 += rho[j] * neuron.preactivations[r]
    }
    norm2 = c2
    // Completing the square, ε² = C2 (a − a₀)² + ρ with a₀ = −C1/C2 and
    // ρ = C0 − C1²/C2 ≥ 0: tight near the minimum, where the expanded form
    // would cancel (and, when ρ = 0, ε = |a − a₀| √C2 without a square root of an enclosure).
    if c2.isZero {
      table.set("epsilon2", .exact(c0 / m))
      table.set("epsilon", try Value.squareRoot(.exact(c0 / m), precision: p))
    } else {
      let a0 = -(c1 / c2), rest = (c0 - c1 * c1 / c2) / m
      let offset = Value.subtract(a, .exact(a0), precision: p)
      let epsilon2 = Value.add(Value.multiply(.exact(c2 / m), try Value.power(offset, .exact(Rational(2)), precision: p), precision: p),
                               .exact(rest), precision: p)
      table.set("epsilon2", epsilon2)
      if rest.isZero {
        table.set("epsilon", Value.multiply(Value.absoluteValue(offset), try Value.squareRoot(.exact(c2 / m), precision: p), precision: p))
      } else {
        table.set("epsilon", try squareRootOfSquaredNorm(epsilon2, precision: p))
      }
    }
    let (form, b) = unlearned.stationarityForm(indices: retained, labels: labels, gram: gram)
    let optimal = try MaxMarginProblem.nonNegativeLeastSquares(signedGram: form, correlations: b, squaredNorm: unlearned.squaredNorm)
    if a.exactValue == updateCenter {
      table.set("epsilon_opt2", .exact(optimal.minimum))
      table.set("epsilon_opt", try Value.squareRoot(.exact(optimal.minimum), precision: p))
    } else {
      let centerValue = try Value.squareRoot(.exact(optimal.minimum), precision: p).interval(precision: p)
      let lipschitz = try Value.squareRoot(.exact(c2 / m), precision: p)
      let offset = Value.multiply(Value.absoluteValue(Value.subtract(a, .exact(updateCenter), precision: p)), lipschitz, precision: p)
        .interval(precision: p)
      let enclosure = try Interval(lo: max(Dyadic.zero, (centerValue - offset).lo), hi: (centerValue + offset).hi, precision: p)
      table.set("epsilon_opt", .enclosure(enclosure))
      table.set("epsilon_opt2", .enclosure(enclosure * enclosure))
    }
    if start == .kkt, let c = scale {
      // theory §F.2(d): q'_i − q_i = −c λ_r K_ir when no pattern flips.
      let k = StructuredKKT.matrix(gram: gram, labels: labels, indices: Array(0..<instance.count), gamma: activation.gamma)
      let defect = retained.map { i in
        (after[i].exactValue! - margins[i] + c * lambdaR * k[i, r]).magnitude
      }.reduce(Rational(), Rational.maximum)
      table.set("margin_identity_defect", .exact(defect))
    }

    // ‖θ'‖² = (1/m) Σ_j (‖ŵ_j‖² + 2a ρ_j P_jr + a² ρ_j² G_rr).
    let unlearnedNorm2 = polynomial(network.squaredNorm, Rational(2) * norm1 / m, norm2 / m, at: a, precision: p)
    table.set("norm_unlearned2", unlearnedNorm2)
    if case .success(let solved)? = retrained {
      table.set("lambda_retrained", .vector(solved.multipliers.map { .exact($0) }))
      table.set("retrained_all_active", .boolean(true))
      let retrainedNetwork = solved.network
      // ⟨θ', θ*⟩ = (1/m) Σ_j Σ_k C*_jk (P_jk + a ρ_j G_rk).
      var inner0 = Rational(), inner1 = Rational()
      for (j, neuron) in network.neurons.enumerated() {
        let coefficients = retrainedNetwork.neurons[j].coefficients!
        for k in retained where !coefficients[k].isZero {
          inner0 += coefficients[k] * neuron.preactivations[k]
          inner1 += coefficients[k] * rho[j] * gram[r, k]
        }
      }
      let inner = polynomial(inner0 / m, inner1 / m, Rational(), at: a, precision: p)
      let retrained2 = retrainedNetwork.squaredNorm
      table.set("norm_retrained2", .exact(retrained2))
      table.set("norm_retrained", try Value.squareRoot(.exact(retrained2), precision: p))
      let distance2 = Value.add(Value.subtract(unlearnedNorm2, Value.multiply(.exact(Rational(2)), inner, precision: p), precision: p),
                                .exact(retrained2), precision: p)
      table.set("distance_to_retrained2", distance2)
      table.set("distance_to_retrained", try squareRootOfSquaredNorm(distance2, precision: p))
      if let norms = try? squareRootOfSquaredNorm(Value.multiply(unlearnedNorm2, .exact(retrained2), precision: p), precision: p),
         let cosine = try? Value.divide(inner, norms, precision: p) {
        table.set("cosine_to_retrained", cosine)
      }
      if let mixture = instance.mixture {
        let closedForm = activation.gamma.signum > 0 && start == .kkt
        table.set("test_error_exact", .boolean(closedForm))
        if closedForm, let boundary = Self.linearBoundary(network) {
          // v̂' − û' = (v̂ − û) + a (ρ_v − ρ_u) x_r.
          let rhoV = rho[0], rhoU = rho[width / 2]
          var unlearnedBoundary = boundary.map { Value.exact($0) }
          unlearnedBoundary[r] = Value.add(.exact(boundary[r]), Value.multiply(a, .exact(rhoV - rhoU), precision: p), precision: p)
          for (name, w) in [("test_error_original", boundary.map { Value.exact($0) }), ("test_error_unlearned", unlearnedBoundary),
                            ("test_error_retrained", (Self.linearBoundary(retrainedNetwork) ?? []).map { Value.exact($0) })] where !w.isEmpty {
            table.set(name, try LinearUnlearning.mixtureTestError(coefficients: w, labels: nil, data: instance, gram: gram, mixture: mixture, precision: p))
          }
        } else {
          addMonteCarloTestErrors(to: &table, mixture: mixture, networks: [
            ("test_error_original_mc", network), ("test_error_unlearned_mc", unlearned), ("test_error_retrained_mc", retrainedNetwork),
          ])
        }
      }
    }
  }
}
