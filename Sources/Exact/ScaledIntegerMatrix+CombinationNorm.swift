//===--- ScaledIntegerMatrix+CombinationNorm.swift ------------------------===//
// ‖Xᵀz‖² for word coefficients z, in one pass over X.
//===----------------------------------------------------------------------===//

import CGMP
import Dispatch
import Foundation

extension ScaledIntegerMatrix {
  /// ‖Nᵀz‖² = Σ_k (Σ_i z_i N_ik)² for integer z, exactly (the numerator of
  /// ‖Xᵀz‖² over `denominator²`).
  ///
  /// In machine words when L·Z·n < 2^62 (L = max|N_ik|, Z = max|z_i|), so
  /// every partial sum Σ_i z_i N_ik fits in an `Int`; each column's square is
  /// then below 2^124 (and when L·Z·n < 2^53 the sums are formed in exact
  /// doubles) and the squares are summed in `Int128` with overflow
  /// detection, spilling into GMP. Columns are cut into blocks that the
  /// cores share, and X is read once, row by row within a block. Otherwise
  /// through the exact combination (``combination(_:)-([Rational])``).
  public func squaredNormOfCombination(_ z: [Int]) -> BigInt {
    precondition(z.count == rows, "ScaledIntegerMatrix: \(z.count) coefficients for \(rows) rows")
    let n = rows, d = columns
    let largestZ = z.reduce(UInt(0)) { Swift.max($0, $1.magnitude) }
    guard let x = machineNumerators, let largest = largestMachineNumerator, !z.contains(Int.min),
          case let (bound, o1) = largest.multipliedReportingOverflow(by: largestZ), !o1,
          case let (total, o2) = bound.multipliedReportingOverflow(by: UInt(Swift.max(n, 1))), !o2, total < 1 << 62 else {
      let (numerators, _) = combination(ScaledIntegerVector(unchecked: z.map { BigInt($0) }, BigInt(1)))
      return numerators.reduce(into: BigInt()) { $0.addProduct($1, $1) }
    }
    // Below 2^53 the partial sums are exact doubles, which vectorize where 64-bit multiplies do not.
    let inDoubles = total < 1 << 53
    let block = 4096, blocks = (d + block - 1) / block
    let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, blocks))
    let sums = MPZBuffer(count: workers)
    x.withUnsafeBufferPointer { input in
      let data = SendablePointer(value: UnsafeMutablePointer(mutating: input.baseAddress!))
      withExtendedLifetime(sums) {
        DispatchQueue.concurrentPerform(iterations: workers) { w in
          var column = [Int](repeating: 0, count: block), exact = [Double](repeating: 0, count: block)
          var total = SpillingSum()
          for b in stride(from: w, to: blocks, by: workers) {
            let start = b * block, count = Swift.min(block, d - start)
            if inDoubles {
              // Every partial sum is an integer below 2^53: each double operation is exact.
              for k in 0..<count { exact[k] = 0 }
              for i in 0..<n where z[i] != 0 {
                let row = data.value + i * d + start, zi = Double(z[i])
                for k in 0..<count { exact[k] += zi * Double(row[k]) }
              }
              for k in 0..<count { column[k] = Int(exact[k]) }
            } else {
              for k in 0..<count { column[k] = 0 }
              for i in 0..<n where z[i] != 0 {
                let row = data.value + i * d + start, zi = z[i]
                for k in 0..<count { column[k] &+= zi &* row[k] }
              }
            }
            for k in 0..<count { total.add(Int128(column[k]) * Int128(column[k])) }
          }
          let value = total.value
          withExtendedLifetime(value) { __gmpz_set(sums[w], value.rawPointer) }
        }
      }
    }
    return sums.takeAll().reduce(BigInt(), +)
  }
}
