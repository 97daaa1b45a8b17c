@testable import Exact
import Testing

@Suite struct LinearAlgebraTests {
  /// The n × n Hilbert matrix H_ij = 1/(i + j + 1).
  static func hilbert(_ n: Int) -> Matrix { Matrix(rows: n, columns: n) { i, j in q(1, i + j + 1) } }

  /// det H_n = c_n⁴ / c_{2n}, with c_n = Π_{k=1}^{n−1} k! (a classical closed form).
  static func hilbertDeterminant(_ n: Int) -> Rational {
    func c(_ n: Int) -> BigInt {
      var product = BigInt(1), factorial = BigInt(1)
      for k in 1..<max(n, 1) {
        factorial *= BigInt(k)
        product *= factorial
      }
      return product
    }
    let cn = c(n)
    return try! Rational(cn * cn * cn * cn, c(2 * n))
  }

  @Test(arguments: 1...12) func hilbertDeterminants(n: Int) throws {
    #expect(try Self.hilbert(n).determinant() == Self.hilbertDeterminant(n))
  }

  @Test func hilbertSystemHasTheKnownSolution() throws {
    // H x = H·1 has the solution x = 1, exactly, even though H is ill-conditioned.
    let h = Self.hilbert(10)
    let ones = Vector(repeating: Rational(1), count: 10)
    let b = try h.multiplied(by: ones)
    let x = try h.solve(b)
    #expect(x == ones)
    #expect(h.satisfies(solution: x, rhs: b))
  }

  @Test func handMadeSystem() throws {
    // 2x + y = 1 and x − 3y = 1/2, solved by hand: x = 1/2, y = 0.
    let a = try Matrix(rows: [[q(2), q(1)], [q(1), q(-3)]])
    #expect(try a.solve([q(1), q(1, 2)]) == [q(1, 2), q(0)])
    // A system that needs a row swap (zero leading pivot) and fractions.
    let b = try Matrix(rows: [[q(0), q(1, 3), q(1)], [q(2, 5), q(0), q(-1)], [q(1), q(1), q(1)]])
    let x: Vector = [q(3, 7), q(-2, 9), q(5)]
    let rhs = try b.multiplied(by: x)
    #expect(try b.solve(rhs) == x)
    // The determinant by cofactor expansion along the first row.
    let cofactor = q(0) * (q(0) * q(1) - q(-1) * q(1)) - q(1, 3) * (q(2, 5) * q(1) - q(-1) * q(1))
      + q(1) * (q(2, 5) * q(1) - q(0) * q(1))
    #expect(try b.determinant() == cofactor)
  }

  @Test func singularSystemsAreReported() throws {
    let a = try Matrix(rows: [[q(1), q(2), q(3)], [q(2), q(4), q(6)], [q(1), q(0), q(1)]])
    #expect(throws: ExactError.singularMatrix) { try a.solve([q(1), q(2), q(3)]) }
    #expect(try a.determinant() == Rational())
    #expect(a.rank == 2)
    #expect(throws: ExactError.self) { try Matrix(zeros: 2, 3).determinant() }
    #expect(throws: ExactError.self) { try Matrix.identity(2).solve([q(1)]) }
  }

  @Test func randomSystemsAgreeWithTheCertificate() throws {
    var rng = SplitMix64(seed: 42)
    for n in [1, 2, 5, 9] {
      let a = Matrix(rows: n, columns: n) { _, _ in q(Int.random(in: -50...50, using: &rng), Int.random(in: 1...9, using: &rng)) }
      let b = Vector((0..<n).map { _ in q(Int.random(in: -9...9, using: &rng)) })
      guard try a.determinant() != Rational() else { continue }
      let x = try a.solve(b)
      #expect(a.satisfies(solution: x, rhs: b), "n = \(n)")
      // det(Aᵀ) = det(A) and det(A·A) = det(A)².
      #expect(try a.transposed.determinant() == a.determinant())
      #expect(try a.multiplied(by: a).determinant() == a.determinant() * a.determinant())
    }
  }

  @Test func ranks() throws {
    #expect(Matrix.identity(4).rank == 4)
    #expect(Matrix(zeros: 3, 5).rank == 0)
    let a = try Matrix(rows: [[q(0), q(1), q(2)], [q(0), q(2), q(4)], [q(1), q(0), q(0)], [q(1), q(1), q(2)]])
    #expect(a.rank == 2)
    #expect(a.transposed.rank == 2)
    #expect(Self.hilbert(7).rank == 7)
  }

