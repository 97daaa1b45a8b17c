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

  /// The line marking an instance complete.
  public static func doneLine(_ instance: String) -> String {
    JSON.object([.init("instance", .string(instance)), .init("done", .bool(true))]).rendered(pretty: false)
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
/// instances marked done (a crash mid-instance leaves it to be redone).
public struct SweepLog: Sendable {
  public var records: [SweepRecord]
  public var completed: Set<String>

  public init(directory: String) {
    let path = (directory as NSString).appendingPathComponent("records.jsonl")
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      records = []
      completed = []
      return
    }
    var done = Set<String>(), all: [SweepRecord] = []
    for line in text.split(separator: "\n") {
      if line.contains("\"done\":true"), let data = line.data(using: .utf8),
         let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let name = o["instance"] as? String {
        done.insert(name)
      } else if let record = SweepRecord(line: String(line)) {
        all.append(record)
      }
    }
    completed = done
    records = all.filter { done.contains($0.instance) }
  }
}
