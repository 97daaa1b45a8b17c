//===--- SearchCandidate.swift --------------------------------------------===//
// One point of a claim search: data on a dyadic grid, labels, forget set.
//===----------------------------------------------------------------------===//

import Exact
import Foundation
import Unlearning

/// The free part of an instance in a search: the data X on the dyadic grid
/// 2^−b·ℤ (integer numerators, row-major), the labels and the forget set.
/// Everything else (model, loss, step, start) is the search's spec.
///
/// The entries stay within |x| ≤ 2^``SearchCandidate/maximumMagnitudeBits``
/// (numerators below 2^(b + 6)), so every entry is an exact binary64 value
/// and the saved `X.npy` replays the same instance.
public struct SearchCandidate: Sendable, Hashable {
  public let points: Int
  public let dimension: Int
  public let gridBits: Int
  public var numerators: [Int]
  public var labels: [Int]
  public var forgetSet: [Int]
  /// The step scale c (β = c·β*) and the leak γ, when the search moves them.
  public var stepScale: Rational?
  public var gamma: Rational?

  static let maximumMagnitudeBits = 6
  /// c and γ move on the grid 2^−10·ℤ.
  static let parameterGridBits = 10

  /// A candidate from a generated (or any dyadic) instance.
  init(_ instance: Instance, gridBits: Int, forgetSet: [Int]) throws {
    let data = instance.data
    let scale = BigInt(1) << gridBits
    guard scale.quotientAndRemainder(dividingBy: data.denominator).remainder.isZero else {
      throw UnlearningError.badParameter("the data are not on the 2^-\(gridBits) grid")
    }
    let factor = scale.exactlyDivided(by: data.denominator)
    numerators = try data.numerators.map { value in
      guard let v = (value * factor).exactInt else { throw UnlearningError.badParameter("a data entry is too large for the search") }
      return v
    }
    (points, dimension, self.gridBits, labels, self.forgetSet) = (data.rows, data.columns, gridBits, instance.labels, forgetSet)
  }

  /// The instance: X = numerators / 2^b, with the labels.
  public func instance() throws -> Instance {
    try Instance(data: try ScaledIntegerMatrix(rows: points, columns: dimension, machineNumerators: numerators, denominator: BigInt(1) << gridBits),
                 labels: labels)
  }

  /// The entries as binary64 values (exact: |numerator| < 2^53).
  public var doubles: [Double] { numerators.map { Double($0) / Double(1 << gridBits) } }

  /// How a candidate may move besides its entries.
  struct Freedom {
    /// Whether the forget set may move (not fixed by the user), and its size.
    var forget: Bool
    /// Whether a label may flip.
    var labels: Bool
    /// Whether c and γ may move (only when the candidate carries them).
    var scale = false
    var gamma = false
  }

  /// x on the grid 2^−10·ℤ, clamped to [lo, hi].
  static func parameter(_ x: Double, lo: Double, hi: Double) -> Rational {
    let unit = Double(1 << parameterGridBits)
    let k = Int((min(hi, max(lo, x)) * unit).rounded(.toNearestOrEven))
    return Rational(BigInt(k)) / Rational(BigInt(1 << parameterGridBits))
  }

