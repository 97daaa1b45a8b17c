//===--- StepSizeFigure.swift ---------------------------------------------===//
// The paper's one known figure: ε of the unlearned model against the step
// size as a fraction c of β*, with the derived prediction
// (theorems/DERIVATIONS.md, two-layer.epsilon-versus-step-size).
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

/// ε(c) for c on a grid, with the prediction derived in theorems/DERIVATIONS.md
/// (two-layer.epsilon-versus-step-size):
/// ε(c) = |1 − c| λ_r ‖x_r‖ (Σ_j a_j² φ'(⟨w_j, x_r⟩)²)^½ (the linear case has Σ = 1).
///
/// That is for an exact KKT start. From a start with residual ε₀ (a trained
/// start, a user's weights: its own multipliers λ), the inherited residual
/// after a sign-stable step is r₀ + (1 − c) λ_r y_r ∇N(x_r; θ), so by the
/// triangle inequality the prediction is the band
/// A ± ε₀, A = |1 − c| λ_r ‖x_r‖ (Σ a_j² φ'²)^½, clipped at 0; at c = 1 it
/// holds ε(1) = ε₀, not 0.
public struct StepSizeFigure: Sendable {
  public struct Row: Sendable {
    public var c: Rational
    /// ε with the inherited multipliers.
    public var epsilon: Value
    /// ε re-optimized over λ ≥ 0 (exact NNLS), what the paper likely plots.
    public var epsilonOptimal: Value
    /// The prediction band [max(0, A − ε₀), A + ε₀] (the line A when ε₀ = 0).
    public var prediction: Value
    /// A = |1 − c| λ_r ‖x_r‖ (Σ a_j² φ'²)^½, the exact KKT start's prediction.
    public var line: Value
    /// Whether no activation flipped (two-layer), when known.
    public var signStable: Bool?
  }

  public var rows: [Row]
  public var title: String
  /// ε₀ of the start with its own multipliers (0 at the exact KKT point).
  public var startResidual: Value

  /// Computes the figure from an analysed instance's measured step: the
  /// start (margin problems, data products) is reused for every c, and only
  /// ε and ε_opt are measured at each.
  public init(from: Rational, to: Rational, points: Int, precision: Int = Interval.defaultPrecision, title: String,
              step base: MeasuredStep) throws {
    precondition(points >= 2, "StepSizeFigure: at least two points")
    guard base.start.forgetsOnePoint else {
      throw UnlearningError.badParameter("the step-size figure's prediction is for one forgotten point")
    }
    let start = base.start, r = start.forget
    // The prediction's constants: λ_r, ‖x_r‖² and Σ_j a_j² φ'(⟨w_j, x_r⟩)² = ω Σ_k g_k² (1 for the linear model).
    let g = start.model.gradientCoefficients(preactivations: start.preactivations.map { $0[r] })
    let gain2 = start.model.blockWeight * g.reduce(Rational()) { $0 + $1 * $1 }
    let root = try Value.squareRoot(.exact(start.gram[r, r] * gain2), precision: precision)
    let residual2 = KKTResiduals(model: start.model, theta: start.theta, instance: start.instance, gram: start.gram,
                                 indices: Array(0..<start.instance.count), multipliers: start.multipliers).residual2
    startResidual = try Value.squareRoot(.exact(residual2), precision: precision)
    var rows: [Row] = []
    for k in 0..<points {
      let c = from + (to - from) * Rational(k) / Rational(points - 1)
      let measured = try MeasuredStep(start: start, step: .scaled(c), loss: base.loss)
      let (epsilon, optimal, stable) = try measured.stationarity(precision: precision)
      let line = Value.multiply(.exact((Rational(1) - c).magnitude * start.lambdaR), root, precision: precision)
      let prediction = residual2.isZero ? line : try Self.band(line, startResidual, precision: precision)
      rows.append(Row(c: c, epsilon: epsilon, epsilonOptimal: optimal, prediction: prediction, line: line, signStable: stable))
    }
    self.rows = rows
    self.title = title
  }

  /// [max(0, A − ε₀), A + ε₀], each end rounded outward.
  static func band(_ a: Value, _ e0: Value, precision p: Int) throws -> Value {
    let low = Value.maximum(.exact(Rational()), Value.subtract(a, e0, precision: p), precision: p).interval(precision: p)
    let high = Value.add(a, e0, precision: p).interval(precision: p)
    return .enclosure(try Interval(lo: low.lo, hi: high.hi, precision: p))
  }

  /// CSV with exact rational endpoints and decimal approximations.
  public var csv: String {
    var lines = ["c,epsilon_lo,epsilon_hi,epsilon_approx,epsilon_opt_lo,epsilon_opt_hi,epsilon_opt_approx,prediction_lo,prediction_hi,prediction_approx,sign_stable"]
    for row in rows {
      var cells = [row.c.description]
      for v in [row.epsilon, row.epsilonOptimal, row.prediction] {
        let (lo, hi) = v.bounds
        cells += [lo.description, hi.description, "\(v.approximation)"]
      }
      cells.append(row.signStable.map { $0 ? "true" : "false" } ?? "")
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  var exactStart: Bool { startResidual.exactValue?.isZero == true }

  /// The SVG plot: ε and ε_opt with their enclosure bands, and the prediction.
  public var svg: String {
    func series(_ name: String, _ value: (Row) -> Value, _ color: String, _ dash: String?, _ marker: String, _ line: Bool) -> SVGPlot.Series {
      SVGPlot.Series(name: name, points: rows.map { row in
        let (lo, hi) = value(row).bounds
        return (Double(row.c), Double(lo), Double(hi))
      }, color: color, dash: dash, marker: marker, line: line)
    }
    var plot = SVGPlot(title: title, xLabel: "step size as a fraction c of β*", yLabel: "KKT stationarity ε on the retain set", series: [
      series("ε, inherited λ", \.epsilon, "#1f77b4", nil, "circle", true),
      series("ε, re-fitted λ (NNLS)", \.epsilonOptimal, "#ff7f0e", "7 4", "square", true),
      series("prediction |1 − c| λ_r ‖x_r‖ (Σ a_j² φ'²)^½" + (exactStart ? "" : " ± ε₀"), \.prediction, "#555555", nil, "cross", false),
    ])
    // The crosses mark A itself; from an inexact start the band around them is A ± ε₀.
    plot.series[2].centers = rows.map { $0.line.approximation }
    plot.caption = exactStart
      ? "where the curves coincide the markers overlap: re-fitting the multipliers changes nothing there, and the prediction is exact"
      : "the start is not an exact KKT point (ε₀ = \(String(format: "%.4g", startResidual.approximation)) with its own multipliers): "
        + "the prediction is the band A ± ε₀, and at c = 1 ε equals ε₀ while the activations hold"
    return plot.render()
  }
}
