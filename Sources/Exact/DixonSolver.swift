//===--- DixonSolver.swift ------------------------------------------------===//
// Fast exact solution of square systems by p-adic (Dixon) lifting.
//===----------------------------------------------------------------------===//

import CGMP

/// Solves A x = b exactly by Dixon's p-adic lifting (Dixon 1982), the method
/// of FLINT's `fmpq_mat_solve_dixon`:
///
/// 1. scale to integers: A = A_Z / s_A, b = b_Z / s_b (common denominators);
/// 2. factor P A_Z = L U modulo a prime p < 2^29 (``ModularLU``);
/// 3. lift: with r₀ = b_Z, repeat xᵢ = A_Z⁻¹ rᵢ mod p, rᵢ₊₁ = (rᵢ − A_Z xᵢ)/p
///    (an exact division), so Σ xᵢ pⁱ ≡ A_Z⁻¹ b_Z (mod pᵏ);
/// 4. recover the rationals by rational reconstruction (extended Euclid,
///    stopped at √(pᵏ/2)) over one common denominator; attempts are
///    scheduled from a floating-point estimate of the solution's size and
///    gated by a one-number probe, so the full reconstruction runs about once;
/// 5. **certify**: a candidate is returned only if A_Z Y = s·b_Z holds
///    exactly; otherwise lifting continues, up to the Hadamard bound.
///
/// Each lifting step costs O(n²) word operations instead of Gaussian
/// elimination's O(n³) big-integer ones. A prime dividing det A_Z is
/// detected in step 2 and replaced; a singular A falls back to
/// ``FractionFreeSolver``, which reports it. Because of the certificate, a
/// wrong reconstruction can never be returned.
public struct DixonSolver: ExactLinearSolver {
  /// Primes below 2^29, tried in order: products of residues stay below
  /// 2^58, so 63 of them can be summed in a UInt64 before one reduction.
  static let primes: [UInt64] = [536_870_909, 536_870_879, 536_870_869, 536_870_849, 536_870_839]

  public init() {}

  public func solve(_ matrix: Matrix, _ rhs: Vector) throws -> Vector {
    try solveOverCommonDenominator(matrix, rhs).vector
  }

  /// The solution as integer numerators over one common denominator, the
  /// form the lifting produces (no gcd per entry).
  public func solveOverCommonDenominator(_ matrix: Matrix, _ rhs: Vector) throws -> ScaledIntegerVector {
    try validate(matrix, rhs)
    // 1. Integer scaling: A = A_Z / s_A with one common denominator.
    let (small, aScale) = matrix.entries.integerNumerators()
    if let small { return try solveOverCommonDenominator(integerMatrix: small, denominator: aScale, rhs) }
    // Entries beyond 63 bits: the lifting in 60-bit chunks.
    let n = matrix.rows
    let a = matrix.entries.map { ($0.numerator * aScale).exactlyDivided(by: $0.denominator) }
    let (b, bScale) = Self.integerRightHandSide(rhs)
    if n < 1 << 24, let y = Self.solveInteger(LiftingMatrix(a, n: n), b: b) {
      return try ScaledIntegerVector(numerators: y.numerators.map { $0 * aScale }, denominator: y.denominator * bScale)
    }
    return ScaledIntegerVector(try FractionFreeSolver().solve(matrix, rhs))
  }

  /// x with (N / s) x = b for an integer matrix N of machine words
  /// (row-major n × n) over a positive denominator s: the same solution as
  /// ``solveOverCommonDenominator(_:_:)`` without building rationals.
  ///
  /// - Throws: ``ExactError/singularMatrix`` or ``ExactError/dimensionMismatch(_:)``.
  public func solveOverCommonDenominator(integerMatrix numerators: [Int], denominator s: BigInt, _ rhs: Vector) throws -> ScaledIntegerVector {
    let n = rhs.dimension
    guard numerators.count == n * n, s.signum > 0 else {
      throw ExactError.dimensionMismatch("\(numerators.count) numerators for \(n) equations, or a non-positive denominator")
    }
    if n == 0 { return ScaledIntegerVector(unchecked: [], BigInt(1)) }
    let (b, bScale) = Self.integerRightHandSide(rhs)
    if n < 1 << 24, !numerators.contains(Int.min), let y = Self.solveInteger(LiftingMatrix(words: numerators, n: n), b: b) {
      // N y = b_Z  ⇒  (N/s) x = b_Z/s_b with x = y · s / s_b.
      return try ScaledIntegerVector(numerators: y.numerators.map { $0 * s }, denominator: y.denominator * bScale)
    }
    // No prime worked (A singular, or a reconstruction failed): the reference path decides.
    let matrix = try Matrix(rows: n, columns: n, entries: numerators.map { try Rational(BigInt($0), s) })
    return ScaledIntegerVector(try FractionFreeSolver().solve(matrix, rhs))
  }

