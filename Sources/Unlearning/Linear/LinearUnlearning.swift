//===--- LinearUnlearning.swift -------------------------------------------===//
// The linear setting end to end: KKT point, one gradient-ascent step, the
// KKT residuals on the retained data, and the retrained solution.
//===----------------------------------------------------------------------===//

import Bounds
import Dispatch
import Exact
import Synchronization

/// One instance of the linear setting N(x; w) = ⟨w, x⟩ (theory.md §F.1),
/// analysed exactly. Everything rational is computed once in `init`; only
/// square roots and the loss derivative are enclosed, per precision.
///
/// Notation: Q_ij = y_i y_j⟨x_i, x_j⟩, w = Σ λ_i y_i x_i the exact KKT point,
/// a = β ℓ'(q_r) the update coefficient (so w' = w + a y_r x_r), and
/// κ = λ_r + a the weight of x_r left in w' (κ = 0 at β = β*).
public struct LinearUnlearning: Sendable {
  /// The largest number of points analysed (n² exact Gram entries, and
  /// solves whose numbers grow like n times the entry size).
  public static let maximumPoints = 2000

  public let instance: Instance
  /// The forgotten index r.
  public let forget: Int
  public let loss: Loss
  public let step: StepRule
  /// G = X Xᵀ.
  public let gram: Matrix
  /// Q_ij = y_i y_j G_ij.
  public let signedGram: Matrix
  /// Q as integers over one denominator, for fast exact quadratic forms.
  let signedGramForm: IntegerBilinearForm
  /// The KKT point of the full data S.
  public let kkt: MaxMarginSolution
  /// The KKT point of the retained data S ∖ {r} (retraining from scratch).
  public let retrained: MaxMarginSolution
  public let data: DataQuantities

  /// The retained indices i ≠ r, in order.
  public let retained: [Int]
  /// κ̃: the exact κ, or for an explicit β a rational inside its enclosure,
  /// at which the optimal residual is solved exactly.
  let kappaCenter: Rational
  /// min_{μ ≥ 0} ‖w' − Σ_{i≠r} μ_i y_i x_i‖² at κ = κ̃.
  let optimalResidualSquaredAtCenter: Rational
  /// The independent identity checks (exact steps only).
  let identityDefects: (margin: Rational?, retraining: Rational?)
  /// The κ-independent forms of the retained data.
  let forms: RetainedForms
  /// The after-step quantities when the step is exact (the scaled rule).
  let exactStep: ExactStep?

