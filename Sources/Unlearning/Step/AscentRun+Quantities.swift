//===--- AscentRun+Quantities.swift ---------------------------------------===//
// A run of K ascent steps as quantities of an instance, for claims.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

extension AscentRun {
  /// K fixed-rate steps to run beside an instance's one step, so that claims
  /// can read the run (`steps` and `learning_rate` of a suite entry).
  public struct Plan: Sendable, Hashable {
    public var steps: Int
    /// η; nil takes the instance's explicit β (one step of the run is then
    /// the instance's step, taken by the run's own code).
    public var learningRate: Rational?
    public var retainDescent: Bool

    public init(steps: Int, learningRate: Rational?, retainDescent: Bool = false) {
      (self.steps, self.learningRate, self.retainDescent) = (steps, learningRate, retainDescent)
    }

    /// η for a step rule: the given rate, or the explicit β.
    ///
    /// - Throws: ``UnlearningError/badParameter(_:)`` when there is neither.
    public func learningRate(for step: StepRule) throws -> Rational {
      if let learningRate { return learningRate }
      if case .explicit(let beta) = step { return beta }
      throw UnlearningError.badParameter("a run of \(steps) ascent steps needs a learning rate: the step is c·β*, not an explicit β, so it cannot stand in for one")
    }
  }
}

extension MeasuredStep {
  /// Runs `plan` from this step's start (``AscentRun``) at precision p and adds
  /// what claims read after its last step t = K, each measured by the run's
  /// own code from its span form: `run_measured`, `run_steps`,
  /// `run_learning_rate`, `run_rate_is_beta` (η is this instance's explicit β,
  /// so one step of the run is the instance's step), `run_retain_descent`,
  /// `run_epsilon2`, `run_tau`, `run_delta`, `run_max_margin_shift`
  /// (max_{i∉F} |q_i(K) − q_i(0)|), `run_q_r_after` (one point),
  /// `run_forget_margin_rise` = max_{t, r∈F} (q_r(t) − q_r(t−1)), and for the
  /// linear model without retain descent, one point,
  /// `run_forgotten_shift_defect` = max_t |(q_r(t−1) − q_r(t))(e^{q_r(t−1)} + L)/(η‖x_r‖²) − 1|
  /// (derived: each linear step moves q_r by η ℓ'(q_r(t−1))‖x_r‖², with ℓ'
  /// written out as −1/(e^q + L), L = 1 logistic, 0 exponential).
  public func addRun(_ plan: AscentRun.Plan, to table: inout QuantityTable, precision p: Int) throws {
    let eta = try plan.learningRate(for: step)
    try AscentRun.validate(start: start, learningRate: eta, steps: plan.steps)
    let rows = try PhaseTimer.measure("ascent steps") {
      try AscentRun.rows(start: start, loss: loss, eta: eta, steps: plan.steps, retainDescent: plan.retainDescent, optimal: false, precision: p)
    }
    let last = rows[rows.count - 1]
    table.set(.runMeasured, .boolean(true))
    table.set(.runSteps, .exact(Rational(plan.steps)))
    table.set(.runLearningRate, .exact(eta))
    if case .explicit(let beta) = step { table.set(.runRateIsBeta, .boolean(beta == eta)) } else { table.set(.runRateIsBeta, .boolean(false)) }
    table.set(.runRetainDescent, .boolean(plan.retainDescent))
    table.set(.runEpsilon2, .enclosure(last.epsilon2))
    table.set(.runTau, .enclosure(last.tau))
    table.set(.runDelta, .enclosure(last.delta))
    table.set(.runMaxMarginShift, .enclosure(last.maxMarginShift))
    if start.forgetsOnePoint { table.set(.runQRAfter, .enclosure(last.forgetMargins[0])) }
    // q_r(t) for t = 0…K, per r ∈ F.
    let margins = start.forgetSet.indices.map { f in
      [Interval(enclosing: start.marginVector[start.forgetSet[f]], precision: p)] + rows.map { $0.forgetMargins[f] }
    }
    let rises = margins.flatMap { q in (1..<q.count).map { q[$0] - q[$0 - 1] } }
    table.set(.runForgetMarginRise, .enclosure(rises.dropFirst().reduce(rises[0]) { Interval.maximum($0, $1) }))
    if start.model.isLinear, start.forgetsOnePoint, !plan.retainDescent {
      let q = margins[0], one = Interval(enclosing: Rational(1), precision: p)
      let logistic = Interval(enclosing: Rational(loss == .logistic ? 1 : 0), precision: p)
      let scale = Interval(enclosing: eta * start.gram[start.forget, start.forget], precision: p)
      let defects = try (1..<q.count).map { t in
        try ((q[t - 1] - q[t]) * (Interval.exp(q[t - 1]) + logistic)).divided(by: scale) - one
      }
      table.set(.runForgottenShiftDefect, .enclosure(defects.map(\.absoluteValue).dropFirst().reduce(defects[0].absoluteValue) { Interval.maximum($0, $1) }))
    }
  }
}
