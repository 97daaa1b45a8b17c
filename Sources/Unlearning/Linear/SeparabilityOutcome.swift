//===--- SeparabilityOutcome.swift ----------------------------------------===//
// Whether the data are separable, against what the suite entry expects.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats

/// The outcome of the linear margin problem on data whose separability a
/// suite entry states (`expect`), measured where it differs from a
/// separable instance's step: the data were reported not separable, or
/// expected not to be and found separable.
///
/// Either the analysis found a separator w (the KKT point, every margin
/// y_i⟨w, x_i⟩ ≥ 1), or it reported Farkas weights μ. The weights are
/// measured from the rows of X, not from the Gram matrix the solver used:
///
///     farkas_residual2 = ‖Σ_i μ_i y_i x_i‖²,  farkas_weight_min = min_i μ_i,
///     farkas_weight_sum = Σ_i μ_i.
///
/// When the residual is 0, min μ ≥ 0 and Σμ > 0, no w separates the data:
/// y_i⟨w, x_i⟩ ≥ 1 for all i would give 0 = ⟨w, Σ_i μ_i y_i x_i⟩ ≥ Σ_i μ_i
/// > 0 (Farkas' lemma). A weight vector that fails any of the three is not
/// a proof, whatever the solver said.
public struct SeparabilityOutcome: InstanceAnalysis, Sendable {
  public let instance: Instance
  /// What the suite entry states.
  public let expectedSeparable: Bool
  /// The separator's smallest margin, when the analysis found one.
  public let separatorMinMargin: Rational?
  /// The solver's Farkas weights, when it reported the data not separable with them.
  public let farkasWeights: ScaledIntegerVector?
  /// The solver's words, when it reported the data not separable.
  public let reason: String?

  /// The outcome when the analysis reported the data not separable.
  public init(instance: Instance, expectedSeparable: Bool, reason: String, obstruction: ScaledIntegerVector?) {
    (self.instance, self.expectedSeparable, self.reason, farkasWeights, separatorMinMargin) = (instance, expectedSeparable, reason, obstruction, nil)
  }

  /// The outcome when the analysis found a separator: the KKT point of
  /// `analysis`, whose margins it measured on X.
  public init(instance: Instance, expectedSeparable: Bool, separator analysis: LinearUnlearning) {
    (self.instance, self.expectedSeparable, reason, farkasWeights) = (instance, expectedSeparable, nil, nil)
    separatorMinMargin = analysis.start.margins.min()
  }

  public var settings: Set<ClaimSetting> { [.separability] }

  public var measuredStep: MeasuredStep? { nil }

  /// Exact quantities: no enclosure enters, so every precision gives the same table.
  public func quantities(precision p: Int) throws -> QuantityTable {
    var table = QuantityTable(precision: p)
    table.set(.n, .exact(Rational(instance.count)))
    table.set(.d, .exact(Rational(instance.dimension)))
    table.set(.separableExpected, .exact(Rational(expectedSeparable ? 1 : 0)))
    table.set(.separableFound, .exact(Rational(separatorMinMargin == nil ? 0 : 1)))
    if let separatorMinMargin { table.set(.separatorMinMargin, .exact(separatorMinMargin)) }
    if let mu = farkasWeights {
      table.set(.farkasResidual2, .exact(Self.combinationNorm2(mu, instance: instance)))
      let weights = mu.rationals
      table.set(.farkasWeightMin, .exact(weights.min() ?? Rational()))
      table.set(.farkasWeightSum, .exact(weights.reduce(Rational(), +)))
    }
    return table
  }

  /// ‖Σ_i μ_i y_i x_i‖², from the combination of X's rows (d coordinates).
  static func combinationNorm2(_ mu: ScaledIntegerVector, instance: Instance) -> Rational {
    guard mu.count == instance.count else { return Rational(1) }  // a weight per point, or no certificate
    let combination = instance.data.combination(mu.multipliedBySigns(instance.labels))
    let sum = combination.numerators.reduce(BigInt()) { $0 + $1 * $1 }
    return Rational(sum) / Rational(combination.denominator * combination.denominator)
  }

  public var instanceJSON: JSON {
    var members: [JSON.Member] = [
      .init("n", .integer(instance.count)), .init("d", .integer(instance.dimension)),
      .init("expected", .string(expectedSeparable ? "separable" : "not-separable")),
      .init("found", .string(separatorMinMargin == nil ? "not-separable" : "separable")),
    ]
    if let separatorMinMargin { members.append(.init("separator_min_margin", .string(separatorMinMargin.description))) }
    if let reason { members.append(.init("reason", .string(reason))) }
    if let mu = farkasWeights {
      members.append(.init("farkas_weights", .array(mu.rationals.map { .string($0.description) })))
    }
    members.append(.init("source", instance.provenanceJSON))
    return .object(members)
  }

  public var summaryLines: [String] {
    let found: String
    if let separatorMinMargin {
      found = "found separable (the KKT point's smallest margin is \(separatorMinMargin.brief))"
    } else if let mu = farkasWeights {
      found = "found not separable, with Farkas weights on \(mu.numerators.filter { !$0.isZero }.count) points"
    } else {
      found = "found not separable, without Farkas weights"
    }
    return [
      "separability: n = \(instance.count), d = \(instance.dimension), expected \(expectedSeparable ? "separable" : "not separable"), \(found)",
      "instance: " + instance.provenance.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
    ]
  }
}
