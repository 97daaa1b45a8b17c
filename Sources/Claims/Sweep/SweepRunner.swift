//===--- SweepRunner.swift ------------------------------------------------===//
// Runs a sweep: every point, every selected claim, records appended as it goes.
//===----------------------------------------------------------------------===//

import Bounds
import Dispatch
import Exact
import Formats
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Unlearning

/// Runs the instances of a sweep and appends their records to
/// `DIR/records.jsonl`, skipping instances already marked done there.
public struct SweepRunner: Sendable {
  public var evaluator: Evaluator
  /// Builds the instance spec of a point.
  public var spec: @Sendable (SweepPoint) throws -> InstanceSpec
  public var directory: String
  /// Where to write each evaluated instance's certificate, if anywhere.
  public var certificateDirectory: String?

  /// Lines of the existing records skipped when the last run read them.
  public private(set) var warnings: [String] = []

  public init(evaluator: Evaluator, directory: String, spec: @escaping @Sendable (SweepPoint) throws -> InstanceSpec) {
    self.evaluator = evaluator
    self.directory = directory
    self.spec = spec
  }

  /// Evaluates the pending points on all cores and returns every record of
  /// the directory (old and new) for the given points.
  /// `progress(done, total, elapsedSeconds)` is called after each instance.
  public mutating func run(_ points: [SweepPoint], progress: (@Sendable (Int, Int, Double) -> Void)? = nil) throws -> [SweepRecord] {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = (directory as NSString).appendingPathComponent("records.jsonl")
    // One sweep at a time per directory: a second one would interleave its lines with ours.
    let lockPath = (directory as NSString).appendingPathComponent(".lock")
    let lock = open(lockPath, O_RDWR | O_CREAT, 0o644)
    guard lock >= 0 else { throw FormatError.cannotWrite(lockPath, String(cString: strerror(errno))) }
    defer { close(lock) }
    guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
      throw UnlearningError.badFile(directory, "another sweep is writing to this directory (its lock is held)")
    }
    let existing = try SweepLog(directory: directory)
    warnings = existing.warnings
    let pending = points.filter { !existing.completed.contains($0.name) }
    let current = SweepLog.producer(tool: ToolVersion.string, catalog: evaluator.catalog.sha256)
    if !pending.isEmpty, let mixed = SweepLog.mixedProducers(existing.producers, current: current) {
      warnings.append("resuming \(directory): " + mixed + "; this run is " + current)
    }
    // Opening cuts a torn last line (already reported by the log), so the file again ends with a whole line.
    // The first failed append stops the sweep: the records before it are kept, the rest are not computed.
    let writer = Mutex<(file: AppendingFile, failure: FormatError?)>((try AppendingFile(path: path), nil))
    let done = Atomic<Int>(points.count - pending.count)
    let start = Date()
    let total = points.count
    let evaluator = self.evaluator, spec = self.spec, catalogSHA256 = self.evaluator.catalog.sha256
    let certificates = certificateDirectory
    let certificateWarnings = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: pending.count) { k in
      let point = pending[k]
      guard writer.withLock({ $0.failure == nil }) else { return }
      let (records, warning) = Self.records(for: point, evaluator: evaluator, spec: spec, certificates: certificates)
      if let warning { certificateWarnings.withLock { $0.append(warning) } }
      let lines = records.map { $0.json.rendered(pretty: false) }
      let text = (lines + [SweepRecord.doneLine(point.name, catalogSHA256: catalogSHA256)]).joined(separator: "\n") + "\n"
      let appended = writer.withLock { state -> Bool in
        guard state.failure == nil else { return false }
        do {
          try state.file.append(Data(text.utf8))
          return true
        } catch {
          state.failure = error as? FormatError ?? .cannotWrite(path, "\(error)")
          return false
        }
      }
      guard appended else { return }
      let finished = done.add(1, ordering: .relaxed).newValue
      progress?(finished, total, Date().timeIntervalSince(start))
    }
    if let failure = writer.withLock({ $0.failure }) { throw failure }
    try writer.withLock { try $0.file.close() }
    warnings += certificateWarnings.withLock { $0 }.sorted()
    let names = Set(points.map(\.name))
    return try SweepLog(directory: directory).records.filter { names.contains($0.instance) }
  }

  /// The records of one point: one per applicable claim (ERROR for every
  /// applicable claim when the instance cannot be built), and when
  /// `certificates` is a directory, the instance's certificate written there
  /// (a line for standard error when it cannot be).
  static func records(for point: SweepPoint, evaluator: Evaluator, spec: (SweepPoint) throws -> InstanceSpec,
                      certificates: String? = nil) -> (records: [SweepRecord], warning: String?) {
    func record(_ claim: String, _ v: InstanceVerdict, fit: (Rational, Rational)? = nil) -> SweepRecord {
      SweepRecord(instance: point.name, parameters: point.parameters, claim: claim, verdict: v.verdict, measured: v.measured,
                  bound: v.bound, reason: v.reason, precision: v.precision, fit: fit)
    }
    let instanceSpec: InstanceSpec
    let analysis: any InstanceAnalysis
    do {
      instanceSpec = try spec(point)
      analysis = try instanceSpec.analyse()
    } catch {
      return (evaluator.catalog.claims.map {
        record($0.id, InstanceVerdict(instance: point.name, verdict: .error, reason: "instance could not be analysed: \(error)"))
      }, nil)
    }
    let table = try? analysis.quantities(policy: evaluator.policy)
    let evaluations = evaluator.evaluate(analysis, named: point.name, table: table)
    var warning: String? = nil
    if let certificates {
      do {
        guard let table else { throw EnclosureError.undecided("the quantity table up to \(evaluator.policy.cap) bits") }
        try Certificate(analysis: analysis, name: point.name, command: instanceSpec.commandLine, claims: evaluations, table: table,
                        catalogSHA256: evaluator.catalog.sha256).write(to: certificates)
      } catch {
        warning = "no certificate for \(point.name): \(error)"
      }
    }
    return (evaluations.compactMap { evaluation in
      guard let result = evaluation.results.first else { return nil }
      return record(evaluation.claim.id, result, fit: evaluation.fit.map { ($0.lower, $0.upper) })
    }, warning)
  }
}

