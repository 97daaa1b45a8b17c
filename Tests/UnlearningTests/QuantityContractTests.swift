import Foundation
import Bounds
import Exact
import Testing
@testable import Unlearning
@testable import Claims
@testable import Formats

/// The quantity table is the contract between the mathematics and the
/// catalog: every name an instance sets is defined (with its formula, for
/// `explain`), and every definition is set by some instance.
@Suite struct QuantityContractTests {
  /// Instances covering every branch that sets names: both settings, both
  /// step rules, mixtures, a trained start, ReLU, and a failed KKT candidate.
  /// The analysis of `instance` stated not separable (`expect = "not-separable"`).
  static func outcome(of instance: Instance) throws -> any InstanceAnalysis {
    var spec = InstanceSpec(name: "outcome", source: .generator(.nearlyOrthogonal, .init(n: 1, d: 1, seed: 1)), forget: 0)
    spec.expectedSeparable = false
    return try spec.analyse(instance)
  }

  static func tables() throws -> [(String, QuantityTable)] {
    let orth = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 2000, seed: 3))
    let mixture = try InstanceGenerator.gaussianMixture.generate(.init(n: 8, d: 400, seed: 4, muNorm: r("8"), labelNoise: r("0.1")))
    let small = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 8, d: 6, seed: 2))
    var linearRun = try LinearUnlearning(instance: orth, forget: 1, step: .explicit(r("0.0003")))
    linearRun.ascentPlan = AscentRun.Plan(steps: 2, learningRate: nil)
    var networkRun = try TwoLayerUnlearning(instance: orth, forget: 1, width: 4, gamma: r("1/2"))
    networkRun.ascentPlan = AscentRun.Plan(steps: 2, learningRate: r("0.0001"), retainDescent: true)
    let analyses: [(String, any InstanceAnalysis)] = [
      ("linear run of 2 steps", linearRun), ("two-layer run with retain descent", networkRun),
      ("linear", try LinearUnlearning(instance: orth, forget: 1)),
      ("linear explicit β", try LinearUnlearning(instance: orth, forget: 1, step: .explicit(r("0.0003")))),
      ("linear mixture", try LinearUnlearning(instance: mixture, forget: 2, step: .scaled(r("1/2")))),
      ("linear trained", try LinearUnlearning(instance: orth, forget: 1, start: .trained, trainingSeed: 2)),
      ("two-layer", try TwoLayerUnlearning(instance: orth, forget: 1, width: 4, gamma: r("1/2"))),
      ("two-layer explicit β", try TwoLayerUnlearning(instance: orth, forget: 1, width: 4, gamma: r("1/2"), step: .explicit(r("0.0003")))),
      ("two-layer leaky mixture", try TwoLayerUnlearning(instance: mixture, forget: 2, width: 4, gamma: r("1/2"))),
      ("two-layer trained mixture (Monte Carlo)", try TwoLayerUnlearning(instance: mixture, forget: 2, width: 4, gamma: r("1/2"), start: .trained, trainingSeed: 1)),
      ("two-layer trained", try TwoLayerUnlearning(instance: orth, forget: 1, width: 4, gamma: r("1/2"), start: .trained, trainingSeed: 3)),
      ("two-layer failed KKT", try TwoLayerUnlearning(instance: small, forget: 1, width: 4, gamma: r("0"))),
      ("linear forget set", try LinearUnlearning(instance: orth, forgetSet: [0, 2])),
      ("two-layer forget set", try TwoLayerUnlearning(instance: orth, forgetSet: [1, 3], width: 4, gamma: r("1/2"))),
      // The margin problem's outcome: Farkas weights on non-separable data, a separator on separable data stated otherwise.
      ("not separable as stated", try outcome(of: InstanceGenerator.gaussianMixture.generate(.init(n: 12, d: 3, seed: 1, muNorm: r("2"), labelNoise: r("2/5"))))),
      ("separable, stated not", try outcome(of: orth)),
    ]
    return try analyses.map { ($0.0, try $0.1.quantities(precision: Interval.defaultPrecision)) }
  }

  @Test func everySetNameIsDefinedAndEveryDefinitionIsSet() throws {
    let defined = Set(QuantityDefinitions.all.map(\.name))
    var set = Set<String>()
    for (label, table) in try Self.tables() {
      let names = Set(table.names)
      set.formUnion(names)
      let undefined = names.subtracting(defined).sorted()
      #expect(undefined.isEmpty, "\(label) sets names without a definition: \(undefined)")
    }
    let neverSet = defined.subtracting(set).sorted()
    #expect(neverSet.isEmpty, "defined but set by no instance: \(neverSet)")
    #expect(QuantityDefinitions.all.count == defined.count, "a name is defined twice")
  }

  /// The step's own quantities, against a float computation of the closed
  /// form the claims state: q_r − q'_r = β|ℓ'(q_r)|‖x_r‖² for an explicit β
  /// (both losses), `loss_logistic`, and `step_measured` false only without a start.
  @Test func theStepsOwnQuantities() throws {
    let orth = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 2000, seed: 3))
    func scalar(_ table: QuantityTable, _ name: QuantityName) throws -> Double {
      guard case .scalar(let v)? = table[name] else { throw UnlearningError.badParameter("no scalar \(name.rawValue)") }
      return v.approximation
    }
    func flag(_ table: QuantityTable, _ name: QuantityName) -> Bool? {
      guard case .boolean(let b)? = table[name] else { return nil }
      return b
    }
    for loss in Loss.allCases {
      let beta = 0.0003
      let table = try LinearUnlearning(instance: orth, forget: 1, loss: loss, step: .explicit(r("0.0003"))).quantities()
      let q = try scalar(table, .qR), after = try scalar(table, .qRAfter), norm2 = try scalar(table, .normXR2)
      let slope = loss == .logistic ? 1 / (1 + Foundation.exp(q)) : Foundation.exp(-q)
      #expect(abs((q - after) / (beta * slope * norm2) - 1) < 1e-12, "\(loss): q_r \(q), q'_r \(after)")
      #expect(try scalar(table, .lossLogistic) == (loss == .logistic ? 1 : 0))
      #expect(flag(table, .stepMeasured) == true)
    }
    let small = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 8, d: 6, seed: 2))
    let noStart = try TwoLayerUnlearning(instance: small, forget: 1, width: 4, gamma: r("0")).quantities()
    #expect(flag(noStart, .stepMeasured) == false)
  }
}
