//===--- Instance.swift ---------------------------------------------------===//
// A data set S = {(x_i, y_i)}: exact data and ±1 labels.
//===----------------------------------------------------------------------===//

import Dispatch
import Exact
import Formats
import Foundation
import Synchronization

/// A two-cluster Gaussian mixture x = μ^(q) + z, z ~ N(0, I_d), with the
/// observed label the cluster's clean label flipped with probability η:
/// - Frei et al.'s P_opp (the default): μ^(±) = ±‖μ‖e₁ with clean label ±1;
/// - orthogonal means (`orthogonalMeans`): μ^(+) = ‖μ‖e₁ with clean label +1
///   and μ^(−) = ‖μ‖e₂ with clean label −1, their P_clust with k = 2, which
///   meets (CL4) (⟨μ^(+), μ^(−)⟩ = 0).
public struct MixtureParameters: Sendable, Hashable {
  public var muNorm: Rational
  public var labelNoise: Rational
  public var orthogonalMeans: Bool
  public init(muNorm: Rational, labelNoise: Rational, orthogonalMeans: Bool = false) {
    self.muNorm = muNorm
    self.labelNoise = labelNoise
    self.orthogonalMeans = orthogonalMeans
  }

  /// max_{q≠r} |⟨μ^(q), μ^(r)⟩|, the right side of (CL4): ‖μ‖² for ±μ, 0 for orthogonal means.
  public var meanCrossInnerProduct: Rational { orthogonalMeans ? Rational() : muNorm * muNorm }
}

/// A labeled data set: n points x_i ∈ ℚ^d (rows of X, exact) with labels
/// y_i ∈ {±1}, and where it came from.
public struct Instance: Sendable {
  /// A warning when every label is the same: the margin problem then has a
  /// trivial one-class solution, and unlearning says nothing about separation.
  public var labelWarning: String? {
    var notes = labelEncoding.map { [$0] } ?? []
    if let first = labels.first, labels.allSatisfy({ $0 == first }) {
      notes.append("every one of the \(count) labels is \(first > 0 ? "+1" : "−1"): the data have one class")
    }
    return notes.isEmpty ? nil : notes.joined(separator: "; ")
  }

  /// Set when a label file held 0/1 labels, read as ±1 (0 → −1, 1 → +1).
  public var labelEncoding: String? = nil

  /// The data matrix X (n × d) over one shared denominator.
  public var data: ScaledIntegerMatrix
  /// The labels y_i ∈ {−1, +1}.
  public var labels: [Int]
  /// How the instance was made (generator parameters or file paths).
  public var provenance: [(key: String, value: String)]

  /// The provenance as a JSON object (the `source` of reports and certificates).
  public var provenanceJSON: JSON { .object(provenance.map { JSON.Member($0.key, .string($0.value)) }) }
  /// The Gaussian-mixture parameters, when the data were drawn from a
  /// two-cluster mixture (so test errors have a closed form).
  public var mixture: MixtureParameters?

  /// The number of points n.
  public var count: Int { data.rows }
  /// The dimension d.
  public var dimension: Int { data.columns }

  /// An instance from exact data and labels.
  ///
  /// - Throws: ``UnlearningError/badData(_:)`` when shapes disagree or a
  ///   label is not ±1.
  public init(data: ScaledIntegerMatrix, labels: [Int], provenance: [(key: String, value: String)] = []) throws {
    guard data.rows == labels.count else {
      throw UnlearningError.badData("\(data.rows) data rows but \(labels.count) labels")
    }
    guard data.rows >= 1, data.columns >= 1 else {
      throw UnlearningError.badData("empty data set (\(data.rows)×\(data.columns))")
    }
    if let bad = labels.firstIndex(where: { $0 != 1 && $0 != -1 }) {
      throw UnlearningError.badData("label \(bad) is \(labels[bad]), not ±1")
    }
    self.data = data
    self.labels = labels
    self.provenance = provenance
  }

