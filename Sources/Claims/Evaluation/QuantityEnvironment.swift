//===--- QuantityEnvironment.swift ----------------------------------------===//
// An analysed instance's quantities as the expression language sees them.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation
import Unlearning

/// The quantity tables of one instance, computed once per precision and
/// shared by every claim evaluated on it.
final class QuantityCache: @unchecked Sendable {
  let analysis: any InstanceAnalysis
  private let lock = NSLock()
  private var tables: [Int: QuantityTable] = [:]

  init(_ analysis: any InstanceAnalysis) { self.analysis = analysis }

  /// Reuses a table already computed at its precision.
  func seed(_ table: QuantityTable) { lock.withLock { tables[table.precision] = table } }

  func table(precision: Int) throws -> QuantityTable {
    if let table = lock.withLock({ tables[precision] }) { return table }
    let table = try analysis.quantities(precision: precision)
    lock.withLock { tables[precision] = table }
    return table
  }

  /// The table at the first precision of the policy that decides it, reusing
  /// the tables the claims' decisions already computed.
  func table(policy: PrecisionPolicy) throws -> QuantityTable {
    try policy.firstDecided { try table(precision: $0) }
  }
}

/// An analysed instance with the quantity tables its evaluation computed, so
/// that certificates reuse them instead of measuring again.
public struct AnalysedInstance: Sendable {
  let cache: QuantityCache

  public var analysis: any InstanceAnalysis { cache.analysis }

  /// The quantity table at the first precision of the policy that decides it.
  public func quantities(policy: PrecisionPolicy) throws -> QuantityTable { try cache.table(policy: policy) }
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