  /// As ``solveOverCommonDenominator(integerMatrix:denominator:_:)``, but
  /// `nil` instead of the exact elimination when A is singular modulo every
  /// prime tried (then almost surely singular over ℚ).
  ///
  /// For callers that have another exact path when there is no solution here
  /// (the margin problems' complementarity pivoting, which certifies its own
  /// answer): `nil` only means "not solved here", never "singular". A
  /// returned solution is certified as always.
  public func solveUnlessSingularModuloPrimes(integerMatrix numerators: [Int], denominator s: BigInt, _ rhs: Vector) throws -> ScaledIntegerVector? {
    let n = rhs.dimension
    guard numerators.count == n * n, s.signum > 0 else {
      throw ExactError.dimensionMismatch("\(numerators.count) numerators for \(n) equations, or a non-positive denominator")
    }
    if n == 0 { return ScaledIntegerVector(unchecked: [], BigInt(1)) }
    guard n < 1 << 24, !numerators.contains(Int.min) else { return try solveOverCommonDenominator(integerMatrix: numerators, denominator: s, rhs) }
    let (b, bScale) = Self.integerRightHandSide(rhs)
    guard let y = Self.solveInteger(LiftingMatrix(words: numerators, n: n), b: b) else { return nil }
    return try ScaledIntegerVector(numerators: y.numerators.map { $0 * s }, denominator: y.denominator * bScale)
  }

  /// A y = b for an integer matrix of machine words, as Y / s; `nil` when
  /// A is singular modulo every prime tried or no candidate was certified.
  static func solveInteger(_ a: LiftingMatrix, b: [BigInt]) -> ScaledIntegerVector? {
    let n = a.n
    let expected = estimatedSteps(a: a, b: b, p: primes[0])
    for p in primes {
      let lu = a.isWords ? ModularLU(a.chunks[0], n: n, p: p) : ModularLU(residues: (0..<(n * n)).map { a.residue($0, p) }, n: n, p: p)
      guard let lu else { continue }  // p | det A
      if let y = lift(a: a, b: b, lu: lu, expectedSteps: expected) { return y }
    }
    return nil
  }

  /// b = b_Z / s_b over the least common denominator s_b.
  static func integerRightHandSide(_ rhs: Vector) -> ([BigInt], BigInt) {
    let scale = commonDenominator(rhs.entries)
    return (rhs.entries.map { ($0.numerator * scale).exactlyDivided(by: $0.denominator) }, scale)
  }

  /// The lcm of the denominators.
  static func commonDenominator(_ values: [Rational]) -> BigInt { Rational.commonDenominator(values) }
}

extension Array where Element == Rational {
  /// The entries as machine-integer numerators over their least common
  /// denominator s (`nil` numerators when some do not fit in `Int`).
  /// Entries whose numerator and denominator are words are scaled in word
  /// arithmetic: no GMP value per entry in the common case.
  func integerNumerators() -> ([Int]?, BigInt) {
    let s = Rational.commonDenominator(self)
    guard let scale = s.exactInt else { return (nil, s) }
    var out = [Int]()
    out.reserveCapacity(count)
    for v in self {
      guard let num = v.numerator.exactInt, let den = v.denominator.exactInt else { return (nil, s) }
      let (value, overflow) = num.multipliedReportingOverflow(by: scale / den)
      guard !overflow else { return (nil, s) }
      out.append(value)
    }
    return (out, s)
  }
}

extension BigInt {
  /// self mod p for a word p, in [0, p).
  func modulo(_ p: UInt64) -> UInt64 {
    UInt64(__gmpz_fdiv_ui(pointer, UInt(p)))
  }

  /// The remainder of floor division, in [0, m).
  func floorModulo(_ m: BigInt) -> BigInt {
    let r = BigInt()
    __gmpz_fdiv_r(r.pointer, pointer, m.pointer)
    return r
  }
}
