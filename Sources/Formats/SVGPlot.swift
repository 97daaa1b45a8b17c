//===--- SVGPlot.swift ----------------------------------------------------===//
// A small self-contained SVG line plot with enclosure bands (no external tools).
//===----------------------------------------------------------------------===//

/// A line plot: each series is drawn through the midpoints of its
/// enclosures, with the enclosure band [lo, hi] shaded behind it.
public struct SVGPlot: Sendable {
  public struct Series: Sendable {
    public var name: String
    /// x, and the enclosure [lo, hi] of y (display values: rounded to nearest).
    public var points: [(x: Double, lo: Double, hi: Double)]
    public var color: String
    /// An SVG dash pattern, e.g. "6 4"; nil for solid.
    public var dash: String?

    public init(name: String, points: [(x: Double, lo: Double, hi: Double)], color: String, dash: String? = nil) {
      self.name = name
      self.points = points
      self.color = color
      self.dash = dash
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var series: [Series]
  /// x ranges to shade (e.g. where every instance is VACUOUS), with a label.
  public var shaded: [(from: Double, to: Double)] = []
  public var shadedLabel = "VACUOUS"
  public var width = 720.0
  public var height = 440.0

  public init(title: String, xLabel: String, yLabel: String, series: [Series]) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
  }

  /// About five round tick values covering [lo, hi].
  static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
    let span = max(hi - lo, 1e-300)
    // The smallest step in {1, 2, 5}·10^k giving at most six intervals.
    var magnitude = 1.0
    while magnitude * 10 <= span { magnitude *= 10 }
    while magnitude > span { magnitude /= 10 }
    var step = magnitude * 10
    for candidate in [magnitude / 10, magnitude / 5, magnitude / 2, magnitude, magnitude * 2, magnitude * 5] where span / candidate <= 6 {
      step = candidate
      break
    }
    let first = (lo / step).rounded(.up)
    return (0...Int((hi / step).rounded(.down) - first)).map { k in
      let t = (first + Double(k)) * step
      return abs(t) < step * 1e-9 ? 0 : t
    }
  }

  static func label(_ v: Double) -> String {
    if v == 0 { return "0" }
    let magnitude = abs(v)
    if magnitude >= 1e-3 && magnitude < 1e4 {
      var s = "\(((v * 1e6).rounded()) / 1e6)"
      if s.hasSuffix(".0") { s.removeLast(2) }
      return s
    }
    var exponent = 0
    var m = magnitude
    while m >= 10 { m /= 10; exponent += 1 }
    while m < 1 { m *= 10; exponent -= 1 }
    let mantissa = ((v < 0 ? -m : m) * 100).rounded() / 100
    return "\(mantissa)e\(exponent)"
  }

  static func xml(_ s: String) -> String {
    s.replacingOccurrences("&", "&amp;").replacingOccurrences("<", "&lt;").replacingOccurrences(">", "&gt;")
  }

