import Exact
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

  @Test func primeDividingTheDeterminantIsSkipped() throws {
    // det = 2^31 − 1, the first prime tried.
    let p = 2_147_483_647
    let a = try Matrix(rows: [[q(p), q(0)], [q(0), q(1)]])
    #expect(try DixonSolver().solve(a, [q(1), q(2)]) == [q(1, p), q(2)])
  }
}
