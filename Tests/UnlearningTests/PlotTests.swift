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
}