  /// An instance read from `.npy` files: X (n × d, any supported dtype,
  /// float64 read exactly) and y (length n, ±1 as floats or integers).
  ///
  /// - Throws: ``UnlearningError`` naming the file and the problem.
  public init(dataFile: String, labelFile: String?) throws {
    let matrix = try UnlearningError.naming(dataFile) { () throws -> ScaledIntegerMatrix in
      // A float64 .npy is read in blocks, twice, straight into the numerators; anything else whole.
      if (dataFile as NSString).pathExtension.lowercased() == "npy", FileManager.default.fileExists(atPath: dataFile),
         let file = try NumpyFloat64File(path: dataFile) {
        guard file.shape.count == 2 else {
          throw UnlearningError.badFile(dataFile, "data must be a 2-D array (n × d), got shape \(file.shape)")
        }
        return try ScaledIntegerMatrix(float64File: file) ?? ScaledIntegerMatrix(exactElementsOf: ArrayFile.read(dataFile))
      } else {
        let x = try ArrayFile.read(dataFile)
        guard x.shape.count == 2 else {
          throw UnlearningError.badFile(dataFile, "data must be a 2-D array (n × d), got shape \(x.shape)")
        }
        return try ScaledIntegerMatrix(exactElementsOf: x)
      }
    }
    guard let labelFile else {
      // Data only: every label +1 (for reviews that do not need labels).
      try self.init(data: matrix, labels: [Int](repeating: 1, count: matrix.rows), provenance: [("data", dataFile)])
      return
    }
    let y = try ArrayFile.read(labelFile)
    guard y.shape.count == 1 || (y.shape.count == 2 && (y.shape[0] == 1 || y.shape[1] == 1)) else {
      throw UnlearningError.badFile(labelFile, "labels must be a 1-D array, got shape \(y.shape)")
    }
    guard y.count == matrix.rows else {
      throw UnlearningError.badFile(labelFile, "\(y.count) labels for \(matrix.rows) data rows")
    }
    let values = try UnlearningError.naming(labelFile) { try (0..<y.count).map { try y.exactElement($0) } }
    // 0/1 labels (scikit-learn's habit) are read as ±1, and said so; any other value is an error.
    let zeroOne = values.contains { $0.isZero } && values.allSatisfy { $0.isZero || $0 == Rational(1) }
    var labels: [Int] = []
    for (k, value) in values.enumerated() {
      guard zeroOne || value == Rational(1) || value == Rational(-1) else {
        throw UnlearningError.badFile(labelFile, "label \(k) is \(value.brief), not ±1 (or 0/1)")
      }
      labels.append(value.isZero ? -1 : value.signum)
    }
    try self.init(data: matrix, labels: labels, provenance: [("data", dataFile), ("labels", labelFile)])
    if zeroOne { labelEncoding = "the labels are 0/1: read as ±1 (0 → −1, 1 → +1)" }
  }
}

extension ScaledIntegerMatrix {
  /// The exact matrix of a 2-D array's elements over their least common
  /// power-of-two (or integer) denominator.
  ///
  /// - Throws: ``UnlearningError/badData(_:)`` for NaN or ±∞ elements.
  init(exactElementsOf array: NumpyArray) throws {
    let rows = array.shape[0], columns = array.shape[1]
    switch array.elements {
    case .integers(let values):
      try self.init(rows: rows, columns: columns, numerators: values.map { BigInt($0) }, denominator: BigInt(1))
    case .floats(let values):
      // Every finite double is M·2^e with an odd integer M; the shared
      // denominator is 2^(−min e).
      var minimumExponent = 0, largestExponent = Int.min
      for (k, v) in values.enumerated() where v != 0 {
        guard v.isFinite else { throw UnlearningError.badData("element \(array.index(of: k)) is \(v), not a finite number") }
        minimumExponent = Swift.min(minimumExponent, Self.dyadicParts(v).exponent)
        largestExponent = Swift.max(largestExponent, Int(v.exponent))
      }
      let shift = -minimumExponent
      if shift <= 1000 && largestExponent + shift < 62 {
        // The common case (data on a grid): v·2^shift is an integer below
        // 2^62 in magnitude, so the product by a power of two and the
        // conversion to Int are both exact.
        let scale = Double(sign: .plus, exponent: shift, significand: 1)
        try self.init(rows: rows, columns: columns, machineNumerators: values.map { Int($0 * scale) }, denominator: BigInt(1) << shift)
        return
      }
      // Otherwise in GMP, from each value's odd mantissa and exponent.
      let parts = values.map(Self.dyadicParts)
      let numerators = parts.map { part -> BigInt in
        part.mantissa == 0 ? BigInt() : BigInt(part.mantissa) << (part.exponent + shift)
      }
      try self.init(rows: rows, columns: columns, numerators: numerators, denominator: BigInt(1) << shift)
    }
  }