  /// Analyses an instance.
  ///
  /// - Throws: ``UnlearningError`` for a bad forget index or non-separable data.
  public init(instance: Instance, forget r: Int, loss: Loss = .logistic, step: StepRule = .scaled(Rational(1))) throws {
    guard instance.count >= 2 else { throw UnlearningError.badParameter("need at least 2 points, got \(instance.count)") }
    guard instance.count <= Self.maximumPoints else {
      throw UnlearningError.badParameter("\(instance.count) points: exact analysis is limited to n ≤ \(Self.maximumPoints) (the Gram matrix has n² exact entries)")
    }
    guard (0..<instance.count).contains(r) else {
      throw UnlearningError.badParameter("--forget \(r) is out of range for \(instance.count) points (0-based)")
    }
    self.instance = instance
    self.forget = r
    self.loss = loss
    self.step = step
    let n = instance.count, labels = instance.labels
    if let numerators = PhaseTimer.measure("Gram matrix", { instance.data.gramMachineNumerators }) {
      // Data on a grid: the Gram numerators are words, and Q, G and the form
      // of Q are built from them without rational arithmetic.
      let scale = instance.data.denominator * instance.data.denominator
      let signed = (0..<(n * n)).map { k in labels[k / n] == labels[k % n] ? numerators[k] : -numerators[k] }
      gram = ScaledIntegerMatrix.matrix(numerators, size: n, over: scale)
      signedGram = ScaledIntegerMatrix.matrix(signed, size: n, over: scale)
      signedGramForm = IntegerBilinearForm(size: n, machineNumerators: signed, denominator: scale)
    } else {
      gram = instance.data.gram
      signedGram = MaxMarginProblem.signedGram(gram, labels: labels)
      signedGramForm = IntegerBilinearForm(signedGram)
    }
    let fullGram = gram
    if let zero = (0..<n).first(where: { fullGram[$0, $0].isZero }) {
      throw UnlearningError.badData("point \(zero) is the zero vector")
    }
    retained = (0..<instance.count).filter { $0 != r }
    // The two margin problems (S and S∖{r}) are independent: solve them on two cores.
    let full = signedGram, reduced = signedGram.submatrix(rows: retained, columns: retained)
    // Integer forms of both problems' matrices, when Q has word numerators.
    let integerForms: [(numerators: [Int], denominator: BigInt)?]
    if let q = signedGramForm.machineNumerators {
      let kept = retained, s = signedGramForm.denominator
      integerForms = [(q, s), (kept.flatMap { i in kept.map { j in q[i * n + j] } }, s)]
    } else {
      integerForms = [nil, nil]
    }
    let outcomes = Mutex<[Int: Result<MaxMarginSolution, any Error>]>([:])
    PhaseTimer.measure("margin problems (S and S without r)") {
      DispatchQueue.concurrentPerform(iterations: 2) { k in
        let result = Result { try MaxMarginProblem.solve(signedGram: k == 0 ? full : reduced, integerForm: integerForms[k]) }
        outcomes.withLock { $0[k] = result }
      }
    }
    let solved = outcomes.withLock { $0 }
    kkt = try solved[0]!.get()
    do {
      retrained = try solved[1]!.get()
    } catch UnlearningError.notSeparable {
      throw UnlearningError.internalFailure("the retained data are not separable although the full data are")
    }
    data = PhaseTimer.measure("data quantities") { DataQuantities(gram: fullGram, forget: r) }
    let lambdaR = kkt.multipliers[r]
    let a = try step.updateCoefficient(lambdaR: lambdaR, marginR: kkt.margins[r], loss: loss, precision: Interval.defaultPrecision)
    switch a {
    case .exact(let exact): kappaCenter = lambdaR + exact
    case .enclosure(let x): kappaCenter = lambdaR + x.midpoint.rational
    }
    let (form, kkt, retained) = (signedGramForm, kkt, retained)
    let inherited = kkt.scaledMultipliers.selecting(retained), retrainedMultipliers = retrained.scaledMultipliers
    forms = PhaseTimer.measure("retained forms") {
      RetainedForms(form: form, retained: retained, forget: r, inherited: inherited, retrained: retrainedMultipliers)
    }
    if case .exact(let exact) = a {
      let margins = ScaledIntegerVector(kkt.margins.entries).selecting(retained), column = forms.forgottenColumn
      exactStep = PhaseTimer.measure("after-step quantities") {
        ExactStep(a: exact, margins: margins, inherited: inherited, forgottenColumn: column)
      }
    } else {
      exactStep = nil
    }
    if kappaCenter.isZero {
      // w' = Σ_{i≠r} λ_i y_i x_i exactly: μ = λ_{−r} ≥ 0 attains 0, the minimum.
      optimalResidualSquaredAtCenter = Rational()
    } else {
      let (u2, b) = Self.retainedCorrelations(form, retained: retained, lambda: kkt.scaledMultipliers, forget: r, kappa: kappaCenter)
      let reducedGram = signedGram.submatrix(rows: retained, columns: retained)
      let reducedForm = integerForms[1], kappa = kappaCenter, column = forms.forgottenColumn.vector
      optimalResidualSquaredAtCenter = try PhaseTimer.measure("optimal residual (NNLS)") {
        // b = Q₋ᵣλ₋ᵣ + κ Q₋ᵣ,ᵣ, so Q₋ᵣ⁻¹b = λ₋ᵣ + κ Q₋ᵣ⁻¹Q₋ᵣ,ᵣ: a solve with the small
        // right-hand side Q₋ᵣ,ᵣ instead of b's determinant-sized one.
        let unconstrained = try? reducedForm.map {
          try DixonSolver().solveOverCommonDenominator(integerMatrix: $0.numerators, denominator: $0.denominator, column)
        } ?? DixonSolver().solveOverCommonDenominator(reducedGram, column)
        let candidate = unconstrained.map { inherited.adding($0, times: kappa) }
        if let mu = candidate, mu.numerators.allSatisfy({ $0.signum >= 0 }) {
          return u2 - b.dot(mu)  // the minimum ‖u‖² − bᵀμ, in integers
        }
        return try MaxMarginProblem.nonNegativeLeastSquares(
          signedGram: reducedGram, correlations: b.vector, squaredNorm: u2, integerForm: reducedForm, unconstrained: candidate
        ).minimum
      }
    }
    if let exactStep {
      let (retrained, forms, kappa) = (retrained, forms, kappaCenter)
      identityDefects = PhaseTimer.measure("identity checks") {
        Self.identityChecks(instance: instance, forget: r, kkt: kkt, retrained: retrained, forms: forms, step: exactStep, kappa: kappa)
      }
    } else {
      identityDefects = (nil, nil)
    }
  }

  /// For u = Σ_{i≠r} λ_i y_i x_i + κ y_r x_r: ‖u‖² and b_i = y_i⟨x_i, u⟩ (i ≠ r).
  static func retainedCorrelations(
    _ q: IntegerBilinearForm, retained: [Int], lambda: ScaledIntegerVector, forget r: Int, kappa: Rational
  ) -> (Rational, ScaledIntegerVector) {
    let coefficients = lambda.replacing(r, with: kappa)
    let full = q.apply(coefficients)
    return (coefficients.dot(full), full.selecting(retained))
  }
}

/// a + b κ + c κ² on an exact or enclosed κ (κ² as an even power, so an
/// enclosure of κ around 0 gives a non-negative κ²).
func polynomial(_ a: Rational, _ b: Rational, _ c: Rational, at kappa: Value, precision p: Int) -> Value {
  let square = try! Value.power(kappa, .exact(Rational(2)), precision: p)
  let linear = Value.multiply(.exact(b), kappa, precision: p)
  return Value.add(Value.add(.exact(a), linear, precision: p), Value.multiply(.exact(c), square, precision: p), precision: p)
}

/// √x for a quantity known to be a squared norm (≥ 0): an enclosure whose
/// lower end dips below 0 only by rounding is clipped at 0, which is sound
/// because the true value is non-negative.
func squareRootOfSquaredNorm(_ x: Value, precision: Int) throws -> Value {
  if case .enclosure(let i) = x, i.lo.signum < 0 {
    guard i.hi.signum >= 0 else { throw UnlearningError.internalFailure("a squared norm was enclosed below 0") }
    let clipped = try Interval(lo: .zero, hi: i.hi, precision: i.precision)
    return try Value.squareRoot(.enclosure(clipped), precision: precision)
  }
  return try Value.squareRoot(x, precision: precision)
}
