//===--- AffineMeasurement.swift ------------------------------------------===//
// The KKT conditions of the retained data at θ₀ + a·u, by their definitions.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// The retained data's KKT conditions at the explicit parameters
/// θ(a) = θ₀ + a·u along an ascent direction u (u = 0 for a fixed point), measured by definition for an
/// exact or enclosed a.
///
/// Pre-activations P(a) = Xθ₀ + a·Xu are computed from the explicit blocks.
/// The activation pattern of θ(ã) at a rational ã in a's enclosure is exact;
/// once every sign is decided over hull(a, ã) the pattern is constant there,
/// so the margins q_i(a) = y_i N(x_i; θ(a)) are affine in a and the squared
/// norms below are quadratic in a with exact coefficients:
/// - the stationarity residual with the inherited multipliers and φ' at θ(a),
///   ε² = ω Σ_k ‖v_k(a) − Σ_{i≠r} λ_i y_i s_k φ'(P_ki(a)) x_i‖², each residual
///   block formed in the parameters' own form (ℚᵈ, or coefficients on the
///   data rows with the norm through G);
/// - ‖θ(a)‖², ‖θ(a) − θ*‖² and ⟨θ(a), θ*⟩ from the explicit blocks.
/// ε_opt = min_{μ≥0} of the same residual is solved exactly at ã (exact NNLS
/// over M_ik = y_i y_k G_ik ω Σ_k φ'_ki φ'_kk', b = q(ã)) and, for an enclosed a,
/// widened by |a − ã|·‖u‖ (the distance to a fixed convex cone is 1-Lipschitz).
struct AffineMeasurement: Sendable {
  let model: HomogeneousModel
  let labels: [Int]
  let retained: [Int]
  /// Xθ₀ and Xu, one vector per block.
  let base: [ScaledIntegerVector]
  let moving: [ScaledIntegerVector]?
  /// The activation pattern at ã: P_ki(ã) > 0.
  let positive: [[Bool]]
  let center: Rational
  /// q(a) = marginConstant + a · marginSlope, for all n points, and q(ã).
  let marginConstant: ScaledIntegerVector
  let marginSlope: ScaledIntegerVector
  let marginsAtCenter: ScaledIntegerVector
  /// ε²(a) = c₀ + 2a c₁ + a² c₂ and ‖θ(a)‖² = n₀ + 2a n₁ + a² c₂.
  let residual: (c0: Rational, c1: Rational, c2: Rational)
  let norm: (n0: Rational, n1: Rational)
  /// ε_opt² at ã, and the minimizing multipliers μ ≥ 0 (over the retained
  /// points, in order): the witness a certificate carries.
  let optimalResidualAtCenter: Rational
  let optimalMultipliersAtCenter: [Rational]
  /// ‖θ(a) − θ*‖² = d₀ + 2a d₁ + a² c₂, ⟨θ(a), θ*⟩ = i₀ + a i₁, ‖θ*‖² = r₂.
  let retrained: (d0: Rational, d1: Rational, i0: Rational, i1: Rational, r2: Rational)?