  /// The exact matrix of a 2-D float64 `.npy` file over the least common
  /// power-of-two denominator, read in two passes of blocks: the exponents
  /// (and finiteness) first, then the numerators v·2^shift straight into
  /// machine words, so the file is never held whole beside them. `nil` when
  /// some numerator would not fit in a word (read those whole, into GMP).
  ///
  /// - Throws: ``UnlearningError/badData(_:)`` for NaN or ±∞ elements.
  init?(float64File file: NumpyFloat64File, blockBytes: Int = 64 << 20) throws {
    let rows = file.shape[0], columns = file.shape[1], count = file.count
    let workers = Swift.max(1, Swift.min(8, ProcessInfo.processInfo.activeProcessorCount))
    struct Range: Sendable { var minimumExponent = 0, largestExponent = Int.min, firstBad: Int? = nil }
    var total = Range()
    try file.forEachBlock(blockBytes: blockBytes) { offset, values in
      let parts = Mutex<[Range]>([])
      let base = SendablePointer(value: UnsafeMutablePointer(mutating: values.baseAddress!)), m = values.count
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        var range = Range()
        for k in (w * m / workers)..<((w + 1) * m / workers) {
          let v = base.value[k]
          if v == 0 { continue }
          guard v.isFinite else {
            if range.firstBad == nil { range.firstBad = offset + k }
            continue
          }
          range.minimumExponent = Swift.min(range.minimumExponent, Self.dyadicParts(v).exponent)
          range.largestExponent = Swift.max(range.largestExponent, Int(v.exponent))
        }
        parts.withLock { $0.append(range) }
      }
      for part in parts.withLock({ $0 }) {
        if let bad = part.firstBad, total.firstBad.map({ bad < $0 }) ?? true { total.firstBad = bad }
        total.minimumExponent = Swift.min(total.minimumExponent, part.minimumExponent)
        total.largestExponent = Swift.max(total.largestExponent, part.largestExponent)
      }
      if let bad = total.firstBad {
        let v = base.value[bad - offset]
        throw UnlearningError.badData("element (\(bad / columns), \(bad % columns)) is \(v), not a finite number")
      }
    }
    let shift = -total.minimumExponent
    guard shift <= 1000 && total.largestExponent + shift < 62 else { return nil }
    // v·2^shift is an integer below 2^62 in magnitude: the product and the conversion are exact.
    let scale = Double(sign: .plus, exponent: shift, significand: 1)
    let numerators = try [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
      let target = SendablePointer(value: buffer.baseAddress!)
      try file.forEachBlock(blockBytes: blockBytes) { offset, values in
        let source = SendablePointer(value: UnsafeMutablePointer(mutating: values.baseAddress!)), m = values.count
        DispatchQueue.concurrentPerform(iterations: workers) { w in
          for k in (w * m / workers)..<((w + 1) * m / workers) { target.value[offset + k] = Int(source.value[k] * scale) }
        }
      }
      initialized = count
    }
    try self.init(rows: rows, columns: columns, machineNumerators: numerators, denominator: BigInt(1) << shift)
  }

  /// A finite double as M·2^e with M odd (or 0): exact, by its bit fields.
  static func dyadicParts(_ v: Double) -> (mantissa: Int, exponent: Int) {
    if v == 0 { return (0, 0) }
    let raw = v.significandBitPattern | (v.isNormal ? 1 << 52 : 0)
    let baseExponent = v.isNormal ? Int(v.exponent) - 52 : -1074
    let zeros = raw.trailingZeroBitCount
    let mantissa = Int(raw >> UInt64(zeros))
    return (v < 0 ? -mantissa : mantissa, baseExponent + zeros)
  }
}
