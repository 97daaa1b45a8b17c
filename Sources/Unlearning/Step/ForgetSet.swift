//===--- ForgetSet.swift --------------------------------------------------===//
// The points to forget: one index r, or a set F forgotten in one step.
//===----------------------------------------------------------------------===//

import Formats

/// A forget set F ⊂ {0, …, n−1}: sorted, distinct, and leaving at least one
/// point retained.
public enum ForgetSet {
  /// F sorted, after checking it against n points.
  ///
  /// - Throws: ``UnlearningError`` for an empty set, a repeated or
  ///   out-of-range index, or a set that forgets every point.
  public static func validated(_ indices: [Int], points n: Int) throws -> [Int] {
    guard !indices.isEmpty else { throw UnlearningError.badParameter("the forget set is empty") }
    if let bad = indices.first(where: { !(0..<n).contains($0) }) { throw UnlearningError.forgetOutOfRange(bad, points: n) }
    let sorted = indices.sorted()
    if let repeated = zip(sorted, sorted.dropFirst()).first(where: { $0 == $1 }) {
      throw UnlearningError.badParameter("the forget set names point \(repeated.0) twice")
    }
    guard sorted.count < n else { throw UnlearningError.badParameter("the forget set holds all \(n) points: nothing is retained") }
    return sorted
  }

  /// k distinct points of n drawn from a seeded stream (a partial
  /// Fisher–Yates shuffle), sorted: the same set for the same (k, n, seed).
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` unless 1 ≤ k < n.
  public static func random(size k: Int, points n: Int, seed: UInt64) throws -> [Int] {
    guard k >= 1, k < n else { throw UnlearningError.badParameter("a random forget set needs 1 ≤ size < n, got size \(k) of \(n) points") }
    // An independent stream: the data generator's seed, offset so the draw does not reuse its first numbers.
    var random = RandomSource(seed: seed ^ 0x466f_7267_6574_5365)
    var order = Array(0..<n)
    for t in 0..<k { order.swapAt(t, t + Int(random.next() % UInt64(n - t))) }
    return Array(order[0..<k]).sorted()
  }

  /// Parses "3" or "0,3,7".
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` naming the bad entry.
  public static func parse(_ text: String) throws -> [Int] {
    let items = text.split(separator: ",", omittingEmptySubsequences: false)
    guard items.count <= 100_000 else { throw UnlearningError.badParameter("the forget set lists \(items.count) indices; at most 100000") }
    return try items.map { item in
      let word = item.trimmingCharacters(in: " ")
      guard let index = Int(word), index >= 0 else {
        throw UnlearningError.badParameter("the forget set '\(text)' has '\(word)', not a non-negative row index")
      }
      return index
    }
  }

  /// The set as the command line writes it: "3" or "0,3,7".
  public static func text(_ indices: [Int]) -> String { indices.map(String.init).joined(separator: ",") }

  /// "forget r = 3" or "forget F = {0, 3, 7} (3 points)", for text reports.
  public static func summary(_ indices: [Int]) -> String {
    indices.count == 1 ? "forget r = \(indices[0])" : "forget F = {\(indices.map(String.init).joined(separator: ", "))} (\(indices.count) points)"
  }

  /// `"forget": r` for one point (as before forget sets existed), `"forget": [r, …]` for a set.
  public static func jsonMember(_ indices: [Int]) -> JSON.Member {
    indices.count == 1 ? .init("forget", .integer(indices[0])) : .init("forget", .array(indices.map { .integer($0) }))
  }
}

private extension Substring {
  func trimmingCharacters(in character: Character) -> String {
    String(drop(while: { $0 == character }).reversed().drop(while: { $0 == character }).reversed())
  }
}
