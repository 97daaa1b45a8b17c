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
    /// The centre of each point (a median over seeds, say); the band's midpoint when nil.
    public var centers: [Double]?
    /// The marker drawn at each point: "circle", "square", "cross", or none.
    public var marker: String?
    /// Whether to draw the line through the points (markers only when false).
    public var line = true

    public init(name: String, points: [(x: Double, lo: Double, hi: Double)], color: String, dash: String? = nil,
                centers: [Double]? = nil, marker: String? = "circle", line: Bool = true) {
      self.name = name
      self.points = points
      self.color = color
      self.dash = dash
      self.centers = centers
      self.marker = marker
      self.line = line
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var series: [Series]
  /// x ranges to shade (e.g. where every instance is VACUOUS), with a label.
  public var shaded: [(from: Double, to: Double)] = []
  public var shadedLabel = "VACUOUS"
  /// A line under the title saying how to read the plot (what the lines and bands are).
  public var caption: String?
  /// x ticks at given positions with given labels (a log axis labelled with
  /// the values themselves); round ticks of the x range when nil.
  public var xTicks: [(position: Double, label: String)]?
  /// A horizontal reference line (e.g. ratio 1), with its label.
  public var reference: (y: Double, label: String)?
  public var width = 800.0
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
    // Whole numbers up to a billion print as they are (20000, not 2.0e4).
    if magnitude >= 1e4 && magnitude < 1e9 && v.rounded() == v { return String(Int(v)) }
    if magnitude >= 1e-3 && magnitude < 1e4 {
      var s = "\(((v * 1e6).rounded()) / 1e6)"
      if s.hasSuffix(".0") { s.removeLast(2) }
      return s
    }
    var exponent = 0
    var m = magnitude
    while m >= 10 { m /= 10; exponent += 1 }
    while m < 1 { m *= 10; exponent -= 1 }
    var mantissa = "\(((v < 0 ? -m : m) * 100).rounded() / 100)"
    if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
    return "\(mantissa)e\(exponent)"
  }

  /// One point marker, centred at (x, y).
  static func marker(_ kind: String?, at x: Double, _ y: Double, color: String) -> String {
    func f(_ v: Double) -> String { "\((v * 100).rounded() / 100)" }
    switch kind {
    case "circle": return ##"<circle cx="\##(f(x))" cy="\##(f(y))" r="3.5" fill="white" stroke="\##(color)" stroke-width="1.5"/>"##
    case "square": return ##"<rect x="\##(f(x - 3.5))" y="\##(f(y - 3.5))" width="7" height="7" fill="\##(color)"/>"##
    case "cross":
      return ##"<path d="M\##(f(x - 4)) \##(f(y - 4)) L\##(f(x + 4)) \##(f(y + 4)) M\##(f(x - 4)) \##(f(y + 4)) L\##(f(x + 4)) \##(f(y - 4))" stroke="\##(color)" stroke-width="2"/>"##
    default: return ""
    }
  }

  /// At most `limit` characters, with an ellipsis when cut.
  static func shortened(_ s: String, _ limit: Int) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }

  /// Words of `s` on lines of at most `limit` characters (a longer word alone on its line).
  static func wrapped(_ s: String, _ limit: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in s.split(separator: " ", omittingEmptySubsequences: true) {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= limit {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
  }

  static func xml(_ s: String) -> String {
    s.replacingOccurrences("&", "&amp;").replacingOccurrences("<", "&lt;").replacingOccurrences(">", "&gt;")
  }

  /// The data ranges of both axes, padded so that every point, band and reference shows.
  func ranges() -> (xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
    let xs = series.flatMap { $0.points.map(\.x) } + shaded.flatMap { [$0.from, $0.to] }
    let ys = series.flatMap { $0.points.flatMap { [$0.lo, $0.hi] } }.filter(\.isFinite)
    // One x value: a unit-wide range around it, so the point and its labels show.
    var xMin = xs.min() ?? 0, xMax = xs.max() ?? 1
    if xMax - xMin < 1e-12 * max(1, abs(xMin)) {
      let half = max(0.5, abs(xMin) * 0.1)
      xMin -= half
      xMax += half
    }
    // y: from 0 when the data start near it, else from just below the data (a cosine near 1 is not
    // flattened); all-zero data get [0, 1] rather than ticks like 1e-300.
    let dataMin = ys.min() ?? 0, dataMax = ys.max() ?? 1
    var yMin = dataMin >= 0 && dataMin <= 0.5 * dataMax ? 0 : dataMin
    var yMaxRaw = dataMax
    if let reference { yMin = min(yMin, reference.y); yMaxRaw = max(yMaxRaw, reference.y) }
    if yMaxRaw - yMin <= 1e-250 * max(1, abs(yMaxRaw)) {
      if yMaxRaw == 0 { yMaxRaw = 1 } else { yMin -= abs(yMin) * 0.05 + 1e-300; yMaxRaw += abs(yMaxRaw) * 0.05 + 1e-300 }
    }
    let padding = (yMaxRaw - yMin) * 0.05
    if yMin != 0 { yMin -= padding }
    return (xMin, xMax, yMin, yMaxRaw + padding)
  }

  /// The SVG document.
  public func render() -> String {
    // A caption wraps under the title (about 6 px per character at 11 px); the plot moves down with it.
    let captionLines = caption.map { Self.wrapped($0, Int((width - 40) / 6)) } ?? []
    let left = 80.0, right = 250.0, top = 44.0 + 13 * Double(max(0, captionLines.count - 1)), bottom = 60.0
    let plotW = width - left - right, plotH = height - top - bottom
    let (xMin, xMax, yMin, yMax) = ranges()
    func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotW }
    func py(_ y: Double) -> Double { top + plotH - (y - yMin) / (yMax - yMin) * plotH }
    func f(_ v: Double) -> String { "\((v * 100).rounded() / 100)" }
    var out: [String] = []
    out.append(##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(f(width))" height="\##(f(height))" viewBox="0 0 \##(f(width)) \##(f(height))" font-family="sans-serif" font-size="12">"##)
    out.append(##"<rect width="100%" height="100%" fill="white"/>"##)
    let titleSize = title.count <= 64 ? 15 : 12
    out.append(##"<text x="\##(f(width / 2))" y="\##(caption == nil ? "22" : "18")" text-anchor="middle" font-size="\##(titleSize)">\##(Self.xml(title))</text>"##)
    for (k, line) in captionLines.enumerated() {
      out.append(##"<text x="\##(f(width / 2))" y="\##(f(34 + 13 * Double(k)))" text-anchor="middle" font-size="11" fill="#555">\##(Self.xml(line))</text>"##)
    }
    for t in Self.ticks(yMin, yMax) {
      out.append(##"<line x1="\##(f(left))" y1="\##(f(py(t)))" x2="\##(f(left + plotW))" y2="\##(f(py(t)))" stroke="#e5e5e5"/>"##)
      out.append(##"<text x="\##(f(left - 6))" y="\##(f(py(t) + 4))" text-anchor="end">\##(Self.label(t))</text>"##)
    }
    // Whole-number x data (seeds, n, d) get whole-number ticks.
    let dataXs = series.flatMap { $0.points.map(\.x) }
    var xTicks = Self.ticks(xMin, xMax)
    if !dataXs.isEmpty, dataXs.allSatisfy({ $0.rounded() == $0 }), xTicks.contains(where: { $0.rounded() != $0 }) {
      let whole = Array(Int(xMin.rounded(.up))...Int(xMax.rounded(.down))).map(Double.init)
      xTicks = whole.count <= 12 ? whole : xTicks.filter { $0.rounded() == $0 }
    }
    for (t, label) in self.xTicks ?? xTicks.map({ ($0, Self.label($0)) }) {
      out.append(##"<line x1="\##(f(px(t)))" y1="\##(f(top))" x2="\##(f(px(t)))" y2="\##(f(top + plotH))" stroke="#f0f0f0"/>"##)
      out.append(##"<text x="\##(f(px(t)))" y="\##(f(top + plotH + 18))" text-anchor="middle">\##(Self.xml(label))</text>"##)
    }
    for region in shaded {
      let x0 = px(region.from), x1 = px(region.to)
      let pad = region.from == region.to ? 6.0 : 0
      out.append(##"<rect x="\##(f(min(x0, x1) - pad))" y="\##(f(top))" width="\##(f(abs(x1 - x0) + 2 * pad))" height="\##(f(plotH))" fill="#999999" fill-opacity="0.2"/>"##)
      // At the foot of the region: the reference line's label sits at the top.
      out.append(##"<text x="\##(f((x0 + x1) / 2))" y="\##(f(top + plotH - 8))" text-anchor="middle" fill="#555">\##(Self.xml(shadedLabel))</text>"##)
    }
    if let reference {
      out.append(##"<line x1="\##(f(left))" y1="\##(f(py(reference.y)))" x2="\##(f(left + plotW))" y2="\##(f(py(reference.y)))" stroke="#333" stroke-dasharray="3 3"/>"##)
      out.append(##"<text x="\##(f(left + 6))" y="\##(f(py(reference.y) - 4))" text-anchor="start" fill="#333">\##(Self.xml(reference.label))</text>"##)
    }
    out.append(##"<rect x="\##(f(left))" y="\##(f(top))" width="\##(f(plotW))" height="\##(f(plotH))" fill="none" stroke="#333"/>"##)
    out.append(##"<text x="\##(f(left + plotW / 2))" y="\##(f(height - 16))" text-anchor="middle">\##(Self.xml(xLabel))</text>"##)
    // A long y label gets a smaller font before it is cut (about 6.5 px per character at 12 px).
    let ySize = Double(yLabel.count) * 6.5 <= plotH ? 12.0 : max(9, plotH / Double(yLabel.count) / 0.54)
    out.append(##"<text transform="translate(18 \##(f(top + plotH / 2))) rotate(-90)" text-anchor="middle" font-size="\##(f(ySize))">\##(Self.xml(Self.shortened(yLabel, Int(plotH / (0.54 * ySize)))))</text>"##)
    // The legend: each name wrapped on lines of about 32 characters, entries one under another.
    var legendY = top + 14
    for s in series {
      out += Self.draw(s, legendX: left + plotW, legendY: legendY, px: px, py: py)
      legendY += 20 + 14 * Double(Self.wrapped(s.name, 32).count - 1)
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  /// One series: its band of enclosures, its center line and markers, and its legend entry.
  static func draw(_ s: Series, legendX right: Double, legendY ly: Double, px: (Double) -> Double, py: (Double) -> Double) -> [String] {
    func f(_ v: Double) -> String { "\((v * 100).rounded() / 100)" }
    var out: [String] = []
    let finite = s.points.filter { $0.lo.isFinite && $0.hi.isFinite }
    guard !finite.isEmpty else { return [] }
    let upper = finite.map { "\(f(px($0.x))),\(f(py($0.hi)))" }
    let lower = finite.reversed().map { "\(f(px($0.x))),\(f(py($0.lo)))" }
    // Light fill with a faint edge, so that overlapping bands of two series both stay readable.
    out.append(##"<polygon points="\##((upper + lower).joined(separator: " "))" fill="\##(s.color)" fill-opacity="0.15" stroke="\##(s.color)" stroke-opacity="0.45" stroke-width="0.75"/>"##)
    let centers = s.points.indices.filter { s.points[$0].lo.isFinite && s.points[$0].hi.isFinite }.map { i in
      (x: s.points[i].x, y: s.centers?[i] ?? (s.points[i].lo + s.points[i].hi) / 2)
    }
    let dash = s.dash.map { ##" stroke-dasharray="\##($0)""## } ?? ""
    if s.line {
      let line = centers.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
      out.append(##"<polyline points="\##(line)" fill="none" stroke="\##(s.color)" stroke-width="2"\##(dash)/>"##)
    }
    for point in centers { out.append(marker(s.marker, at: px(point.x), py(point.y), color: s.color)) }
    if s.line {
      out.append(##"<line x1="\##(f(right + 12))" y1="\##(f(ly - 4))" x2="\##(f(right + 36))" y2="\##(f(ly - 4))" stroke="\##(s.color)" stroke-width="2"\##(dash)/>"##)
    }
    out.append(marker(s.marker, at: right + 24, ly - 4, color: s.color))
    for (k, line) in wrapped(s.name, 32).enumerated() {
      out.append(##"<text x="\##(f(right + 42))" y="\##(f(ly + 14 * Double(k)))">\##(xml(line))</text>"##)
    }
    return out
  }
}

private extension String {
  func replacingOccurrences(_ a: String, _ b: String) -> String {
    split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
  }
}
