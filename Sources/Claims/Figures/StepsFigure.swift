//===--- StepsFigure.swift ------------------------------------------------===//
// NegGrad as practice runs it: the KKT residuals after each of K ascent steps
// with a fixed learning rate, against the one properly scaled step.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

/// ε, ε_opt, τ, δ and the forget set's largest margin after t = 1, …, K
/// ascent steps with a fixed learning rate (``AscentRun``, any setting and
/// forget set), each measured by definition from the iterate's span form;
/// and the step count at which the largest forget margin is at or below its
/// value after the one properly scaled step β = β* (where ε = 0): beyond it,
/// NegGrad overshoots. (For the linear model and one point, θ_t = θ + A_t y_r x_r
/// and q_r(t) = q_r + A_t‖x_r‖², so that is where A_t passes −λ_r.)
public struct StepsFigure: Sendable {
  public struct Row: Sendable {
    public var learningRate: Rational
    public var step: Int
    public var epsilon: Value
    public var epsilonOptimal: Value
    public var tau: Value
    public var delta: Value
    /// The forget set's largest margin (the point least forgotten).
    public var forgetMargin: Value
  }

  public var rows: [Row]
  /// The forget set's largest margin after the one step β = β*.
  public var oneStepMargin: Value
  public var title: String

  /// - Parameter base: the one properly scaled step (c = 1) from the start the runs begin at.
  public init(learningRates: [Rational], steps: Int, policy: PrecisionPolicy = PrecisionPolicy(), title: String, step base: MeasuredStep) throws {
    let start = base.start
    oneStepMargin = try policy.firstDecided { try base.slack(precision: $0).forgetMargin }
    var rows: [Row] = []
    for eta in learningRates {
      let run = try AscentRun(start: start, loss: base.loss, learningRate: eta, steps: steps, retainDescent: false, policy: policy, optimal: true)
      for row in run.rows {
        let margin = row.forgetMargins.dropFirst().reduce(row.forgetMargins[0]) { Interval.maximum($0, $1) }
        rows.append(Row(learningRate: eta, step: row.step, epsilon: .enclosure(try Interval.sqrt(row.epsilon2)),
                        epsilonOptimal: .enclosure(try Interval.sqrt(row.optimal2!)), tau: .enclosure(row.tau), delta: .enclosure(row.delta),
                        forgetMargin: .enclosure(margin)))
      }
    }
    self.rows = rows
    self.title = title
  }

  /// Whether a row's forget margin is at or below the one-step margin: true, false, or nil when undecided.
  func pastOneStep(_ row: Row) -> Bool? {
    let (lo, hi) = row.forgetMargin.bounds, (oneLo, oneHi) = oneStepMargin.bounds
    if hi <= oneLo { return true }
    if lo > oneHi { return false }
    return nil
  }

  /// The first step at which the forget margin is at or below the one-step margin, for a learning rate, when decided.
  public func overshoot(_ eta: Rational) -> Int? {
    rows.first { $0.learningRate == eta && pastOneStep($0) == true }?.step
  }

  public var csv: String {
    var lines = ["learning_rate,step,epsilon_lo,epsilon_hi,epsilon_approx,epsilon_opt_lo,epsilon_opt_hi,epsilon_opt_approx,"
                 + "tau_lo,tau_hi,tau_approx,delta_lo,delta_hi,delta_approx,forget_margin_lo,forget_margin_hi,forget_margin_approx,past_one_step"]
    for row in rows {
      var cells = [row.learningRate.description, "\(row.step)"]
      for v in [row.epsilon, row.epsilonOptimal, row.tau, row.delta, row.forgetMargin] {
        let (lo, hi) = v.bounds
        cells += [lo.description, hi.description, "\(v.approximation)"]
      }
      cells.append(pastOneStep(row).map { $0 ? "true" : "false" } ?? "")
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

  /// The forget margin against t, with the margin after the one properly scaled step.
  public var forgetMarginSVG: String {
    var plot = plot("q_r", yLabel: "largest forget margin max_r y_r N(x_r; θ_t)", \.forgetMargin)
    plot.reference = (oneStepMargin.approximation, "after one step with β = β*")
    return plot.render()
  }
}
