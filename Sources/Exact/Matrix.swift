//===--- Matrix.swift -----------------------------------------------------===//
// Dense matrices of exact rationals, row-major.
//===----------------------------------------------------------------------===//

/// A dense rows × columns matrix of exact rationals, stored row-major.
public struct Matrix: Sendable, Hashable {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The entries, row-major: entry (i, j) is at `i * columns + j`.
  public private(set) var entries: [Rational]

  /// A matrix from row-major entries.
  ///
  /// - Throws: ``ExactError/dimensionMismatch(_:)`` when the count is not rows × columns.
  public init(rows: Int, columns: Int, entries: [Rational]) throws {
    guard rows >= 0, columns >= 0, entries.count == rows * columns else {
      throw ExactError.dimensionMismatch("\(entries.count) entries for a \(rows)×\(columns) matrix")
    }
    self.rows = rows
    self.columns = columns
    self.entries = entries
  }

  /// A matrix from its rows.
  ///
  /// - Throws: ``ExactError/dimensionMismatch(_:)`` for ragged rows.
  public init(rows rowList: [[Rational]]) throws {
    let columns = rowList.first?.count ?? 0
    guard rowList.allSatisfy({ $0.count == columns }) else {
      throw ExactError.dimensionMismatch("rows of different lengths")
    }
    try self.init(rows: rowList.count, columns: columns, entries: rowList.flatMap { $0 })
  }

  /// A matrix whose entry (i, j) is `entry(i, j)`.
  public init(rows: Int, columns: Int, entry: (Int, Int) throws -> Rational) rethrows {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension")
    self.rows = rows
    self.columns = columns
    var entries: [Rational] = []
    entries.reserveCapacity(rows * columns)
    for i in 0..<rows { for j in 0..<columns { entries.append(try entry(i, j)) } }
    self.entries = entries
  }

  /// The zero matrix.
  public init(zeros rows: Int, _ columns: Int) {
    self.init(rows: rows, columns: columns) { _, _ in Rational() }
  }

  /// The n × n identity.
  public static func identity(_ n: Int) -> Matrix {
    Matrix(rows: n, columns: n) { i, j in i == j ? Rational(1) : Rational() }
  }

  /// Entry (i, j).
  public subscript(i: Int, j: Int) -> Rational {
    get {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix: index (\(i), \(j)) out of range")
      return entries[i * columns + j]
    }
    set {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix: index (\(i), \(j)) out of range")
      entries[i * columns + j] = newValue
    }
  }

  /// Whether the matrix is square.
  public var isSquare: Bool { rows == columns }

  /// Row i as a vector.
  public func row(_ i: Int) -> Vector { Vector(Array(entries[(i * columns)..<((i + 1) * columns)])) }

  /// Column j as a vector.
  public func column(_ j: Int) -> Vector { Vector((0..<rows).map { self[$0, j] }) }

  /// Aᵀ.
  public var transposed: Matrix { Matrix(rows: columns, columns: rows) { i, j in self[j, i] } }

  /// The submatrix on the given rows and columns, in the given order.
  public func submatrix(rows rowIndices: [Int], columns columnIndices: [Int]) -> Matrix {
    Matrix(rows: rowIndices.count, columns: columnIndices.count) { i, j in self[rowIndices[i], columnIndices[j]] }
  }

  /// A · B, exactly.
  ///
  /// - Throws: ``ExactError/dimensionMismatch(_:)`` when A's columns ≠ B's rows.
  public func multiplied(by other: Matrix) throws -> Matrix {
    guard columns == other.rows else {
      throw ExactError.dimensionMismatch("product of \(rows)×\(columns) and \(other.rows)×\(other.columns)")
    }
    var scratch = Rational()
    return Matrix(rows: rows, columns: other.columns) { i, j in
      var sum = Rational()
      for k in 0..<columns { sum.addProduct(self[i, k], other[k, j], scratch: &scratch) }
      return sum
    }
  }

  /// A · v, exactly.
  ///
  /// - Throws: ``ExactError/dimensionMismatch(_:)`` when A's columns ≠ dim v.
  public func multiplied(by vector: Vector) throws -> Vector {
    guard columns == vector.dimension else {
      throw ExactError.dimensionMismatch("product of \(rows)×\(columns) and a vector of dimension \(vector.dimension)")
    }
    // Integer arithmetic over common denominators (A = N/s, v = V/γ):
    // A v = N V / (s γ), with no gcd per product.
    let s = DixonSolver.commonDenominator(entries)
    let gamma = DixonSolver.commonDenominator(vector.entries)
    let v = vector.entries.map { ($0.numerator * gamma).exactlyDivided(by: $0.denominator) }
    let scale = s * gamma
    var numerator = BigInt()
    return Vector((0..<rows).map { i in
      numerator = BigInt()
      for j in 0..<columns where !v[j].isZero {
        let a = entries[i * columns + j]
        if a.isZero { continue }
        numerator.addProduct(a.denominator == s ? a.numerator : (a.numerator * s).exactlyDivided(by: a.denominator), v[j])
      }
      return try! Rational(numerator, scale)
    })
  }

  /// The Gram matrix A Aᵀ of the rows: entry (i, j) = ⟨a_i, a_j⟩.
  public var gram: Matrix {
    let rowVectors = (0..<rows).map(row)
    var result = Matrix(zeros: rows, rows)
    for i in 0..<rows {
      for j in i..<rows {
        let value = try! rowVectors[i].dot(rowVectors[j])
        result[i, j] = value
        result[j, i] = value
      }
    }
    return result
  }
}

extension Matrix: CustomStringConvertible {
  public var description: String {
    (0..<rows).map { row($0).description }.joined(separator: "\n")
  }
}
