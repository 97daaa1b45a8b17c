//===--- SavedInstance.swift ----------------------------------------------===//
// Writing an analysed instance for other tools to test against.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation

/// Files written by `instance --save DIR`: the data (`X.npy`, `y.npy`), the
/// multipliers and weights of the KKT point and of the unlearned model as
/// float64 `.npy` (each entry the double nearest the exact value), and
/// `exact.json` with every entry as an exact rational `p/q`.
public enum SavedInstance {
  /// The nearest double of an exact value (correctly rounded).
  static func nearest(_ r: Rational) -> Double { Double(r) }

  static func write(_ array: NumpyArray, _ directory: String, _ name: String) throws {
    try array.write(to: (directory as NSString).appendingPathComponent(name))
  }

  static func matrix(_ rows: [[Rational]]) -> NumpyArray {
    NumpyArray(shape: rows.count == 1 ? [rows[0].count] : [rows.count, rows.first?.count ?? 0], elementType: .float64,
               elements: .floats(rows.flatMap { $0.map(nearest) }))
  }

  /// Σ_k c_k x_k as an exact d-vector.
  static func writeData(_ instance: Instance, to directory: String) throws {
    let n = instance.count, d = instance.dimension
    let x = (0..<n).map { i in (0..<d).map { instance.data[i, $0] } }
    try write(NumpyArray(shape: [n, d], elementType: .float64, elements: .floats(x.flatMap { $0.map(nearest) })), directory, "X.npy")
    try write(NumpyArray(shape: [n], elementType: .float64, elements: .floats(instance.labels.map(Double.init))), directory, "y.npy")
  }

  /// What re-creates the step: the update coefficient a = βℓ'(q_r) (exact
  /// for the scaled rule), β and β* as exact rational bounds, q_r, and where
  /// the data came from (generator, n, d, seed, grid, μ, η).
  static func stepMembers(_ measured: MeasuredStep, instance: Instance) -> [JSON.Member] {
    let p = 256
    func bounds(_ v: Value?) -> JSON {
      guard let v else { return .null }
      let (lo, hi) = v.bounds
      return .object([.init("lo", .string(lo.description)), .init("hi", .string(hi.description))])
    }
    let start = measured.start
    let source = JSON.Member("source", instance.provenanceJSON)
    guard start.forgetsOnePoint else {
      // A set: θ' = θ + a Σ_{r∈F} λ_r y_r ∇N(x_r; θ) with a = −c, and each β*_r, q_r.
      let units = start.forgetSet.map { StepRule.unit.stepSize(lambdaR: start.multipliers[$0], marginR: start.marginVector[$0], loss: measured.loss) }
      return [
        .init("update_coefficient", .string(measured.center.description)),
        .init("beta_star", .array(units.map { bounds(try? $0.value(precision: p)) })),
        .init("q_r", .array(start.forgetSet.map { .string(start.marginVector[$0].description) })), source,
      ]
    }
    let unit = StepRule.unit.stepSize(lambdaR: start.lambdaR, marginR: start.marginR, loss: measured.loss)
    return [
      .init("update_coefficient", .string(measured.center.description)),
      .init("beta", bounds(try? measured.stepSize.value(precision: p))), .init("beta_star", bounds(try? unit.value(precision: p))),
      .init("q_r", .string(start.marginR.description)), source,
    ]
  }

  static func exactJSON(_ pairs: [(String, [Rational])], extra: [JSON.Member]) -> String {
    JSON.object([.init("tool_version", .string(ToolVersion.string))] + extra + pairs.map { JSON.Member($0.0, .array($0.1.map { .string($0.description) })) }).rendered(pretty: true) + "\n"
  }

  /// Saves a linear instance: w = Σ λ_i y_i x_i and w' = w + a y_r x_r (w − c Σ_{r∈F} λ_r y_r x_r for a set; exact steps only).
  /// Saves an analysed instance of either setting.
  ///
  /// - Throws: ``UnlearningError/badFile(_:_:)`` when a file cannot be written.
  public static func save(_ analysis: any InstanceAnalysis, to directory: String) throws {
    do {
      if let linear = analysis as? LinearUnlearning { try save(linear, to: directory) }
      if let network = analysis as? TwoLayerUnlearning { try save(network, to: directory) }
    } catch let error as CocoaError {
      throw UnlearningError.badFile(directory, "cannot be written (\(error.code.rawValue))")
    }
  }

