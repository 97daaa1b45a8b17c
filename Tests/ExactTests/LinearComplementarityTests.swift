@testable import Exact
import TestSupport
import Testing

@Suite struct LinearComplementarityTests {
  @Test func solvesASmallProblemByHand() throws {
    // M = [[2, 1], [1, 2]], q = (−5, −6): interior solution z = M⁻¹(−q) = (4/3, 7/3), w = 0.
    let problem = try LinearComplementarityProblem(matrix: try Matrix(rows: [[q(2), q(1)], [q(1), q(2)]]), offset: [q(-5), q(-6)])
    guard case .solved(let z, let w) = try problem.solve() else {
      Issue.record("expected a solution")
      return
    }
    #expect(z == [q(4, 3), q(7, 3)] && w == [q(0), q(0)])
  }

  @Test func findsBoundarySolutions() throws {
    // M = [[1, 0], [0, 1]], q = (−1, 2): z = (1, 0), w = (0, 2).
    let problem = try LinearComplementarityProblem(matrix: .identity(2), offset: [q(-1), q(2)])
    #expect(try problem.solve() == .solved(z: [q(1), q(0)], w: [q(0), q(2)]))
    // q ≥ 0: z = 0.
    let trivial = try LinearComplementarityProblem(matrix: .identity(2), offset: [q(1), q(0)])
    #expect(try trivial.solve() == .solved(z: [q(0), q(0)], w: [q(1), q(0)]))
  }

  @Test func reportsInfeasibleProblems() throws {
    // M = [[1, −1], [−1, 1]] (PSD), q = (−1, −1): w₁ + w₂ = −2 < 0 for every z, so no solution.
    let problem = try LinearComplementarityProblem(matrix: try Matrix(rows: [[q(1), q(-1)], [q(-1), q(1)]]), offset: [q(-1), q(-1)])
    #expect(try problem.solve() == .infeasible)
  }

  /// Both certificates every answer passes, fed wrong candidates directly:
  /// a weakened check would be invisible behind a correct solver (issue 30).
  @Test func theCertificatesRefuseWrongCandidates() throws {
    // M = [[1, 0], [0, 1]], q = (−1, 2): the solution is z = (1, 0), w = (0, 2).
    let problem = try LinearComplementarityProblem(matrix: .identity(2), offset: [q(-1), q(2)])
    #expect(problem.isSolution([q(1), q(0)]))
    for (z, why) in [([q(0), q(0)], "w₁ = −1 < 0"), ([q(2), q(0)], "zᵀw = 2 ≠ 0"), ([q(1), q(-1)], "z₂ < 0"), ([q(1)], "wrong length")] {
      #expect(!problem.isSolution(Vector(z)), "\(why)")
    }
    // The integer form used by principal pivoting: (z, w) over shared denominators.
    func v(_ entries: [Int]) throws -> ScaledIntegerVector { try ScaledIntegerVector(numerators: entries.map { BigInt($0) }, denominator: BigInt(1)) }
    #expect(LinearComplementarityProblem.isSolution(try v([1, 0]), try v([0, 2])))
    #expect(!LinearComplementarityProblem.isSolution(try v([-1, 0]), try v([0, 2])), "z < 0")
    #expect(!LinearComplementarityProblem.isSolution(try v([1, 0]), try v([0, -2])), "w < 0")
    #expect(!LinearComplementarityProblem.isSolution(try v([1, 1]), try v([0, 2])), "zᵀw ≠ 0")
  }

  @Test func degenerateTiesDoNotCycle() throws {
    // A singular PSD Gram matrix with repeated rows and all-equal q: heavy degeneracy.
    let rows: [[Rational]] = [[q(1), q(1), q(0), q(1)], [q(1), q(1), q(0), q(1)], [q(0), q(0), q(1), q(1)], [q(1), q(1), q(1), q(2)]]
    let problem = try LinearComplementarityProblem(matrix: try Matrix(rows: rows), offset: Vector(repeating: q(-1), count: 4))
    guard case .solved(let z, _) = try problem.solve() else {
      Issue.record("expected a solution")
      return
    }
    #expect(problem.isSolution(z))
  }

