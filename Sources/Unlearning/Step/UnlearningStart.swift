//===--- UnlearningStart.swift --------------------------------------------===//
// Everything about an unlearning instance that the step size does not change.
//===----------------------------------------------------------------------===//

import Exact
import Foundation

/// The step-independent half of the analysis: the model, the data, the
/// starting point θ with its multipliers, its pre-activations and margins,
/// the ascent direction, and the retrained point. Built once per instance;
/// a ``MeasuredStep`` is then cheap for every step size (`figure step-size`,
/// sweeps over c).
public struct UnlearningStart: Sendable {
  public let model: HomogeneousModel
  public let instance: Instance
  /// The forgotten indices F (sorted, distinct; one point r in the paper's
  /// setting), the first of them, and the retained indices i ∉ F, in order.
  public let forgetSet: [Int]
  public let forget: Int
  public let retained: [Int]
  /// G = X Xᵀ.
  public let gram: Matrix
  /// θ, explicit or in the span of the data (``Parameters``).
  public let theta: Parameters
  /// The multipliers λ of θ on all n points (exact KKT, or fitted by NNLS).
  public let multipliers: [Rational]
  /// ⟨v_k, x_i⟩ (K vectors of n), from X v_k.
  public let preactivations: [ScaledIntegerVector]
  /// q_i = y_i N(x_i; θ), from the pre-activations.
  public let marginVector: ScaledIntegerVector
  /// y_r ∇_θ N(x_r; θ), with φ' at θ's pre-activations on x_r: the ascent
  /// step is θ' = θ + β ℓ'(q_r) · direction. For a forget set F of more than
  /// one point, D = Σ_{r∈F} λ_r y_r ∇_θ N(x_r; θ): the simultaneous step with
  /// β_r = c·λ_r/|ℓ'(q_r)| is θ' = θ + Σ_r β_r ℓ'(q_r) y_r ∇N(x_r; θ) = θ − c·D,
  /// exact whatever the margins q_r.
  public let direction: Parameters
  let directionPreactivations: [ScaledIntegerVector]
  /// The direction's coefficients on the data rows, block by block: D_kr =
  /// y_r s_k φ'(⟨v_k, x_r⟩) on the one forgotten point (λ_r y_r s_k φ'(⟨v_k, x_r⟩)
  /// on each point of a set), 0 elsewhere.
  public let directionCoefficients: [ScaledIntegerVector]
  /// The point retrained on S∖{r}, when it exists.
  public let retrained: Parameters?
  /// Q_{−r} = (y_i y_k G_ik)_{i,k≠r} with its integer form, which the
  /// linear model's NNLS uses as it is.
  let retainedSignedGram: Matrix?
  let retainedIntegerForm: (numerators: [Int], denominator: BigInt)?
  /// A guess of the unconstrained NNLS minimizer at an update coefficient ã
  /// (the linear model's λ_{−r} + (λ_r + ã) Q_{−r}⁻¹Q_{−r,r}); used only once
  /// Q_{−r} μ = b holds exactly for the measured b.
  let unconstrainedGuess: (@Sendable (Rational) -> ScaledIntegerVector?)?
  /// The pattern-dependent forms of θ + a·u, per activation pattern.
  let patternForms = PatternFormCache()

  public init(
    model: HomogeneousModel, instance: Instance, forget r: Int, gram: Matrix, theta: Parameters, multipliers: [Rational],
    retrained: Parameters?, retainedSignedGram: Matrix? = nil, retainedIntegerForm: (numerators: [Int], denominator: BigInt)? = nil,
    unconstrainedGuess: (@Sendable (Rational) -> ScaledIntegerVector?)? = nil
  ) {
    self.init(model: model, instance: instance, forgetSet: [r], gram: gram, theta: theta, multipliers: multipliers, retrained: retrained,
              retainedSignedGram: retainedSignedGram, retainedIntegerForm: retainedIntegerForm, unconstrainedGuess: unconstrainedGuess)
  }

