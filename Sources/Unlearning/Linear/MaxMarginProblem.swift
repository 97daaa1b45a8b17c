//===--- MaxMarginProblem.swift -------------------------------------------===//
// The exact KKT point of min ½‖w‖² s.t. y_i⟨w, x_i⟩ ≥ 1, in multiplier form.
//===----------------------------------------------------------------------===//

import Exact

/// A KKT point w = Σ λ_i y_i x_i of the margin problem, by its multipliers.
public struct MaxMarginSolution: Sendable {
  /// How the multipliers were found.
  public enum Method: String, Sendable {
    /// Every constraint active: Q λ = 1 solved directly.
    case allActive = "all-active"
    /// The dual as a linear complementarity problem (Lemke's method).
    case complementarity
  }

  /// The multipliers λ ≥ 0.
  public let multipliers: Vector
  /// The same multipliers over one common denominator, for integer arithmetic.
  public let scaledMultipliers: ScaledIntegerVector
  /// The margins q_i = y_i⟨w, x_i⟩ = (Q λ)_i.
  public let margins: Vector
  public let method: Method

  /// Whether every λ_i > 0 (every point is a support vector).
  public var allActive: Bool { scaledMultipliers.numerators.allSatisfy { $0.signum > 0 } }

  init(multipliers: ScaledIntegerVector, margins: Vector, method: Method) {
    self.multipliers = multipliers.vector
    scaledMultipliers = multipliers
    self.margins = margins
    self.method = method
  }
}

/// The linear max-margin problem over a signed Gram matrix Q_ij = y_i y_j ⟨x_i, x_j⟩.
public enum MaxMarginProblem {
  /// The exact KKT point: λ ≥ 0 with Q λ ≥ 1 and λ_i((Q λ)_i − 1) = 0.
  ///
  /// First tries Q λ = 1 (the common case for nearly orthogonal data, Frei
  /// et al. Lemma 15); when Q is singular or some λ_i < 0, solves the dual
  /// min ½λᵀQλ − 1ᵀλ s.t. λ ≥ 0 as LCP(−1, Q) exactly. Every answer is
  /// verified exactly before it is returned.
  ///
  /// - Throws: ``UnlearningError/notSeparable(_:)`` when no w has all
  ///   margins ≥ 1 (the LCP has no solution).
  ///
  /// - Parameter integerForm: Q as machine-word numerators over one
  ///   denominator, when the caller has it: the first (all-active) solve then
  ///   skips the conversion of n² rationals.
  ///
  /// - Parameter obstructionGuess: when the data may fail to be separable
  ///   (d < n), binary64 guessers (asked in turn, until one's guess is a
  ///   certificate) of the support of μ ≥ 0
  ///   with Σ_i μ_i y_i x_i = 0; asked only when projected Gauss–Seidel does
  ///   not converge (its iterates grow without bound on such data), and used
  ///   only through ``separationObstruction(integerForm:passiveSet:)``, which
  ///   verifies each exactly. Without it non-separable data are proved so by
  ///   the pivoting, which at n in the hundreds takes minutes.
  public static func solve(
    signedGram q: Matrix, integerForm: (numerators: [Int], denominator: BigInt)? = nil, obstructionGuess: [@Sendable () -> Set<Int>?]? = nil,
    solver: some ExactLinearSolver = DixonSolver()
  ) throws -> MaxMarginSolution {
    let n = q.rows
    let ones = Vector(repeating: Rational(1), count: n)
    // A binary64 run of the pivoting guesses the support; when it says some
    // λ_i vanish, the exact pivoting starts there instead of at Q λ = 1
    // (one exact solve instead of about three when the guess is right).
    let floats = integerForm?.numerators.map(Double.init) ?? q.entries.map { Double($0) }
    // When Q is singular (d < n) the pivoting guess cannot start; projected
    // Gauss–Seidel still finds the support (most multipliers vanish there).
    let offset = [Double](repeating: -1, count: n)
    let sweeps = PhaseTimer.measure("support guess (projected Gauss–Seidel)") {
      LinearComplementarityProblem.projectedGaussSeidelFreeSet(matrix: floats, offset: offset)
    }
    // With d < n the first obstruction guesser's passive set (Lawson–Hanson on [Z; 1ᵀ]μ ≈ e_{d+1})
    // is also the support of the closest point of conv{y_i x_i} to 0 when the data are separable:
    // the max-margin support vectors, at most about d of them. Asked once, used both ways.
    let primalSupport = obstructionGuess?.first.flatMap { guess in PhaseTimer.measure("support guess (Lawson–Hanson on the primal)") { guess() } }
    if sweeps?.converged != true, let obstructionGuess,
       let mu = PhaseTimer.measure("separability guess (a simplex vertex, Lawson–Hanson on the primal, projected Gauss–Seidel)", { () -> ScaledIntegerVector? in
         for (k, guess) in obstructionGuess.enumerated() {
           guard let passive = k == 0 ? primalSupport : guess() else { continue }
           // Q in words when it has them; otherwise (binary64 data: denominators of hundreds of bits) Q itself.
           let mu = integerForm.map { separationObstruction(integerForm: $0, passiveSet: passive) } ?? separationObstruction(signedGram: q, passiveSet: passive)
           if let mu { return mu }
         }
         guard let integerForm else { return nil }
         // The same minimum in the dual form, min_{μ≥0} ½μᵀ(Q + 11ᵀ)μ − 1ᵀμ: (N + s)μ − s ≥ 0 in Q's numerators.
         let s = Double(Rational(integerForm.denominator))
         guard let free = LinearComplementarityProblem.projectedGaussSeidelFreeSet(matrix: floats.map { $0 + s }, offset: [Double](repeating: -s, count: n))?.free
         else { return nil }
         return separationObstruction(integerForm: integerForm, passiveSet: free)
       }) {
      let support = mu.numerators.indices.filter { mu.numerators[$0].signum > 0 }
      let shown = support.count <= 12 ? ForgetSet.text(support) : ForgetSet.text(Array(support.prefix(10))) + ",…"
      throw UnlearningError.notSeparable(
        "no linear predictor through the origin separates the \(n) points with positive margin: Σ μ_i y_i x_i = 0 exactly for μ ≥ 0 on \(support.count) points (\(shown))", obstruction: mu)
    }
    // d < n: Q has rank d, so a free set of more than d points is a singular block, which ends the
    // block pivoting and leaves Lemke's method on the whole n × n tableau (hours at n in the
    // hundreds with binary64 data); the primal support has at most about d points.
    let primal = primalSupport.flatMap { $0.isEmpty || $0.count >= n ? nil : $0 }
    let guess = primal ?? sweeps.flatMap { $0.converged ? $0.free : nil } ?? LinearComplementarityProblem.lawsonHansonFreeSet(matrix: floats, offset: offset)
      ?? LinearComplementarityProblem.floatingFreeSetGuess(matrix: floats, offset: offset) ?? sweeps?.free
    var allActive: ScaledIntegerVector?
    if guess == nil || guess!.count == n {
      if let integerForm, solver is DixonSolver {
        allActive = (try? DixonSolver().solveUnlessSingularModuloPrimes(integerMatrix: integerForm.numerators, denominator: integerForm.denominator, ones)) ?? nil
      } else {
        allActive = try? solver.solveOverCommonDenominator(q, ones)
      }
      if let lambda = allActive, lambda.numerators.allSatisfy({ $0.signum >= 0 }) {
        return MaxMarginSolution(multipliers: lambda, margins: ones, method: .allActive)
      }
    }
    let problem = try LinearComplementarityProblem(matrix: q, offset: -ones)
    let start = guess.flatMap { $0.count < n ? $0 : nil }
    let form = integerForm.map { IntegerBilinearForm(size: n, machineNumerators: $0.numerators, denominator: $0.denominator) }
    // d < n: the support, exactly, from the closest point of conv{y_i x_i} to 0 (below), where block
    // exchanges on Q would pass through singular blocks and leave Lemke's method on the whole tableau.
    let support = primalSupport == nil ? nil : PhaseTimer.measure("support (exact Lawson–Hanson on the primal)") {
      try? convexHullSupport(signedGram: q, integerForm: integerForm, guess: start, solver: solver)
    }
    switch try problem.solveByPrincipalPivoting(solver: solver, allFreeSolution: allActive, initialFree: support ?? start, integerForm: form) {
    case .infeasible:
      throw UnlearningError.notSeparable("no linear predictor through the origin separates the \(n) points with positive margin")
    case .solved(let lambda, let slack):
      return MaxMarginSolution(multipliers: ScaledIntegerVector(lambda), margins: slack + ones, method: .complementarity)
    }
  }

