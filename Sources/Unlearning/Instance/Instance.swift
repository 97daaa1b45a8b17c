//===--- Instance.swift ---------------------------------------------------===//
// A data set S = {(x_i, y_i)}: exact data and ±1 labels.
//===----------------------------------------------------------------------===//

import Exact
import Formats

/// The Gaussian mixture x = ỹ·μ + z, z ~ N(0, I_d), μ = ‖μ‖·e₁, with the
/// observed label flipped with probability η.
public struct MixtureParameters: Sendable, Hashable {
  public var muNorm: Rational
  public var labelNoise: Rational
  public init(muNorm: Rational, labelNoise: Rational) {
    self.muNorm = muNorm
    self.labelNoise = labelNoise
  }
}

/// A labeled data set: n points x_i ∈ ℚ^d (rows of X, exact) with labels
/// y_i ∈ {±1}, and where it came from.
public struct Instance: Sendable {
  /// A warning when every label is the same: the margin problem then has a
  /// trivial one-class solution, and unlearning says nothing about separation.
  public var labelWarning: String? {
    guard let first = labels.first, labels.allSatisfy({ $0 == first }) else { return nil }
    return "every one of the \(count) labels is \(first > 0 ? "+1" : "−1"): the data have one class"
  }

  /// The data matrix X (n × d) over one shared denominator.
  public var data: ScaledIntegerMatrix
  /// The labels y_i ∈ {−1, +1}.
  public var labels: [Int]
  /// How the instance was made (generator parameters or file paths).
  public var provenance: [(key: String, value: String)]
  /// The Gaussian-mixture parameters, when the data were drawn from
  /// x = ỹμ + z with μ = ‖μ‖e₁ (so test errors have a closed form).
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
    let x = try ArrayFile.read(dataFile)
    guard x.shape.count == 2 else {
      throw UnlearningError.badFile(dataFile, "data must be a 2-D array (n × d), got shape \(x.shape)")
    }
    let matrix: ScaledIntegerMatrix
    do {
      matrix = try ScaledIntegerMatrix(exactElementsOf: x)
    } catch let UnlearningError.badData(reason) {
      throw UnlearningError.badFile(dataFile, reason)
    }
    guard let labelFile else {
      // Data only: every label +1 (for reviews that do not need labels).
      try self.init(data: matrix, labels: [Int](repeating: 1, count: x.shape[0]), provenance: [("data", dataFile)])
      return
    }
    let y = try ArrayFile.read(labelFile)
    guard y.shape.count == 1 || (y.shape.count == 2 && (y.shape[0] == 1 || y.shape[1] == 1)) else {
      throw UnlearningError.badFile(labelFile, "labels must be a 1-D array, got shape \(y.shape)")
    }
    guard y.count == x.shape[0] else {
      throw UnlearningError.badFile(labelFile, "\(y.count) labels for \(x.shape[0]) data rows")
    }
    var labels: [Int] = []
    for k in 0..<y.count {
      let value: Rational
      do {
        value = try y.exactElement(k)
      } catch let UnlearningError.badData(reason) {
        throw UnlearningError.badFile(labelFile, reason)
      }
      guard value == Rational(1) || value == Rational(-1) else {
        throw UnlearningError.badFile(labelFile, "label \(k) is \(value), not ±1")
      }
      labels.append(value.signum)
    }
    try self.init(data: matrix, labels: labels, provenance: [("data", dataFile), ("labels", labelFile)])
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