  @Test func gramInMachineIntegersEqualsGramInRationals() throws {
    var rng = SplitMix64(seed: 7)
    // A data set on a 2⁻¹⁶ grid, as generators produce.
    let x = Matrix(rows: 6, columns: 40) { _, _ in q(Int.random(in: -(1 << 20)...(1 << 20), using: &rng), 1 << 16) }
    let scaled = ScaledIntegerMatrix(x)
    #expect(scaled.denominator.isPowerOfTwo)
    #expect(scaled.machineNumerators != nil)
    #expect(scaled.gram == x.gram)
    #expect(scaled.matrix == x)
    #expect(try x.multiplied(by: x.transposed) == x.gram)
  }

  @Test(arguments: [(1 << 25) - 1, 1 << 26, 1 << 40])
  func gramInExactDoublesSplitsBlocks(largest: Int) throws {
    // Entries up to 2^25: blocks of 8 products stay below 2^53 (the double
    // path); 2^26 and beyond take the integer paths. All must agree.
    var rng = SplitMix64(seed: UInt64(largest))
    let numerators = (0..<(3 * 101)).map { k in k % 10 == 0 ? largest * (k % 20 == 0 ? 1 : -1) : Int.random(in: -largest...largest, using: &rng) }
    let x = try ScaledIntegerMatrix(rows: 3, columns: 101, machineNumerators: numerators, denominator: BigInt(1))
    #expect((x.gramByExactDoubles() != nil) == (largest < 1 << 26))
    for i in 0..<3 {
      for j in 0..<3 {
        var s = BigInt()
        for k in 0..<101 { s.addProduct(BigInt(numerators[i * 101 + k]), numerators[j * 101 + k]) }
        #expect(x.gram[i, j] == Rational(s), "entry (\(i), \(j))")
      }
    }
  }

  /// The tiled double kernel (two rows against four, rows padded to a
  /// multiple of 4, tiles of at most 2^53/L² columns) at every shape that
  /// exercises its edges: n not a multiple of 2 or 4, d below, at and above
  /// a tile, odd tile widths, and entries at the largest the path takes.
  @Test(arguments: [1, 2, 3, 4, 5, 7, 9, 13])
  func gramInTilesAtEveryShape(n: Int) throws {
    var rng = SplitMix64(seed: UInt64(n))
    for (d, largest) in [(1, 5), (3, 1 << 20), (65, 1 << 10), (2049, (1 << 25) - 1), (5000, 1 << 16)] {
      let numerators = (0..<(n * d)).map { k in k % 7 == 0 ? (k % 14 == 0 ? largest : -largest) : Int.random(in: -largest...largest, using: &rng) }
      let x = try ScaledIntegerMatrix(rows: n, columns: d, machineNumerators: numerators, denominator: BigInt(1) << 16)
      let tiled = try #require(x.gramByExactDoubles())
      for i in 0..<n {
        for j in 0..<n {
          var s = BigInt()
          for k in 0..<d { s.addProduct(BigInt(numerators[i * d + k]), numerators[j * d + k]) }
          #expect(BigInt(tiled[i * n + j]) == s, "n = \(n), d = \(d), L = \(largest), entry (\(i), \(j))")
        }
      }
    }
  }

  /// ‖Nᵀz‖² in exact doubles (small bounds), in words (L·Z·n ≥ 2^53) and
  /// through GMP (beyond words), against the plain BigInt sum.
  @Test(arguments: [(1 << 10, 1 << 20), (1 << 30, 1 << 20), (1 << 40, 1 << 30)])
  func squaredNormOfCombinationOnEveryPath(largest: Int, zLargest: Int) throws {
    var rng = SplitMix64(seed: UInt64(largest))
    let n = 7, d = 4099
    let numerators = (0..<(n * d)).map { k in k % 9 == 0 ? largest : Int.random(in: -largest...largest, using: &rng) }
    let z = (0..<n).map { i in i == 3 ? 0 : (i % 2 == 0 ? zLargest : -Int.random(in: 1...zLargest, using: &rng)) }
    let x = try ScaledIntegerMatrix(rows: n, columns: d, machineNumerators: numerators, denominator: BigInt(1) << 5)
    var expected = BigInt()
    for k in 0..<d {
      var column = BigInt()
      for i in 0..<n { column.addProduct(BigInt(z[i]), numerators[i * d + k]) }
      expected.addProduct(column, column)
    }
    #expect(x.squaredNormOfCombination(z) == expected, "L = \(largest), Z = \(zLargest)")
  }

