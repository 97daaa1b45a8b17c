//===--- SweepPlot.swift --------------------------------------------------===//
// Measured quantity and claimed bound against a varied parameter.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation
import Unlearning

extension SVGPlot {
  /// The two sides of a claim's statement, for axis labels and legends.
  static func sides(of claim: Claim) -> (measured: String, bound: String, holdsBelow: Bool) {
    guard case .relation(let relation) = claim.statement else { return ("measured", "bound", true) }
    func short(_ text: String) -> String { text.count <= 64 ? text : String(text.prefix(63)) + "…" }
    let below = relation.op == .lessOrEqual || relation.op == .less || relation.op == .equal
    return (short(relation.lhs.description), short(relation.rhs.description), below)
  }

  /// The median of values (the mean of the middle two for an even count).
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }

  /// One claim of a sweep: the measured side and the bound of its statement,
  /// against `parameter` (the median over the other parameters and seeds at
  /// each value, with the [min, max] band and a marker per value), on a
  /// log₁₀ scale when the values span more than two decades. Values where
  /// every instance is VACUOUS are shaded.
  public static func sweep(_ records: [SweepRecord], claim: Claim, parameter: String) -> SVGPlot {
    let mine = records.filter { $0.claim == claim.id }
    let xs = Array(Set(mine.compactMap { $0.parameters[parameter].flatMap { try? Rational(parsing: $0) } })).sorted()
    let positive = mine.flatMap { [$0.measured, $0.bound] }.compactMap { $0?.approximation }.filter { $0 > 0 }
    let logScale = (positive.max() ?? 1) / max(positive.min() ?? 1, 1e-300) > 100 && positive.count == mine.flatMap { [$0.measured, $0.bound] }.compactMap { $0 }.count
    func transform(_ v: Double) -> Double { logScale ? Foundation.log10(v) : v }
    let logX = Self.logX(xs)
    func tx(_ x: Rational) -> Double { logX ? Foundation.log10(Double(x)) : Double(x) }
    func series(_ name: String, _ pick: (SweepRecord) -> Value?, _ color: String, _ dash: String?, _ marker: String) -> SVGPlot.Series {
      var centers: [Double] = []
      let points = xs.compactMap { x -> (x: Double, lo: Double, hi: Double)? in
        let values = mine.filter { $0.parameters[parameter].flatMap { try? Rational(parsing: $0) } == x && $0.verdict != .vacuous }
          .compactMap(pick).map { transform($0.approximation) }.filter(\.isFinite)
        guard !values.isEmpty else { return nil }
        centers.append(Self.median(values))
        return (tx(x), values.min()!, values.max()!)
      }
      return SVGPlot.Series(name: name, points: points, color: color, dash: dash, centers: centers, marker: marker)
    }
    let (measured, bound, _) = sides(of: claim)
    let axis = logScale ? "log₁₀ of \(measured) and of \(bound)" : "\(measured) and \(bound)"
    var plot = SVGPlot(title: claim.id, xLabel: logX ? "\(parameter) (log scale)" : parameter, yLabel: axis, series: [
      series("measured: \(measured)", \.measured, "#1f77b4", nil, "circle"),
      series("bound: \(bound)", \.bound, "#d62728", "7 4", "square"),
    ])
    plot.caption = "lines: median over seeds; bands: min–max over seeds; each instance against its own bound: \(claim.id)-ratio.svg"
    plot.shaded = vacuousRuns(mine, xs: xs, parameter: parameter, tx: tx)
    if logX { plot.xTicks = Self.valueTicks(xs, tx: tx) }
    return plot
  }

  /// measured / bound per instance against `parameter` (median and min–max
  /// band over seeds), with the line at 1: where each instance stands
  /// relative to its own bound, which the bands of the two sides cannot show.
  public static func sweepRatio(_ records: [SweepRecord], claim: Claim, parameter: String) -> SVGPlot {
    let mine = records.filter { $0.claim == claim.id }
    let xs = Array(Set(mine.compactMap { $0.parameters[parameter].flatMap { try? Rational(parsing: $0) } })).sorted()
    let logX = Self.logX(xs)
    func tx(_ x: Rational) -> Double { logX ? Foundation.log10(Double(x)) : Double(x) }
    var centers: [Double] = []
    let points = xs.compactMap { x -> (x: Double, lo: Double, hi: Double)? in
      let ratios = mine.filter { $0.parameters[parameter].flatMap { try? Rational(parsing: $0) } == x && $0.verdict != .vacuous }
        .compactMap { r -> Double? in
          guard let m = r.measured?.approximation, let b = r.bound?.approximation, b != 0 else { return nil }
          return m / b
        }.filter(\.isFinite)
      guard !ratios.isEmpty else { return nil }
      centers.append(Self.median(ratios))
      return (tx(x), ratios.min()!, ratios.max()!)
    }
    let (measured, bound, below) = sides(of: claim)
    var plot = SVGPlot(title: "\(claim.id): \(measured) / (\(bound))", xLabel: logX ? "\(parameter) (log scale)" : parameter,
                       yLabel: "measured / bound per instance", series: [
                         SVGPlot.Series(name: "ratio", points: points, color: "#2c7f3f", centers: centers, marker: "circle"),
                       ])
    plot.caption = "each instance against its own bound: the claim holds \(below ? "at or below" : "at or above") 1; line: median, band: min–max over seeds"
    plot.reference = (1, below ? "bound (holds below)" : "bound (holds above)")
    plot.shaded = vacuousRuns(mine, xs: xs, parameter: parameter, tx: tx)
    if logX { plot.xTicks = Self.valueTicks(xs, tx: tx) }
    return plot
  }

  /// A log x axis for positive values spanning a factor 20, or a geometric
  /// grid (each value at least 1.5 times the last, as on a doubling grid)
  /// spanning a factor 4: on a linear axis its first points crowd together.
  static func logX(_ xs: [Rational]) -> Bool {
    let values = xs.map { Double($0) }
    guard let low = values.min(), let high = values.max(), low > 0 else { return false }
    let geometric = values.count >= 3 && zip(values, values.dropFirst()).allSatisfy { $1 >= 1.5 * $0 }
    return high / low > 20 || (geometric && high / low >= 4)
  }

  /// The grid values themselves as tick labels on a log axis (every one up
  /// to 12 values, else about 8 of them).
  static func valueTicks(_ xs: [Rational], tx: (Rational) -> Double) -> [(position: Double, label: String)] {
    let stride = max(1, (xs.count + 7) / 8)
    return xs.enumerated().filter { $0.offset % stride == 0 || $0.offset == xs.count - 1 }.map { (tx($0.element), $0.element.brief) }
  }

  /// The x ranges where every instance is VACUOUS: each such grid value
  /// covers the half-way points to its neighbours (so a run's last value is
  /// inside the shading, not at its edge), and neighbouring values merge.
  static func vacuousRuns(_ mine: [SweepRecord], xs: [Rational], parameter: String, tx: (Rational) -> Double) -> [(from: Double, to: Double)] {
    let positions = xs.map(tx)
    var runs: [(from: Double, to: Double)] = []
    for (k, x) in xs.enumerated() {
      let at = mine.filter { $0.parameters[parameter].flatMap { try? Rational(parsing: $0) } == x }
      guard !at.isEmpty, at.allSatisfy({ $0.verdict == .vacuous }) else { continue }
      let from = k > 0 ? (positions[k - 1] + positions[k]) / 2 : positions[k]
      let to = k + 1 < positions.count ? (positions[k] + positions[k + 1]) / 2 : positions[k]
      if let last = runs.last, last.to >= from { runs[runs.count - 1].to = to } else { runs.append((from, to)) }
    }
    return runs
  }
}