  @Test func randomPositiveSemidefiniteProblemsSatisfyTheCertificate() throws {
    var rng = SplitMix64(seed: 5)
    for trial in 0..<25 {
      let n = Int.random(in: 1...7, using: &rng), k = Int.random(in: 1...7, using: &rng)
      let a = Matrix(rows: n, columns: k) { _, _ in q(Int.random(in: -4...4, using: &rng)) }
      let m = try a.multiplied(by: a.transposed)  // PSD, possibly singular
      let offset = Vector((0..<n).map { _ in q(Int.random(in: -6...3, using: &rng), Int.random(in: 1...3, using: &rng)) })
      let problem = try LinearComplementarityProblem(matrix: m, offset: offset)
      switch try problem.solve() {
      case .solved(let z, let w):
        #expect(problem.isSolution(z), "trial \(trial)")
        #expect(try m.multiplied(by: z) + offset == w)
      case .infeasible:
        // For PSD M, infeasibility has a certificate: some u ≥ 0 with Mu = 0... here we
        // only check the weaker necessary sign condition: no z = 0 solution exists.
        #expect(!problem.isSolution(Vector(zeros: n)), "trial \(trial)")
      }
    }
  }
}

@Suite struct PrincipalPivotingTests {
  /// The fast path agrees with Lemke's method (the oracle) on random PSD problems.
  @Test func agreesWithLemke() throws {
    var rng = SplitMix64(seed: 17)
    for trial in 0..<40 {
      let n = Int.random(in: 1...8, using: &rng), k = Int.random(in: 1...9, using: &rng)
      let a = Matrix(rows: n, columns: k) { _, _ in q(Int.random(in: -5...5, using: &rng)) }
      let m = try a.multiplied(by: a.transposed)
      let offset = Vector((0..<n).map { _ in q(Int.random(in: -6...2, using: &rng), Int.random(in: 1...4, using: &rng)) })
      let problem = try LinearComplementarityProblem(matrix: m, offset: offset)
      let fast = try problem.solveByPrincipalPivoting(), reference = try problem.solve()
      switch (fast, reference) {
      case (.infeasible, .infeasible): break
      case (.solved(let z, let w), .solved(_, let w2)):
        #expect(problem.isSolution(z), "trial \(trial)")
        // For PSD M the w of every solution is the same (the QP's gradient is unique on its solution set).
        #expect(w == w2, "trial \(trial)")
      default:
        Issue.record("trial \(trial): \(fast) vs \(reference)")
      }
    }
  }

  /// Any starting free set, right or wrong, ends at the same certified answer;
  /// the binary64 guess finds the support of well-conditioned problems.
  @Test func startingFreeSetsAndTheFloatingGuess() throws {
    var rng = SplitMix64(seed: 23)
    var guessesChecked = 0
    for trial in 0..<30 {
      let n = Int.random(in: 2...12, using: &rng), k = Int.random(in: 1...14, using: &rng)
      let a = Matrix(rows: n, columns: k) { _, _ in q(Int.random(in: -9...9, using: &rng)) }
      let m = try a.multiplied(by: a.transposed)
      let offset = Vector((0..<n).map { _ in q(Int.random(in: -6...1, using: &rng)) })
      let problem = try LinearComplementarityProblem(matrix: m, offset: offset)
      let reference = try problem.solve()
      let wrongStart = Set((0..<n).filter { _ in Bool.random(using: &rng) })
      let guess = LinearComplementarityProblem.floatingFreeSetGuess(
        matrix: m.entries.map { Double($0) }, offset: offset.entries.map { Double($0) })
      for start in [wrongStart, guess ?? []] {
        switch (try problem.solveByPrincipalPivoting(initialFree: start), reference) {
        case (.infeasible, .infeasible): break
        case (.solved(let z, let w), .solved(_, let w2)):
          #expect(problem.isSolution(z) && w == w2, "trial \(trial), start \(start)")
        case (let fast, _):
          Issue.record("trial \(trial): \(fast) vs \(reference)")
        }
      }
      if k >= n + 2, case .solved(let z, let w) = reference, (0..<n).allSatisfy({ (z[$0].signum > 0) != (w[$0].signum > 0) }) {
        // Positive definite (almost surely, k ≥ n + 2) and strictly complementary: the support is unique and the guess finds it.
        #expect(guess == Set((0..<n).filter { z[$0].signum > 0 }), "trial \(trial)")
        guessesChecked += 1
      }
    }
    #expect(guessesChecked >= 5)
  }

