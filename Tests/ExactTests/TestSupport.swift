// Helpers shared by the Exact tests.

import Exact
@_exported import TestSupport
import Testing

/// p/q from machine integers (q ≠ 0).
func q(_ p: Int, _ d: Int = 1) -> Rational { try! Rational(p, d) }


/// A rational with a numerator well beyond 64 bits: (hi·2^64 + lo) / den.
func wide(_ hi: Int, _ lo: Int, _ den: Int) -> Rational {
  let num = (BigInt(hi) << 64) + BigInt(lo)
  return try! Rational(num, BigInt(den == 0 ? 1 : den))
}
