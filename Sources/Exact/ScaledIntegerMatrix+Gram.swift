//===--- ScaledIntegerMatrix+Gram.swift -----------------------------------===//
// The Gram matrix N Nᵀ of small integer numerators, exactly, in doubles.
//===----------------------------------------------------------------------===//

import CGMP
import Dispatch
import Foundation
import Synchronization

extension ScaledIntegerMatrix {
  /// The Gram numerators N Nᵀ (row-major n × n) computed in blocks of
  /// binary64 arithmetic that is exact; `nil` when the entries are too large
  /// for it (the caller then uses 64- or 128-bit integers).
  ///
  /// Why exact: with L = max|N_ij| < 2^26, every product N_ik N_jk is an
  /// integer of magnitude ≤ L² ≤ 2^52, and a block of K ≤ 2^53 / L² terms
  /// has every partial sum, in any order, bounded by K·L² ≤ 2^53. Integers
  /// up to 2^53 are doubles, and a floating sum or product of two doubles
  /// whose exact result is a double is that result (IEEE 754 rounding of a
  /// representable value is the identity). So each block sum is the exact
  /// integer, and the blocks are added in `Int` (the caller checks that the
  /// total fits in 63 bits). Doubles vectorize on every x86-64 (SSE2) where
  /// 64-bit integer multiplies do not.
  ///
  /// How: the columns are cut into tiles of K ≤ 2^53 / L² columns small
  /// enough that the tile of every row (converted to doubles) stays in the
  /// cache; within a tile every pair of rows is summed in doubles, two rows
  /// against four at a time, and each tile's exact sums are added to
  /// per-core `Int` totals. X is read from memory once, not once per pair.
  ///
  /// - Parameter known: max|N_ij| when the caller has it (one scan of X less).
  func gramByExactDoubles(largest known: UInt? = nil) -> [Int]? {
    guard let small = machineNumerators, rows > 0 else { return nil }
    let largest = known ?? small.reduce(0) { Swift.max($0, $1.magnitude) }
    guard largest < 1 << 26 else { return nil }
    let n = rows, d = columns
    let exactTerms = largest == 0 ? d : Swift.max(1, Int((UInt(1) << 53) / (largest * largest)))
    // Rows padded with zeros to a multiple of 4, so every block is whole.
    let padded = (n + 3) / 4 * 4
    let width = Swift.max(1, Swift.min(exactTerms, d, Swift.max(64, (1 << 17) / padded)))
    let tiles = (d + width - 1) / width
    let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, tiles))
    let totals = Mutex<[Int]>([Int](repeating: 0, count: padded * padded))
    small.withUnsafeBufferPointer { input in
      let x = SendablePointer(value: UnsafeMutablePointer(mutating: input.baseAddress!))
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        var tile = [Double](repeating: 0, count: padded * width)
        var sums = [Int](repeating: 0, count: padded * padded)
        tile.withUnsafeMutableBufferPointer { tileBuffer in
          let t = tileBuffer.baseAddress!
          for tileIndex in stride(from: w, to: tiles, by: workers) {
            let start = tileIndex * width, count = Swift.min(width, d - start)
            for i in 0..<n {
              let source = x.value + i * d + start, target = t + i * width
              for k in 0..<count { target[k] = Double(source[k]) }
            }
            for i in stride(from: 0, to: padded, by: 2) {
              for j in stride(from: i / 4 * 4, to: padded, by: 4) {
                Self.exactDots(t + i * width, t + (i + 1) * width, t + j * width, width: width, count: count) { a, b, value in
                  sums[(i + a) * padded + j + b] &+= value
                }
              }
            }
          }
        }
        totals.withLock { total in for k in total.indices { total[k] &+= sums[k] } }
      }
    }
    let upper = totals.withLock { $0 }
    var values = [Int](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in i..<n {
        values[i * n + j] = upper[i * padded + j]
        values[j * n + i] = upper[i * padded + j]
      }
    }
    return values
  }

  /// The eight dot products of rows a₀, a₁ with the four consecutive rows
  /// b, b + width, b + 2·width, b + 3·width over `count` ≤ 2^53/L² terms,
  /// each summed exactly in doubles (see ``gramByExactDoubles()``) and
  /// passed to `add(row of a, row of b, value)`.
  @inline(__always)
  static func exactDots(_ a0: UnsafeMutablePointer<Double>, _ a1: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>,
                        width: Int, count: Int, _ add: (Int, Int, Int) -> Void) {
    let b0 = b, b1 = b + width, b2 = b + 2 * width, b3 = b + 3 * width
    var s00 = SIMD2<Double>(), s01 = SIMD2<Double>(), s02 = SIMD2<Double>(), s03 = SIMD2<Double>()
    var s10 = SIMD2<Double>(), s11 = SIMD2<Double>(), s12 = SIMD2<Double>(), s13 = SIMD2<Double>()
    var k = 0
    while k + 2 <= count {
      let x0 = SIMD2(a0[k], a0[k + 1]), x1 = SIMD2(a1[k], a1[k + 1])
      let y0 = SIMD2(b0[k], b0[k + 1]), y1 = SIMD2(b1[k], b1[k + 1]), y2 = SIMD2(b2[k], b2[k + 1]), y3 = SIMD2(b3[k], b3[k + 1])
      s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3
      s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3
      k += 2
    }
    var t = SIMD8<Double>(s00.sum(), s01.sum(), s02.sum(), s03.sum(), s10.sum(), s11.sum(), s12.sum(), s13.sum())
    if k < count {
      t += SIMD8(a0[k] * b0[k], a0[k] * b1[k], a0[k] * b2[k], a0[k] * b3[k], a1[k] * b0[k], a1[k] * b1[k], a1[k] * b2[k], a1[k] * b3[k])
    }
    for q in 0..<8 { add(q / 4, q % 4, Int(t[q])) }
  }

  /// Σ_k a_k b_k for integer-valued doubles, summed exactly in blocks of
  /// `block` terms (see ``gramByExactDoubles()`` for the bound).
  @inline(__always)
  static func exactDot(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, count: Int, block: Int) -> Int {
    var total = 0
    var start = 0
    while start < count {
      let end = Swift.min(count, start + block)
      var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
      var k = start
      while k + 8 <= end {
        s0 += SIMD2(a[k], a[k + 1]) * SIMD2(b[k], b[k + 1])
        s1 += SIMD2(a[k + 2], a[k + 3]) * SIMD2(b[k + 2], b[k + 3])
        s2 += SIMD2(a[k + 4], a[k + 5]) * SIMD2(b[k + 4], b[k + 5])
        s3 += SIMD2(a[k + 6], a[k + 7]) * SIMD2(b[k + 6], b[k + 7])
        k += 8
      }
      var tail = 0.0
      while k < end {
        tail += a[k] * b[k]
        k += 1
      }
      total &+= Int(((s0 + s1) + (s2 + s3)).sum() + tail)
      start = end
    }
    return total
  }

  /// The Gram numerators of numerators beyond machine words (raw float64
  /// data over a common power of two), by the same exact double blocks:
  /// N = Σ_t 2^(21t) N_t with chunk matrices |N_t| < 2^21, so
  /// (N Nᵀ)_ij = Σ_u 2^(21u) Σ_{s+t=u} (N_s N_tᵀ)_ij, each chunk product an
  /// exact double dot product (terms < 2^42, blocks of 2^11 terms stay
  /// below 2^53) summed in `Int` (d < 2^20 keeps it below 2^62), the at
  /// most eight with equal s + t in `Int128`, and those few shifted sums
  /// combined in GMP. `nil` for words (use
  /// ``gramByExactDoubles()``), over 168 bits, or d ≥ 2^20.
  func gramByChunkedDoubles() -> [BigInt]? {
    guard rows > 0, columns < 1 << 20, let words = wordChunks() else { return nil }
    let n = rows, d = columns, count = words.count, width = Self.chunkWidth
    // All chunk matrices in one buffer: chunk t starts at t·n·d.
    let flat = words.flatMap { $0.map(Double.init) }
    var result = [BigInt](repeating: BigInt(), count: n * n)
    let block = 1 << 11
    result.withUnsafeMutableBufferPointer { out in
      flat.withUnsafeBufferPointer { input in
        let target = SendablePointer(value: out.baseAddress!)
        let data = SendablePointer(value: UnsafeMutablePointer(mutating: input.baseAddress!))
        DispatchQueue.concurrentPerform(iterations: n) { i in
          var sums = [Int128](repeating: 0, count: 2 * count - 1)
          for j in i..<n {
            for u in sums.indices { sums[u] = 0 }
            for s in 0..<count {
              for t in 0..<count {
                let a = data.value + s * n * d + i * d, b = data.value + t * n * d + j * d
                sums[s + t] += Int128(Self.exactDot(a, b, count: d, block: block))
              }
            }
            var total = BigInt()
            for u in stride(from: sums.count - 1, through: 0, by: -1) {
              total = (total << width) + BigInt(sums[u])
            }
            target.value[i * n + j] = total
            target.value[j * n + i] = total
          }
        }
      }
    }
    return result
  }

  /// Bits per chunk of ``wordChunks()``.
  static let chunkWidth = 21

  /// N = Σ_t 2^(21t) N_t with signed chunk matrices |N_t| < 2^21, for
  /// numerators beyond machine words of at most 168 bits; `nil` otherwise.
  func wordChunks() -> [[Int]]? {
    guard machineNumerators == nil else { return nil }
    let width = Self.chunkWidth, mask = (UInt(1) << width) - 1
    let values = numerators
    let count = Swift.max(1, ((values.map(\.bitLength).max() ?? 0) + width - 1) / width)
    guard count <= 8 else { return nil }
    var chunks = [[Int]](repeating: [Int](repeating: 0, count: values.count), count: count)
    for (k, v) in values.enumerated() where !v.isZero {
      var rest = v.magnitude
      for t in 0..<count {
        let digit = Int(UInt(__gmpz_getlimbn(rest.pointer, 0)) & mask)
        chunks[t][k] = v.signum < 0 ? -digit : digit
        rest = rest >> width
      }
    }
    return chunks
  }
}
