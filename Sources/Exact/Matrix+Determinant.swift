//===--- Matrix+Determinant.swift -----------------------------------------===//
// The exact determinant.
//===----------------------------------------------------------------------===//

extension Matrix {
  /// det A, exactly.
  ///
  /// Each row is scaled to integers by the lcm s_i of its denominators, the
  /// integer matrix is reduced by fraction-free elimination, whose last pivot
  /// is ± its determinant, and det A = det(S A) / Π s_i.
  ///
  /// - Throws: ``ExactError/dimensionMismatch(_:)`` for a non-square matrix.
  public func determinant() throws -> Rational {
    guard isSquare else {
      throw ExactError.dimensionMismatch("determinant of a \(rows)×\(columns) matrix")
    }
    if rows == 0 { return Rational(1) }
    let (integer, scales) = integerRows()
    let echelon = FractionFreeEchelon(integer, eliminatedColumns: columns)
    guard echelon.rank == rows else { return Rational() }
    var det = echelon.rows[rows - 1][columns - 1]
    if echelon.swapSign < 0 { det.negate() }
    let scale = scales.reduce(BigInt(1), *)
    return try Rational(det, scale)
  }

  /// The rank, exactly.
  public var rank: Int {
    FractionFreeEchelon(integerRows().rows, eliminatedColumns: columns).rank
  }
}
