//===--- LinearSolver.swift -----------------------------------------------===//
// Exact solvers for square linear systems behind one interface.
//===----------------------------------------------------------------------===//

/// An exact solver for square systems A x = b over the rationals.
///
/// Every conforming solver returns the exact solution or throws; none rounds.
/// The reference ``FractionFreeSolver`` is the test oracle for faster ones.
public protocol ExactLinearSolver: Sendable {
  /// The unique x with A x = b.
  ///
  /// - Throws: ``ExactError/singularMatrix`` when A is singular, and
  ///   ``ExactError/dimensionMismatch(_:)`` when A is not square or b does not fit.
  func solve(_ matrix: Matrix, _ rhs: Vector) throws -> Vector

  /// The same solution as integer numerators over one common denominator
  /// (the natural output of fast solvers; spares a gcd per entry).
  func solveOverCommonDenominator(_ matrix: Matrix, _ rhs: Vector) throws -> ScaledIntegerVector
}

extension ExactLinearSolver {
  public func solveOverCommonDenominator(_ matrix: Matrix, _ rhs: Vector) throws -> ScaledIntegerVector {
    ScaledIntegerVector(try solve(matrix, rhs))
  }
}

extension ExactLinearSolver {
  /// Checks the shapes of a square system.
  func validate(_ matrix: Matrix, _ rhs: Vector) throws {
    guard matrix.isSquare else {
      throw ExactError.dimensionMismatch("solve needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
    }
    guard rhs.dimension == matrix.rows else {
      throw ExactError.dimensionMismatch("right-hand side of dimension \(rhs.dimension) for \(matrix.rows) equations")
    }
  }
}

/// The reference solver: fraction-free (Bareiss) elimination of the
/// integer-scaled augmented matrix [S A | S b], then back substitution in
/// exact rationals. Simple and plainly correct; O(n³) big-integer operations.
public struct FractionFreeSolver: ExactLinearSolver {
  public init() {}

  public func solve(_ matrix: Matrix, _ rhs: Vector) throws -> Vector {
    try validate(matrix, rhs)
    let n = matrix.rows
    let echelon = FractionFreeEchelon(matrix.integerRows(appending: rhs).rows, eliminatedColumns: n)
    guard echelon.rank == n else { throw ExactError.singularMatrix }
    // Upper triangular U x = c with U = echelon.rows[.., 0..<n], c = column n.
    var x = Array(repeating: Rational(), count: n)
    var scratch = Rational()
    for k in stride(from: n - 1, through: 0, by: -1) {
      let row = echelon.rows[k]
      var sum = Rational(row[n])
      for j in (k + 1)..<n where !row[j].isZero {
        sum.subtractProduct(Rational(row[j]), x[j], scratch: &scratch)
      }
      x[k] = sum / Rational(row[k])
    }
    return Vector(x)
  }
}

extension Matrix {
  /// The exact solution of A x = b.
  ///
  /// - Throws: ``ExactError/singularMatrix`` or ``ExactError/dimensionMismatch(_:)``.
  public func solve(_ rhs: Vector, using solver: some ExactLinearSolver = DixonSolver()) throws -> Vector {
    try solver.solve(self, rhs)
  }

  /// Whether A x = b holds exactly: the certificate any fast solver's answer
  /// must pass before it is reported.
  public func satisfies(solution x: Vector, rhs b: Vector) -> Bool {
    guard columns == x.dimension, rows == b.dimension else { return false }
    return (try? multiplied(by: x)) == b
  }
}
