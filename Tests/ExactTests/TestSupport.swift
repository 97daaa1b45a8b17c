// Helpers shared by the Exact tests.

import Exact
import Testing

/// p/q from machine integers (q ≠ 0).
func q(_ p: Int, _ d: Int = 1) -> Rational { try! Rational(p, d) }

/// A rational from a string that must parse.
func r(_ text: String) -> Rational { try! Rational(parsing: text) }

/// A rational with a numerator well beyond 64 bits: (hi·2^64 + lo) / den.
func wide(_ hi: Int, _ lo: Int, _ den: Int) -> Rational {
  let num = (BigInt(hi) << 64) + BigInt(lo)
  return try! Rational(num, BigInt(den == 0 ? 1 : den))
}

/// A deterministic generator (SplitMix64) for tests that need many values.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
