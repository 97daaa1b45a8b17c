//===--- CorrelationFigure.swift ------------------------------------------===//
// Where near-orthogonality stops holding: τ, δ, ε and the claims' verdicts
// against the correlation of the data, for one step and for K steps.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

/// One instance per correlation ρ (the same generator, n, d, seed and forget
/// set): the one-step (c·β*) τ, δ and ε measured as `instance` measures them,
/// the same after K steps with a fixed learning rate when asked
/// (``AscentRun``), and every applicable claim's verdict. A REFUTED verdict
/// carries its witness: the command that re-runs the instance.
public struct CorrelationFigure: Sendable {
  public struct Column: Sendable {
    public var correlation: Rational
    public var command: String
    public var tau: Value
    public var delta: Value
    public var epsilon: Value
    /// After K steps (when asked).
    public var stepsTau: Interval?
    public var stepsDelta: Interval?
    public var stepsEpsilon: Interval?
    /// claim id → verdict label (and, when not PROVED, why).
    public var verdicts: [String: (label: String, reason: String?)]
  }

  public var title: String
  public var columns: [Column]
  /// The claims in catalog order.
  public var claimIDs: [String]
  public var steps: Int?
  public var learningRate: Rational?

  /// - Parameter spec: the instance at correlation ρ.
  public init(correlations: [Rational], spec: (Rational) -> InstanceSpec, catalog: Catalog, policy: PrecisionPolicy, title: String,
              steps: Int? = nil, learningRate: Rational? = nil, retainDescent: Bool = false,
              progress: ((Int, Int) -> Void)? = nil) throws {
    var columns: [Column] = []
    var ids: [String] = []
    for (k, rho) in correlations.enumerated() {
      let instance = spec(rho)
      let analysis = try instance.analyse()
      let table = try analysis.quantities(precision: policy.initial)
      let evaluations = Evaluator(catalog: catalog, policy: policy).evaluate(analysis, named: instance.name, table: table)
      if ids.isEmpty { ids = evaluations.map(\.claim.id) }
      var verdicts: [String: (label: String, reason: String?)] = [:]
      for e in evaluations { verdicts[e.claim.id] = (e.label, e.results.first?.reason) }
      func scalar(_ name: QuantityName) -> Value { if case .scalar(let v)? = table[name] { return v } else { return .exact(Rational()) } }
      var column = Column(correlation: rho, command: instance.commandLine, tau: scalar(.tau), delta: scalar(.delta), epsilon: scalar(.epsilon),
                          verdicts: verdicts)
      if let steps, let learningRate, let measured = analysis.measuredStep {
        let run = try AscentRun(start: measured.start, loss: measured.loss, learningRate: learningRate, steps: steps, retainDescent: retainDescent,
                                policy: policy)
        let last = run.rows[run.rows.count - 1]
        (column.stepsTau, column.stepsDelta, column.stepsEpsilon) = (last.tau, last.delta, try Interval.sqrt(last.epsilon2))
      }
      columns.append(column)
      progress?(k + 1, correlations.count)
    }
    self.title = title
    self.columns = columns
    self.claimIDs = ids
    self.steps = steps
    self.learningRate = learningRate
  }

  /// The REFUTED verdicts with their witnesses: (claim, ρ, command).
  public var refutations: [(claim: String, correlation: Rational, command: String)] {
    claimIDs.flatMap { id in columns.filter { $0.verdicts[id]?.label == "REFUTED" }.map { (id, $0.correlation, $0.command) } }
  }

  public var csv: String {
    var header = ["correlation", "tau_lo", "tau_hi", "delta_lo", "delta_hi", "epsilon_lo", "epsilon_hi"]
    if steps != nil { header += ["tau_K_lo", "tau_K_hi", "delta_K_lo", "delta_K_hi", "epsilon_K_lo", "epsilon_K_hi"] }
    header += claimIDs
    var lines = [header.joined(separator: ",")]
    for c in columns {
      var cells = [c.correlation.description]
      for v in [c.tau, c.delta, c.epsilon] { cells += [v.bounds.lo.description, v.bounds.hi.description] }
      if steps != nil {
        for v in [c.stepsTau, c.stepsDelta, c.stepsEpsilon] { cells += [v?.lo.rational.description ?? "", v?.hi.rational.description ?? ""] }
      }
      cells += claimIDs.map { c.verdicts[$0]?.label ?? "" }
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// τ, δ and ε against ρ: one step solid, K steps dashed.
  public var quantitiesSVG: String {
    let colors = ["τ": "#d62728", "δ": "#1f77b4", "ε": "#2ca02c"]
    func points(_ f: (Column) -> Value?) -> [(x: Double, lo: Double, hi: Double)] {
      columns.compactMap { c in f(c).map { v in (Double(c.correlation), Double(v.bounds.lo), Double(v.bounds.hi)) } }
    }
    var series = [
      SVGPlot.Series(name: "τ, one step c·β*", points: points { $0.tau }, color: colors["τ"]!),
      SVGPlot.Series(name: "δ, one step", points: points { $0.delta }, color: colors["δ"]!),
      SVGPlot.Series(name: "ε, one step", points: points { $0.epsilon }, color: colors["ε"]!),
    ]
    if let steps, let learningRate {
      let label = "\(steps) steps, η = \(learningRate)"
      series += [
        SVGPlot.Series(name: "τ, " + label, points: points { $0.stepsTau.map(Value.enclosure) }, color: colors["τ"]!, dash: "6,4", marker: "square"),
        SVGPlot.Series(name: "δ, " + label, points: points { $0.stepsDelta.map(Value.enclosure) }, color: colors["δ"]!, dash: "6,4", marker: "square"),
        SVGPlot.Series(name: "ε, " + label, points: points { $0.stepsEpsilon.map(Value.enclosure) }, color: colors["ε"]!, dash: "6,4", marker: "square"),
      ]
    }
    var plot = SVGPlot(title: title, xLabel: "correlation ρ", yLabel: "KKT residuals on the retain set", series: series)
    plot.caption = "every point is an enclosure (bars where visible); one instance per ρ"
    return plot.render()
  }

  static let fills = ["PROVED": "#9bd49b", "FITTED": "#9bd49b", "VACUOUS": "#dddddd", "REFUTED": "#f08080", "INCONCLUSIVE": "#f5d76e", "ERROR": "#c39bd3"]

  /// The verdict of every claim (rows) at every ρ (columns).
  public var verdictsSVG: String {
    var grid = SVGGrid(title: title, xLabel: "correlation ρ", columns: columns.map { $0.correlation.description }, rows: claimIDs,
                       cells: claimIDs.map { id in columns.map { c in
                         let label = c.verdicts[id]?.label ?? "-"
                         return (label, Self.fills[label] ?? "#ffffff")
                       } })
    grid.legend = [("PROVED", Self.fills["PROVED"]!), ("VACUOUS (a hypothesis fails)", Self.fills["VACUOUS"]!), ("REFUTED", Self.fills["REFUTED"]!),
                   ("INCONCLUSIVE", Self.fills["INCONCLUSIVE"]!)]
    return grid.render()
  }
}