extension Evaluation {
  /// The report over sweep records: per claim, its instances' verdicts, and
  /// for a claim with a free constant the largest per-instance fit (the
  /// smallest constant consistent with every instance) and where it binds.
  public init(records: [SweepRecord], catalog: Catalog, suite: String) {
    var byClaim: [String: [SweepRecord]] = [:]
    for r in records { byClaim[r.claim, default: []].append(r) }
    let claims = catalog.claims.map { claim -> ClaimEvaluation in
      let rs = (byClaim[claim.id] ?? []).sorted { $0.instance < $1.instance }
      var evaluation = ClaimEvaluation(claim: claim, results: rs.map {
        InstanceVerdict(instance: $0.instance, verdict: $0.verdict, measured: $0.measured, bound: $0.bound, reason: $0.reason, precision: $0.precision)
      })
      if let name = claim.constants.first {
        let fits = rs.compactMap { r in r.fit.map { (r.instance, $0) } }.filter { !$0.1.hi.isZero }
        if let binding = fits.max(by: { $0.1.hi < $1.1.hi }) {
          evaluation.fit = ConstantFit(name: name, lower: fits.map(\.1.lo).max()!, upper: binding.1.hi, instance: binding.0)
        } else if !rs.isEmpty {
          evaluation.fit = ConstantFit(name: name, lower: Rational(), upper: Rational(), instance: nil)
        }
      }
      return evaluation
    }
    self.init(suite: suite, claims: claims, catalogSHA256: catalog.sha256)
  }
}