  @Test func gramOfNumeratorsBeyondWordsInChunks() throws {
    // Raw float64 data over a common power of two: ~80-bit numerators of both
    // signs, zeros, and digits at every 21-bit chunk boundary.
    var rng = SplitMix64(seed: 77)
    let n = 5, d = 300
    let numerators = (0..<(n * d)).map { k -> BigInt in
      if k % 17 == 0 { return BigInt() }
      if k % 23 == 0 { return (BigInt(1) << 84) - BigInt(1) }
      let v = (BigInt(Int.random(in: 0...(1 << 40), using: &rng)) << 40) + BigInt(Int.random(in: 0...(1 << 40), using: &rng))
      return k % 2 == 0 ? v : -v
    }
    let x = try ScaledIntegerMatrix(rows: n, columns: d, numerators: numerators, denominator: BigInt(1) << 70)
    let chunked = try #require(x.gramByChunkedDoubles())
    for i in 0..<n {
      for j in 0..<n {
        var s = BigInt()
        for k in 0..<d { s.addProduct(numerators[i * d + k], numerators[j * d + k]) }
        #expect(chunked[i * n + j] == s, "entry (\(i), \(j))")
      }
    }
  }

  @Test func gramFallsBackToGMPOnOverflow() throws {
    // Numerators near 2^62: each product is ~2^124 and the sum overflows Int128.
    let big = Int(1) << 62
    let x = try Matrix(rows: [[q(big), q(big), q(big), q(big), q(big)], [q(-big), q(big), q(big - 1), q(3), q(big)]])
    let scaled = ScaledIntegerMatrix(x)
    #expect(scaled.machineNumerators != nil)
    #expect(scaled.gram == x.gram)
    let huge = (BigInt(1) << 100) + BigInt(1)
    let y = try ScaledIntegerMatrix(rows: 1, columns: 2, numerators: [huge, -huge], denominator: BigInt(-3))
    #expect(y.machineNumerators == nil)
    #expect(y.gram[0, 0] == Rational(huge * huge * BigInt(2)) / Rational(9))
    #expect(y[0, 0] == -(Rational(huge) / Rational(3)))
  }

  @Test(arguments: [false, true])
  func dataProductsAgreeWithRationalArithmetic(bigEntries: Bool) throws {
    var rng = SplitMix64(seed: bigEntries ? 8 : 9)
    let big = BigInt(1) << 70
    let x = Matrix(rows: 7, columns: 300) { i, j in
      let v = q(Int.random(in: -(1 << 20)...(1 << 20), using: &rng), 1 << 16)
      return bigEntries && (i + j) % 5 == 0 ? v * Rational(big) : v
    }
    let scaled = ScaledIntegerMatrix(x)
    #expect((scaled.machineNumerators == nil) == bigEntries)
    let c = ScaledIntegerVectorTests.randomRationals(7, seed: 3)
    // Xᵀc and X v against rational matrix products.
    let (wNumerators, wDenominator) = scaled.combination(c)
    let w = try wNumerators.map { try Rational($0, wDenominator) }
    #expect(Vector(w) == (try x.transposed.multiplied(by: Vector(c))))
    #expect(Vector(scaled.times(w)) == (try x.multiplied(by: Vector(w))))
    // The signed-Gram form's products on an index subset.
    let g = x.gram
    let form = IntegerBilinearForm(g)
    let indices = [6, 0, 3, 2]
    let sub = ScaledIntegerVector(indices.map { c[$0] })
    let applied = form.apply(sub, indices: indices)
    #expect(applied.vector == (try g.submatrix(rows: indices, columns: indices).multiplied(by: sub.vector)))
    #expect(form.column(5, rows: indices).rationals == indices.map { g[$0, 5] })
  }

  @Test func shapeErrorsAreThrown() {
    #expect(throws: ExactError.self) { try Matrix(rows: 2, columns: 2, entries: [q(1)]) }
    #expect(throws: ExactError.self) { try Matrix(rows: [[q(1)], [q(1), q(2)]]) }
    #expect(throws: ExactError.self) { try Vector([q(1)]).dot([q(1), q(2)]) }
    #expect(throws: ExactError.self) { try Matrix.identity(2).multiplied(by: Matrix.identity(3)) }
  }
}
