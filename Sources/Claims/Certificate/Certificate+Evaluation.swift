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
  ///   undecided up to the policy's cap).
  public static func all(for evaluation: Evaluation, analyses: [String: AnalysedInstance], policy: PrecisionPolicy)
    -> (certificates: [Certificate], skipped: [String]) {
    let names = analyses.keys.sorted()
    let made = Mutex<[String: Certificate]>([:]), skipped = Mutex<[String: String]>([:])
    DispatchQueue.concurrentPerform(iterations: names.count) { k in
      let name = names[k], analysed = analyses[name]!
      do {
        let table = try analysed.quantities(policy: policy)
        let certificate = try Certificate(analysis: analysed.analysis, name: name, command: evaluation.commands[name] ?? "", claims: evaluation.claims,
                                          table: table, catalogSHA256: evaluation.catalogSHA256)
        made.withLock { $0[name] = certificate }
      } catch {
        skipped.withLock { $0[name] = "no certificate for \(name): \(error)" }
      }
    }
    let certificates = made.withLock { $0 }, lines = skipped.withLock { $0 }
    return (names.compactMap { certificates[$0] }, names.compactMap { lines[$0] })
  }
}