  /// Singular Gram matrices (rank d < n, the margin problem with d < n):
  /// the binary64 support guesses start the exact pivoting at the answer,
  /// which must be certified and attain Lemke's optimal value.
  @Test func supportGuessesSolveSingularProblemsExactly() throws {
    var state: UInt64 = 12345
    func next() -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int((state >> 33) % 41) - 20
    }
    for (n, d) in [(12, 4), (20, 7), (30, 10)] {
      let a = (0..<(d * n)).map { _ in next() }  // d × n
      let gram = (0..<(n * n)).map { k in (0..<d).reduce(0) { $0 + a[$1 * n + k / n] * a[$1 * n + k % n] } }
      let matrix = try Matrix(rows: n, columns: n, entries: gram.map { Rational($0) })
      for offset in [Vector(repeating: q(-1), count: n), Vector((0..<n).map { _ in q(next() - 5) })] {
        let floats = gram.map(Double.init), q = offset.entries.map { Double($0) }
        let problem = try LinearComplementarityProblem(matrix: matrix, offset: offset)
        let reference = try problem.solve()
        // Lawson–Hanson's passive set is the answer's support: one exact solve certifies it.
        if let support = LinearComplementarityProblem.lawsonHansonFreeSet(matrix: floats, offset: q), case .solved = reference {
          let f = support.sorted()
          let block = try Matrix(rows: f.count, columns: f.count, entries: f.flatMap { i in f.map { j in matrix[i, j] } })
          let zf = try DixonSolver().solve(block, Vector(f.map { -offset[$0] }))
          var z = [Rational](repeating: Rational(), count: n)
          for (k, i) in f.enumerated() { z[i] = zf[k] }
          #expect(problem.isSolution(Vector(z)), "n = \(n), d = \(d): the guess is not the support")
        }
        for guess in [LinearComplementarityProblem.lawsonHansonFreeSet(matrix: floats, offset: q),
                      LinearComplementarityProblem.projectedGaussSeidelFreeSet(matrix: floats, offset: q)?.free] {
          let solved = try problem.solveByPrincipalPivoting(initialFree: guess)
          switch (solved, reference) {
          case (.solved(let z, let w), .solved(let zr, _)):
            let complementary = try z.dot(w).isZero
            #expect(problem.isSolution(z) && complementary, "n = \(n), d = \(d)")
            // The optimal value ½zᵀMz + qᵀz is unique even where z is not.
            let value = { (z: Vector) throws -> Rational in
              let mz = Vector((0..<n).map { i in (0..<n).reduce(Rational()) { $0 + matrix[i, $1] * z[$1] } })
              return try z.dot(mz) / Rational(2) + (try offset.dot(z))
            }
            #expect(try value(z) == (try value(zr)), "n = \(n), d = \(d)")
          case (.infeasible, .infeasible): break
          default: Issue.record("n = \(n), d = \(d): \(solved) against Lemke's \(reference)")
          }
        }
      }
    }
  }
}

/// The binary64 Lawson–Hanson guess on the primal, against problems whose NNLS answer is known.
@Suite struct FloatingNonNegativeLeastSquaresTests {
  @Test func householderLeastSquaresSolvesAnOverdeterminedSystem() throws {
    // Columns (1, 0, 1) and (0, 1, 1); u = (1, 2, 3) is exactly 1·c₀ + 2·c₁.
    let s = try #require(FloatingNonNegativeLeastSquares.leastSquares(columns: [[1, 0, 1], [0, 1, 1]], dimension: 3, target: [1, 2, 3]))
    #expect(abs(s[0] - 1) < 1e-12 && abs(s[1] - 2) < 1e-12)
    // Dependent columns are refused, not solved with a garbage pivot.
    #expect(FloatingNonNegativeLeastSquares.leastSquares(columns: [[1, 2, 3], [2, 4, 6]], dimension: 3, target: [1, 1, 1]) == nil)
  }

  @Test func thePassiveSetIsTheSupportOfTheMinimizer() throws {
    // d = 2, n = 4 columns; u = (1, 1) = ½e₁ + ½e₂·… : the minimizer uses columns 0 and 1 only.
    let columns: [Double] = [2, 0, /**/ 0, 2, /**/ -1, 0, /**/ 1, -3]
    #expect(FloatingNonNegativeLeastSquares.lawsonHansonPassiveSet(columns: columns, dimension: 2, target: [1, 1]) == [0, 1])
    // A target in the negative cone of every column: μ = 0, the empty set.
    #expect(FloatingNonNegativeLeastSquares.lawsonHansonPassiveSet(columns: [1, 0, 0, 1], dimension: 2, target: [-1, -1]) == [])
    // Many more columns than dimensions: at most d passive, each a nonsingular block.
    var generator = SplitMix64(seed: 3)
    let d = 5, n = 60
    let random = (0..<(n * d)).map { _ in Double(generator.next() % 2001) / 1000 - 1 }
    let passive = try #require(FloatingNonNegativeLeastSquares.lawsonHansonPassiveSet(columns: random, dimension: d, target: [1, -2, 0.5, 3, -1]))
    #expect(passive.count <= d)
  }
}
