//===--- Generators.swift -------------------------------------------------===//
// Seeded instance generators on a dyadic grid.
//===----------------------------------------------------------------------===//

import Dispatch
import Exact
import Foundation

/// A seeded data-set generator. Samples are snapped to the grid 2^−gridBits,
/// so the data are exact rationals and identical run to run for one seed.
public enum InstanceGenerator: String, Sendable, CaseIterable {
  /// x_i with i.i.d. N(0, 1) entries and uniform random labels: nearly
  /// orthogonal when d ≫ n² log n (the typical scaling of frei.lemma14.multiplier-upper-bound).
  case nearlyOrthogonal = "nearly-orthogonal"
  /// Frei et al.'s P_opp (frei.cor12.generalization): ỹ uniform in {±1},
  /// x = ỹ·μ + z with z ~ N(0, I_d), μ = ‖μ‖·e₁, and the observed label
  /// y = ỹ flipped with probability η.
  case gaussianMixture = "gaussian-mixture"
  /// Frei et al.'s P_clust with k = 2 clusters of orthogonal means, which
  /// meets their (CL4): the cluster q is uniform, its clean label ỹ = ±1, and
  /// x = μ^(ỹ) + z with μ^(+) = ‖μ‖e₁, μ^(−) = ‖μ‖e₂, z ~ N(0, I_d); the
  /// observed label is ỹ flipped with probability η. Needs d ≥ 2.
  case twoClusters = "two-clusters"
  /// Dependent data (the counter-argument of Mavrothalassitis et al.,
  /// "Ascent Fails to Forget", NeurIPS 2025): labels uniform in {±1}, and
  /// the points of each class share a common component,
  /// x_i = √(1−ρ)·z_i + √ρ·c_{y_i} with z_i, c₊, c₋ ~ N(0, I_d), so
  /// corr(x_ik, x_jk) = ρ within a class (ρ = 0 is nearly-orthogonal data).
  case correlated = "correlated"
  /// The counter-paper's two-block family: the first d_A = ⌈d/2⌉ coordinates
  /// carry the retain block, points 0 … n−k−1 (k = max(1, ⌊n/4⌋)), with
  /// x_i = (a_i, 0), a_i ~ N(0, I) and uniform labels; the forget block,
  /// points n−k … n−1, copies a partner p = i − (n−k) (mod n−k) with its label:
  /// x_i = (ρ·a_p, √(1−ρ²)·b_i), b_i ~ N(0, I). So cos(x_i, x_p) ≈ ρ: ρ = 0 puts
  /// the forget block on disjoint coordinates (orthogonal to every retained
  /// point), and ρ → 1 makes each forget point a near-copy of a retained one.
  case twoBlock = "two-block"

  /// Whether the generator draws a two-cluster Gaussian mixture (with ‖μ‖ and
  /// η, and test errors in closed form).
  public var isMixture: Bool { self == .gaussianMixture || self == .twoClusters }

  /// The first index of the two-block generator's forget block, n − max(1, ⌊n/4⌋).
  public static func forgetBlockStart(points n: Int) -> Int { n - max(1, n / 4) }

  /// The generator's parameters.
  public struct Parameters: Sendable {
    public var n: Int
    public var d: Int
    public var seed: UInt64
    /// The grid exponent k: entries are multiples of 2^−k.
    public var gridBits: Int = 16
    /// ‖μ‖ for the Gaussian mixture (exact).
    public var muNorm: Rational = Rational(0)
    /// The label-noise rate η ∈ [0, 1/2) for the Gaussian mixture.
    public var labelNoise: Rational = Rational(0)
    /// The within-class correlation ρ ∈ [0, 1) of the correlated generator.
    public var correlation: Rational = Rational(0)

    public init(n: Int, d: Int, seed: UInt64, gridBits: Int = 16, muNorm: Rational = Rational(0), labelNoise: Rational = Rational(0),
                correlation: Rational = Rational(0)) {
      self.correlation = correlation
      self.n = n
      self.d = d
      self.seed = seed
      self.gridBits = gridBits
      self.muNorm = muNorm
      self.labelNoise = labelNoise
    }
  }

  /// The most entries n·d a generated instance may have: 8-byte machine
  /// integers filling at most a third of physical memory, and at most 2·10⁹.
  public static let maximumEntries: Int = min(2_000_000_000, Int(ProcessInfo.processInfo.physicalMemory / 24))

