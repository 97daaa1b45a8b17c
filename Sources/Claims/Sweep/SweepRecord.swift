//===--- SweepRecord.swift ------------------------------------------------===//
// One JSON line per instance and claim; the file is appended as the sweep
// goes, so an interrupted sweep resumes where it stopped.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats
import Foundation
import Unlearning

/// The outcome of one claim on one sweep instance.
public struct SweepRecord: Sendable {
  public var instance: String
  public var parameters: [String: String]
  public var claim: String
  public var verdict: Verdict
  public var measured: Value?
  public var bound: Value?
  public var reason: String?
  public var precision: Int?
  /// For a claim with a free constant: the per-instance fit [lo, hi].
  public var fit: (lo: Rational, hi: Rational)?

  public var json: JSON {
    var members: [JSON.Member] = [
      .init("instance", .string(instance)),
      .init("params", .object(parameters.keys.sorted().map { JSON.Member($0, .string(parameters[$0]!)) })),
      .init("claim", .string(claim)), .init("verdict", .string(verdict.rawValue)),
      .init("measured", measured.map(JSON.enclosure) ?? .null), .init("bound", bound.map(JSON.enclosure) ?? .null),
    ]
    if let reason { members.append(.init("reason", .string(reason))) }
    if let precision { members.append(.init("precision", .integer(precision))) }
    if let fit { members.append(.init("fit", .object([.init("lo", .string(fit.lo.description)), .init("hi", .string(fit.hi.description))]))) }
    return .object(members)
  }

  /// The line marking an instance complete, with the tool version and the
  /// catalog hash that produced its records (so a directory resumed by
  /// another build, or merged with one, says so).
  public static func doneLine(_ instance: String, catalogSHA256: String?) -> String {
    JSON.object([.init("instance", .string(instance)), .init("done", .bool(true)),
                 .init("tool_version", .string(ToolVersion.string)),
                 .init("catalog_sha256", catalogSHA256.map(JSON.string) ?? .null)]).rendered(pretty: false)
  }

  /// Reads a value written as `{"lo": "p/q", "hi": "p/q", …}`.
  static func value(_ object: Any?) -> Value? {
    guard let o = object as? [String: Any], let lo = (o["lo"] as? String).flatMap({ try? Rational(parsing: $0) }),
          let hi = (o["hi"] as? String).flatMap({ try? Rational(parsing: $0) }) else { return nil }
    if lo == hi { return .exact(lo) }
    guard let a = Dyadic(exactly: lo), let b = Dyadic(exactly: hi), let interval = try? Interval(lo: a, hi: b) else { return nil }
    return .enclosure(interval)
  }

  /// Parses one record line; nil for a `done` line or a damaged line.
  public init?(line: String) {
    guard let data = line.data(using: .utf8), let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
          let instance = o["instance"] as? String, let claim = o["claim"] as? String,
          let verdict = (o["verdict"] as? String).flatMap(Verdict.init(rawValue:)) else { return nil }
    self.instance = instance
    self.parameters = (o["params"] as? [String: String]) ?? [:]
    self.claim = claim
    self.verdict = verdict
    self.measured = Self.value(o["measured"])
    self.bound = Self.value(o["bound"])
    self.reason = o["reason"] as? String
    self.precision = o["precision"] as? Int
    if let f = o["fit"] as? [String: Any], let lo = (f["lo"] as? String).flatMap({ try? Rational(parsing: $0) }),
       let hi = (f["hi"] as? String).flatMap({ try? Rational(parsing: $0) }) {
      self.fit = (lo, hi)
    }
  }

  public init(instance: String, parameters: [String: String], claim: String, verdict: Verdict, measured: Value?, bound: Value?,
              reason: String?, precision: Int?, fit: (lo: Rational, hi: Rational)?) {
    self.instance = instance
    self.parameters = parameters
    self.claim = claim
    self.verdict = verdict
    self.measured = measured
    self.bound = bound
    self.reason = reason
    self.precision = precision
    self.fit = fit
  }
}

/// The records of a sweep directory (`records.jsonl`), keeping only the
/// instances marked done (a crash mid-instance leaves it to be redone), each
/// (instance, claim) once.
///
/// The file is read as bytes, one line at a time: a CRLF ending is accepted,
/// a torn *last* line (an interrupted write) is skipped with a warning, and
/// any other line that is not a record is an error naming the file and line.
public struct SweepLog: Sendable {
  public var records: [SweepRecord]
  public var completed: Set<String>
  /// Lines skipped, for standard error.
  public var warnings: [String]
  /// Each completed instance's producer: "unlearning-check V, catalog sha256 H"
  /// ("unknown" for lines written before the done line carried them).
  public var producers: [String: String]

