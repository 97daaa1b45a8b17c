//===--- DigitAccumulator.swift -------------------------------------------===//
// Σ w_i v_i for small words w_i and large integers v_i, without carries.
//===----------------------------------------------------------------------===//

import CGMP

/// Large integers cut into 32-bit digits (least significant first), each
/// padded to a common width, with their signs: the operand layout of
/// ``DigitAccumulator``.
struct DigitVectors: @unchecked Sendable {
  let count: Int
  let width: Int
  /// count × width digits of |v_i|, row by row.
  let digits: [UInt32]
  let negative: [Bool]

  init(_ values: [BigInt]) {
    let width = Swift.max(1, ((values.map(\.bitLength).max() ?? 0) + 31) / 32)
    var digits = [UInt32](repeating: 0, count: values.count * width)
    digits.withUnsafeMutableBufferPointer { buffer in
      for (i, v) in values.enumerated() where !v.isZero {
        var written = 0
        __gmpz_export(buffer.baseAddress! + i * width, &written, -1, 4, 0, 0, v.pointer)
      }
    }
    count = values.count
    self.width = width
    self.digits = digits
    negative = values.map { $0.signum < 0 }
  }
}

/// A running sum Σ_k w_k v_k of word multiples of large integers, kept as
/// one 64-bit lane per 32-bit digit position: each term adds |w|·digit
/// (< 2^32 · 2^32) to its lane, or subtracts it, in wrapping arithmetic.
///
/// Why exact: between flushes at most `capacity` terms are added, with
/// capacity · max|w| · (2^32 − 1) < 2^62, so every lane's true value lies in
/// (−2^62, 2^62) and its wrapped 64-bit pattern, read as `Int64`, is that
/// value. A flush normalizes the lanes (signed carries of 32 bits) into a
/// GMP integer. No carry chains in the inner loop, which is a plain
/// multiply-add over 32-bit digits that vectorizes (two 32×32→64 products
/// per SSE2 `pmuludq`), where GMP's `addmul_1` is serial in its carries.
struct DigitAccumulator {
  let width: Int
  let capacity: Int
  private var lanes: [UInt64]
  private var terms = 0
  private let total = MPZBuffer(count: 2)

  /// An accumulator for words |w| ≤ `largestWord`; `nil` when fewer than
  /// four terms would fit between flushes (|w| ≥ 2^28).
  init?(width: Int, largestWord: UInt) {
    guard largestWord < 1 << 28 else { return nil }
    self.width = width
    capacity = Int((UInt(1) << 62) / (Swift.max(largestWord, 1) * (UInt(1) << 32)))
    lanes = [UInt64](repeating: 0, count: width)
  }

  /// Adds w·v for row `row` of `vectors` (whose width must match).
  @inline(__always)
  mutating func add(_ w: Int, _ vectors: DigitVectors, row: Int) {
    if w == 0 { return }
    if terms == capacity { flush() }
    terms += 1
    let m = UInt64(UInt32(truncatingIfNeeded: w.magnitude))
    let subtract = (w < 0) != vectors.negative[row]
    let width = self.width
    vectors.digits.withUnsafeBufferPointer { d in
      lanes.withUnsafeMutableBufferPointer { lane in
        let v = d.baseAddress! + row * width, l = lane.baseAddress!
        if subtract {
          for t in 0..<width { l[t] &-= UInt64(v[t]) &* m }
        } else {
          for t in 0..<width { l[t] &+= UInt64(v[t]) &* m }
        }
      }
    }
  }

  /// Adds w₀v₀ + w₁v₁ + w₂v₂ + w₃v₃ for four rows of `vectors` in one sweep
  /// over the lanes (a quarter of the loads and stores of four `add`s).
  /// A term with w = 0 contributes nothing.
  @inline(__always)
  mutating func add(_ w: (Int, Int, Int, Int), _ vectors: DigitVectors, rows: (Int, Int, Int, Int)) {
    if terms + 4 > capacity { flush() }
    terms += 4
    // Term k is (|w_k|·v_k[t] ^ s_k) − s_k: negated in two's complement when s_k is all ones.
    func parts(_ w: Int, _ row: Int) -> (UInt64, UInt64) {
      (UInt64(UInt32(truncatingIfNeeded: w.magnitude)), (w < 0) != vectors.negative[row] ? UInt64.max : 0)
    }
    let (m0, s0) = parts(w.0, rows.0), (m1, s1) = parts(w.1, rows.1)
    let (m2, s2) = parts(w.2, rows.2), (m3, s3) = parts(w.3, rows.3)
    let width = self.width
    vectors.digits.withUnsafeBufferPointer { d in
      lanes.withUnsafeMutableBufferPointer { lane in
        let l = lane.baseAddress!
        let v0 = d.baseAddress! + rows.0 * width, v1 = d.baseAddress! + rows.1 * width
        let v2 = d.baseAddress! + rows.2 * width, v3 = d.baseAddress! + rows.3 * width
        for t in 0..<width {
          let a = ((UInt64(v0[t]) &* m0) ^ s0) &- s0, b = ((UInt64(v1[t]) &* m1) ^ s1) &- s1
          let c = ((UInt64(v2[t]) &* m2) ^ s2) &- s2, e = ((UInt64(v3[t]) &* m3) ^ s3) &- s3
          l[t] &+= (a &+ b) &+ (c &+ e)
        }
      }
    }
  }

  /// Moves the lanes into the GMP total and clears them.
  mutating func flush() {
    guard terms > 0 else { return }
    var digits = [UInt32](repeating: 0, count: width)
    var carry: Int64 = 0
    for t in 0..<width {
      let s = Int64(bitPattern: lanes[t]) + carry  // |lane| < 2^62, |carry| < 2^31
      digits[t] = UInt32(truncatingIfNeeded: s)
      carry = s >> 32
      lanes[t] = 0
    }
    let part = total[1]
    digits.withUnsafeBufferPointer { __gmpz_import(part, width, -1, 4, 0, 0, $0.baseAddress!) }
    __gmpz_add(total[0], total[0], part)
    if carry != 0 {
      // The rest is carry·2^(32·width), of either sign.
      __gmpz_set_si(part, Int(carry))
      __gmpz_mul_2exp(part, part, UInt(32 * width))
      __gmpz_add(total[0], total[0], part)
    }
    terms = 0
  }

  /// Moves the sum so far into `target` (flushing first); the accumulator
  /// is left at 0.
  mutating func take(into target: UnsafeMutablePointer<__mpz_struct>) {
    flush()
    __gmpz_swap(target, total[0])
    __gmpz_set_ui(total[0], 0)
  }
}
