//===--- ClaimSearch+Report.swift -----------------------------------------===//
// A search's report (text, JSON, SVG) and its kept best instance.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Foundation
import Formats
import Unlearning

extension ClaimSearch {
  /// The best tightness found (measured/bound, or the implied constant).
  public var bestTightness: Double? { best?.tightness }
  /// The best candidate's exact sides and forget set.
  public var bestResult: InstanceVerdict? { best?.result }
  public var bestForgetSet: [Int]? { best?.candidate.forgetSet }

  /// What the ratio is, in words.
  var ratioName: String { request.claim.constants.isEmpty ? "measured/bound" : "implied \(request.claim.constants[0])" }

  /// The `instance` command that replays the best candidate from the files
  /// ``writeBest(to:)`` writes in `directory`.
  public func replay(directory: String) -> String? {
    guard let best else { return nil }
    var spec = SearchObjective.spec(request.spec, of: best.candidate)
    spec.name = "search-best"
    spec.source = .files(data: (directory as NSString).appendingPathComponent("X.npy"), labels: (directory as NSString).appendingPathComponent("y.npy"))
    spec.trainingSeed = request.spec.trainingSeed
    return spec.commandLine
  }

  /// Writes the best candidate as `X.npy` and `y.npy`, its certificate (its
  /// whole quantity table and this claim's decision), and `search.svg`.
  ///
  /// - Throws: ``FormatError/cannotWrite(_:_:)``; an error of the analysis
  ///   when the certificate cannot be made.
  public func writeBest(to directory: String, toolVersion: String) throws {
    try OutputFile.write(try svg().render(), to: (directory as NSString).appendingPathComponent("search.svg"))
    guard let best else { return }
    let c = best.candidate
    try NumpyArray(shape: [c.points, c.dimension], elementType: .float64, elements: .floats(c.doubles))
      .write(to: (directory as NSString).appendingPathComponent("X.npy"))
    try NumpyArray(shape: [c.points], elementType: .float64, elements: .floats(c.labels.map(Double.init)))
      .write(to: (directory as NSString).appendingPathComponent("y.npy"))
    let objective = SearchObjective(claim: request.claim, spec: request.spec, policy: request.policy)
    let analysis = try objective.spec(of: c).analyse(try c.instance())
    let table = try analysis.quantities(policy: request.policy)
    let claims = objective.evaluator.evaluate(analysis, named: "search-best", table: table)
    try Certificate(analysis: analysis, name: "search-best", command: replay(directory: directory) ?? "", claims: claims, table: table,
                    catalogSHA256: nil).write(to: directory)
  }

  /// Best tightness against evaluations: the search, and random draws when run.
  public func svg() throws -> SVGPlot {
    func series(_ trace: [TracePoint], _ name: String, _ color: String, _ dash: String?) -> SVGPlot.Series? {
      let points = trace.compactMap { point in point.best.map { (x: Double(point.evaluation), lo: $0, hi: $0) } }
      return points.isEmpty ? nil : SVGPlot.Series(name: name, points: points, color: color, dash: dash, marker: nil)
    }
    var plot = SVGPlot(title: "search for \(request.claim.id): best \(ratioName) against exact evaluations",
                       xLabel: "exact evaluations", yLabel: "best \(ratioName)",
                       series: [series(trace, "search (seed \(request.seed))", "#1f5fa8", nil),
                                randomTrace.flatMap { series($0, "random draws", "#b8860b", "6 4") }].compactMap { $0 })
    plot.caption = "each line: the largest \(ratioName) among the instances of the claim evaluated so far (exact evaluations; hypotheses hold)"
    if request.claim.constants.isEmpty { plot.reference = (y: 1, label: "bound") }
    return plot
  }

  /// A tightness as JSON: a number, "inf", or null.
  static func number(_ x: Double?) -> JSON {
    guard let x else { return .null }
    return x.isFinite ? .number(String(x)) : .string("inf")
  }