  /// A start that forgets the set F (sorted, distinct, in range).
  public init(
    model: HomogeneousModel, instance: Instance, forgetSet: [Int], gram: Matrix, theta: Parameters, multipliers: [Rational],
    retrained: Parameters?, retainedSignedGram: Matrix? = nil, retainedIntegerForm: (numerators: [Int], denominator: BigInt)? = nil,
    unconstrainedGuess: (@Sendable (Rational) -> ScaledIntegerVector?)? = nil
  ) {
    self.unconstrainedGuess = unconstrainedGuess
    self.model = model
    self.instance = instance
    self.forgetSet = forgetSet
    self.forget = forgetSet[0]
    let forgotten = Set(forgetSet)
    self.retained = (0..<instance.count).filter { !forgotten.contains($0) }
    self.gram = gram
    self.theta = theta
    self.multipliers = multipliers
    self.retrained = retrained
    self.retainedSignedGram = retainedSignedGram
    self.retainedIntegerForm = retainedIntegerForm
    let data = instance.data, labels = instance.labels
    let pre = PhaseTimer.measure("parameters on the data") { theta.preactivations(on: data) }
    preactivations = pre
    let pattern = pre.map { p in p.numerators.map { $0.signum > 0 } }
    marginVector = model.margins(preactivations: pre, pattern: pattern, representative: theta.representative, labels: labels)
    // One point's direction is y_r ∇_θ N(x_r; θ); a set's is one combination of its rows per block.
    // Block k of D is Σ_{r∈F} w_r y_r g_k(r) x_r (w_r = 1 for one point, λ_r for a set): one combination of the data rows per block.
    let slopes = forgetSet.map { r in model.gradientCoefficients(preactivations: pre.map { $0[r] }) }
    let n = instance.count
    let coefficients = (0..<model.blocks).map { k in
      var c = [Rational](repeating: Rational(), count: n)
      for (t, r) in forgetSet.enumerated() { c[r] = (forgetSet.count == 1 ? Rational(1) : multipliers[r]) * Rational(labels[r]) * slopes[t][k] }
      return ScaledIntegerVector(c)
    }
    directionCoefficients = coefficients
    if forgetSet.count == 1 {
      direction = Self.ascentDirection(forgetSet[0], model: model, theta: theta, preactivations: pre, instance: instance)
    } else {
      if let span = theta.span {
        direction = Parameters(coefficients: coefficients, span: span)
      } else {
        direction = Parameters(blocks: coefficients.map { c in
          let (numerators, denominator) = data.combination(c)
          return try! ScaledIntegerVector(numerators: numerators, denominator: denominator)
        })
      }
    }
    directionPreactivations = direction.preactivations(on: data)
  }

  /// u_r = y_r ∇_θ N(x_r; θ) for any point r, with φ' at θ's pre-activations
  /// (the `direction` of a start that forgets r alone).
  public func ascentDirection(_ r: Int) -> Parameters {
    Self.ascentDirection(r, model: model, theta: theta, preactivations: preactivations, instance: instance)
  }

  /// Block k of ∇_θ N(x_r; θ) is g_k x_r with g_k = s_k φ'(⟨v_k, x_r⟩); in the
  /// data span its coefficients are those of x_r.
  static func ascentDirection(_ r: Int, model: HomogeneousModel, theta: Parameters, preactivations pre: [ScaledIntegerVector],
                              instance: Instance) -> Parameters {
    let yR = Rational(instance.labels[r])
    let g = model.gradientCoefficients(preactivations: pre.map { $0[r] })
    if let span = theta.span {
      let unit = ScaledIntegerVector((0..<instance.count).map { $0 == r ? Rational(1) : Rational() })
      return Parameters(coefficients: g.map { unit.scaled(by: yR * $0) }, span: span)
    }
    let row = Parameters.row(r, of: instance.data)
    return Parameters(blocks: g.map { row.scaled(by: yR * $0) })
  }

  /// Whether the stationarity form of the retained data is Q_{−r} itself
  /// (the linear model: φ' ≡ 1 and ω·K = 1), so its integer form serves the NNLS.
  var stationarityIsSignedGram: Bool {
    model.isLinear && model.blockWeight * Rational(model.blocks) == Rational(1) && retainedSignedGram != nil
  }

  /// C_ki = λ_i y_i s_k φ'(⟨v_k, x_i⟩) on every point: θ's coefficients on the
  /// data rows when θ is an exact KKT point (θ = Σ_i λ_i y_i ∇_θ N(x_i; θ)).
  public var stationarityCoefficients: [[Rational]] {
    model.stationarityCoefficients(preactivations: preactivations, multipliers: multipliers, labels: instance.labels,
                                   indices: Array(0..<instance.count), points: instance.count)
  }

  /// Whether one point is forgotten (the paper's setting; the single-point
  /// quantities λ_r, q_r, β* are defined).
  public var forgetsOnePoint: Bool { forgetSet.count == 1 }
  /// λ_r (the first forgotten point's for a set).
  public var lambdaR: Rational { multipliers[forget] }
  /// q_r = y_r N(x_r; θ) (the first forgotten point's for a set).
  public var marginR: Rational { marginVector[forget] }
  /// q_i = y_i N(x_i; θ) in lowest terms.
  public var margins: [Rational] { marginVector.rationals }
}

/// The pattern-dependent forms of the after-step measurement, shared by the
/// copies of one start (the cache is a reference; entries never change).
final class PatternFormCache: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [[[Bool]]: AffineMeasurement.PatternForms] = [:]

  /// The forms for the pattern of θ + a·u, computed on first use.
  func value(for pattern: [[Bool]], direction: Bool, compute: () throws -> AffineMeasurement.PatternForms) rethrows -> AffineMeasurement.PatternForms {
    guard direction else { return try compute() }
    if let known = lock.withLock({ entries[pattern] }) { return known }
    let forms = try compute()
    lock.withLock { entries[pattern] = forms }
    return forms
  }
}
