import Bounds
import Exact
import Foundation
import Testing
@testable import Unlearning

/// Forgetting a set F in one step, θ' = θ − c Σ_{r∈F} λ_r y_r ∇N(x_r; θ):
/// every quantity recomputed here by its definition in plain rationals, from
/// the data rows and the start's multipliers.
@Suite struct ForgetSetTests {
  static let data = try! InstanceGenerator.nearlyOrthogonal.generate(.init(n: 7, d: 400, seed: 31))

  /// ⟨a, x_i⟩ over the data row i.
  static func dot(_ a: [Rational], row i: Int, of instance: Instance) -> Rational {
    (0..<instance.dimension).reduce(Rational()) { $0 + a[$1] * instance.data[i, $1] }
  }

  /// Σ_i c_i x_i in ℚᵈ.
  static func combination(_ c: [Rational], of instance: Instance) -> [Rational] {
    (0..<instance.dimension).map { k in (0..<instance.count).reduce(Rational()) { $0 + c[$1] * instance.data[$1, k] } }
  }

  static func maximum(_ values: [Rational]) -> Rational { values.dropFirst().reduce(values[0]) { $0 > $1 ? $0 : $1 } }

  @Test(arguments: [([1, 4], "1"), ([0, 2, 5], "1/2"), ([6, 3], "3/2")])
  func theLinearStepOnASetIsMeasuredByDefinition(forget: [Int], scale: String) throws {
    let c = try Rational(parsing: scale)
    let analysis = try LinearUnlearning(instance: Self.data, forgetSet: forget, step: .scaled(c))
    let x = Self.data, y = x.labels, n = x.count
    let lambda = analysis.start.multipliers
    let f = Set(forget), kept = (0..<n).filter { !f.contains($0) }
    #expect(analysis.forgetSet == forget.sorted() && analysis.retained == kept)
    // w = Σ λ_i y_i x_i, and the step with β_r ℓ'(q_r) = −cλ_r for each r ∈ F.
    let w = Self.combination((0..<n).map { lambda[$0] * Rational(y[$0]) }, of: x)
    let shift = Self.combination((0..<n).map { f.contains($0) ? lambda[$0] * Rational(y[$0]) : Rational() }, of: x)
    let unlearned = zip(w, shift).map { $0 - c * $1 }
    #expect(analysis.measured.unlearned.blocks[0].rationals == unlearned, "θ' itself")
    let table = try analysis.quantities()
    let margins = (0..<n).map { Rational(y[$0]) * Self.dot(unlearned, row: $0, of: x) }
    #expect(exactVector(table, "margins_after") == kept.map { margins[$0] })
    #expect(exactVector(table, "forget_margins_after") == forget.sorted().map { margins[$0] })
    #expect(exactScalar(table, "tau") == Self.maximum([Rational()] + kept.map { Rational(1) - margins[$0] }))
    #expect(exactScalar(table, "delta") == Self.maximum(kept.map { lambda[$0] * (margins[$0] - Rational(1)) }))
    // ε² = ‖w' − Σ_{i∉F} λ_i y_i x_i‖² = (1 − c)² ‖Σ_{r∈F} λ_r y_r x_r‖².
    let inherited = Self.combination((0..<n).map { f.contains($0) ? Rational() : lambda[$0] * Rational(y[$0]) }, of: x)
    #expect(exactScalar(table, "epsilon2") == zip(unlearned, inherited).reduce(Rational()) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
    // max_{i∉F} Σ_{r∈F} λ_r |⟨x_r, x_i⟩|, from the rows.
    let interaction = Self.maximum(kept.map { i in
      forget.reduce(Rational()) { s, r in s + lambda[r] * Self.dot((0..<x.dimension).map { x.data[r, $0] }, row: i, of: x).magnitude }
    })
    #expect(exactScalar(table, "forget_interaction") == interaction)
    #expect(exactScalar(table, "forget_size") == Rational(forget.count))
    // The one-point quantities are absent, so a claim about one point cannot read them.
    for name in ["lambda_r", "zeta_r", "q_r", "beta_star", "norm_x_r2"] { #expect(table[name] == nil, "\(name) is a one-point quantity") }
    if c == Rational(1) { #expect(exactScalar(table, "epsilon2") == Rational()) }
    // β*_r = λ_r/|ℓ'(q_r)| with ℓ'(q) = −1/(1 + e^q), against binary64.
    let margins0 = (0..<n).map { Rational(y[$0]) * Self.dot(w, row: $0, of: x) }
    guard case .vector(let betas)? = table["beta_star_forget"] else { Issue.record("no beta_star_forget"); return }
    for (t, r) in forget.sorted().enumerated() {
      let expected = Double(lambda[r]) * (1 + Foundation.exp(Double(margins0[r])))
      #expect(abs(betas[t].approximation - expected) <= 1e-12 * expected, "β*_\(r)")
      #expect(betas[t].interval(precision: 128).width.rational < Rational(1) / Rational(BigInt(1) << 90))
    }
    #expect(exactVector(table, "lambda_forget") == forget.sorted().map { lambda[$0] })
    #expect(exactVector(table, "forget_margins") == forget.sorted().map { margins0[$0] })
  }

  @Test func theRetrainedPointIsTheKKTPointOfTheRetainedData() throws {
    let forget = [1, 5]
    let analysis = try LinearUnlearning(instance: Self.data, forgetSet: forget)
    let x = Self.data, y = x.labels, n = x.count, kept = (0..<n).filter { !forget.contains($0) }
    let mu = analysis.retrained.multipliers.entries
    #expect(mu.count == kept.count)
    // KKT of min ½‖w‖² s.t. y_i⟨w, x_i⟩ ≥ 1 on S∖F: w* = Σ μ_i y_i x_i, μ ≥ 0, margins ≥ 1, complementarity.
    var coefficients = [Rational](repeating: Rational(), count: n)
    for (t, i) in kept.enumerated() { coefficients[i] = mu[t] * Rational(y[i]) }
    let star = Self.combination(coefficients, of: x)
    for (t, i) in kept.enumerated() {
      let q = Rational(y[i]) * Self.dot(star, row: i, of: x)
      #expect(mu[t].signum >= 0 && q >= Rational(1) && (mu[t].isZero || q == Rational(1)), "KKT at retained point \(i)")
    }
    let table = try analysis.quantities()
    let unlearned = analysis.measured.unlearned.blocks[0].rationals
    #expect(exactScalar(table, "distance_to_retrained2") == zip(unlearned, star).reduce(Rational()) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) })
    // Every forgotten point is excluded from the retrained problem and from every retained quantity.
    #expect(exactScalar(table, "norm_retrained2") == star.reduce(Rational()) { $0 + $1 * $1 })
  }

  @Test func theTwoLayerStepMovesEveryNeuronAlongTheForgottenPoints() throws {
    let instance = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 20000, seed: 24))
    let forget = [1, 4], c = Rational(1)
    let analysis = try TwoLayerUnlearning(instance: instance, forgetSet: forget, width: 4, gamma: try Rational(parsing: "0.9"))
    let measured = try #require(analysis.measured)
    let start = measured.start, model = start.model, y = instance.labels, lambda = start.multipliers
    // v'_k = v_k − c Σ_{r∈F} λ_r y_r s_k φ'(⟨v_k, x_r⟩) x_r, by the gradient's definition.
    for k in 0..<model.blocks {
      let v = start.theta.blocks[k].rationals
      var expected = v
      for r in forget {
        let g = Rational(model.signs[k]) * model.derivative(Self.dot(v, row: r, of: instance))
        for j in 0..<instance.dimension { expected[j] -= c * lambda[r] * Rational(y[r]) * g * instance.data[r, j] }
      }
      #expect(measured.unlearned.blocks[k].rationals == expected, "neuron \(k)")
    }
    // q'_i = y_i ω Σ_k s_k φ(⟨v'_k, x_i⟩) on the retained points.
    let table = try analysis.quantities()
    let kept = (0..<instance.count).filter { !forget.contains($0) }
    let margins = kept.map { i in
      Rational(y[i]) * model.blockWeight * (0..<model.blocks).reduce(Rational()) { s, k in
        s + Rational(model.signs[k]) * model.activation(Self.dot(measured.unlearned.blocks[k].rationals, row: i, of: instance))
      }
    }
    #expect(exactVector(table, "margins_after") == margins)
    #expect(exactScalar(table, "tau") == Self.maximum([Rational()] + margins.map { Rational(1) - $0 }))
  }

