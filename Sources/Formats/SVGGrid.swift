//===--- SVGGrid.swift ----------------------------------------------------===//
// A labelled grid of coloured cells as a standalone SVG (verdict charts).
//===----------------------------------------------------------------------===//

/// Rows × columns of cells, each a short text on a fill colour, with row and
/// column labels; self-contained (no external fonts or scripts).
public struct SVGGrid: Sendable {
  public var title: String
  public var xLabel: String
  public var columns: [String]
  public var rows: [String]
  /// cells[row][column] = (text, fill).
  public var cells: [[(text: String, fill: String)]]
  /// Legend entries (text, fill).
  public var legend: [(String, String)] = []

  public init(title: String, xLabel: String, columns: [String], rows: [String], cells: [[(text: String, fill: String)]]) {
    self.title = title
    self.xLabel = xLabel
    self.columns = columns
    self.rows = rows
    self.cells = cells
  }

  static func escape(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }

  public func render() -> String {
    let labelWidth = Double(min(60, rows.map(\.count).max() ?? 10)) * 7.0 + 20
    let cellWidth = 74.0, cellHeight = 22.0, top = 60.0
    let width = labelWidth + cellWidth * Double(columns.count) + 20
    let height = top + cellHeight * Double(rows.count) + 70
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\">\n"
    s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    s += "<text x=\"10\" y=\"20\" font-size=\"14\">\(Self.escape(title))</text>\n"
    s += "<text x=\"\(labelWidth + cellWidth * Double(columns.count) / 2)\" y=\"40\" font-size=\"12\" text-anchor=\"middle\">\(Self.escape(xLabel))</text>\n"
    for (c, label) in columns.enumerated() {
      s += "<text x=\"\(labelWidth + cellWidth * (Double(c) + 0.5))\" y=\"\(top - 4)\" font-size=\"11\" text-anchor=\"middle\">\(Self.escape(label))</text>\n"
    }
    for (r, label) in rows.enumerated() {
      let y = top + cellHeight * Double(r)
      s += "<text x=\"\(labelWidth - 6)\" y=\"\(y + cellHeight * 0.7)\" font-size=\"11\" text-anchor=\"end\">\(Self.escape(label))</text>\n"
      for (c, cell) in cells[r].enumerated() {
        let x = labelWidth + cellWidth * Double(c)
        s += "<rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(cellWidth - 2)\" height=\"\(cellHeight - 2)\" fill=\"\(cell.fill)\"/>\n"
        s += "<text x=\"\(x + cellWidth / 2)\" y=\"\(y + cellHeight * 0.7)\" font-size=\"10\" text-anchor=\"middle\">\(Self.escape(cell.text))</text>\n"
      }
    }
    var x = 10.0
    let y = top + cellHeight * Double(rows.count) + 30
    for (text, fill) in legend {
      s += "<rect x=\"\(x)\" y=\"\(y - 11)\" width=\"14\" height=\"14\" fill=\"\(fill)\"/>\n"
      s += "<text x=\"\(x + 18)\" y=\"\(y)\" font-size=\"11\">\(Self.escape(text))</text>\n"
      x += Double(text.count) * 7 + 40
    }
    return s + "</svg>\n"
  }
}
