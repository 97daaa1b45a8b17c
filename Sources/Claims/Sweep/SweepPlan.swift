//===--- SweepPlan.swift --------------------------------------------------===//
// The instances of a sweep: every combination of the varied parameters and
// seeds, in a fixed order, sliced deterministically into shards.
//===----------------------------------------------------------------------===//

import Exact
import Formats
import Unlearning

/// One point of a sweep: the parameter values that define an instance.
public struct SweepPoint: Sendable, Hashable {
  /// Parameter name → exact value, e.g. ["n": "10", "d": "1000", "seed": "3"].
  public var parameters: [String: String]
  /// The parameter names in display order.
  public var order: [String]

  /// A stable, unique name: `n=10,d=1000,seed=3`.
  public var name: String { order.map { "\($0)=\(parameters[$0]!)" }.joined(separator: ",") }
}

/// The grid of a sweep.
public struct SweepPlan: Sendable {
  /// The parameters that may be varied (instance parameters of the generators and settings).
  public static let variable: Set<String> = ["n", "d", "mu_norm", "label_noise", "correlation", "gamma", "width", "step_scale", "forget", "forget_size", "grid_bits"]

  public var base: [String: String]
  /// (name, values) in the order given; the last varies fastest.
  public var varied: [(name: String, values: [String])]
  public var seeds: [UInt64]

  public init(base: [String: String], varied: [(name: String, values: [String])], seeds: [UInt64]) throws {
    for (name, values) in varied {
      guard Self.variable.contains(name) else {
        throw UnlearningError.badParameter("--vary \(name): not a sweep parameter (use one of \(Self.variable.sorted().joined(separator: ", ")))")
      }
      guard !values.isEmpty else { throw UnlearningError.badParameter("--vary \(name) has no values") }
      if values.contains("") { throw UnlearningError.badParameter("--vary \(name) has an empty value") }
      for v in values where (try? Rational(parsing: v)) == nil {
        throw UnlearningError.badParameter("--vary \(name): '\(v)' is not an exact number")
      }
    }
    guard !seeds.isEmpty else { throw UnlearningError.badParameter("--seeds is empty") }
    self.base = base
    self.varied = varied
    self.seeds = seeds
  }

  /// Every point, in order.
  public var points: [SweepPoint] {
    var combos: [[(String, String)]] = [[]]
    for (name, values) in varied {
      combos = combos.flatMap { prefix in values.map { prefix + [(name, $0)] } }
    }
    let order = varied.map(\.name) + ["seed"]
    return combos.flatMap { combo in
      seeds.map { seed in
        var parameters = base
        for (k, v) in combo { parameters[k] = v }
        parameters["seed"] = String(seed)
        return SweepPoint(parameters: parameters, order: order)
      }
    }
  }

  /// The k-th of N deterministic slices (k is 1-based): every N-th point.
  public func shard(_ k: Int, of count: Int) -> [SweepPoint] {
    points.enumerated().filter { $0.offset % count == k - 1 }.map(\.element)
  }

  /// Parses `1..20` or `1,2,5`.
  public static func parseSeeds(_ text: String) throws -> [UInt64] {
    if let range = text.range(of: "..") {
      guard let lo = UInt64(text[..<range.lowerBound]), let hi = UInt64(text[range.upperBound...]), lo <= hi, hi - lo < 1_000_000 else {
        throw UnlearningError.badParameter("--seeds '\(text)': expected a..b with a ≤ b")
      }
      return Array(lo...hi)
    }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { UInt64($0.trimmingCharacters()) }
    guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { throw UnlearningError.badParameter("--seeds '\(text)': expected a..b or a list") }
    return parts.map { $0! }
  }
}

extension Substring {
  func trimmingCharacters() -> String { String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }
}
