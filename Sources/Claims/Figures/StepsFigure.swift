//===--- StepsFigure.swift ------------------------------------------------===//
// NegGrad as practice runs it: the KKT residuals after each of K ascent steps
// with a fixed learning rate, against the one properly scaled step.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

/// ε, ε_opt, τ and the forgotten point's margin after t = 1, …, K ascent
/// steps (``RepeatedAscent``) for each learning rate, each measured from the
/// explicit θ_t = θ + A_t y_r x_r by definition; and the step count at which
/// the accumulated step A_t passes the properly scaled one-step coefficient
/// −λ_r (β = β*, where ε = 0): beyond it, NegGrad overshoots.
public struct StepsFigure: Sendable {
  public struct Row: Sendable {
    public var learningRate: Rational
    public var step: Int
    /// A_t: θ_t = θ + A_t y_r x_r.
    public var coefficient: Interval
    public var epsilon: Value
    public var epsilonOptimal: Value
    public var tau: Value
    public var forgetMargin: Value
  }

  public var rows: [Row]
  /// −λ_r, the one-step coefficient of β = β*.
  public var oneStep: Rational
  public var title: String

  public init(learningRates: [Rational], steps: Int, precision p: Int = Interval.defaultPrecision, title: String, step base: MeasuredStep) throws {
    let start = base.start
    oneStep = -start.lambdaR
    var rows: [Row] = []
    for eta in learningRates {
      for (t, a) in try RepeatedAscent.coefficients(start: start, loss: base.loss, learningRate: eta, steps: steps, precision: p).enumerated() {
        let measured = try MeasuredStep(start: start, loss: base.loss, coefficient: a)
        let (epsilon, optimal, _) = try measured.stationarity(precision: p)
        let (tau, margin) = try measured.slack(precision: p)
        rows.append(Row(learningRate: eta, step: t + 1, coefficient: a, epsilon: epsilon, epsilonOptimal: optimal, tau: tau, forgetMargin: margin))
      }
    }
    self.rows = rows
    self.title = title
  }

  /// The first step at which A_t ≤ −λ_r for a learning rate, when decided.
  public func overshoot(_ eta: Rational) -> Int? {
    rows.first { $0.learningRate == eta && $0.coefficient.hi.rational <= oneStep }?.step
  }

  public var csv: String {
    var lines = ["learning_rate,step,A_lo,A_hi,A_approx,epsilon_lo,epsilon_hi,epsilon_approx,epsilon_opt_lo,epsilon_opt_hi,epsilon_opt_approx,"
                 + "tau_lo,tau_hi,tau_approx,forget_margin_lo,forget_margin_hi,forget_margin_approx,past_one_step"]
    for row in rows {
      var cells = [row.learningRate.description, "\(row.step)"]
      let a = Value.enclosure(row.coefficient)
      for v in [a, row.epsilon, row.epsilonOptimal, row.tau, row.forgetMargin] {
        let (lo, hi) = v.bounds
        cells += [lo.description, hi.description, "\(v.approximation)"]
      }
      cells.append(row.coefficient.hi.rational <= oneStep ? "true" : (row.coefficient.lo.rational > oneStep ? "false" : ""))
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"]

  func plot(_ name: String, yLabel: String, _ value: (Row) -> Value) -> SVGPlot {
    let rates = Array(Set(rows.map(\.learningRate))).sorted()
    let series = rates.enumerated().map { k, eta in
      SVGPlot.Series(name: "\(name), η = \(eta)", points: rows.filter { $0.learningRate == eta }.map { row in
        let (lo, hi) = value(row).bounds
        return (Double(row.step), Double(lo), Double(hi))
      }, color: Self.colors[k % Self.colors.count], marker: "circle")
    }
    var plot = SVGPlot(title: title, xLabel: "ascent steps t", yLabel: yLabel, series: series)
    let marks = rates.map { eta in overshoot(eta).map { "η = \(eta): past the one-step β* after \($0) steps" } ?? "η = \(eta): not past β* in these steps" }
    plot.caption = marks.joined(separator: "; ")
    return plot
  }

  /// ε against t (one line per learning rate).
  public var epsilonSVG: String { plot("ε", yLabel: "KKT stationarity ε on the retain set", \.epsilon).render() }

  /// τ against t.
  public var tauSVG: String { plot("τ", yLabel: "feasibility slack τ on the retain set", \.tau).render() }

  /// The forgotten point's margin against t, with the margin after the one properly scaled step.
  public func forgetMarginSVG(oneStepMargin: Double) -> String {
    var plot = plot("q_r", yLabel: "margin of the forgotten point y_r N(x_r; θ_t)", \.forgetMargin)
    plot.reference = (oneStepMargin, "after one step with β = β*")
    return plot.render()
  }
}