  func bestJSON(directory: String?) -> JSON {
    guard let best else { return .null }
    let measured: JSON = best.result.measured.map(JSON.enclosure) ?? .null
    let bound: JSON = best.result.bound.map(JSON.enclosure) ?? .null
    let replay: JSON = directory.flatMap(replay(directory:)).map(JSON.string) ?? .null
    return .object([
      .init("ratio", Self.number(best.tightness)), .init("measured", measured), .init("bound", bound),
      .init("verdict", .string(best.result.verdict.rawValue)), .init("forget", .array(best.candidate.forgetSet.map { .integer($0) })),
      .init("step_scale", best.candidate.stepScale.map { .string($0.description) } ?? .null),
      .init("gamma", best.candidate.gamma.map { .string($0.description) } ?? .null),
      .init("replay", replay),
    ])
  }

  static func traceJSON(_ trace: [TracePoint]) -> JSON {
    .array(trace.map { point in
      .object([.init("evaluation", .integer(point.evaluation)), .init("ratio", number(point.tightness)), .init("best", number(point.best))])
    })
  }

  /// The `search --format json` document.
  public func json(toolVersion: String, directory: String?) -> JSON {
    let randomBest: JSON = Self.number(randomTrace.flatMap { $0.last?.best })
    return .object([
      .init("schema_version", .integer(1)), .init("tool_version", .string(toolVersion)),
      .init("claim", .string(request.claim.id)), .init("verdict", .string(verdict.rawValue)),
      .init("ratio_kind", .string(ratioName)),
      .init("evaluations", .integer(evaluations)), .init("counted", .integer(counted)),
      .init("seconds", .number(String(format: "%.3f", seconds))), .init("seed", .number(String(request.seed))),
      .init("instance", .string(request.spec.commandLine)),
      .init("best", bestJSON(directory: directory)),
      .init("suite_tightest", Self.number(suiteTightest)), .init("random_best", randomBest),
      .init("trace", Self.traceJSON(trace)),
    ])
  }

  /// The `search` text report.
  public func text(directory: String?) -> String {
    func show(_ x: Double?) -> String { x.map { $0.isFinite ? String(format: "%.6g", $0) : "inf" } ?? "-" }
    let counts = "\(counted) of \(evaluations) exact evaluations met the hypotheses; \(String(format: "%.1f", seconds)) s"
    let verdictLine: String
    switch verdict {
    case .proved: verdictLine = "PROVED on every instance of the claim evaluated (\(counts))"
    case .refuted: verdictLine = "REFUTED: a verified violation, the best instance below (\(counts))"
    case .inconclusive: verdictLine = "INCONCLUSIVE: an instance undecided at the precision cap (\(counts))"
    case .vacuous: verdictLine = "VACUOUS: no candidate met the hypotheses (\(counts)); try a larger d, or other data"
    case .error: verdictLine = "ERROR: no candidate could be analysed (\(counts))"
    }
    var lines = ["claim      \(request.claim.id): \(request.claim.statement)", "verdict    " + verdictLine]
    let free = best.map { best in
      ["forget \(ForgetSet.text(best.candidate.forgetSet))", best.candidate.stepScale.map { "c = \($0)" }, best.candidate.gamma.map { "γ = \($0)" }]
        .compactMap { $0 }.joined(separator: ", ")
    }
    lines.append("best       \(ratioName) \(show(bestTightness))" + (free.map { " (\($0))" } ?? ""))
    if let result = best?.result, let measured = result.measured, let bound = result.bound {
      let p = result.precision ?? Interval.defaultPrecision
      lines.append("           measured \(measured.textRendering(precision: p)), bound \(bound.textRendering(precision: p))")
    }
    var references: [String] = []
    if let suite = request.referenceSuite { references.append("the \(suite.name) suite's tightest \(show(suiteTightest))") }
    if let randomTrace { references.append("\(randomTrace.count) random draws \(show(randomTrace.last?.best))") }
    if !references.isEmpty { lines.append("reference  " + references.joined(separator: "; ")) }
    if let directory, let command = replay(directory: directory) { lines.append("replay     \(command)") }
    return lines.joined(separator: "\n")
  }
}