  init(start: UnlearningStart, base theta: Parameters, basePreactivations: [ScaledIntegerVector], direction: Parameters?,
       directionPreactivations: [ScaledIntegerVector]?, multipliers lambda: [Rational], center: Rational) throws {
    let model = start.model, labels = start.instance.labels
    self.model = model
    self.labels = labels
    self.retained = start.retained
    self.base = basePreactivations
    self.moving = directionPreactivations
    self.center = center
    let atCenter = basePreactivations.indices.map { k in
      directionPreactivations.map { basePreactivations[k].adding($0[k], times: center) } ?? basePreactivations[k]
    }
    let pattern = atCenter.map { p in p.numerators.map { $0.signum > 0 } }
    positive = pattern
    let slopes = pattern.map { row in row.map { model.derivative(positive: $0) } }
    // q(a) = y ∘ ω Σ_k s_k φ'_k ∘ (P_k + a Xu_k): affine in a for the fixed pattern.
    let representative = theta.representative
    marginConstant = model.margins(preactivations: basePreactivations, pattern: pattern, representative: representative, labels: labels)
    marginSlope = directionPreactivations.map {
      model.margins(preactivations: $0, pattern: pattern, representative: representative, labels: labels)
    } ?? marginConstant.scaled(by: Rational())
    marginsAtCenter = model.margins(preactivations: atCenter, pattern: pattern, representative: representative, labels: labels)

    let forms = try start.patternForms.value(for: pattern, direction: direction != nil) {
      try Self.patternForms(start: start, theta: theta, direction: direction, multipliers: lambda, pattern: pattern, slopes: slopes)
    }
    residual = forms.residual
    norm = forms.norm
    retrained = forms.retrained
    let (n0, n1, c2) = (forms.norm.n0, forms.norm.n1, forms.residual.c2)

    // ε_opt² at ã: min_{μ≥0} ‖θ(ã)‖² − 2bᵀμ + μᵀMμ with b_i = y_i ω Σ_k s_k φ'_ki P_ki(ã) = q_i(ã).
    let measured = marginsAtCenter.selecting(start.retained)
    let u2 = n0 + Rational(2) * center * n1 + center * center * c2
    if start.stationarityIsSignedGram, let q = start.retainedSignedGram {
      (optimalResidualAtCenter, optimalMultipliersAtCenter) = try PhaseTimer.measure("optimal residual (NNLS)") {
        // A guess of the unconstrained minimizer is used only once Q_{−r} μ = b holds exactly.
        if let guess = start.unconstrainedGuess?(center), let form = start.retainedIntegerForm, guess.numerators.allSatisfy({ $0.signum >= 0 }) {
          let product = IntegerBilinearForm(size: q.rows, machineNumerators: form.numerators, denominator: form.denominator).apply(guess)
          if product == measured { return (u2 - measured.dot(guess), guess.rationals) }
        }
        // When d < n the NNLS starts from Lawson–Hanson on the primal: min_{μ≥0} ‖θ(ã) − Σ_i μ_i y_i x_i‖ in ℝᵈ.
        let primal = { () -> Set<Int>? in
          let data = start.instance.data, d = start.instance.dimension, labels = start.instance.labels
          let columns = start.retained.flatMap { i in (0..<d).map { Double(data[i, $0]) * Double(labels[i]) } }
          let point = (direction.map { theta.adding($0, times: center) } ?? theta).blocks[0]
          return FloatingNonNegativeLeastSquares.lawsonHansonPassiveSet(columns: columns, dimension: d, target: point.rationals.map(Double.init))
        }
        let solved = try MaxMarginProblem.nonNegativeLeastSquares(signedGram: q, correlations: measured.vector, squaredNorm: u2, integerForm: start.retainedIntegerForm,
                                                                  rankAtMost: start.instance.dimension, primalGuess: primal)
        return (solved.minimum, solved.multipliers.entries)
      }
    } else {
      let solved = try MaxMarginProblem.nonNegativeLeastSquares(signedGram: forms.stationarityMatrix!, correlations: measured.vector, squaredNorm: u2)
      (optimalResidualAtCenter, optimalMultipliersAtCenter) = (solved.minimum, solved.multipliers.entries)
    }
  }

  /// What depends on θ₀, u and the activation pattern only (not on a), so a
  /// start measures it once per pattern however many step sizes it meets.
  struct PatternForms: Sendable {
    var residual: (c0: Rational, c1: Rational, c2: Rational)
    var norm: (n0: Rational, n1: Rational)
    var retrained: (d0: Rational, d1: Rational, i0: Rational, i1: Rational, r2: Rational)?
    /// M_ik = y_i y_k G_ik ω Σ_k' φ'_k'i φ'_k'k over the retained points (networks only).
    var stationarityMatrix: Matrix?
  }

  static func patternForms(
    start: UnlearningStart, theta: Parameters, direction: Parameters?, multipliers lambda: [Rational], pattern: [[Bool]], slopes: [[Rational]]
  ) throws -> PatternForms {
    let model = start.model, labels = start.instance.labels, data = start.instance.data
    let n = start.instance.count, blocks = model.blocks, omega = model.blockWeight
    // The residual blocks e_k = v_k − Σ_{i≠r} λ_i y_i s_k φ'_ki x_i, once per
    // distinct (block, pattern).
    let kept = Set(start.retained)
    // One denominator for every coefficient vector, so a residual block and a
    // block built over the same multipliers subtract without growing.
    let commonDenominator = Rational.commonDenominator(lambda) * model.slope.denominator
    var residualBlocks: [ScaledIntegerVector] = []
    var seen: [(block: Int, pattern: [Bool], index: Int)] = []
    for k in 0..<blocks {
      let rep = theta.representative[k]
      if let known = seen.first(where: { $0.block == rep && $0.pattern == pattern[k] }) {
        residualBlocks.append(residualBlocks[known.index])
        continue
      }
      let coefficients = (0..<n).map { i -> Rational in
        guard kept.contains(i) else { return Rational() }
        let g = model.signs[k] > 0 ? slopes[k][i] : -slopes[k][i]
        return lambda[i] * Rational(labels[i]) * g
      }
      let scaled = ScaledIntegerVector(coefficients, over: commonDenominator)
      seen.append((rep, pattern[k], k))
      if theta.span != nil {
        // In the data span the residual block's coefficients are θ's minus these.
        residualBlocks.append(theta.stored[k].adding(scaled, times: Rational(-1)))
      } else {
        let (numerators, denominator) = data.combination(scaled)
        let combination = try ScaledIntegerVector(numerators: numerators, denominator: denominator)
        residualBlocks.append(theta.stored[k].adding(combination, times: Rational(-1)))
      }
    }
    let e = Parameters(stored: residualBlocks, span: theta.span)
    let c2 = direction.map { Parameters.inner($0, $0, weight: omega) } ?? Rational()
    var forms = PatternForms(
      residual: (Parameters.inner(e, e, weight: omega), direction.map { Parameters.inner(e, $0, weight: omega) } ?? Rational(), c2),
      norm: (Parameters.inner(theta, theta, weight: omega), direction.map { Parameters.inner(theta, $0, weight: omega) } ?? Rational()))
    if let star = start.retrained {
      // ‖θ(a) − θ*‖² = ‖θ(a)‖² − 2⟨θ(a), θ*⟩ + ‖θ*‖², from the explicit blocks' inner products.
      let i0 = Parameters.inner(theta, star, weight: omega), i1 = direction.map { Parameters.inner($0, star, weight: omega) } ?? Rational()
      let r2 = Parameters.inner(star, star, weight: omega)
      forms.retrained = (forms.norm.n0 - Rational(2) * i0 + r2, forms.norm.n1 - i1, i0, i1, r2)
    }
    if !start.stationarityIsSignedGram {
      forms.stationarityMatrix = model.stationarityMatrix(slopes: slopes, indices: start.retained, labels: labels, gram: start.gram)
    }
    return forms
  }

