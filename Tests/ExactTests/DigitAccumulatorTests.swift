@testable import Exact
import CGMP
import Testing

/// The carry-free digit accumulation against plain GMP multiply-adds.
@Suite struct DigitAccumulatorTests {
  /// Signed integers of mixed sizes (zero, one digit, thousands of bits).
  static func values(_ count: Int, seed: UInt64) -> [BigInt] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { k in
      if k % 7 == 3 { return BigInt() }
      var v = BigInt(Int.random(in: Int.min / 2...Int.max / 2, using: &rng))
      for _ in 0..<(k % 5) * 40 { v = (v << 64) + BigInt(Int.random(in: 0...Int.max, using: &rng)) }
      return k % 2 == 0 ? v : -v
    }
  }

  @Test(arguments: [1, 1 << 10, (1 << 28) - 1] as [UInt])
  func sumsAgreeWithGMP(largest: UInt) throws {
    // Large words leave room for few terms between flushes: many flushes.
    var rng = SplitMix64(seed: UInt64(largest))
    let v = Self.values(37, seed: 1)
    let vectors = DigitVectors(v)
    var accumulator = try #require(DigitAccumulator(width: vectors.width, largestWord: largest))
    var expected = BigInt()
    var k = 0
    while k < 300 {
      let w = (0..<4).map { _ in Int.random(in: -Int(largest)...Int(largest), using: &rng) }
      let rows = (0..<4).map { _ in Int.random(in: 0..<v.count, using: &rng) }
      if k % 3 == 0 {
        accumulator.add((w[0], w[1], w[2], w[3]), vectors, rows: (rows[0], rows[1], rows[2], rows[3]))
        for i in 0..<4 { expected.addProduct(v[rows[i]], w[i]) }
      } else {
        accumulator.add(w[0], vectors, row: rows[0])
        expected.addProduct(v[rows[0]], w[0])
      }
      k += 1
    }
    let out = MPZBuffer(count: 1)
    accumulator.take(into: out[0])
    #expect(out.take(0) == expected)
    // Taken means reset: the next sum starts from zero.
    accumulator.add(-1, vectors, row: 1)
    accumulator.take(into: out[0])
    #expect(out.take(0) == -v[1])
  }

  @Test func wordsTooLargeAreRefused() {
    #expect(DigitAccumulator(width: 4, largestWord: 1 << 28) == nil)
  }

  @Test func dataProductsUseItAndAgree() throws {
    // Numerators below 2^28 take the digit path; check against GMP directly.
    var rng = SplitMix64(seed: 4)
    let n = 9, d = 70
    let numerators = (0..<(n * d)).map { _ in Int.random(in: -(1 << 27)...(1 << 27), using: &rng) }
    let x = try ScaledIntegerMatrix(rows: n, columns: d, machineNumerators: numerators, denominator: BigInt(1) << 16)
    let c = Self.values(n, seed: 2), v = Self.values(d, seed: 3)
    let w = x.transposedTimes(c), p = x.times(v)
    for j in 0..<d {
      var s = BigInt()
      for i in 0..<n { s.addProduct(c[i], numerators[i * d + j]) }
      #expect(w[j] == s, "column \(j)")
    }
    for i in 0..<n {
      var s = BigInt()
      for j in 0..<d { s.addProduct(v[j], numerators[i * d + j]) }
      #expect(p[i] == s, "row \(i)")
    }
  }
}
