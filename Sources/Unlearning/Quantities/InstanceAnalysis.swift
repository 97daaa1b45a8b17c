//===--- InstanceAnalysis.swift -------------------------------------------===//
// What the evaluator needs from an analysed instance of any setting.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats

/// An analysed instance: its quantity table at any precision.
public protocol InstanceAnalysis: Sendable {
  /// The data and labels.
  var instance: Instance { get }
  /// The claim settings this instance belongs to.
  var settings: Set<ClaimSetting> { get }
  /// The quantities at a working precision (recomputed from exact data).
  func quantities(precision: Int) throws -> QuantityTable
  /// The instance description for reports.
  var instanceJSON: JSON { get }
  /// A few lines describing the instance and its starting point, for text reports.
  var summaryLines: [String] { get }
  /// The step and the quantities after it; nil when there is no start to
  /// unlearn from (a Frei-structured candidate that is not a KKT point).
  var measuredStep: MeasuredStep? { get }
}

extension InstanceAnalysis {
  /// The quantity table at the first precision of `policy` at which every
  /// enclosure it needs is decided.
  ///
  /// - Throws: ``EnclosureError/undecided(_:)`` at the policy's cap, or the
  ///   analysis's own error.
  public func quantities(policy: PrecisionPolicy) throws -> QuantityTable {
    try policy.firstDecided { try quantities(precision: $0) }
  }
}

extension LinearUnlearning {
  public var measuredStep: MeasuredStep? { measured }
}

extension TwoLayerUnlearning {
  public var measuredStep: MeasuredStep? { measured }
}

extension LinearUnlearning: InstanceAnalysis {
  public var settings: Set<ClaimSetting> {
    instance.mixture == nil ? [.linear, .any] : [.linear, .gaussianMixture, .any]
  }

  public var summaryLines: [String] {
    let stepText = forgetSet.count == 1 ? step.description : step.scale.map { "β_r = \($0)·β*_r for each r ∈ F" } ?? step.description
    let forgetText = ForgetSet.summary(forgetSet)
    let support = kkt.multipliers.filter { $0.signum > 0 }.count
    var lines = [
      "linear setting: n = \(instance.count), d = \(instance.dimension), \(forgetText), \(loss.rawValue) loss, \(stepText)",
      "instance: " + instance.provenance.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
    ]
    let normalized = startScale.map { "normalized by ρ = \(Double($0)) to margin 1, multipliers by exact NNLS (ε₀² ≈ \(Double(startResidual2)), δ₀ ≈ \(Double(startDelta)))" } ?? ""
    switch startingPoint {
    case .kkt:
      let form = parameterForm == .span ? "; weights as coefficients on the data rows (inner products through G)" : ""
      lines.append("KKT point: \(kkt.method.rawValue), \(support) of \(instance.count) points are support vectors" + form)
    case .trained:
      let t = training.map { "gradient descent, \($0.steps) steps to loss \($0.finalLoss), " } ?? ""
      lines.append("start: " + t + normalized)
    case .weights(let path): lines.append("start: the weights in \(path), " + normalized)
    }
    return lines
  }
}

extension TwoLayerUnlearning {
  public var summaryLines: [String] {
    var lines = [
      "two-layer setting: n = \(instance.count), d = \(instance.dimension), m = \(width), γ = \(activation.gamma), \(ForgetSet.summary(forgetSet)), \(loss.rawValue) loss, \(scale.map { "β = \($0)·β*" } ?? "explicit β")",
      "instance: " + instance.provenance.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
    ]
    switch startingPoint {
    case .kkt:
      lines.append(kktFailure.map { "KKT point: the Frei-structured candidate is NOT a KKT point: \($0)" }
        ?? "KKT point: Frei-structured, verified exactly (λ > 0 and activation patterns)")
    case .trained:
      if let t = training {
        lines.append("start: gradient descent, \(t.steps) steps to loss \(t.finalLoss), normalized to margin 1, multipliers by exact NNLS")
      }
    case .weights(let file):
      lines.append("start: the network in \(file), normalized to margin 1, multipliers by exact NNLS")
    }
    if case .failure(let error)? = retrained { lines.append("retrained: not a structured KKT point on S∖{r}: \(error)") }
    return lines
  }
}