  /// The measured values at a (exact, or an enclosure containing the true a).
  struct Values {
    /// q(a) for all n points; `exactMargins` the same over one denominator when a is exact.
    var margins: [Value]
    var exactMargins: ScaledIntegerVector?
    var epsilon2: Value
    var epsilon: Value
    var optimal2: Value
    var optimal: Value
    var norm2: Value
    var distance2: Value?
    var distance: Value?
    var inner: Value?
    var retrained2: Rational?
  }

  /// Decides the pattern over hull(a, ã) and evaluates every polynomial at a.
  ///
  /// - Throws: ``EnclosureError/undecided(_:)`` when a sign is not decided at
  ///   this precision, so the adaptive driver raises it.
  func values(at a: Value, precision p: Int, margins withMargins: Bool = true) throws -> Values {
    if let moving, !model.isLinear, a.exactValue != center {
      let range = Value.enclosure(a.interval(precision: p).hull(Interval(enclosing: center, precision: p)))
      for k in positive.indices {
        for i in positive[k].indices {
          if moving[k].numerators[i].isZero { continue }
          let z = Value.add(.exact(base[k][i]), Value.multiply(range, .exact(moving[k][i]), precision: p), precision: p)
          guard let isPositive = Relation.compare(z, .greater, .exact(Rational()), precision: p), isPositive == positive[k][i] else {
            throw EnclosureError.undecided("the sign of neuron \(k) on point \(i) after the step")
          }
        }
      }
    }
    var exactMargins: ScaledIntegerVector? = nil
    let margins: [Value]
    if !withMargins {
      margins = []
    } else if let t = a.exactValue {
      let q = t == center ? marginsAtCenter : marginConstant.adding(marginSlope, times: t)
      exactMargins = q
      margins = q.rationals.map(Value.exact)
    } else {
      let (constant, slope) = (marginConstant.rationals, marginSlope.rationals)
      margins = constant.indices.map { Value.add(.exact(constant[$0]), Value.multiply(.exact(slope[$0]), a, precision: p), precision: p) }
    }
    let (e2, e) = try squaredNorm(residual.c0, residual.c1, residual.c2, at: a, precision: p)
    var optimal = try Value.squareRoot(.exact(optimalResidualAtCenter), precision: p), optimal2 = Value.exact(optimalResidualAtCenter)
    if a.exactValue != center {
      let c = optimal.interval(precision: p)
      let lipschitz = try Value.squareRoot(.exact(residual.c2), precision: p)
      let o = Value.multiply(Value.absoluteValue(Value.subtract(a, .exact(center), precision: p)), lipschitz, precision: p).interval(precision: p)
      let widened = try Interval(lo: max(Dyadic.zero, (c - o).lo), hi: (c + o).hi, precision: p)
      optimal = .enclosure(widened)
      optimal2 = .enclosure(widened * widened)
    }
    var result = Values(margins: margins, exactMargins: exactMargins, epsilon2: e2, epsilon: e, optimal2: optimal2, optimal: optimal,
                        norm2: polynomial(norm.n0, Rational(2) * norm.n1, residual.c2, at: a, precision: p))
    if let retrained {
      let (d2, d) = try squaredNorm(retrained.d0, retrained.d1, residual.c2, at: a, precision: p)
      result.distance2 = d2
      result.distance = d
      result.inner = polynomial(retrained.i0, retrained.i1, Rational(), at: a, precision: p)
      result.retrained2 = retrained.r2
    }
    return result
  }

  /// Pairs (i ≠ r, k) whose sign at ã differs from the sign of Xθ₀ (flips of the step).
  var flips: Int { flips(retainedPoints: true) }

  /// Pairs (r ∈ F, k) whose sign at ã differs from the sign of Xθ₀: the
  /// forgotten points' own pre-activations that cross 0 in the step.
  var forgottenFlips: Int { flips(retainedPoints: false) }

  /// Pairs (i, k) with i retained (or forgotten) whose sign changed.
  func flips(retainedPoints: Bool) -> Int {
    var count = 0
    let kept = Set(retained)
    for k in positive.indices {
      for i in positive[k].indices where kept.contains(i) == retainedPoints && positive[k][i] != (base[k].numerators[i].signum > 0) {
        count += 1
      }
    }
    return count
  }
}
