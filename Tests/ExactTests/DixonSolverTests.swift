@testable import Exact
import Testing

/// The fast solver against the reference elimination (the test oracle).
@Suite struct DixonSolverTests {
  @Test(arguments: [1, 2, 3, 7, 20, 45])
  func agreesWithTheReferenceOnRandomSystems(n: Int) throws {
    var rng = SplitMix64(seed: UInt64(n))
    let a = Matrix(rows: n, columns: n) { i, j in
      q(Int.random(in: -(1 << 40)...(1 << 40), using: &rng) + (i == j ? 1 << 45 : 0), 1 << Int.random(in: 0...16, using: &rng))
    }
    let b = Vector((0..<n).map { _ in q(Int.random(in: -1_000_000...1_000_000, using: &rng), Int.random(in: 1...1000, using: &rng)) })
    let fast = try DixonSolver().solve(a, b)
    let reference = try FractionFreeSolver().solve(a, b)
    #expect(fast == reference)
    #expect(a.satisfies(solution: fast, rhs: b))
  }

  @Test func hilbertAndGramSystems() throws {
    let h = LinearAlgebraTests.hilbert(12)
    let ones = Vector(repeating: q(1), count: 12)
    let b = try h.multiplied(by: ones)
    #expect(try DixonSolver().solve(h, b) == ones)
    // A rank-deficient Gram matrix is singular: reported, as by the reference.
    let x = try Matrix(rows: [[q(1), q(2)], [q(2), q(4)], [q(0), q(1)]])
    let g = try x.multiplied(by: x.transposed)
    #expect(throws: ExactError.singularMatrix) { try DixonSolver().solve(g, [q(1), q(1), q(1)]) }
  }

  @Test func rhsWithHugeDenominators() throws {
    // The NNLS systems of the linear setting: small matrix entries, right-hand
    // sides with thousand-bit denominators.
    var rng = SplitMix64(seed: 3)
    let n = 8
    let a = Matrix(rows: n, columns: n) { i, j in q(Int.random(in: -100...100, using: &rng) + (i == j ? 1000 : 0)) }
    let big = BigInt(3).power(700)
    let b = Vector((0..<n).map { _ in try! Rational(BigInt(Int.random(in: 1...1_000_000, using: &rng)), big + BigInt(Int.random(in: 1...9, using: &rng))) })
    let fast = try DixonSolver().solve(a, b)
    #expect(a.satisfies(solution: fast, rhs: b))
    #expect(fast == (try FractionFreeSolver().solve(a, b)))
  }

}

/// The pieces of the lifting: word-prime arithmetic, the certificate, and
/// the schedule's fallbacks.
@Suite struct DixonPartsTests {
  @Test func gramSystemsAgreeWithTheReference() throws {
    // Nearly orthogonal Gram matrices, as in the linear setting (the solution
    // is determinant-sized: the schedule's float estimate is exercised).
    var rng = SplitMix64(seed: 11)
    let n = 24, d = 300
    let x = Matrix(rows: n, columns: d) { _, _ in q(Int.random(in: -(1 << 18)...(1 << 18), using: &rng), 1 << 16) }
    let g = x.gram
    let ones = Vector(repeating: q(1), count: n)
    let fast = try DixonSolver().solve(g, ones)
    #expect(fast == (try FractionFreeSolver().solve(g, ones)))
    let scaled = try DixonSolver().solveOverCommonDenominator(g, ones)
    #expect(scaled.vector == fast)
  }

  @Test func smallSolutionOfALargeDeterminant() throws {
    // det A = 7^n·(huge), but A x = b has the small solution x = (1, …, 1):
    // the doubling probes find it long before the estimate.
    let n = 12
    var rng = SplitMix64(seed: 5)
    let a = Matrix(rows: n, columns: n) { i, j in q(Int.random(in: -(1 << 30)...(1 << 30), using: &rng) + (i == j ? 1 << 40 : 0)) }
    let x = Vector(repeating: q(1), count: n)
    let b = try a.multiplied(by: x)
    #expect(try DixonSolver().solve(a, b) == x)
  }

  @Test func largeRightHandSidesStartInBigIntegers() throws {
    // |b| ≫ 2^100: the first residuals live in GMP until they shrink.
    let a = try Matrix(rows: [[q(3), q(1)], [q(1), q(2)]])
    let huge = Rational(BigInt(1) << 300)
    let b: Vector = [huge, q(-1)]
    #expect(try DixonSolver().solve(a, b) == (try FractionFreeSolver().solve(a, b)))
  }

  @Test func primeDividingTheDeterminantIsSkipped() throws {
    // det = 536 870 909, the first prime tried: its LU breaks down and the next prime is used.
    let p = 536_870_909
    let a = try Matrix(rows: [[q(p), q(0)], [q(0), q(1)]])
    #expect(try DixonSolver().solve(a, [q(1), q(2)]) == [q(1, p), q(2)])
    let b = try Matrix(rows: [[q(2), q(p + 2)], [q(1), q(1)]])  // det = 2 − (p + 2) = −p
    #expect(try DixonSolver().solve(b, [q(1), q(0)]) == (try FractionFreeSolver().solve(b, [q(1), q(0)])))
  }

