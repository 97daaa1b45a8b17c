//===--- LinearUnlearning.swift -------------------------------------------===//
// The linear setting: the exact KKT points of S and S∖{r}, and the step.
//===----------------------------------------------------------------------===//

import Bounds
import Dispatch
import Exact
import Synchronization

/// One instance of the linear setting N(x; w) = ⟨w, x⟩ (theorems/DERIVATIONS.md, "The linear step"),
/// analysed exactly.
///
/// What is linear-specific lives here: the Gram matrix, the margin problems
/// of S and of S∖{r} (w = Σ λ_i y_i x_i and the retrained w*, held as
/// coefficients on the data rows for a KKT start with d > n, explicit in ℚᵈ
/// otherwise: ``ParameterForm``), and the theory's closed forms, which
/// identity claims compare with the measurements. The step and every quantity
/// after it are the model-independent ``MeasuredStep``.
public struct LinearUnlearning: Sendable {
  /// The largest number of points analysed (n² exact Gram entries, and
  /// solves whose numbers grow like n times the entry size).
  public static let maximumPoints = 2000

  public let instance: Instance
  /// The forgotten indices F (sorted, distinct) and the first of them (r
  /// when one point is forgotten).
  public let forgetSet: [Int]
  public let forget: Int
  public let loss: Loss
  public private(set) var step: StepRule
  /// G = X Xᵀ.
  public let gram: Matrix
  /// Q_ij = y_i y_j G_ij.
  public let signedGram: Matrix
  /// The KKT point of the full data S.
  public let kkt: MaxMarginSolution
  /// The KKT point of the retained data S ∖ {r} (retraining from scratch).
  public let retrained: MaxMarginSolution
  public let data: DataQuantities
  /// The retained indices i ≠ r, in order.
  public let retained: [Int]
  /// The form w, w* and the vectors after the step are held in: `.span`
  /// (coefficients on the data rows) or `.explicit` (vectors in ℚᵈ).
  public let parameterForm: ParameterForm
  /// The step-independent start (w, w*, the data products).
  public let start: UnlearningStart
  /// The step and the quantities after it.
  public private(set) var measured: MeasuredStep
  /// K ascent steps to run and measure beside the one step (claims on several steps), if any.
  public var ascentPlan: AscentRun.Plan? = nil
  /// Σ_{r∈F} λ_r Q_{−F,r} = (Σ_r λ_r y_i y_r G_ir)_{i∉F} (λ_r Q_{−r,r} for one
  /// point), for the closed forms.
  let forgottenColumn: ScaledIntegerVector
  /// max_{i∉F} Σ_{r∈F} λ_r |⟨x_r, x_i⟩| (λ_r ζ_r for one point).
  public let forgetInteraction: Rational
  /// |zᵀGz − ‖Xᵀz‖²| for a fixed z (``gramIdentityDefect(data:gram:)``).
  public let gramIdentityDefect: Rational
  /// max_{i≠r} |(Q_{−r}(λ* − λ_{−r}))_i − λ_r Q_ir| when both problems have
  /// every constraint active (linear.retraining-multiplier-identity); exact KKT starts only.
  let retrainDefect: Rational?
  /// Where the analysis starts: the exact KKT point, or weights w (trained
  /// or a user's) normalized to margin 1, θ = w/ρ with ρ = min_i y_i⟨w, x_i⟩,
  /// and multipliers fitted by exact NNLS.
  public let startingPoint: StartingPoint
  /// ρ and w for a trained or given start.
  public let startScale: Rational?
  public let startWeights: [Rational]?
  /// The certified (ε₀², δ₀) of the start (0 for the exact KKT point).
  public let startResidual2: Rational
  public let startDelta: Rational
  /// How a trained start was trained.
  public let training: TrainingSummary?

  /// Analyses an instance.
  ///
  /// - Throws: ``UnlearningError`` for a bad forget index or non-separable data.
  public init(instance: Instance, forget r: Int, loss: Loss = .logistic, step: StepRule = .unit, start startingPoint: StartingPoint = .kkt,
              trainingSeed: UInt64 = 0, parameterForm: ParameterForm = .automatic) throws {
    try self.init(instance: instance, forgetSet: [r], loss: loss, step: step, start: startingPoint, trainingSeed: trainingSeed, parameterForm: parameterForm)
  }

