//===--- SuiteEntry.swift -------------------------------------------------===//
// One [[instance]] table of a suite file, read into instance specs.
//===----------------------------------------------------------------------===//

import Formats
import Foundation
import Unlearning

/// One `[[instance]]` table of a suite file: its keys are the fields of
/// ``InstanceFields``, which decodes them; every error names the file and the
/// key's line.
struct SuiteEntry {
  let table: TOMLTable
  let file: String
  /// The directory relative paths are resolved against.
  let base: String

  func fail(_ key: String?, _ message: String) -> CatalogError { TOMLFields(table, file: file).fail(key, message) }

  /// The specs of this entry: one for data files, one per seed for a generator.
  func specs(index: Int) throws -> [InstanceSpec] {
    try TOMLFields(table, file: file).checkKeys(InstanceFields.keys)
    let base = self.base
    let fields = InstanceFields(try values(), resolve: { path in path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path) })
    do {
      return try fields.specs(index: index)
    } catch let problem as InstanceFields.Problem {
      throw fail(problem.key, problem.message)
    }
  }

  /// The table's values as fields: strings, integers, and arrays of integers.
  func values() throws -> [String: InstanceFields.Value] {
    var values: [String: InstanceFields.Value] = [:]
    for key in table.keys {
      switch table[key]! {
      case .string(let s): values[key] = .text(s)
      case .integer(let k): values[key] = .integer(k)
      case .array(let items):
        values[key] = .integers(try items.map {
          guard case .integer(let k) = $0 else { throw fail(key, "'\(key)' must be an array of integers") }
          return k
        })
      case .bool: throw fail(key, "'\(key)' must be a string or an integer")
      }
    }
    return values
  }
}
