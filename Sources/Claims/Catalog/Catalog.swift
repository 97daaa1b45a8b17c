//===--- Catalog.swift ----------------------------------------------------===//
// Loading and validating the claim catalog from `theorems/*.toml`.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation
import Unlearning

/// An error in a catalog file, naming file, line and claim.
public struct CatalogError: Error, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var claim: String?
  public var message: String

  /// One line: control characters from the file (a newline in a multi-line
  /// TOML string echoed in the message) are written as escapes.
  public var description: String {
    let text = "\(file):\(line): " + (claim.map { "claim '\($0)': " } ?? "") + message
    return text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0) }.joined()
  }
}

/// The claims of every `.toml` file in a directory, in file-name order.
public struct Catalog: Sendable {
  public var claims: [Claim]

  /// SHA-256 of the catalog's files (each file's name, a NUL, its bytes and
  /// a NUL, in name order), when it was loaded from a directory.
  public var sha256: String?

  public init(claims: [Claim], sha256: String? = nil) {
    self.claims = claims
    self.sha256 = sha256
  }

  /// The claim with an id.
  public func claim(_ id: String) -> Claim? { claims.first { $0.id == id } }

  /// Loads every `*.toml` file of a directory.
  ///
  /// - Throws: ``CatalogError`` for syntax errors, missing or bad fields,
  ///   duplicate ids and unknown quantity names (an unknown name is an error,
  ///   never a VACUOUS verdict).
  public init(directory: String, extraConstants: [String] = []) throws {
    let files: [String]
    do {
      files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".toml") }.sorted()
    } catch {
      throw CatalogError(file: directory, line: 0, message: "catalog directory not found or unreadable")
    }
    guard !files.isEmpty else { throw CatalogError(file: directory, line: 0, message: "no .toml files in the catalog directory") }
    var claims: [Claim] = []
    var hashed: [UInt8] = []
    for name in files {
      let path = (directory as NSString).appendingPathComponent(name)
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw CatalogError(file: path, line: 0, message: "cannot be read as UTF-8 text")
      }
      hashed += Array(name.utf8) + [0] + Array(text.utf8) + [0]
      claims += try Self.parse(text, file: path, extraConstants: extraConstants)
    }
    sha256 = SHA256.hex(hashed)
    var seen: [String: Claim] = [:]
    for claim in claims {
      if let first = seen[claim.id] {
        throw CatalogError(file: claim.file, line: claim.line, claim: claim.id, message: "duplicate id (first at \(first.file):\(first.line))")
      }
      seen[claim.id] = claim
    }
    self.claims = claims
  }

  /// Parses the claims of one file's text.
  public static func parse(_ text: String, file: String, extraConstants: [String] = []) throws -> [Claim] {
    let document: TOMLDocument
    do {
      document = try TOMLDocument(parsing: text)
    } catch let error as TOMLError {
      throw CatalogError(file: file, line: error.line, message: error.message)
    }
    let unknownArrays = Set(document.arrays.keys).subtracting(["claim"])
    if let name = unknownArrays.sorted().first {
      throw CatalogError(file: file, line: document.arrays[name]![0].line, message: "unknown section [[\(name)]]")
    }
    return try (document.arrays["claim"] ?? []).map { try parseClaim($0, file: file, extraConstants: extraConstants) }
  }

  static let knownKeys: Set<String> = ["id", "title", "setting", "source", "reference", "assumes", "claim", "constants", "notes", "kind", "given", "trivial"]

  /// `kind`: theorem (the default) or self-check.
  static func parseKind(_ fields: TOMLFields) throws -> ClaimKind {
    guard fields.table["kind"] != nil else { return .theorem }
    guard let kind = ClaimKind(rawValue: try fields.requiredString("kind")) else {
      throw fields.fail("kind", "kind must be theorem or self-check")
    }
    return kind
  }

  /// `given = ["C0 = 1", …]`: named exact constants, none a quantity or a free constant.
  static func parseGiven(_ fields: TOMLFields, constants: [String]) throws -> [String: Rational] {
    var given: [String: Rational] = [:]
    for entry in try fields.strings("given") {
      let parts = entry.split(separator: "=", maxSplits: 1).map { String($0.filter { !$0.isWhitespace }) }
      guard parts.count == 2, Condition.isName(parts[0]), !QuantityDefinitions.isKnown(parts[0], in: .any),
            !constants.contains(parts[0]), given[parts[0]] == nil, let value = try? Rational(parsing: parts[1]) else {
        throw fields.fail("given", "'\(entry)' is not NAME = exact number, with a NAME that is no quantity, constant or earlier given")
      }
      given[parts[0]] = value
    }
    return given
  }

  /// `trivial`: the bound's uninformative value, for a fitted `measured <= bound`.
  static func parseTrivial(_ fields: TOMLFields, statement: Condition, constants: [String], given: [String: Rational],
                           setting: ClaimSetting) throws -> Bounds.Expression? {
    guard fields.table["trivial"] != nil else { return nil }
    let text = try fields.requiredString("trivial")
    guard case .relation(let relation) = statement, [.lessOrEqual, .less].contains(relation.op), !constants.isEmpty else {
      throw fields.fail("trivial", "a trivial bound needs a free constant and a statement 'measured <= bound'")
    }
    guard let parsed = try? Bounds.Expression(parsing: text),
          parsed.names.allSatisfy({ QuantityDefinitions.isKnown($0, in: setting) || given[$0] != nil }) else {
      throw fields.fail("trivial", "'\(text)' is not an expression over the quantities")
    }
    return parsed
  }

  /// `extraConstants` (from `--fit-constant`) become free constants of the
  /// claims that use them.
  static func parseClaim(_ table: TOMLTable, file: String, extraConstants: [String] = []) throws -> Claim {
    var fields = TOMLFields(table, file: file)
    func fail(_ key: String?, _ message: String) -> CatalogError { fields.fail(key, message) }
    func string(_ key: String) throws -> String { try fields.requiredString(key) }
    func strings(_ key: String) throws -> [String] { try fields.strings(key) }
    fields.claim = try string("id")
    let id = fields.claim
    try fields.checkKeys(knownKeys)
    guard let setting = ClaimSetting(rawValue: try string("setting")) else {
      throw fail("setting", "setting must be one of \(ClaimSetting.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard let source = Provenance(rawValue: try string("source")) else {
      throw fail("source", "source must be verbatim, paraphrased or reconstructed")
    }
    let kind = try parseKind(fields)
    var constants = try strings("constants")
    guard kind == .theorem || constants.isEmpty else { throw fail("kind", "a self-check has no free constant") }
    let given = try parseGiven(fields, constants: constants)
    for name in extraConstants where !constants.contains(name) && !QuantityDefinitions.isKnown(name, in: .any) {
      let texts = [table["claim"]] + ((table["assumes"]).map { v -> [TOMLValue?] in
        if case .array(let items) = v { return items.map { Optional($0) } } else { return [] }
      } ?? [])
      let mentions = texts.contains { value in
        if case .string(let t)? = value { return (try? Condition(parsing: t))?.names.contains(name) == true }
        return false
      }
      if mentions { constants.append(name) }
    }
    guard constants.count <= 1 else { throw fail("constants", "at most one free constant per claim") }
    func condition(_ text: String, key: String) throws -> Condition {
      let parsed: Condition
      do {
        parsed = try Condition(parsing: text)
      } catch {
        throw fail(key, "in '\(text)': \(error)")
      }
      for name in parsed.names where !constants.contains(name) && given[name] == nil {
        guard QuantityDefinitions.isKnown(name, in: setting) || name == "pi" else {
          throw fail(key, "unknown quantity '\(name)' in '\(text)'")
        }
        let kind = QuantityDefinitions.definition(of: name)?.kind
        if case .flag = parsed, kind != .boolean, name != "pi" {
          throw fail(key, "'\(name)' is not a boolean quantity; write a comparison")
        }
        if case .relation = parsed, kind == .vector {
          throw fail(key, "'\(name)' is a vector; claims compare scalars")
        }
      }
      return parsed
    }
    let statementText = try string("claim")
    let assumed = try strings("assumes").map { try condition($0, key: "assumes") }
    let statement = try condition(statementText, key: "claim")
    // A claim about the one forgotten point must say so, so a forget set makes it VACUOUS, not undefined.
    let read = Set(assumed.flatMap(\.names) + statement.names)
    if let name = read.sorted().first(where: { QuantityDefinitions.singlePoint.contains($0) }),
       assumed.first?.description != "forget_size == 1" {
      throw fail("assumes", "'\(name)' is defined when one point is forgotten: make \"forget_size == 1\" the first hypothesis")
    }
    let trivial = try parseTrivial(fields, statement: statement, constants: constants, given: given, setting: setting)
    let notes: String?
    if case .string(let s)? = table["notes"] { notes = s } else { notes = nil }
    var claim = Claim(
      id: id!, title: try string("title"), setting: setting, source: source, reference: try string("reference"),
      assumes: assumed, statement: statement,
      constants: constants, notes: notes, file: file, line: table.line)
    (claim.kind, claim.given, claim.trivial) = (kind, given, trivial)
    return claim
  }
}