  /// The support of the point of conv{y_i x_i} closest to the origin, in
  /// exact arithmetic: the NNLS min_{μ ≥ 0} ‖[Z; 1ᵀ]μ − e_{d+1}‖ (rows of Z
  /// the y_i x_i) is LCP(−1, Q + 11ᵀ), solved by exact Lawson–Hanson, and
  /// its solution is α*/(1 + ‖u‖²) with u = Zᵀα* that closest point. When
  /// the data are separable, u ≠ 0 and the max-margin predictor is
  /// u/‖u‖², so the support is that of the max-margin multipliers (at most
  /// d + 1 points, a few in general position): the exact pivoting on Q then
  /// starts there and certifies its answer in one solve. Nil when the
  /// iteration does not settle (the caller falls back to its own guesses).
  static func convexHullSupport(signedGram q: Matrix, integerForm: (numerators: [Int], denominator: BigInt)?, guess: Set<Int>?,
                                solver: some ExactLinearSolver) throws -> Set<Int>? {
    let n = q.rows
    let shifted = Matrix(rows: n, columns: n) { i, j in q[i, j] + Rational(1) }
    // Q + 11ᵀ in words over Q's denominator s when Q has them: N + s, if that still fits.
    var form: IntegerBilinearForm? = nil
    if let integerForm, let s = integerForm.denominator.exactInt {
      let words = integerForm.numerators.map { $0.addingReportingOverflow(s) }
      if !words.contains(where: { $0.overflow }) {
        form = IntegerBilinearForm(size: n, machineNumerators: words.map { $0.partialValue }, denominator: integerForm.denominator)
      }
    }
    let problem = try LinearComplementarityProblem(matrix: shifted, offset: Vector(repeating: Rational(-1), count: n))
    guard case .solved(let mu, _)? = problem.solveByLawsonHanson(solver: solver, initialPassive: guess, integerForm: form) else { return nil }
    let support = Set((0..<n).filter { mu[$0].signum > 0 })
    return support.isEmpty ? nil : support
  }

