//===--- QuantityEnvironment.swift ----------------------------------------===//
// An analysed instance's quantities as the expression language sees them.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Unlearning

/// The quantity tables of one instance, computed once per precision and
/// shared by every claim evaluated on it.
final class QuantityCache {
  let analysis: any InstanceAnalysis
  private var tables: [Int: QuantityTable] = [:]

  init(_ analysis: any InstanceAnalysis) { self.analysis = analysis }

  /// Reuses a table already computed at its precision.
  func seed(_ table: QuantityTable) { tables[table.precision] = table }

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
