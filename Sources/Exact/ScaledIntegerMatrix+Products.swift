//===--- ScaledIntegerMatrix+Products.swift -------------------------------===//
// Products of a data matrix with vectors of large integers: Xᵀc and X v.
//===----------------------------------------------------------------------===//

import CGMP
import Dispatch

extension ScaledIntegerMatrix {
  /// Xᵀc = Σ_i c_i x_i for rational coefficients, in integer arithmetic:
  /// with c = C/δ over the common denominator δ, Xᵀc = (Nᵀ C) / (δ·D), so
  /// the work is n·d word-by-integer multiply-adds (GMP `addmul_ui`), with no gcds.
  ///
  /// - Returns: the numerators of the d entries over one shared denominator.
  public func combination(_ coefficients: [Rational]) -> (numerators: [BigInt], denominator: BigInt) {
    combination(ScaledIntegerVector(coefficients))
  }

  /// Xᵀc for c = C/δ given over a shared denominator: (Nᵀ C) / (δ·D).
  public func combination(_ c: ScaledIntegerVector) -> (numerators: [BigInt], denominator: BigInt) {
    precondition(c.count == rows, "ScaledIntegerMatrix: \(c.count) coefficients for \(rows) rows")
    return (transposedTimes(c.numerators), c.denominator * denominator)
  }

  /// X v for v = V / s (numerators over one denominator): (N V) / (D·s),
  /// again in integer multiply-adds. Returns the n numerators and the denominator.
  public func times(numerators v: [BigInt], denominator s: BigInt) -> (numerators: [BigInt], denominator: BigInt) {
    precondition(v.count == columns, "ScaledIntegerMatrix: vector of \(v.count) for \(columns) columns")
    return (times(v), denominator * s)
  }

  /// X v for a rational vector, as rationals (via ``times(numerators:denominator:)``).
  public func times(_ v: [Rational]) -> [Rational] {
    let scaled = ScaledIntegerVector(v)
    let (numerators, denominator) = times(numerators: scaled.numerators, denominator: scaled.denominator)
    return numerators.map { try! Rational($0, denominator) }
  }

  /// Nᵀ C (d entries) for integers C: by carry-free digit lanes when the
  /// numerators are words below 2^28, else by GMP multiply-adds (cutting
  /// larger numerators into chunks for the lanes measured slower than GMP's
  /// multi-limb multiply-adds).
  func transposedTimes(_ c: [BigInt]) -> [BigInt] {
    let n = rows, d = columns
    if let x = machineNumerators, let largest = largestMachineNumerator, DigitAccumulator(width: 1, largestWord: largest) != nil {
      return Self.digitTransposedTimes(x, rows: n, columns: d, largest: largest, DigitVectors(c))
    }
    let out = MPZBuffer(count: d)
    let transposed: [Int]? = machineNumerators.map { x in
      var t = [Int](repeating: 0, count: n * d)
      for i in 0..<n { for j in 0..<d { t[j * n + i] = x[i * d + j] } }
      return t
    }
    let big = transposed == nil ? numerators : []
    let factors = SharedIntegers(c)
    withExtendedLifetime((c, big, out)) {
      let tasks = Swift.min(d, 64)
      DispatchQueue.concurrentPerform(iterations: tasks) { task in
        for j in (task * d / tasks)..<((task + 1) * d / tasks) {
          let acc = out[j]
          if let t = transposed {
            for i in 0..<n { addProduct(acc, factors[i], t[j * n + i]) }
          } else {
            for i in 0..<n where !big[i * d + j].isZero { __gmpz_addmul(acc, factors[i], big[i * d + j].rawPointer) }
          }
        }
      }
    }
    return out.takeAll()
  }

