@testable import Exact
import Testing

/// Word-prime arithmetic of the Dixon solver against plain `%`.
@Suite struct ModularArithmeticTests {
  @Test func barrettReductionMatchesRemainder() {
    var rng = SplitMix64(seed: 29)
    for p in DixonSolver.primes + [3, 65_537] {
      let reducer = BarrettReducer(p)
      let edges: [UInt64] = [0, 1, p - 1, p, p + 1, 2 * p, p * p - 1, p * p, UInt64.max, UInt64.max - 1, UInt64.max / p * p]
      for x in edges + (0..<2000).map({ _ in UInt64.random(in: 0...UInt64.max, using: &rng) }) {
        #expect(reducer.reduce(x) == x % p, "x = \(x), p = \(p)")
      }
      #expect(reducer.reduce(reducer.inverse(12346) * 12346) == 1)
    }
  }

  @Test func delayedDotProductMatchesRemainder() {
    var rng = SplitMix64(seed: 30)
    let p = DixonSolver.primes[0]
    let reducer = BarrettReducer(p)
    for count in [0, 1, 62, 63, 64, 200] {
      // Residues at the top of the range: the delayed sums are at their largest.
      let u = (0..<count).map { _ in UInt32(p - 1 - UInt64.random(in: 0...3, using: &rng)) }
      let v = (0..<count).map { _ in UInt32(p - 1 - UInt64.random(in: 0...3, using: &rng)) }
      var expected = UInt64(p - 1)
      for k in 0..<count { expected = (expected + UInt64(u[k]) * UInt64(v[k]) % p) % p }
      let got = u.withUnsafeBufferPointer { a in v.withUnsafeBufferPointer { b in
        reducer.dot(a.baseAddress!, b.baseAddress!, count: count, adding: p - 1)
      } }
      #expect(got == expected, "count \(count)")
    }
  }

  @Test(arguments: [1, 2, 5, 33, 80])
  func luSolvesModuloThePrime(n: Int) throws {
    var rng = SplitMix64(seed: UInt64(n))
    let p = DixonSolver.primes[1]
    // Entries of both signs and beyond p, and a zero leading entry (pivoting).
    var a = (0..<(n * n)).map { _ in Int.random(in: -(1 << 45)...(1 << 45), using: &rng) }
    a[0] = 0
    for i in 0..<n { a[i * n + i] += 1 << 50 }
    guard let lu = ModularLU(a, n: n, p: p) else { Issue.record("singular modulo p"); return }
    let r = (0..<n).map { _ in UInt32(UInt64.random(in: 0..<p, using: &rng)) }
    var y = [UInt32](repeating: 0, count: n)
    lu.solve(r, into: &y)
    for i in 0..<n {
      var s: UInt64 = 0
      for j in 0..<n {
        let aij = UInt64((a[i * n + j] % Int(p) + Int(p)) % Int(p))
        s = (s + aij * UInt64(y[j]) % p) % p
      }
      #expect(s == UInt64(r[i]), "row \(i)")
    }
  }

  @Test func luReportsSingularMatrices() {
    let p = DixonSolver.primes[0]
    #expect(ModularLU([1, 2, 2, 4], n: 2, p: p) == nil)
    #expect(ModularLU([Int(p), 0, 0, 1], n: 2, p: p) == nil)  // p | det
    #expect(ModularLU([0, 1, 1, 0], n: 2, p: p) != nil)  // needs a row swap
  }

  @Test func rationalReconstructionRecoversFractions() throws {
    let modulus = BigInt(DixonSolver.primes[0]).power(6)
    let bound = (modulus >> 1).squareRootFloor().root
    for (n, d) in [(1, 1), (-3, 7), (123_456_789, 1_000_003), (-1, 2), (0, 1)] {
      // u = n · d⁻¹ mod M, via the fraction's own reconstruction of n/d.
      let dInverse = Self.inverse(BigInt(d), modulo: modulus)
      let u = (BigInt(n) * dInverse).floorModulo(modulus)
      let (num, den) = try #require(DixonSolver.rationalReconstruction(u, modulus: modulus, bound: bound))
      #expect(try Rational(num, den) == q(n, d))
    }
  }

  /// a⁻¹ mod m by the extended Euclidean algorithm (gcd(a, m) = 1), in [0, m).
  static func inverse(_ a: BigInt, modulo m: BigInt) -> BigInt {
    var (r0, r1) = (m, a.floorModulo(m))
    var (t0, t1) = (BigInt(), BigInt(1))
    while !r1.isZero {
      let (quotient, remainder) = r0.quotientAndRemainder(dividingBy: r1)
      (r0, r1) = (r1, remainder)
      (t0, t1) = (t1, t0 - quotient * t1)
    }
    return t0.floorModulo(m)
  }
}
