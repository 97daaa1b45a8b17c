//===--- SweepPlot.swift --------------------------------------------------===//
// Measured quantity and claimed bound against a varied parameter.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation
import Unlearning

extension SVGPlot {
  /// One claim of a sweep: the measured side and the bound of its statement,
  /// against `parameter` (mean over the other parameters and seeds at each
  /// value, with the [min, max] band), on a log₁₀ scale when the values span
  /// more than two decades. Values where every instance is VACUOUS are
  /// listed in the title.
  public static func sweep(_ records: [SweepRecord], claim: Claim, parameter: String) -> SVGPlot {
    let mine = records.filter { $0.claim == claim.id }
    var xs = Array(Set(mine.compactMap { $0.parameters[parameter].flatMap { try? Rational(parsing: $0) } })).sorted()
    if xs.isEmpty { xs = [] }
    let positive = mine.flatMap { [$0.measured, $0.bound] }.compactMap { $0?.approximation }.filter { $0 > 0 }
    let logScale = (positive.max() ?? 1) / max(positive.min() ?? 1, 1e-300) > 100 && positive.count == mine.flatMap { [$0.measured, $0.bound] }.compactMap { $0 }.count
    func transform(_ v: Double) -> Double { logScale ? Foundation.log10(v) : v }
    let xValues = xs.map { Double($0) }
    let logX = (xValues.min() ?? 0) > 0 && (xValues.max() ?? 1) / (xValues.min() ?? 1) > 20
    func tx(_ x: Rational) -> Double { logX ? Foundation.log10(Double(x)) : Double(x) }
    func series(_ name: String, _ pick: (SweepRecord) -> Value?, _ color: String, _ dash: String?) -> SVGPlot.Series {
      let points = xs.compactMap { x -> (x: Double, lo: Double, hi: Double)? in
        let values = mine.filter { $0.parameters[parameter].flatMap { try? Rational(parsing: $0) } == x && $0.verdict != .vacuous }
          .compactMap(pick).map { transform($0.approximation) }.filter(\.isFinite)
        guard !values.isEmpty else { return nil }
        return (tx(x), values.min()!, values.max()!)
      }
      return SVGPlot.Series(name: name, points: points, color: color, dash: dash)
    }
    let vacuous = xs.filter { x in
      let at = mine.filter { $0.parameters[parameter].flatMap { try? Rational(parsing: $0) } == x }
      return !at.isEmpty && at.allSatisfy { $0.verdict == .vacuous }
    }
    let axis = logScale ? "log₁₀ value" : "value"
    var plot = SVGPlot(title: claim.id + " (bands: range over seeds)", xLabel: logX ? "log₁₀ \(parameter)" : parameter, yLabel: axis, series: [
      series("measured (lhs)", \.measured, "#1f77b4", nil),
      series("bound (rhs)", \.bound, "#d62728", "7 4"),
    ])
    // Shade each run of consecutive VACUOUS values.
    var runs: [(Double, Double)] = []
    for x in xs where vacuous.contains(x) {
      let position = tx(x)
      if let last = runs.last, let index = xs.firstIndex(of: x), index > 0, vacuous.contains(xs[index - 1]) {
        runs[runs.count - 1] = (last.0, position)
      } else {
        runs.append((position, position))
      }
    }
    plot.shaded = runs.map { (from: $0.0, to: $0.1) }
    return plot
  }
}