  /// The SVG document.
  public func render() -> String {
    let left = 80.0, right = 180.0, top = 40.0, bottom = 60.0
    let plotW = width - left - right, plotH = height - top - bottom
    let xs = series.flatMap { $0.points.map(\.x) } + shaded.flatMap { [$0.from, $0.to] }
    let ys = series.flatMap { $0.points.flatMap { [$0.lo, $0.hi] } }.filter(\.isFinite)
    let xMin = xs.min() ?? 0, xMax = max(xs.max() ?? 1, (xs.min() ?? 0) + 1e-12)
    let yMin = min(0, ys.min() ?? 0), yMaxRaw = max(ys.max() ?? 1, yMin + 1e-300)
    let yMax = yMaxRaw + (yMaxRaw - yMin) * 0.05
    func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotW }
    func py(_ y: Double) -> Double { top + plotH - (y - yMin) / (yMax - yMin) * plotH }
    func f(_ v: Double) -> String { "\((v * 100).rounded() / 100)" }
    var out: [String] = []
    out.append(##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(f(width))" height="\##(f(height))" viewBox="0 0 \##(f(width)) \##(f(height))" font-family="sans-serif" font-size="12">"##)
    out.append(##"<rect width="100%" height="100%" fill="white"/>"##)
    out.append(##"<text x="\##(f(left + plotW / 2))" y="22" text-anchor="middle" font-size="15">\##(Self.xml(title))</text>"##)
    for t in Self.ticks(yMin, yMax) {
      out.append(##"<line x1="\##(f(left))" y1="\##(f(py(t)))" x2="\##(f(left + plotW))" y2="\##(f(py(t)))" stroke="#e5e5e5"/>"##)
      out.append(##"<text x="\##(f(left - 6))" y="\##(f(py(t) + 4))" text-anchor="end">\##(Self.label(t))</text>"##)
    }
    for t in Self.ticks(xMin, xMax) {
      out.append(##"<line x1="\##(f(px(t)))" y1="\##(f(top))" x2="\##(f(px(t)))" y2="\##(f(top + plotH))" stroke="#f0f0f0"/>"##)
      out.append(##"<text x="\##(f(px(t)))" y="\##(f(top + plotH + 18))" text-anchor="middle">\##(Self.label(t))</text>"##)
    }
    for region in shaded {
      let x0 = px(region.from), x1 = px(region.to)
      let pad = region.from == region.to ? 6.0 : 0
      out.append(##"<rect x="\##(f(min(x0, x1) - pad))" y="\##(f(top))" width="\##(f(abs(x1 - x0) + 2 * pad))" height="\##(f(plotH))" fill="#999999" fill-opacity="0.2"/>"##)
      out.append(##"<text x="\##(f((x0 + x1) / 2))" y="\##(f(top + 14))" text-anchor="middle" fill="#555">\##(Self.xml(shadedLabel))</text>"##)
    }
    out.append(##"<rect x="\##(f(left))" y="\##(f(top))" width="\##(f(plotW))" height="\##(f(plotH))" fill="none" stroke="#333"/>"##)
    out.append(##"<text x="\##(f(left + plotW / 2))" y="\##(f(height - 16))" text-anchor="middle">\##(Self.xml(xLabel))</text>"##)
    out.append(##"<text transform="translate(18 \##(f(top + plotH / 2))) rotate(-90)" text-anchor="middle">\##(Self.xml(yLabel))</text>"##)
    for (k, s) in series.enumerated() {
      let finite = s.points.filter { $0.lo.isFinite && $0.hi.isFinite }
      guard !finite.isEmpty else { continue }
      let upper = finite.map { "\(f(px($0.x))),\(f(py($0.hi)))" }
      let lower = finite.reversed().map { "\(f(px($0.x))),\(f(py($0.lo)))" }
      out.append(##"<polygon points="\##((upper + lower).joined(separator: " "))" fill="\##(s.color)" fill-opacity="0.25" stroke="none"/>"##)
      let line = finite.map { "\(f(px($0.x))),\(f(py(($0.lo + $0.hi) / 2)))" }.joined(separator: " ")
      let dash = s.dash.map { ##" stroke-dasharray="\##($0)""## } ?? ""
      out.append(##"<polyline points="\##(line)" fill="none" stroke="\##(s.color)" stroke-width="2"\##(dash)/>"##)
      let ly = top + 14 + Double(k) * 20
      out.append(##"<line x1="\##(f(left + plotW + 12))" y1="\##(f(ly - 4))" x2="\##(f(left + plotW + 36))" y2="\##(f(ly - 4))" stroke="\##(s.color)" stroke-width="2"\##(dash)/>"##)
      out.append(##"<text x="\##(f(left + plotW + 42))" y="\##(f(ly))">\##(Self.xml(s.name))</text>"##)
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }
}

private extension String {
  func replacingOccurrences(_ a: String, _ b: String) -> String {
    split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
  }
}
