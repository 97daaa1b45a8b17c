//===--- AscentRun+Report.swift -------------------------------------------===//
// The table of K ascent steps, as text and as JSON.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

extension AscentRun {
  /// How the iterates are represented, for the reader of a report.
  public var representation: String {
    "θ_t = θ + Σ_i A_i y_i x_i per block (the iterates stay in the span of the data), A enclosed in interval arithmetic at \(precision) bits; "
      + "every quantity measured from this form by its definition"
  }

  /// One line per step: ε, τ, δ, the forget set's largest margin, ‖θ_t − θ*‖ and cos(θ_t, θ*), as decimal midpoints.
  public func textTable() -> String {
    var lines = ["\(rows.count) steps with learning rate η = \(learningRate)" + (retainDescent ? ", ascent on F and descent on the mean loss of S∖F" : ", ascent on F (NegGrad)"),
                 "  " + representation,
                 "  (decimal midpoints of enclosures; --format json gives the bounds)"]
    func cell(_ v: Interval?) -> String {
      guard let v else { return "-" }
      let x = Double(v.midpoint.rational)
      return String(describing: x.magnitude < 1e-300 ? 0 : x)
    }
    let networks = rows.first?.activationFlips != nil
    let header = ["t", "epsilon", "tau", "delta", "max forget margin", "distance to retrained", "cosine to retrained"] + (networks ? ["flips"] : [])
    var table = [header]
    for row in rows {
      let forget = row.forgetMargins.dropFirst().reduce(row.forgetMargins[0]) { Interval.maximum($0, $1) }
      let epsilon = try? Interval.sqrt(row.epsilon2), distance = row.distance2.flatMap { try? Interval.sqrt($0) }
      table.append(["\(row.step)", cell(epsilon), cell(row.tau), cell(row.delta), cell(forget), cell(distance), cell(row.cosine)]
                   + (row.activationFlips.map { ["\($0)"] } ?? []))
    }
    let widths = header.indices.map { c in table.map { $0[c].count }.max()! }
    for r in table { lines.append("  " + r.indices.map { r[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")) }
    return lines.joined(separator: "\n")
  }

  /// `{"learning_rate", "retain_descent", "representation", "precision", "rows": [...]}` with every value an enclosure.
  public var json: JSON {
    func enclosure(_ v: Interval?) -> JSON { v.map { JSON.enclosure(.enclosure($0)) } ?? .null }
    return .object([
      .init("learning_rate", .string(learningRate.description)), .init("retain_descent", .bool(retainDescent)),
      .init("representation", .string(representation)), .init("precision", .integer(precision)),
      .init("rows", .array(rows.map { row in
        var members: [JSON.Member] = [
          .init("step", .integer(row.step)), .init("epsilon2", enclosure(row.epsilon2)), .init("epsilon", enclosure(try? Interval.sqrt(row.epsilon2))),
          .init("tau", enclosure(row.tau)), .init("delta", enclosure(row.delta)),
          .init("forget_margins", .array(row.forgetMargins.map { enclosure($0) })), .init("norm2", enclosure(row.norm2)),
          .init("distance_to_retrained2", enclosure(row.distance2)), .init("distance_to_retrained", enclosure(row.distance2.flatMap { try? Interval.sqrt($0) })),
          .init("cosine_to_retrained", enclosure(row.cosine)),
        ]
        if let flips = row.activationFlips { members.append(.init("activation_flips", .integer(flips))) }
        return .object(members)
      })),
    ])
  }
}
