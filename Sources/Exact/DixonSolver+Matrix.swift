//===--- DixonSolver+Matrix.swift -----------------------------------------===//
// The integer matrix of a lifting: words, or words of 60-bit chunks.
//===----------------------------------------------------------------------===//

import CGMP

/// A_Z as the lifting uses it: A = Σ_t 2^(60t) A_t with word matrices A_t
/// whose entries lie in (−2^60, 2^60). Data on a grid give one chunk (A
/// itself); raw float64 data give Gram entries of ~120 bits and two or
/// three chunks, so every product A·x still runs in 128-bit words instead
/// of falling back to elimination over growing integers.
struct LiftingMatrix: Sendable {
  static let chunkBits = 60

  let n: Int
  /// chunks[t] is A_t, row-major.
  let chunks: [[Int]]
  /// The entries themselves, when they are not all words (for the certificate).
  let big: [BigInt]?

  /// A matrix of word entries (one chunk).
  init(words a: [Int], n: Int) {
    self.n = n
    chunks = [a]
    big = nil
  }

  /// A matrix of arbitrary integers, cut into 60-bit signed chunks.
  init(_ a: [BigInt], n: Int) {
    self.n = n
    let count = Swift.max(1, ((a.map(\.bitLength).max() ?? 0) + Self.chunkBits - 1) / Self.chunkBits)
    var chunks = [[Int]](repeating: [Int](repeating: 0, count: n * n), count: count)
    let mask = (BigInt(1) << Self.chunkBits) - BigInt(1)
    for (k, v) in a.enumerated() where !v.isZero {
      var rest = v.magnitude
      for t in 0..<count {
        let chunk = Self.and(rest, mask).exactInt!
        chunks[t][k] = v.signum < 0 ? -chunk : chunk
        rest = rest >> Self.chunkBits
      }
    }
    self.chunks = chunks
    big = a
  }

  var isWords: Bool { chunks.count == 1 }

  /// Entry (i, j) modulo p, in [0, p).
  func residue(_ k: Int, _ p: UInt64) -> UInt64 {
    let pi = Int(p)
    var r = 0
    var power = 1  // 2^(60t) mod p
    let base = Int((UInt64(1) << UInt64(Self.chunkBits)) % p)
    for chunk in chunks {
      let c = ((chunk[k] % pi) + pi) % pi
      r = (r + c * power) % pi
      power = power * base % pi
    }
    return UInt64(r)
  }

  /// Entry k as a double (for bounds and estimates).
  /// max_j of the bit length of |a_ij| (an exact integer bound: |a_ij| < 2^bits).
  func maximumBitLength(row i: Int) -> Int {
    (0..<n).map { j -> Int in
      let k = i * n + j
      if let big { return big[k].bitLength }
      let w = chunks[0][k].magnitude
      return UInt.bitWidth - w.leadingZeroBitCount
    }.max() ?? 0
  }

  func approximate(_ k: Int) -> Double {
    var value = 0.0
    for t in stride(from: chunks.count - 1, through: 0, by: -1) {
      value = value * Double(sign: .plus, exponent: Self.chunkBits, significand: 1) + Double(chunks[t][k])
    }
    return value
  }

  private static func and(_ a: BigInt, _ b: BigInt) -> BigInt {
    let result = BigInt()
    __gmpz_and(result.pointer, a.pointer, b.pointer)
    return result
  }
}