  /// N V (n entries) for integers V, by the same two methods as
  /// ``transposedTimes(_:)``.
  func times(_ v: [BigInt]) -> [BigInt] {
    let n = rows, d = columns
    if let x = machineNumerators, let largest = largestMachineNumerator, DigitAccumulator(width: 1, largestWord: largest) != nil {
      return Self.digitTimes(x, rows: n, columns: d, largest: largest, DigitVectors(v))
    }
    let out = MPZBuffer(count: n)
    let factors = SharedIntegers(v)
    let big = machineNumerators == nil ? numerators : []
    withExtendedLifetime((v, big, out)) {
      let tasks = Swift.min(n, 8)
      DispatchQueue.concurrentPerform(iterations: tasks) { task in
        let rowRange = (task * n / tasks)..<((task + 1) * n / tasks)
        for blockStart in stride(from: 0, to: d, by: 128) {
          let block = blockStart..<Swift.min(d, blockStart + 128)
          for i in rowRange {
            let acc = out[i]
            if let x = machineNumerators {
              for j in block { addProduct(acc, factors[j], x[i * d + j]) }
            } else {
              for j in block where !big[i * d + j].isZero { __gmpz_addmul(acc, factors[j], big[i * d + j].rawPointer) }
            }
          }
        }
      }
    }
    return out.takeAll()
  }
}

extension ScaledIntegerMatrix {
  /// Nᵀ C by digit lanes for word numerators |N_ij| ≤ `largest` (< 2^28).
  /// Each task owns a range of columns j; column j of N is read with stride
  /// d, but consecutive j of a task share cache lines, so no transposed copy
  /// is needed.
  static func digitTransposedTimes(_ x: [Int], rows n: Int, columns d: Int, largest: UInt, _ vectors: DigitVectors) -> [BigInt] {
    let out = MPZBuffer(count: d)
    withExtendedLifetime(out) {
      let tasks = Swift.min(d, 64)
      DispatchQueue.concurrentPerform(iterations: tasks) { task in
        var acc = DigitAccumulator(width: vectors.width, largestWord: largest)!
        for j in (task * d / tasks)..<((task + 1) * d / tasks) {
          var i = 0
          while i + 4 <= n {
            acc.add((x[i * d + j], x[(i + 1) * d + j], x[(i + 2) * d + j], x[(i + 3) * d + j]), vectors, rows: (i, i + 1, i + 2, i + 3))
            i += 4
          }
          while i < n {
            acc.add(x[i * d + j], vectors, row: i)
            i += 1
          }
          acc.take(into: out[j])
        }
      }
    }
    return out.takeAll()
  }

  /// N V by digit lanes. Each task owns a range of rows and walks the
  /// columns in blocks, so a block of V_j and the task's accumulators stay
  /// in L2 instead of streaming all of V once per row.
  static func digitTimes(_ x: [Int], rows n: Int, columns d: Int, largest: UInt, _ vectors: DigitVectors) -> [BigInt] {
    let out = MPZBuffer(count: n)
    withExtendedLifetime(out) {
      let tasks = Swift.min(n, 8)
      DispatchQueue.concurrentPerform(iterations: tasks) { task in
        let rowRange = (task * n / tasks)..<((task + 1) * n / tasks)
        var accumulators = rowRange.map { _ in DigitAccumulator(width: vectors.width, largestWord: largest)! }
        for blockStart in stride(from: 0, to: d, by: 64) {
          let block = blockStart..<Swift.min(d, blockStart + 64)
          for (k, i) in rowRange.enumerated() {
            let row = i * d
            var j = block.lowerBound
            while j + 4 <= block.upperBound {
              accumulators[k].add((x[row + j], x[row + j + 1], x[row + j + 2], x[row + j + 3]), vectors, rows: (j, j + 1, j + 2, j + 3))
              j += 4
            }
            while j < block.upperBound {
              accumulators[k].add(x[row + j], vectors, row: j)
              j += 1
            }
          }
        }
        for (k, i) in rowRange.enumerated() { accumulators[k].take(into: out[i]) }
      }
    }
    return out.takeAll()
  }

  /// max |N_ij| over machine-word numerators; `nil` without them.
  var largestMachineNumerator: UInt? {
    machineNumerators.map { $0.reduce(0) { Swift.max($0, $1.magnitude) } }
  }
}

/// acc += f·w for a machine word w (GMP's `addmul_ui` / `submul_ui`).
@inline(__always)
func addProduct(_ acc: UnsafeMutablePointer<__mpz_struct>, _ f: UnsafePointer<__mpz_struct>, _ w: Int) {
  if w > 0 {
    __gmpz_addmul_ui(acc, f, UInt(w))
  } else if w < 0 {
    __gmpz_submul_ui(acc, f, w.magnitude)
  }
}
