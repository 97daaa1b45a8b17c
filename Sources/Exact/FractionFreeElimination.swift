//===--- FractionFreeElimination.swift ------------------------------------===//
// Bareiss's fraction-free Gaussian elimination over GMP integers: the one
// elimination kernel behind determinant, rank and the reference solver.
//===----------------------------------------------------------------------===//

/// The row-echelon form of an integer matrix by Bareiss's fraction-free
/// elimination.
///
/// With row swaps for non-zero pivots, step k replaces, for every row i below
/// the pivot row and every column j right of the pivot column,
///
///     M[i][j] ← (M[i][j]·M[r][c] − M[i][c]·M[r][j]) / p,
///
/// where p is the previous pivot (1 at the start). Sylvester's identity makes
/// every such division exact and every entry a minor of the input, so entries
/// stay as small as the determinant allows (Bareiss 1968).
struct FractionFreeEchelon {
  /// The eliminated matrix (entries below the pivots are not cleared).
  var rows: [[BigInt]]
  /// The pivot columns, one per pivot row 0, 1, ….
  var pivotColumns: [Int]
  /// +1 or −1: the parity of the row swaps made.
  var swapSign: Int

  /// Eliminates `matrix` over its first `eliminatedColumns` columns (the rest,
  /// e.g. a right-hand side, is carried along).
  init(_ matrix: [[BigInt]], eliminatedColumns: Int) {
    var m = matrix
    var pivots: [Int] = []
    var sign = 1
    var previous = BigInt(1)
    var r = 0
    let totalColumns = m.first?.count ?? 0
    var product = BigInt()
    for c in 0..<eliminatedColumns where r < m.count {
      guard let p = (r..<m.count).first(where: { !m[$0][c].isZero }) else { continue }
      if p != r {
        m.swapAt(p, r)
        sign = -sign
      }
      let pivot = m[r][c]
      for i in (r + 1)..<m.count {
        let factor = m[i][c]
        for j in (c + 1)..<totalColumns {
          // M[i][j] ← (M[i][j]·pivot − factor·M[r][j]) / previous, in place.
          product.setProduct(m[i][j], pivot)
          product.subtractProduct(factor, m[r][j])
          m[i][j] = product.exactlyDivided(by: previous)
        }
        m[i][c] = BigInt()
      }
      previous = pivot
      pivots.append(c)
      r += 1
    }
    rows = m
    pivotColumns = pivots
    swapSign = sign
  }

  /// The rank: the number of pivots.
  var rank: Int { pivotColumns.count }
}

extension Matrix {
  /// The rows scaled to integers: row i times the lcm of its denominators.
  ///
  /// - Returns: the integer rows and the scale of each row.
  func integerRows(appending rhs: Vector? = nil) -> (rows: [[BigInt]], scales: [BigInt]) {
    var result: [[BigInt]] = []
    var scales: [BigInt] = []
    result.reserveCapacity(rows)
    for i in 0..<rows {
      var rowEntries = Array(entries[(i * columns)..<((i + 1) * columns)])
      if let rhs { rowEntries.append(rhs[i]) }
      var lcm = BigInt(1)
      for entry in rowEntries {
        let d = entry.denominator
        if d != 1 { lcm = (lcm * d).exactlyDivided(by: BigInt.gcd(lcm, d)) }
      }
      result.append(rowEntries.map { ($0.numerator * lcm).exactlyDivided(by: $0.denominator) })
      scales.append(lcm)
    }
    return (result, scales)
  }
}
