//===--- ScaledIntegerMatrix.swift ----------------------------------------===//
// A data matrix as integers over one shared denominator, so dot products and
// Gram matrices run in machine integers and only the solves need GMP.
//===----------------------------------------------------------------------===//

import Dispatch

/// An exact matrix stored as integer numerators over one shared positive
/// denominator: entry (i, j) = numerators[i·columns + j] / denominator.
///
/// Data on a dyadic grid (and every float64 data set) has this form with a
/// power-of-two denominator. When every numerator fits in `Int`, products are
/// formed in 128-bit integers with overflow detection, falling back to GMP.
public struct ScaledIntegerMatrix: Sendable, Hashable {
  public let rows: Int
  public let columns: Int
  /// The shared positive denominator.
  public let denominator: BigInt
  /// The numerators as machine integers, when all of them fit (the
  /// common case of data on a grid); then no GMP value is stored per entry.
  public let machineNumerators: [Int]?
  /// The numerators when some do not fit in `Int`.
  private let bigNumerators: [BigInt]?

  /// The numerators, row-major.
  public var numerators: [BigInt] { bigNumerators ?? machineNumerators!.map { BigInt($0) } }

  /// Numerator (i, j).
  @inline(__always)
  public func numerator(_ i: Int, _ j: Int) -> BigInt {
    if let small = machineNumerators { return BigInt(small[i * columns + j]) }
    return bigNumerators![i * columns + j]
  }

  /// A scaled integer matrix from machine-integer numerators.
  ///
  /// - Throws: as ``init(rows:columns:numerators:denominator:)``.
  public init(rows: Int, columns: Int, machineNumerators values: [Int], denominator: BigInt) throws {
    guard rows >= 0, columns >= 0, values.count == rows * columns else {
      throw ExactError.dimensionMismatch("\(values.count) numerators for a \(rows)×\(columns) matrix")
    }
    guard !denominator.isZero else { throw ExactError.divisionByZero }
    if denominator.signum < 0 || values.contains(Int.min) {
      try self.init(rows: rows, columns: columns, numerators: values.map { BigInt($0) }, denominator: denominator)
      return
    }
    self.init(storageRows: rows, columns: columns, denominator: denominator, machine: values, big: nil)
  }

  private init(storageRows rows: Int, columns: Int, denominator: BigInt, machine: [Int]?, big: [BigInt]?) {
    self.rows = rows
    self.columns = columns
    self.denominator = denominator
    self.machineNumerators = machine
    self.bigNumerators = big
  }

  /// A scaled integer matrix from numerators and a denominator.
  ///
  /// - Throws: ``ExactError/dimensionMismatch(_:)`` on a wrong count, and
  ///   ``ExactError/divisionByZero`` for a zero denominator. A negative
  ///   denominator is folded into the numerators.
  public init(rows: Int, columns: Int, numerators: [BigInt], denominator: BigInt) throws {
    guard rows >= 0, columns >= 0, numerators.count == rows * columns else {
      throw ExactError.dimensionMismatch("\(numerators.count) numerators for a \(rows)×\(columns) matrix")
    }
    guard !denominator.isZero else { throw ExactError.divisionByZero }
    let flip = denominator.signum < 0
    let values = flip ? numerators.map { -$0 } : numerators
    let small = values.compactMap(\.exactInt)
    self.init(storageRows: rows, columns: columns, denominator: flip ? -denominator : denominator,
              machine: small.count == values.count ? small : nil, big: small.count == values.count ? nil : values)
  }

  /// The same matrix over the least common denominator of its entries.
  public init(_ matrix: Matrix) {
    var lcm = BigInt(1)
    for entry in matrix.entries {
      let d = entry.denominator
      if d != 1 { lcm = (lcm * d).exactlyDivided(by: BigInt.gcd(lcm, d)) }
    }
    let nums = matrix.entries.map { ($0.numerator * lcm).exactlyDivided(by: $0.denominator) }
    try! self.init(rows: matrix.rows, columns: matrix.columns, numerators: nums, denominator: lcm)
  }

  /// The exact rational matrix.
  public var matrix: Matrix {
    try! Matrix(rows: rows, columns: columns, entries: (0..<(rows * columns)).map { try! Rational(numerator($0 / columns, $0 % columns), denominator) })
  }

  /// Entry (i, j), exactly.
  public subscript(i: Int, j: Int) -> Rational {
    try! Rational(numerator(i, j), denominator)
  }

  /// Σ_k N[i][k]·N[j][k] as an integer (the numerator of ⟨row i, row j⟩
  /// over denominator²), in 128-bit arithmetic when that cannot overflow a
  /// partial sum, else in GMP.
  public func rowDotNumerator(_ i: Int, _ j: Int) -> BigInt {
    if let small = machineNumerators {
      if let value = Self.dot128(small, i * columns, j * columns, columns) { return BigInt(value) }
      return Self.dot128Spilling(small, i * columns, j * columns, columns)
    }
    var sum = BigInt()
    let big = bigNumerators!
    for k in 0..<columns { sum.addProduct(big[i * columns + k], big[j * columns + k]) }
    return sum
  }

  /// The dot product of word rows whose sum overflows 128 bits: 128-bit
  /// partial sums, each moved into a GMP total just before it would overflow.
  static func dot128Spilling(_ a: [Int], _ offsetI: Int, _ offsetJ: Int, _ count: Int) -> BigInt {
    a.withUnsafeBufferPointer { buffer in
      var sum = SpillingSum()
      for k in 0..<count { sum.add(Int128(buffer[offsetI + k]) * Int128(buffer[offsetJ + k])) }
      return sum.value
    }
  }