  /// Checks the parameters without generating anything (sweeps check every
  /// grid point before the first instance).
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` for out-of-range parameters.
  public func validate(_ p: Parameters) throws {
    guard p.n >= 2 else { throw UnlearningError.badParameter("n must be at least 2, got \(p.n)") }
    guard p.d >= 1 else { throw UnlearningError.badParameter("d must be at least 1, got \(p.d)") }
    let (entries, overflow) = p.n.multipliedReportingOverflow(by: p.d)
    guard !overflow, entries <= Self.maximumEntries, p.n <= LinearUnlearning.maximumPoints else {
      throw UnlearningError.badParameter(
        "n = \(p.n), d = \(p.d): the generators produce n ≤ \(LinearUnlearning.maximumPoints) and n·d ≤ \(Self.maximumEntries) entries (8 bytes each, at most a third of this machine's memory)")
    }
    guard (1...40).contains(p.gridBits) else { throw UnlearningError.badParameter("the grid must have 1...40 bits, got \(p.gridBits)") }
    if self == .correlated || self == .twoBlock {
      guard p.correlation.signum >= 0, p.correlation < Rational(1) else {
        throw UnlearningError.badParameter("the correlation ρ must be in [0, 1), got \(p.correlation)")
      }
    }
    if isMixture {
      if self == .twoClusters, p.d < 2 { throw UnlearningError.badParameter("the two-clusters generator needs d ≥ 2 (its means are ‖μ‖e₁ and ‖μ‖e₂), got d = \(p.d)") }
      guard p.muNorm.signum >= 0 else { throw UnlearningError.badParameter("‖μ‖ must be non-negative") }
      guard p.labelNoise.signum >= 0, p.labelNoise < (try! Rational(1, 2)) else {
        throw UnlearningError.badParameter("the label-noise rate η must be in [0, 1/2), got \(p.labelNoise)")
      }
    }
  }

  /// grid·den(‖μ‖), with the cluster mean's ‖μ‖·D added to each point
  /// (``meanCoordinate(cleanLabel:)``), in Int; nil when anything overflows
  /// (or reaches Int.min).
  func machineNumerators(grid: [Int], d: Int, cleanLabels: [Int], muDenominator: Int, muScaled: Int) -> [Int]? {
    var values = grid
    if muDenominator != 1 {
      for k in values.indices {
        let (v, overflow) = values[k].multipliedReportingOverflow(by: muDenominator)
        if overflow { return nil }
        values[k] = v
      }
    }
    if muScaled != 0 {
      for i in cleanLabels.indices {
        let (k, sign) = meanCoordinate(cleanLabel: cleanLabels[i])
        let (v, overflow) = sign > 0 ? values[i * d + k].addingReportingOverflow(muScaled) : values[i * d + k].subtractingReportingOverflow(muScaled)
        if overflow { return nil }
        values[i * d + k] = v
      }
    }
    return values.contains(Int.min) ? nil : values
  }

  /// Generates an instance.
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` for out-of-range parameters.
  public func generate(_ p: Parameters) throws -> Instance {
    try validate(p)
    var rng = RandomSource(seed: p.seed)
    let scale = Double(1 << p.gridBits)
    var gridValues = [Int](repeating: 0, count: p.n * p.d)
    var cleanLabels = [Int](repeating: 1, count: p.n)
    var labels = [Int](repeating: 1, count: p.n)
    // The label-noise threshold on 53-bit uniforms, compared exactly.
    let noiseNumerator = (p.labelNoise * Rational(BigInt(1) << 53)).floor
    // The class components of the correlated generator, drawn first (the other generators draw none).
    var shared: [[Double]] = []
    let (own, common) = (Double(Rational(1) - p.correlation).squareRoot(), Double(p.correlation).squareRoot())
    if self == .correlated {
      shared = (0..<2).map { _ in (0..<p.d).map { _ in rng.nextGaussian() } }
    }
    // The two-block family: the retain block's A-coordinates, kept for the forget block's copies.
    let blockA = (p.d + 1) / 2, forgetStart = Self.forgetBlockStart(points: p.n)
    var retainA: [[Double]] = []
    let (copy, fresh) = (Double(p.correlation), Double(Rational(1) - p.correlation * p.correlation).squareRoot())
    var units = [Double](repeating: 0, count: p.d >= 1 << 12 && self != .twoBlock && self != .correlated ? 2 * p.d : 0)
    for i in 0..<p.n {
      cleanLabels[i] = rng.next() & 1 == 0 ? 1 : -1
      let flip = BigInt(Int(rng.next() >> 11)) < noiseNumerator
      labels[i] = flip ? -cleanLabels[i] : cleanLabels[i]
      if self == .twoBlock {
        if i < forgetStart {
          let a = (0..<blockA).map { _ in rng.nextGaussian() }
          retainA.append(a)
          for j in 0..<blockA { gridValues[i * p.d + j] = Int((a[j] * scale).rounded(.toNearestOrEven)) }
        } else {
          let partner = (i - forgetStart) % forgetStart
          (cleanLabels[i], labels[i]) = (cleanLabels[partner], labels[partner])
          for j in 0..<blockA { gridValues[i * p.d + j] = Int((copy * retainA[partner][j] * scale).rounded(.toNearestOrEven)) }
          for j in blockA..<p.d { gridValues[i * p.d + j] = Int((fresh * rng.nextGaussian() * scale).rounded(.toNearestOrEven)) }
        }
      } else if self == .correlated {
        let c = shared[cleanLabels[i] > 0 ? 0 : 1]
        for j in 0..<p.d {
          gridValues[i * p.d + j] = Int(((own * rng.nextGaussian() + common * c[j]) * scale).rounded(.toNearestOrEven))
        }
      } else if p.d < 1 << 12 {
        for j in 0..<p.d {
          gridValues[i * p.d + j] = Int((rng.nextGaussian() * scale).rounded(.toNearestOrEven))
        }
      } else {
        // The row's uniforms in stream order, then Box–Muller on all cores: the values nextGaussian() gives one at a time.
        for k in 0..<(2 * p.d) { units[k] = rng.nextOpenUnit() }
        let d = p.d, chunks = 16
        units.withUnsafeBufferPointer { source in
          gridValues.withUnsafeMutableBufferPointer { target in
            let (u, row) = (SendablePointer(value: UnsafeMutablePointer(mutating: source.baseAddress!)), SendablePointer(value: target.baseAddress! + i * d))
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
              for j in (c * d / chunks)..<((c + 1) * d / chunks) {
                row.value[j] = Int((RandomSource.gaussian(u.value[2 * j], u.value[2 * j + 1]) * scale).rounded(.toNearestOrEven))
              }
            }
          }
        }
      }
      if p.d >= 1 << 16 { PhaseTimer.advance(i + 1, of: p.n) }
    }
    var instance = try Instance(data: try matrix(p, grid: gridValues, cleanLabels: cleanLabels), labels: labels,
                                provenance: provenance(p, forgetStart: forgetStart))
    if isMixture { instance.mixture = MixtureParameters(muNorm: p.muNorm, labelNoise: p.labelNoise, orthogonalMeans: self == .twoClusters) }
    return instance
  }

  /// Where a point's cluster mean sits: coordinate k with sign s, so that
  /// μ^(ỹ) = s‖μ‖e_k (P_opp: ±‖μ‖e₁; two clusters: ‖μ‖e₁ or ‖μ‖e₂).
  func meanCoordinate(cleanLabel: Int) -> (coordinate: Int, sign: Int) {
    self == .twoClusters ? (cleanLabel > 0 ? 0 : 1, 1) : (0, cleanLabel)
  }

  /// The data from the grid values: numerators over the common denominator
  /// D = 2^k · den(‖μ‖), the cluster's mean added by the clean label,
  /// as machine integers (no GMP object per entry) unless a product overflows 64 bits.
  func matrix(_ p: Parameters, grid gridValues: [Int], cleanLabels: [Int]) throws -> ScaledIntegerMatrix {
    let gridDenominator = BigInt(1) << p.gridBits
    let shifted = isMixture && !p.muNorm.isZero
    let muDen = shifted ? p.muNorm.denominator : BigInt(1)
    let denominator = gridDenominator * muDen
    let muScaled = p.muNorm.numerator * gridDenominator  // ‖μ‖ · D
    if let md = muDen.exactInt, let ms = muScaled.exactInt, let values = machineNumerators(
      grid: gridValues, d: p.d, cleanLabels: cleanLabels, muDenominator: md, muScaled: shifted ? ms : 0) {
      return try ScaledIntegerMatrix(rows: p.n, columns: p.d, machineNumerators: values, denominator: denominator)
    } else {
      var numerators = gridValues.map { BigInt($0) * muDen }
      if shifted {
        for i in 0..<p.n {
          let (k, sign) = meanCoordinate(cleanLabel: cleanLabels[i])
          if sign > 0 { numerators[i * p.d + k] += muScaled } else { numerators[i * p.d + k] -= muScaled }
        }
      }
      return try ScaledIntegerMatrix(rows: p.n, columns: p.d, numerators: numerators, denominator: denominator)
    }
  }

  /// What an instance says of where it came from.
  func provenance(_ p: Parameters, forgetStart: Int) -> [(key: String, value: String)] {
    var provenance: [(key: String, value: String)] = [
      ("generator", rawValue), ("n", "\(p.n)"), ("d", "\(p.d)"), ("seed", "\(p.seed)"), ("grid_bits", "\(p.gridBits)"),
    ]
    if isMixture {
      provenance += [("mu_norm", p.muNorm.description), ("label_noise", p.labelNoise.description)]
    }
    if self == .correlated { provenance.append(("correlation", p.correlation.description)) }
    if self == .twoBlock { provenance += [("correlation", p.correlation.description), ("forget_block", "\(forgetStart)...\(p.n - 1)")] }
    return provenance
  }
}
