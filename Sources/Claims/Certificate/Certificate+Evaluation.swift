//===--- Certificate+Evaluation.swift -------------------------------------===//
// The certificates of every instance an evaluation built.
//===----------------------------------------------------------------------===//

import Bounds
import Dispatch
import Foundation
import Synchronization
import Unlearning

extension Certificate {
  /// The certificate of each analysed instance of an evaluation, with the
  /// verdicts the evaluation gave there (instances in parallel).
  ///
  /// - Returns: the certificates, by instance name, and one line per
  ///   instance that has none (no start to certify, or a quantity table
  ///   undecided up to `cap` bits).
  public static func all(for evaluation: Evaluation, analyses: [String: any InstanceAnalysis], precision: Int, cap: Int = 4096)
    -> (certificates: [Certificate], skipped: [String]) {
    let names = analyses.keys.sorted()
    let made = Mutex<[String: Certificate]>([:]), skipped = Mutex<[String: String]>([:])
    DispatchQueue.concurrentPerform(iterations: names.count) { k in
      let name = names[k], analysis = analyses[name]!
      do {
        let table = try quantities(analysis, precision: precision, cap: cap)
        let certificate = try Certificate(analysis: analysis, name: name, command: evaluation.commands[name] ?? "", claims: evaluation.claims,
                                          table: table, catalogSHA256: evaluation.catalogSHA256)
        made.withLock { $0[name] = certificate }
      } catch {
        skipped.withLock { $0[name] = "no certificate for \(name): \(error)" }
      }
    }
    let certificates = made.withLock { $0 }, lines = skipped.withLock { $0 }
    return (names.compactMap { certificates[$0] }, names.compactMap { lines[$0] })
  }

  /// The quantity table at the first precision from `precision` (doubling
  /// up to `cap`) at which every enclosure it needs is decided.
  public static func quantities(_ analysis: any InstanceAnalysis, precision: Int, cap: Int = 4096) throws -> QuantityTable {
    var p = precision
    while true {
      do {
        return try analysis.quantities(precision: p)
      } catch EnclosureError.undecided where p < cap {
        p = min(2 * p, cap)
      }
    }
  }
}