  /// A neighbour: with step size σ (relative to a unit entry), one of
  /// - a Gaussian move of about d/16 entries of one row (the forgotten
  ///   point's one time in three, where most bounds are sensitive),
  /// - a rescaling of one row by 1 + σ·g,
  /// - another row added to it, times 0.1·σ·g, or subtracted along part of
  ///   the way to making the two rows orthogonal,
  /// - another forget set (when free), or one label flipped (when free),
  /// - c·exp(σg/2) or γ + σg/5 on the 2^−10 grid (when free).
  func neighbour(_ rng: inout RandomSource, sigma: Double, freedom: Freedom) -> SearchCandidate {
    var next = self
    let unit = Double(1 << gridBits), limit = 1 << (gridBits + Self.maximumMagnitudeBits)
    let clamp = { (v: Double) -> Int in Int(max(-Double(limit - 1), min(Double(limit - 1), v.rounded(.toNearestOrEven)))) }
    // c and γ, when free, move alone a tenth of the time each (no draw is spent on them otherwise).
    if freedom.scale || freedom.gamma {
      let which = rng.nextOpenUnit()
      if freedom.scale, let c = stepScale, which < 0.1 {
        next.stepScale = Self.parameter(Double(c) * Foundation.exp(0.5 * sigma * rng.nextGaussian()), lo: 1.0 / 1024, hi: 4)
        return next
      }
      if freedom.gamma, let gamma, which > 0.9 {
        next.gamma = Self.parameter(Double(gamma) + 0.2 * sigma * rng.nextGaussian(), lo: 0, hi: 1 - 1.0 / 1024)
        return next
      }
    }
    let move = rng.nextOpenUnit()
    let row = rng.nextOpenUnit() < 1.0 / 3 ? forgetSet[Int(rng.next() % UInt64(forgetSet.count))] : Int(rng.next() % UInt64(points))
    if move < 0.15 {
      let factor = 1 + sigma * rng.nextGaussian()
      for k in 0..<dimension { next.numerators[row * dimension + k] = clamp(Double(numerators[row * dimension + k]) * factor) }
    } else if move < 0.40 && points > 1 {
      // x_row += α x_other: moves ⟨x_row, x_other⟩ (and the row's norm) directly, where correlation-driven bounds are tight.
      var (row, other) = (row, Int(rng.next() % UInt64(points - 1)))
      if other >= row { other += 1 }
      // A third of the time in a random direction, a third towards y_row y_other ⟨x_row, x_other⟩ > 0 (a same-side
      // correlation, which moves margins most), and a third part of the way to orthogonality for the pair of largest
      // |⟨x_i, x_k⟩| (ζ): the Frei bounds are tightest on nearly orthogonal data (p → ∞), which moves of random
      // pairs reach only by chance.
      let g = rng.nextGaussian(), kind = rng.next() % 3
      if kind == 2 {
        let pair = mostCorrelatedPair()
        (row, other) = rng.next() & 1 == 0 ? pair : (pair.1, pair.0)
      }
      let alpha = kind == 2 ? -rng.nextOpenUnit() * correlation(of: row, with: other)
        : 0.1 * sigma * (kind == 0 ? g : abs(g) * Double(labels[row] * labels[other]))
      for k in 0..<dimension {
        next.numerators[row * dimension + k] = clamp(Double(numerators[row * dimension + k]) + alpha * Double(numerators[other * dimension + k]))
      }
    } else if move < 0.50 && freedom.forget {
      var chosen = Set<Int>()
      while chosen.count < forgetSet.count { chosen.insert(Int(rng.next() % UInt64(points))) }
      next.forgetSet = chosen.sorted()
    } else if move < 0.55 && freedom.labels {
      next.labels[row] = -labels[row]
    } else {
      for _ in 0..<max(1, dimension / 16) {
        let k = row * dimension + Int(rng.next() % UInt64(dimension))
        next.numerators[k] = clamp(Double(numerators[k]) + sigma * unit * rng.nextGaussian())
      }
    }
    return next
  }

  /// The pair i < k of largest |⟨x_i, x_k⟩| (binary64: it only picks a move).
  func mostCorrelatedPair() -> (Int, Int) {
    var best = (0, 1), largest = -1.0
    for i in 0..<points {
      for k in (i + 1)..<points {
        var dot = 0.0
        for j in 0..<dimension { dot += Double(numerators[i * dimension + j]) * Double(numerators[k * dimension + j]) }
        if abs(dot) > largest { (best, largest) = ((i, k), abs(dot)) }
      }
    }
    return best
  }

  /// ⟨x_i, x_k⟩/‖x_k‖²: the multiple of x_k whose subtraction makes x_i orthogonal to it (0 when x_k = 0).
  func correlation(of i: Int, with k: Int) -> Double {
    var dot = 0.0, norm = 0.0
    for j in 0..<dimension {
      let a = Double(numerators[i * dimension + j]), b = Double(numerators[k * dimension + j])
      dot += a * b
      norm += b * b
    }
    return norm == 0 ? 0 : dot / norm
  }
}
