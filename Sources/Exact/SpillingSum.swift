//===--- SpillingSum.swift ------------------------------------------------===//
// A sum of Int128 terms kept in 128 bits until it would overflow.
//===----------------------------------------------------------------------===//

/// Σ of `Int128` terms, exactly: a 128-bit partial sum, moved into a GMP
/// total just before an addition would overflow it, so a long sum of small
/// terms costs one GMP addition per overflow instead of one per term.
struct SpillingSum {
  private var total = BigInt()
  private var partial: Int128 = 0

  @inline(__always)
  mutating func add(_ term: Int128) {
    let (next, overflow) = partial.addingReportingOverflow(term)
    if overflow {
      total += BigInt(partial)
      partial = term
    } else {
      partial = next
    }
  }

  /// The exact sum so far.
  var value: BigInt { total + BigInt(partial) }
}