  /// The signed Gram matrix Q_ij = y_i y_j G_ij.
  public static func signedGram(_ gram: Matrix, labels: [Int]) -> Matrix {
    Matrix(rows: gram.rows, columns: gram.columns) { i, j in
      labels[i] == labels[j] ? gram[i, j] : -gram[i, j]
    }
  }

  /// min over μ ≥ 0 of ‖u − Σ_i μ_i y_i x_i‖², where the data enter through
  /// their signed Gram matrix `q` and b_i = y_i⟨x_i, u⟩, given ‖u‖².
  ///
  /// The minimizer solves LCP(−b, Q) (Q μ − b ≥ 0, μ ≥ 0, complementary), and
  /// then the minimum is ‖u‖² − bᵀμ (complementarity gives μᵀQμ = bᵀμ).
  /// Tries Q μ = b first (or the caller's `unconstrained` solution of it),
  /// unless `rankAtMost` (the data's dimension d) is below n, which makes Q
  /// singular; otherwise the complementarity problem, started from
  /// `primalGuess` (a support found on the primal in d dimensions) when given.
  public static func nonNegativeLeastSquares(
    signedGram q: Matrix, correlations b: Vector, squaredNorm: Rational,
    integerForm: (numerators: [Int], denominator: BigInt)? = nil, unconstrained: ScaledIntegerVector? = nil,
    rankAtMost: Int? = nil, primalGuess: (() -> Set<Int>?)? = nil, solver: some ExactLinearSolver = DixonSolver()
  ) throws -> (minimum: Rational, multipliers: Vector) {
    let direct: ScaledIntegerVector?
    if let unconstrained {
      direct = unconstrained
    } else if let rank = rankAtMost, rank < q.rows {
      // Q = ZZᵀ with Z of d < n columns is singular: no solve can succeed.
      direct = nil
    } else if let integerForm, solver is DixonSolver {
      // Q is singular when d < n: then the complementarity path below decides, without an exact elimination here.
      direct = (try? DixonSolver().solveUnlessSingularModuloPrimes(integerMatrix: integerForm.numerators, denominator: integerForm.denominator, b)) ?? nil
    } else {
      direct = try? solver.solveOverCommonDenominator(q, b)
    }
    if let mu = direct, mu.numerators.allSatisfy({ $0.signum >= 0 }) {
      let mu = mu.vector
      return (squaredNorm - (try b.dot(mu)), mu)
    }
    let problem = try LinearComplementarityProblem(matrix: q, offset: -b)
    let form = integerForm.map { IntegerBilinearForm(size: q.rows, machineNumerators: $0.numerators, denominator: $0.denominator) }
    // Without an unconstrained solution (Q singular, d < n), start from a binary64 support guess.
    var start: Set<Int>? = nil
    if direct == nil, let guess = PhaseTimer.measure("support guess (Lawson–Hanson on the primal)", { primalGuess?() }) {
      start = guess
    } else if direct == nil {
      let floats = integerForm?.numerators.map(Double.init) ?? q.entries.map { Double($0) }
      let scale = Double(integerForm.map { Rational($0.denominator) } ?? Rational(1))
      let offset = b.entries.map { -Double($0) * scale }
      let sweeps = LinearComplementarityProblem.projectedGaussSeidelFreeSet(matrix: floats, offset: offset)
      start = sweeps.flatMap { $0.converged ? $0.free : nil } ?? LinearComplementarityProblem.lawsonHansonFreeSet(matrix: floats, offset: offset)
        ?? LinearComplementarityProblem.floatingFreeSetGuess(matrix: floats, offset: offset) ?? sweeps?.free
    }
    // Q = ZZᵀ and b = Zu: LCP(−b, Q) is the NNLS min ‖Zᵀμ − u‖, which exact Lawson–Hanson solves
    // with blocks of at most d points; with d < n block exchanges would pass through singular
    // blocks and leave Lemke's method on the whole tableau.
    if direct == nil, case .solved(let mu, _)? = PhaseTimer.measure("non-negative least squares (exact Lawson–Hanson)", {
      problem.solveByLawsonHanson(solver: solver, initialPassive: start, integerForm: form)
    }) {
      return (squaredNorm - (try b.dot(mu)), mu)
    }
    guard case .solved(let mu, _) = try problem.solveByPrincipalPivoting(solver: solver, allFreeSolution: direct, initialFree: start,
                                                                         integerForm: form) else {
      // Q is positive semidefinite, so this convex QP always has a minimizer.
      throw UnlearningError.internalFailure("non-negative least squares reported infeasible")
    }
    return (squaredNorm - (try b.dot(mu)), mu)
  }
}