  @Test func aSetOfOneIsTheOnePointAnalysis() throws {
    let single = try LinearUnlearning(instance: Self.data, forget: 3, step: .scaled(try Rational(parsing: "1/2")))
    let set = try LinearUnlearning(instance: Self.data, forgetSet: [3], step: .scaled(try Rational(parsing: "1/2")))
    #expect(try single.quantities().json == set.quantities().json)
    // λ_r ζ_r is the one-point forget interaction.
    let table = try single.quantities()
    #expect(exactScalar(table, "forget_interaction") == exactScalar(table, "lambda_r")! * exactScalar(table, "zeta_r")!)
  }

  @Test func badSetsAreRefusedNamingTheProblem() throws {
    #expect(throws: UnlearningError.badParameter("the forget set names point 2 twice")) { try ForgetSet.validated([2, 0, 2], points: 5) }
    #expect(throws: UnlearningError.forgetOutOfRange(7, points: 5)) { try ForgetSet.validated([1, 7], points: 5) }
    #expect(throws: UnlearningError.badParameter("the forget set holds all 3 points: nothing is retained")) { try ForgetSet.validated([0, 1, 2], points: 3) }
    #expect(throws: UnlearningError.badParameter("the forget set is empty")) { try ForgetSet.validated([], points: 3) }
    #expect(throws: (any Error).self) { try ForgetSet.parse("1,,2") }
    #expect(throws: (any Error).self) { try ForgetSet.parse("1,-2") }
    #expect(try ForgetSet.parse(" 4, 1") == [4, 1])
    // One explicit β cannot serve a set: each point needs its own c·β*_r.
    #expect(throws: (any Error).self) { try LinearUnlearning(instance: Self.data, forgetSet: [0, 1], step: .explicit(Rational(1))) }
    // A random set is seeded: the same for the same seed, in range and distinct.
    let a = try ForgetSet.random(size: 3, points: 10, seed: 5), b = try ForgetSet.random(size: 3, points: 10, seed: 5)
    #expect(a == b && Set(a).count == 3 && a.allSatisfy { (0..<10).contains($0) })
    #expect(throws: (any Error).self) { try ForgetSet.random(size: 10, points: 10, seed: 5) }
  }
}
