//===--- IntegerBilinearForm.swift ----------------------------------------===//
// M c for a rational matrix M, in integer arithmetic over shared denominators.
//===----------------------------------------------------------------------===//

import CGMP
import Dispatch

/// A rational matrix M = N / s stored as integer numerators over one common
/// denominator, for products without the gcd of every rational product:
/// with c = C/γ, M c = (N C) / (γ s), which costs n² integer multiply-adds,
/// and a bilinear form dᵀ M c is then one ``ScaledIntegerVector/dot(_:)``.
public struct IntegerBilinearForm: Sendable {
  public let size: Int
  /// The numerators N (row-major).
  public var numerators: [BigInt] { bigNumerators ?? machineNumerators!.map { BigInt($0) } }
  private let bigNumerators: [BigInt]?
  /// The numerators as machine integers, when all fit.
  public let machineNumerators: [Int]?
  public let denominator: BigInt

  /// The form of a square rational matrix.
  public init(_ matrix: Matrix) {
    precondition(matrix.isSquare, "IntegerBilinearForm: the matrix must be square")
    size = matrix.rows
    let s = DixonSolver.commonDenominator(matrix.entries)
    let numerators = matrix.entries.map { ($0.numerator * s).exactlyDivided(by: $0.denominator) }
    let small = numerators.compactMap(\.exactInt)
    machineNumerators = small.count == numerators.count ? small : nil
    bigNumerators = machineNumerators == nil ? numerators : nil
    denominator = s
  }

  /// The form of N / s for machine-integer numerators (row-major, n × n),
  /// without any rational arithmetic.
  public init(size n: Int, machineNumerators values: [Int], denominator s: BigInt) {
    precondition(values.count == n * n && s.signum > 0, "IntegerBilinearForm: \(values.count) numerators for \(n) × \(n), or a non-positive denominator")
    size = n
    machineNumerators = values
    bigNumerators = nil
    denominator = s
  }
}

extension IntegerBilinearForm {
  /// M_II c for the principal submatrix on an index list I (all indices by
  /// default) and c = C/γ over a shared denominator: (N_II C) / (γ s), in
  /// word-by-integer multiply-adds, rows spread over the cores.
  public func apply(_ c: ScaledIntegerVector, indices: [Int]? = nil) -> ScaledIntegerVector {
    let index = indices ?? Array(0..<size)
    precondition(c.count == index.count, "IntegerBilinearForm: vector of \(c.count) for \(index.count) indices")
    let m = index.count, size = self.size
    let out = MPZBuffer(count: m)
    let factors = SharedIntegers(c.numerators)
    withExtendedLifetime((c, out)) {
      let tasks = Swift.min(m, 8)
      DispatchQueue.concurrentPerform(iterations: tasks) { task in
        for k in (task * m / tasks)..<((task + 1) * m / tasks) {
          let row = index[k] * size
          if let small = machineNumerators {
            for (l, j) in index.enumerated() { addProduct(out[k], factors[l], small[row + j]) }
          } else {
            for (l, j) in index.enumerated() { __gmpz_addmul(out[k], factors[l], bigNumerators![row + j].rawPointer) }
          }
        }
      }
    }
    return ScaledIntegerVector(unchecked: out.takeAll(), c.denominator * denominator)
  }

  /// Column j of M restricted to the rows of an index list, over s.
  public func column(_ j: Int, rows indices: [Int]) -> ScaledIntegerVector {
    ScaledIntegerVector(unchecked: indices.map { i in machineNumerators.map { BigInt($0[i * size + j]) } ?? bigNumerators![i * size + j] }, denominator)
  }
}