  public static func save(_ analysis: LinearUnlearning, to directory: String) throws {
    guard case .scaled(let c) = analysis.step else {
      throw UnlearningError.badParameter("saving needs the scaled step rule: with an explicit β the unlearned weights are not rational")
    }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let instance = analysis.instance
    let lambda = analysis.kkt.multipliers.entries
    // The explicit parameters the analysis measured: w and w' = w + a y_r x_r.
    let w = analysis.start.theta.blocks[0].rationals, w2 = analysis.measured.unlearned.blocks[0].rationals
    try writeData(instance, to: directory)
    try write(matrix([lambda]), directory, "lambda.npy")
    try write(matrix([w]), directory, "w.npy")
    try write(matrix([w2]), directory, "w_unlearned.npy")
    let text = exactJSON([("lambda", lambda), ("w", w), ("w_unlearned", w2)], extra: [
      .init("setting", .string("linear")), ForgetSet.jsonMember(analysis.forgetSet), .init("step_scale", .string(c.description)),
      .init("loss", .string(analysis.loss.rawValue)),
    ] + stepMembers(analysis.measured, instance: instance))
    try OutputFile.write(text, to: (directory as NSString).appendingPathComponent("exact.json"))
  }

  /// Saves a two-layer instance from the structured KKT point: W (m × d) in
  /// true coordinates w_j = ŵ_j/√m (rounded from a 200-bit enclosure) and the
  /// scaled neurons ŵ_j exactly in `exact.json`.
  public static func save(_ analysis: TwoLayerUnlearning, to directory: String) throws {
    guard let scale = analysis.scale else {
      throw UnlearningError.badParameter("saving needs the scaled step rule: with an explicit β the unlearned weights are not rational")
    }
    guard analysis.startingPoint == .kkt, let measured = analysis.measured else {
      throw UnlearningError.badParameter("saving a two-layer instance needs a verified KKT start")
    }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let instance = analysis.instance
    let root = try Interval.sqrt(Interval(analysis.width, precision: 200))
    func rows(_ theta: Parameters) throws -> (exact: [[Rational]], doubles: [Double]) {
      let exact = theta.blocks.map(\.rationals)
      let doubles = try exact.flatMap { row in
        try row.map { v in Double(try Interval(enclosing: v, precision: 200).divided(by: root).midpoint.rational) }
      }
      return (exact, doubles)
    }
    let start = try rows(measured.start.theta), after = try rows(measured.unlearned)
    let shape = [analysis.width, instance.dimension]
    try writeData(instance, to: directory)
    try write(matrix([analysis.multipliers]), directory, "lambda.npy")
    try write(NumpyArray(shape: shape, elementType: .float64, elements: .floats(start.doubles)), directory, "W.npy")
    try write(NumpyArray(shape: shape, elementType: .float64, elements: .floats(after.doubles)), directory, "W_unlearned.npy")
    var pairs: [(String, [Rational])] = [("lambda", analysis.multipliers)]
    for (j, row) in start.exact.enumerated() { pairs.append(("scaled_w_\(j)", row)) }
    for (j, row) in after.exact.enumerated() { pairs.append(("scaled_w_unlearned_\(j)", row)) }
    let text = exactJSON(pairs, extra: [
      .init("setting", .string("two-layer")), .init("width", .integer(analysis.width)),
      .init("gamma", .string(analysis.activation.gamma.description)), ForgetSet.jsonMember(analysis.forgetSet),
      .init("step_scale", .string(scale.description)), .init("loss", .string(analysis.loss.rawValue)),
      .init("start", .string(analysis.startingPoint.name)),
      .init("scale", .string("w_j = scaled_w_j / sqrt(m); outer weights a_j = +1/sqrt(m) for j < m/2, -1/sqrt(m) after")),
    ] + stepMembers(measured, instance: instance) + (analysis.training.map { [.init("training_seed", .integer(Int($0.seed)))] } ?? []))
    try OutputFile.write(text, to: (directory as NSString).appendingPathComponent("exact.json"))
  }
}