  /// The dot product in Int128 with overflow detection; `nil` on overflow.
  /// Each product of two `Int`s fits in 126 bits, so only the sum can overflow.
  @inline(__always)
  static func dot128(_ a: [Int], _ offsetI: Int, _ offsetJ: Int, _ count: Int) -> Int128? {
    a.withUnsafeBufferPointer { buffer -> Int128? in
      var sum: Int128 = 0
      for k in 0..<count {
        let product = Int128(buffer[offsetI + k]) * Int128(buffer[offsetJ + k])
        let (next, overflow) = sum.addingReportingOverflow(product)
        if overflow { return nil }
        sum = next
      }
      return sum
    }
  }

  /// The numerators of the Gram matrix N Nᵀ (symmetric, row-major, n × n);
  /// the Gram matrix itself is these over `denominator²`.
  ///
  /// In machine words when they suffice (``gramMachineNumerators``); for
  /// numerators beyond words in chunks of exact doubles; otherwise row dot
  /// products in 128 bits spilling to GMP. Rows are split across all cores.
  public var gramNumerators: [BigInt] {
    if let values = gramMachineNumerators { return values.map { BigInt($0) } }
    if let values = gramByChunkedDoubles() { return values }
    let n = rows
    var result = [BigInt](repeating: BigInt(), count: n * n)
    result.withUnsafeMutableBufferPointer { out in
      // Iteration i writes entries (i, j) and (j, i) for j ≥ i only:
      // disjoint across iterations, so sharing the buffer is safe.
      let base = SendablePointer(value: out.baseAddress!)
      DispatchQueue.concurrentPerform(iterations: n) { i in
        for j in i..<n {
          let value = rowDotNumerator(i, j)
          base.value[i * n + j] = value
          base.value[j * n + i] = value
        }
      }
    }
    return result
  }

  /// The exact Gram matrix X Xᵀ of the rows.
  public var gram: Matrix {
    if let values = gramMachineNumerators { return Self.matrix(values, size: rows, over: denominator * denominator) }
    let scale = denominator * denominator
    return try! Matrix(rows: rows, columns: rows, entries: gramNumerators.map { try! Rational($0, scale) })
  }

  /// The Gram numerators as machine integers, when max|N_ij|² · d < 2^62 so
  /// every partial sum fits in 64 bits; `nil` otherwise. In exact double
  /// blocks when the entries allow (``gramByExactDoubles()``), else in plain
  /// `Int` (no overflow checks needed under the bound).
  public var gramMachineNumerators: [Int]? {
    guard let small = machineNumerators else { return nil }
    let largest = small.reduce(0) { Swift.max($0, $1.magnitude) }
    let (square, o1) = largest.multipliedReportingOverflow(by: largest)
    let (total, o2) = square.multipliedReportingOverflow(by: UInt(Swift.max(columns, 1)))
    guard !o1 && !o2 && total < (1 << 62) else { return nil }
    if let values = gramByExactDoubles(largest: largest) { return values }
    let n = rows, d = columns
    var values = [Int](repeating: 0, count: n * n)
    values.withUnsafeMutableBufferPointer { out in
      small.withUnsafeBufferPointer { input in
        // As in gramNumerators: iteration i owns entries (i, j) and (j, i), j ≥ i.
        let base = SendablePointer(value: out.baseAddress!), x = SendablePointer(value: UnsafeMutablePointer(mutating: input.baseAddress!))
        DispatchQueue.concurrentPerform(iterations: n) { i in
          let base = base.value, x = x.value
          for j in i..<n {
            var sum = 0
            for k in 0..<d { sum &+= x[i * d + k] &* x[j * d + k] }
            base[i * n + j] = sum
            base[j * n + i] = sum
          }
        }
      }
    }
    return values
  }

  /// The n × n matrix N / s for machine-integer numerators: with a power-of-two
  /// s (data on a dyadic grid) each entry is reduced without a gcd, and the
  /// entries are built on all cores.
  public static func matrix(_ numerators: [Int], size n: Int, over s: BigInt) -> Matrix {
    let power = s.isPowerOfTwo ? s.trailingZeroBitCount : nil
    var entries = [Rational](repeating: Rational(), count: n * n)
    entries.withUnsafeMutableBufferPointer { buffer in
      let target = SendablePointer(value: buffer.baseAddress!)
      let count = n * n
      DispatchQueue.concurrentPerform(iterations: Swift.min(Swift.max(count / 4096, 1), 16)) { block in
        let tasks = Swift.min(Swift.max(count / 4096, 1), 16)
        for k in (block * count / tasks)..<((block + 1) * count / tasks) {
          target.value[k] = power.map { Rational(numerators[k], overPowerOfTwo: $0) } ?? (try! Rational(BigInt(numerators[k]), s))
        }
      }
    }
    return try! Matrix(rows: n, columns: n, entries: entries)
  }
}

/// A pointer shared by concurrent loops whose writes are disjoint (each
/// task writes its own entries; `@unchecked` because the compiler cannot
/// see that).
public struct SendablePointer<T>: @unchecked Sendable {
  public let value: UnsafeMutablePointer<T>
  public init(value: UnsafeMutablePointer<T>) { self.value = value }
}
