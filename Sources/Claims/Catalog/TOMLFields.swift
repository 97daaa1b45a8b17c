//===--- TOMLFields.swift -------------------------------------------------===//
// Typed fields of one TOML table, for the catalog and the suite files alike.
//===----------------------------------------------------------------------===//

import Exact
import Formats

/// The fields of one TOML table read as the types they must have; every
/// error names the file, the line of the key (or of the table) and, in the
/// catalog, the claim.
struct TOMLFields {
  let table: TOMLTable
  let file: String
  /// The claim the table defines, once its id is known.
  var claim: String?

  init(_ table: TOMLTable, file: String) {
    (self.table, self.file, self.claim) = (table, file, nil)
  }

  func fail(_ key: String?, _ message: String) -> CatalogError {
    CatalogError(file: file, line: key.map(table.line(of:)) ?? table.line, claim: claim, message: message)
  }

  /// Refuses a key outside `known`.
  func checkKeys(_ known: Set<String>) throws {
    if let unknown = table.keys.first(where: { !known.contains($0) }) { throw fail(unknown, "unknown key '\(unknown)'") }
  }

  func string(_ key: String) throws -> String? {
    guard let value = table[key] else { return nil }
    guard case .string(let s) = value else { throw fail(key, "'\(key)' must be a string") }
    return s
  }

  /// A string that must be there and must not be empty.
  func requiredString(_ key: String) throws -> String {
    guard let value = table[key] else { throw fail(nil, "missing '\(key)'") }
    guard case .string(let s) = value, !s.isEmpty else { throw fail(key, "'\(key)' must be a non-empty string") }
    return s
  }

  func integer(_ key: String) throws -> Int? {
    guard let value = table[key] else { return nil }
    guard case .integer(let k) = value else { throw fail(key, "'\(key)' must be an integer") }
    return k
  }

  /// An exact number written as a string ("1/3", "0.1").
  func rational(_ key: String) throws -> Rational? {
    guard let text = try string(key) else { return nil }
    do { return try Rational(parsing: text) } catch { throw fail(key, "'\(key)': \(error)") }
  }

  /// An array of strings (empty when absent).
  func strings(_ key: String) throws -> [String] {
    guard let value = table[key] else { return [] }
    guard case .array(let items) = value else { throw fail(key, "'\(key)' must be an array of strings") }
    return try items.map {
      guard case .string(let s) = $0 else { throw fail(key, "'\(key)' must be an array of strings") }
      return s
    }
  }
}