  /// - Throws: ``UnlearningError/badFile(_:_:)`` for a line that is not a record.
  public init(directory: String) throws {
    let path = (directory as NSString).appendingPathComponent("records.jsonl")
    records = []
    completed = []
    warnings = []
    producers = [:]
    guard FileManager.default.fileExists(atPath: path) else { return }
    guard let data = FileManager.default.contents(atPath: path) else { throw UnlearningError.badFile(path, "cannot be read") }
    let bytes = [UInt8](data)
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    let terminated = bytes.last == 0x0A
    if terminated { lines.removeLast() }
    var done = Set<String>(), all: [SweepRecord] = []
    for (k, raw) in lines.enumerated() {
      var line = raw
      if line.last == 0x0D { line = line.dropLast() }
      if line.isEmpty { continue }
      let text = String(bytes: line, encoding: .utf8)
      if let text, text.contains("\"done\":true"), let data = text.data(using: .utf8),
         let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let name = o["instance"] as? String {
        done.insert(name)
        producers[name] = Self.producer(tool: o["tool_version"] as? String, catalog: o["catalog_sha256"] as? String)
      } else if let text, let record = SweepRecord(line: text) {
        all.append(record)
      } else if k == lines.count - 1 && !terminated {
        warnings.append("\(path): line \(k + 1) is torn (an interrupted write) and was skipped")
      } else {
        throw UnlearningError.badFile(path, "line \(k + 1) is not a sweep record")
      }
    }
    completed = done
    var seen = Set<String>()
    records = all.filter { done.contains($0.instance) && seen.insert($0.instance + "\u{0}" + $0.claim).inserted }
  }

  /// The provenance line of a record's producer.
  public static func producer(tool: String?, catalog: String?) -> String {
    "unlearning-check \(tool ?? "unknown"), catalog sha256 \(catalog ?? "unknown")"
  }

  /// A warning when the records came from more than one tool version or
  /// catalog (`current` is this run's producer, if it adds records).
  public static func mixedProducers(_ producers: [String: String], current: String? = nil) -> String? {
    var counts: [String: Int] = [:]
    for p in producers.values { counts[p, default: 0] += 1 }
    if let current, counts[current] == nil, !counts.isEmpty { counts[current] = 0 }
    guard counts.count > 1 else { return nil }
    let list = counts.keys.sorted().map { "\($0) (\(counts[$0]!) instance\(counts[$0]! == 1 ? "" : "s"))" }
    return "the records come from more than one tool version or catalog: " + list.joined(separator: "; ")
  }

  /// One row per instance and claim: the parameters, the verdict, the two
  /// sides as decimal approximations (display only), and the reason.
  public static func csvSummary(_ records: [SweepRecord]) -> String {
    let keys = Array(Set(records.flatMap(\.parameters.keys))).sorted()
    func cell(_ s: String) -> String { s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
    var lines = [(["instance"] + keys + ["claim", "verdict", "measured_approx", "bound_approx", "reason"]).joined(separator: ",")]
    for r in records.sorted(by: { ($0.instance, $0.claim) < ($1.instance, $1.claim) }) {
      let row = [r.instance] + keys.map { r.parameters[$0] ?? "" }
        + [r.claim, r.verdict.rawValue, r.measured.map { "\($0.approximation)" } ?? "", r.bound.map { "\($0.approximation)" } ?? "", r.reason ?? ""]
      lines.append(row.map(cell).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The records of several sweep directories, each (instance, claim) once.
  public static func merged(_ directories: [String]) throws -> (records: [SweepRecord], warnings: [String]) {
    var seen = Set<String>(), records: [SweepRecord] = [], warnings: [String] = [], producers: [String: String] = [:]
    for directory in directories {
      let log = try SweepLog(directory: directory)
      warnings += log.warnings
      records += log.records.filter { seen.insert($0.instance + "\u{0}" + $0.claim).inserted }
      for (name, p) in log.producers where producers[name] == nil { producers[name] = p }
    }
    if let mixed = mixedProducers(producers) { warnings.append(mixed) }
    return (records, warnings)
  }

  /// The report over sweep records, for `sweep` and `merge` alike: the
  /// claims that have records, with every record counted once.
  public static func evaluation(of records: [SweepRecord], catalog: Catalog, suite: String) -> Evaluation {
    var seen = Set<String>()
    let unique = records.filter { seen.insert($0.instance + "\u{0}" + $0.claim).inserted }
    let ids = Set(unique.map(\.claim))
    return Evaluation(records: unique, catalog: Catalog(claims: catalog.claims.filter { ids.contains($0.id) }, sha256: catalog.sha256), suite: suite)
  }
}