  /// Analyses an instance that forgets the set F at once: one step
  /// θ' = θ + Σ_{r∈F} β_r ∇ℓ(y_r⟨θ, x_r⟩) with β_r = c·λ_r/|ℓ'(q_r)|, measured
  /// on S∖F and against the point retrained on S∖F.
  ///
  /// The weights are held as ``ParameterForm`` says: coefficients on the data
  /// rows (inner products through G) or explicit vectors in ℚᵈ.
  ///
  /// - Throws: ``UnlearningError`` for a bad forget set or non-separable data.
  public init(instance: Instance, forgetSet requested: [Int], loss: Loss = .logistic, step: StepRule = .unit, start startingPoint: StartingPoint = .kkt,
              trainingSeed: UInt64 = 0, parameterForm: ParameterForm = .automatic) throws {
    let forgetSet = try ForgetSet.validated(requested, points: instance.count)
    let r = forgetSet[0]
    guard instance.count >= 2 else { throw UnlearningError.badParameter("need at least 2 points, got \(instance.count)") }
    guard instance.count <= Self.maximumPoints else {
      throw UnlearningError.badParameter("\(instance.count) points: exact analysis is limited to n ≤ \(Self.maximumPoints) (the Gram matrix has n² exact entries)")
    }
    self.instance = instance
    self.forgetSet = forgetSet
    self.forget = r
    self.loss = loss
    self.step = step
    let forms = Self.gramForms(instance)
    (gram, signedGram) = (forms.gram, forms.signedGram)
    gramIdentityDefect = PhaseTimer.measure("Gram identity") { Self.gramIdentityDefect(data: instance.data, gram: forms.gramForm) }
    if let zero = (0..<instance.count).first(where: { forms.gram[$0, $0].isZero }) {
      throw UnlearningError.badData("point \(zero) is the zero vector")
    }
    let forgotten = Set(forgetSet)
    let kept = (0..<instance.count).filter { !forgotten.contains($0) }
    retained = kept
    let problems = try Self.marginProblems(instance, forms: forms, kept: kept)
    (kkt, retrained) = (problems.kkt, problems.retrained)
    data = PhaseTimer.measure("data quantities") { DataQuantities(gram: forms.gram, forget: r) }
    let span = startingPoint == .kkt && parameterForm.usesSpan(points: instance.count, dimension: instance.dimension)
      ? DataSpan(data: instance.data, gram: forms.gramForm) : nil
    let (w, wStar) = try Self.weights(instance, kkt: problems.kkt, retrained: problems.retrained, forgetSet: forgetSet, span: span)
    self.parameterForm = span == nil ? .explicit : .span
    self.startingPoint = startingPoint
    var theta = w, multipliers = problems.kkt.multipliers.entries
    var scale: Rational? = nil, given: [Rational]? = nil, training: TrainingSummary? = nil
    var residual2 = Rational(), delta = Rational()
    if startingPoint != .kkt {
      // θ = w/ρ at margin 1, with its multipliers by exact NNLS: an (ε₀, δ₀)-approximate KKT point.
      let raw: [Rational]
      if case .weights(let path) = startingPoint {
        raw = try LinearTrainedStart.weights(from: path, dimension: instance.dimension)
      } else {
        let trained = try PhaseTimer.measure("training") { try LinearTrainedStart.train(instance: instance, loss: loss, seed: trainingSeed) }
        (raw, training) = (trained.weights, trained.summary)
      }
      let normalized = try ApproximateKKTPoint.normalizing(
        Parameters(blocks: [ScaledIntegerVector(raw)]), model: .linear, instance: instance, gram: forms.gram,
        linearForm: .init(matrix: forms.signedGram, integerForm: problems.integerForms[0], rankAtMost: instance.dimension))
      theta = normalized.theta
      (multipliers, residual2, delta) = (normalized.point.multipliers, normalized.point.residual2, normalized.point.delta)
      (scale, given) = (normalized.rho, raw)
    }
    (startScale, startWeights, self.training, startResidual2, startDelta) = (scale, given, training, residual2, delta)
    forgetInteraction = DataQuantities.forgetInteraction(gram: forms.gram, forgetSet: forgetSet, multipliers: multipliers)
    // Weighted by the start's multipliers (the exact KKT point's, or a trained start's NNLS fit).
    let startLambda = multipliers
    forgottenColumn = forgetSet.dropFirst().reduce(forms.signedGramForm.column(r, rows: kept).scaled(by: startLambda[r])) {
      $0.adding(forms.signedGramForm.column($1, rows: kept), times: startLambda[$1])
    }
    start = UnlearningStart(
      model: .linear, instance: instance, forgetSet: forgetSet, gram: forms.gram, theta: theta, multipliers: multipliers,
      retrained: wStar, retainedSignedGram: problems.reduced, retainedIntegerForm: problems.integerForms[1],
      unconstrainedGuess: startingPoint == .kkt ? Self.unconstrainedGuess(instance, forms: forms, problems: problems, forgetSet: forgetSet, kept: kept) : nil)
    measured = try MeasuredStep(start: start, step: step, loss: loss)
    retrainDefect = startingPoint == .kkt && problems.kkt.allActive && problems.retrained.allActive
      ? Self.retrainDefect(forms: forms, problems: problems, kept: kept, weighted: forgottenColumn) : nil
  }

  /// The same instance with another step rule: the margin problems and the
  /// data products are reused, only the step is measured again.
  public func withStep(_ rule: StepRule) throws -> LinearUnlearning {
    var next = self
    next.step = rule
    next.measured = try MeasuredStep(start: start, step: rule, loss: loss)
    return next
  }
}

extension LinearUnlearning {
  /// |zᵀGz − ‖Xᵀz‖²| for z_i = ±(1 + (h_i mod 2²⁰)) from a fixed hash h of
  /// i: the Gram matrix (which the margin problems, and in the data span
  /// every inner product, rely on) against the rows themselves, exactly, in
  /// one pass over X with word coefficients. Since
  /// zᵀGz − ‖Xᵀz‖² = Σ_ij z_i z_j (G_ij − ⟨x_i, x_j⟩), one wrong entry
  /// (or a wrong symmetric pair) shows with z_i z_j ≠ 0, and several cancel
  /// only on a hyperplane of z that a fixed hash has no reason to meet.
  static func gramIdentityDefect(data: ScaledIntegerMatrix, gram: IntegerBilinearForm) -> Rational {
    var source = RandomSource(seed: 0x6772_616D)
    let z = (0..<data.rows).map { _ -> Int in
      let word = source.next()
      return (word >> 63 == 0 ? 1 : -1) * (Int(word % (1 << 20)) + 1)
    }
    let coefficients = ScaledIntegerVector(z.map { Rational($0) }, over: BigInt(1))
    let rows = try! Rational(data.squaredNormOfCombination(z), data.denominator * data.denominator)
    return (gram.apply(coefficients).dot(coefficients) - rows).magnitude
  }
}
