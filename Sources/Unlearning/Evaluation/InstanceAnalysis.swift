//===--- InstanceAnalysis.swift -------------------------------------------===//
// What the evaluator needs from an analysed instance of any setting.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// An analysed instance: its quantity table at any precision.
public protocol InstanceAnalysis: Sendable {
  /// The claim settings this instance belongs to.
  var settings: Set<ClaimSetting> { get }
  /// The quantities at a working precision (recomputed from exact data).
  func quantities(precision: Int) throws -> QuantityTable
  /// The instance description for reports.
  var instanceJSON: JSON { get }
}

extension LinearUnlearning: InstanceAnalysis {
  public var settings: Set<ClaimSetting> {
    instance.mixture == nil ? [.linear, .any] : [.linear, .gaussianMixture, .any]
  }
}

/// The quantity tables of one instance, computed once per precision and
/// shared by every claim evaluated on it.
final class QuantityCache {
  let analysis: any InstanceAnalysis
  private var tables: [Int: QuantityTable] = [:]

  init(_ analysis: any InstanceAnalysis) { self.analysis = analysis }

  func table(precision: Int) throws -> QuantityTable {
    if let table = tables[precision] { return table }
    let table = try analysis.quantities(precision: precision)
    tables[precision] = table
    return table
  }
}

/// The values of an instance's quantities for the expression language,
/// recomputed at each precision the adaptive driver asks for, plus any fixed
/// values (free constants under fitting).
final class QuantityEnvironment: ValueEnvironment {
  let cache: QuantityCache
  var fixed: [String: Value]

  init(_ cache: QuantityCache, fixed: [String: Value] = [:]) {
    self.cache = cache
    self.fixed = fixed
  }

  func value(of name: String, precision: Int) throws -> Value? {
    if let value = fixed[name] { return value }
    if let value = try cache.table(precision: precision).value(of: name, precision: precision) { return value }
    if QuantityDefinitions.definition(of: name) != nil {
      throw UnlearningError.badData("quantity '\(name)' is not defined on this instance")
    }
    return nil
  }
}