  @Test func singularSystemsThrow() throws {
    let a = try Matrix(rows: [[q(1), q(2), q(3)], [q(2), q(4), q(6)], [q(0), q(1), q(1)]])
    #expect(throws: ExactError.singularMatrix) { try DixonSolver().solve(a, [q(1), q(1), q(1)]) }
    #expect(throws: ExactError.self) { try DixonSolver().solve(a, [q(1)]) }
  }

  @Test func emptySystem() throws {
    #expect(try DixonSolver().solve(Matrix(rows: 0, columns: 0) { _, _ in q(0) }, Vector([])) == Vector([]))
  }
}

/// The word-integer entry points agree with the rational ones.
@Suite struct IntegerEntryPointTests {
  @Test func powerOfTwoRationals() throws {
    for numerator in [0, 1, -1, 6, -40, 1 << 40, Int.max, Int.min, Int.min + 1] {
      for k in [0, 1, 3, 40, 62, 63, 64, 100] {
        let expected = try Rational(BigInt(numerator), BigInt(1) << k)
        #expect(Rational(numerator, overPowerOfTwo: k) == expected, "\(numerator) / 2^\(k)")
      }
    }
  }

  @Test func integerMatricesSolveAndFormAsRationals() throws {
    var rng = SplitMix64(seed: 21)
    let n = 9
    let numerators = (0..<(n * n)).map { k in Int.random(in: -(1 << 30)...(1 << 30), using: &rng) + (k % (n + 1) == 0 ? 1 << 36 : 0) }
    for s in [BigInt(1) << 32, BigInt(12)] {
      let matrix = ScaledIntegerMatrix.matrix(numerators, size: n, over: s)
      #expect(matrix == (try Matrix(rows: n, columns: n, entries: numerators.map { try Rational(BigInt($0), s) })))
      let rhs = Vector((0..<n).map { q($0 - 4, 3) })
      let solution = try DixonSolver().solveOverCommonDenominator(integerMatrix: numerators, denominator: s, rhs)
      #expect(solution.vector == (try FractionFreeSolver().solve(matrix, rhs)))
      let form = IntegerBilinearForm(size: n, machineNumerators: numerators, denominator: s)
      let c = ScaledIntegerVector(rhs)
      #expect(form.apply(c) == IntegerBilinearForm(matrix).apply(c))
      let reference = IntegerBilinearForm(matrix)
      #expect(zip(form.numerators, reference.numerators).allSatisfy { $0 * reference.denominator == $1 * s })
    }
    #expect(throws: ExactError.self) { try DixonSolver().solveOverCommonDenominator(integerMatrix: [1, 2, 3], denominator: BigInt(1), [q(1), q(1)]) }
  }
}

/// Matrices whose entries exceed machine words (raw float64 data give Gram
/// numerators of ~120 bits): lifted in 60-bit chunks, against the reference.
@Suite struct MultiWordLiftingTests {
  @Test(arguments: [2, 7, 30])
  func chunkedSystemsAgreeWithTheReference(n: Int) throws {
    var rng = SplitMix64(seed: UInt64(n) + 40)
    let big = BigInt(1) << 100
    let a = Matrix(rows: n, columns: n) { i, j in
      let v = Rational(BigInt(Int.random(in: -(1 << 60)...(1 << 60), using: &rng)) * big + BigInt(Int.random(in: 0...Int.max, using: &rng)))
      return i == j ? v * Rational(BigInt(1) << 8) : (j % 3 == 0 ? -v : v)
    }
    let b = Vector((0..<n).map { _ in q(Int.random(in: -1000...1000, using: &rng), 7) })
    let fast = try DixonSolver().solve(a, b)
    #expect(fast == (try FractionFreeSolver().solve(a, b)))
    #expect(a.satisfies(solution: fast, rhs: b))
  }

  @Test func chunksReassembleTheEntries() throws {
    let values = [BigInt(0), BigInt(-1), (BigInt(1) << 130) - BigInt(3), -(BigInt(5) << 61), BigInt(Int.max)]
    let m = LiftingMatrix(values + [BigInt(7), BigInt(8), BigInt(9), BigInt(10)], n: 3)
    #expect(!m.isWords && m.chunks.count == 3)
    for (k, v) in values.enumerated() {
      var total = BigInt()
      for (t, chunk) in m.chunks.enumerated() { total += BigInt(chunk[k]) << (t * LiftingMatrix.chunkBits) }
      #expect(total == v, "entry \(k)")
      let p = DixonSolver.primes[0]
      #expect(m.residue(k, p) == UInt64(v.floorModulo(BigInt(Int(p))).exactInt!), "entry \(k)")
    }
  }
}
