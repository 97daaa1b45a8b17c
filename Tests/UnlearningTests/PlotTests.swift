import Testing
@testable import Formats

/// The plots as a reader sees them: markers, captions, readable ticks, and
/// no degenerate axes.
@Suite struct PlotTests {
  static func plot(_ points: [(x: Double, lo: Double, hi: Double)], reference: (Double, String)? = nil) -> String {
    var plot = SVGPlot(title: "t", xLabel: "d", yLabel: "tau and its bound", series: [
      SVGPlot.Series(name: "measured: tau", points: points, color: "#000", centers: points.map(\.lo), marker: "circle"),
    ])
    plot.caption = "lines: median over seeds"
    if let reference { plot.reference = (y: reference.0, label: reference.1) }
    return plot.render()
  }

  @Test func markersCaptionAndReferenceLine() {
    let svg = Self.plot([(1000, 0.1, 0.2), (2000, 0.15, 0.3)], reference: (1, "bound"))
    #expect(svg.components(separatedBy: "<circle").count - 1 == 3, "a marker per point and one in the legend")
    #expect(svg.contains("lines: median over seeds") && svg.contains(">bound<") && svg.contains("stroke-dasharray=\"3 3\""))
  }

  @Test func ticksAreReadable() {
    #expect(SVGPlot.label(20000) == "20000" && SVGPlot.label(25000) == "25000" && SVGPlot.label(2.5e12) == "2.5e12")
    // Whole-number x data (seeds) get whole-number ticks.
    let seeds = Self.plot([(1, 0.1, 0.1), (2, 0.2, 0.2), (3, 0.3, 0.3)])
    #expect(!seeds.contains(">1.5<") && seeds.contains(">2<"))
  }

  @Test func degenerateDataStillDraw() {
    // All zero: no ticks like 1e-300.
    let zeros = Self.plot([(1, 0, 0), (2, 0, 0)])
    #expect(!zeros.contains("e-3") && zeros.contains(">1<"))
    // One x value: the point is inside the plot, with its marker.
    let single = Self.plot([(2000, 0.5, 0.6)])
    #expect(single.contains("<circle") && !single.contains("nan"))
    // Data near 1 (a cosine) are not flattened against an axis from 0.
    let cosine = Self.plot([(1, 0.98, 0.99), (2, 0.99, 1)])
    #expect(!cosine.contains(">0<"))
  }

  /// Long legend names and captions wrap onto more lines; nothing is cut with an ellipsis.
  @Test func longLegendsAndCaptionsWrap() {
    let name = "bound: 1 / (n * (p_orthogonality * R_max2 / R_min2 - 1))"
    var plot = SVGPlot(title: "t", xLabel: "d", yLabel: "y", series: [
      SVGPlot.Series(name: name, points: [(1, 0.1, 0.2), (2, 0.2, 0.3)], color: "#000"),
    ])
    plot.caption = String(repeating: "a caption word ", count: 20)
    let svg = plot.render()
    #expect(!svg.contains("…"))
    #expect(svg.contains(">bound: 1 / (n * (p_orthogonality<") && svg.contains("* R_max2 / R_min2 - 1))<"))
    // 300 characters at about 126 a line (800 px at 6 px per character): three lines.
    #expect(svg.components(separatedBy: "font-size=\"11\" fill=\"#555\"").count - 1 == 3, "the caption on three lines")
  }
}

import Exact
@testable import Claims

/// Sweep plots on their grids: a doubling grid gets a log axis labelled with its values, and
/// VACUOUS shading covers every vacuous value, the last one included.
@Suite struct SweepPlotAxisTests {
  @Test func aDoublingGridIsDrawnOnALogAxisWithItsValues() {
    let doubling = [1000, 2000, 4000, 8000].map { Rational($0) }
    #expect(SVGPlot.logX(doubling))
    #expect(!SVGPlot.logX([1, 2, 3, 4].map { Rational($0) }), "an arithmetic grid stays linear")
    let ticks = SVGPlot.valueTicks(doubling) { Double($0) }
    #expect(ticks.map(\.label) == ["1000", "2000", "4000", "8000"])
  }

  @Test func vacuousShadingReachesHalfwayToTheNextValue() {
    let xs = [1, 2, 4, 8].map { Rational($0) }
    func record(_ x: Int, _ verdict: Verdict) -> SweepRecord {
      SweepRecord(instance: "d=\(x)", parameters: ["d": "\(x)"], claim: "c", verdict: verdict, measured: nil, bound: nil, reason: nil, precision: nil, fit: nil)
    }
    let records = [record(1, .vacuous), record(2, .vacuous), record(4, .proved), record(8, .proved)]
    let runs = SVGPlot.vacuousRuns(records, xs: xs, parameter: "d") { Double($0) }
    #expect(runs.count == 1 && runs[0].from == 1 && runs[0].to == 3, "\(runs)")
  }
}
