//===--- Interval+Comparison.swift ----------------------------------------===//
// Three-valued comparisons of enclosed values: true, false, or undecided (nil).
//===----------------------------------------------------------------------===//

extension Interval {
  /// Whether every x in self is < every y in other: `true` when hi < other.lo,
  /// `false` when lo ≥ other.hi, `nil` (undecided) otherwise.
  public func certainlyLess(than other: Interval) -> Bool? {
    if hi < other.lo { return true }
    if lo >= other.hi { return false }
    return nil
  }

  /// Whether x ≤ y for all enclosed x, y: `true` when hi ≤ other.lo,
  /// `false` when lo > other.hi, `nil` otherwise.
  public func certainlyLessOrEqual(to other: Interval) -> Bool? {
    if hi <= other.lo { return true }
    if lo > other.hi { return false }
    return nil
  }

  /// Whether x = y: `true` only when both are the same point, `false` when
  /// disjoint, `nil` when they overlap otherwise. Never "overlaps means equal".
  public func certainlyEqual(to other: Interval) -> Bool? {
    if isPoint && other.isPoint && lo == other.lo { return true }
    if hi < other.lo || other.hi < lo { return false }
    return nil
  }
}
