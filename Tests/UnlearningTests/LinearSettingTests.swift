import Bounds
import Foundation
import Exact
import TestSupport
import Testing
@testable import Unlearning
@testable import Claims
@testable import Formats

@Suite struct LinearSettingTests {
  /// Orthogonal data: λ_i = 1/‖x_i‖², and forgetting moves no retained margin.
  @Test func orthogonalDataIsHandCheckable() throws {
    let data = try instance([["2", "0", "0"], ["0", "-1/2", "0"], ["0", "0", "3"]], [1, -1, 1])
    for forget in 0..<3 {
      let analysis = try LinearUnlearning(instance: data, forget: forget)
      let table = try analysis.quantities()
      #expect(exactVector(table, "lambda") == [r("1/4"), r("4"), r("1/9")])
      #expect(exactVector(table, "margins_after") == [Rational(1), Rational(1)])
      #expect(exactScalar(table, "epsilon") == Rational())
      #expect(exactScalar(table, "tau") == Rational())
      #expect(exactScalar(table, "delta") == Rational())
      #expect(exactScalar(table, "max_margin_shift") == Rational())
      #expect(exactScalar(table, "epsilon_opt") == Rational())
      #expect(exactScalar(table, "zeta") == Rational())
      #expect(exactScalar(table, "p_orthogonality") == DataQuantities.orthogonalDataP)  // ζ = 0: p-orthogonal for every p
      // Retraining gives back the inherited multipliers; the unlearned model is the retrained one.
      #expect(exactVector(table, "lambda_retrained") == analysis.retained.map { analysis.kkt.multipliers[$0] })
      #expect(exactScalar(table, "distance_to_retrained") == Rational())
      #expect(enclosure(table, "cosine_to_retrained")?.contains(Rational(1)) == true)
    }
  }

  /// More points than dimensions, off any grid (raw float64 values, ~57-bit
  /// numerators): Q is singular, some λ_i vanish, the data products leave
  /// machine words. The KKT point must still be exact and certified, and a
  /// forget step that makes some margin negative must report μ ≤ 0 (so
  /// claims assuming μ > 0 are VACUOUS) rather than leave μ undefined.
  @Test func singularGramOffTheGridWithNegativeRescaleFactor() throws {
    var brokenMargins = 0
    for seed in UInt64(60)..<UInt64(76) {
      var rng = SplitMix64(seed: seed)
      let n = 14, d = 3
      let rows = (0..<n).map { _ in (0..<d).map { _ in Double.random(in: -2...2, using: &rng) } }
      let labels = (0..<n).map { i in rows[i][0] + 0.3 * rows[i][1] > 0 ? 1 : -1 }
      let x = try Matrix(rows: rows.map { try $0.map { try Rational(exactly: $0) } })
      let data = try Instance(data: ScaledIntegerMatrix(x), labels: labels)
      let analysis = try LinearUnlearning(instance: data, forget: 0)
      let lambda = analysis.kkt.multipliers
      #expect(lambda.contains { $0.isZero } && lambda.allSatisfy { $0.signum >= 0 }, "seed \(seed)")
      // KKT of the full data: Q λ ≥ 1 with complementarity.
      let margins = try analysis.signedGram.multiplied(by: lambda)
      #expect(margins.allSatisfy { $0 >= Rational(1) }, "seed \(seed)")
      #expect(zip(lambda, margins).allSatisfy { $0.isZero || $1 == Rational(1) }, "seed \(seed)")
      let table = try analysis.quantities()
      let mu = try #require(exactScalar(table, "rescale_factor"))
      #expect(mu == exactVector(table, "margins_after")?.min(), "seed \(seed)")
      #expect((table["epsilon_rescaled"] == nil) == (mu.signum <= 0), "seed \(seed)")
      if mu.signum <= 0 { brokenMargins += 1 }
    }
    // Some of these data sets have a retained margin broken by the step (μ ≤ 0).
    #expect(brokenMargins > 0)
  }

  /// theorems/DERIVATIONS.md, linear.margin-shift-identity: q'_i − q_i = −c λ_r y_r y_i⟨x_r, x_i⟩ exactly, ε = 0 at
  /// c = 1, and λ* − λ_{−r} = λ_r Q_{−r}⁻¹ Q_{−r,r} when all constraints are active.
  @Test(arguments: [(UInt64(1), 6, 400), (2, 10, 900), (3, 4, 50), (4, 12, 3000)])
  func identitiesOfSectionF1HoldExactly(seed: UInt64, n: Int, d: Int) throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: n, d: d, seed: seed))
    for c in [r("1"), r("1/2"), r("3/2")] {
      let rIndex = Int(seed) % n
      let analysis = try LinearUnlearning(instance: data, forget: rIndex, loss: .exponential, step: .scaled(c))
      let table = try analysis.quantities()
      let lambda = analysis.kkt.multipliers
      let after = try #require(exactVector(table, "margins_after"))
      for (k, i) in analysis.retained.enumerated() {
        let yy = Rational(data.labels[rIndex] * data.labels[i])
        #expect(after[k] - analysis.kkt.margins[i] == -(c * lambda[rIndex] * yy * analysis.gram[rIndex, i]))
      }
      let shift = try #require(exactScalar(table, "max_margin_shift"))
      #expect(shift == c * lambda[rIndex] * analysis.data.maximumInnerProductWithForgotten)  // attained
      if c == Rational(1) {
        #expect(exactScalar(table, "epsilon") == Rational())
        #expect(exactScalar(table, "epsilon_opt") == Rational())
      } else {
        // ε = |1 − c| λ_r ‖x_r‖ (enclosed: ‖x_r‖ is a square root).
        let epsilon = try #require(enclosure(table, "epsilon"))
        let expected2 = (Rational(1) - c) * (Rational(1) - c) * lambda[rIndex] * lambda[rIndex] * analysis.gram[rIndex, rIndex]
        #expect(epsilon.lower * epsilon.lower <= expected2 && expected2 <= epsilon.upper * epsilon.upper)
      }
      // The high-dimensional cases are all-active, so the identity below runs on them.
      #expect(d < 900 || (analysis.kkt.allActive && analysis.retrained.allActive), "seed \(seed): expected every constraint active")
      if analysis.kkt.allActive && analysis.retrained.allActive {
        let q = analysis.signedGram.submatrix(rows: analysis.retained, columns: analysis.retained)
        let column = Vector(analysis.retained.map { analysis.signedGram[$0, rIndex] })
        let predicted = lambda[rIndex] * (try q.solve(column))
        let difference = Vector(zip(analysis.retrained.multipliers, analysis.retained.map { lambda[$0] }).map { $0 - $1 })
        #expect(difference == predicted)
      }
    }
  }

  /// The Gram-matrix formulas against explicit d-dimensional vectors.
  @Test func distanceAndCosineAgreeWithExplicitVectors() throws {
    let data = try InstanceGenerator.gaussianMixture.generate(.init(n: 6, d: 40, seed: 5, muNorm: r("3"), labelNoise: r("0")))
    let analysis = try LinearUnlearning(instance: data, forget: 2, step: .scaled(r("1/3")))
    let table = try analysis.quantities(precision: 200)
    let x = data.data.matrix
    func combination(_ coefficients: [Rational]) -> Vector {
      var v = Vector(zeros: data.dimension)
      for i in 0..<data.count where !coefficients[i].isZero { v.addMultiple(coefficients[i] * Rational(data.labels[i]), of: x.row(i)) }
      return v
    }
    let lambda = analysis.kkt.multipliers
    var unlearnedCoefficients = lambda.entries
    unlearnedCoefficients[2] = lambda[2] * (Rational(1) - r("1/3"))
    var retrainedCoefficients = [Rational](repeating: Rational(), count: data.count)
    for (k, i) in analysis.retained.enumerated() { retrainedCoefficients[i] = analysis.retrained.multipliers[k] }
    let unlearned = combination(unlearnedCoefficients), retrained = combination(retrainedCoefficients)
    let distance2 = (unlearned - retrained).squaredNorm
    let distance = try #require(enclosure(table, "distance_to_retrained"))
    #expect(distance.lower * distance.lower <= distance2 && distance2 <= distance.upper * distance.upper)
    let inner = try unlearned.dot(retrained)
    let cosine = try #require(enclosure(table, "cosine_to_retrained"))
    // cos² = inner² / (‖w'‖²‖w*‖²), with inner > 0 here.
    let cos2 = inner * inner / (unlearned.squaredNorm * retrained.squaredNorm)
    #expect(inner.signum > 0 && cosine.lower * cosine.lower <= cos2 && cos2 <= cosine.upper * cosine.upper)
  }

  /// A point strictly inside the margin gets λ = 0 and needs the LCP path,
  /// whose answer matches the all-active solution on the support vectors.
  @Test func complementarityPathMatchesAllActiveOnTheSupport() throws {
    let data = try instance([["1", "0"], ["3", "1"], ["0", "2"], ["-1", "-1/2"]], [1, 1, 1, -1])
    let analysis = try LinearUnlearning(instance: data, forget: 2)
    #expect(analysis.kkt.method == .complementarity)
    let lambda = analysis.kkt.multipliers
    let support = (0..<4).filter { lambda[$0].signum > 0 }
    #expect(support.count < 4)
    #expect(!analysis.kkt.allActive)
    // KKT conditions, exactly: margins ≥ 1 and complementary slackness.
    for i in 0..<4 {
      #expect(analysis.kkt.margins[i] >= Rational(1))
      #expect(lambda[i] * (analysis.kkt.margins[i] - Rational(1)) == Rational())
    }
    // On the support alone, all constraints are active: Q_SS λ_S = 1.
    let q = analysis.signedGram.submatrix(rows: support, columns: support)
    let onSupport = try MaxMarginProblem.solve(signedGram: q)
    #expect(onSupport.method == .allActive)
    #expect(onSupport.multipliers.entries == support.map { lambda[$0] })
  }

  @Test func nonSeparableDataIsReported() throws {
    let data = try instance([["1", "0"], ["1", "0"]], [1, -1])
    #expect(throws: UnlearningError.self) { _ = try LinearUnlearning(instance: data, forget: 0) }
    do {
      _ = try LinearUnlearning(instance: data, forget: 0)
    } catch let error as UnlearningError {
      guard case .notSeparable = error else {
        Issue.record("expected notSeparable, got \(error)")
        return
      }
    }
  }

  /// Non-separable data with d < n are proved so by an exact certificate
  /// μ ≥ 0, 1ᵀμ = 1, Qμ = 0 (n = 200, d = 100 took minutes in the pivoting);
  /// the certificate is checked here again from the data rows, and no
  /// certificate is made for separable data.
  @Test func nonSeparabilityIsCertifiedExactly() throws {
    let spec = InstanceSpec(name: "x", source: .generator(.nearlyOrthogonal, .init(n: 200, d: 100, seed: 1)), forget: 0)
    #expect { _ = try spec.analyse() } throws: { error in
      guard case UnlearningError.notSeparable(let reason, _) = error else { return false }
      return reason.contains("Σ μ_i y_i x_i = 0 exactly")
    }
    // Two copies of a point with opposite labels, and a third point: μ = (1/2, 1/2, 0).
    let data = try instance([["1", "2"], ["1", "2"], ["0", "1"]], [1, -1, 1])
    let q = MaxMarginProblem.signedGram(data.data.gram, labels: data.labels)
    let form = IntegerBilinearForm(q)
    let integerForm = (numerators: try #require(form.machineNumerators), denominator: form.denominator)
    let mu = try #require(MaxMarginProblem.separationObstruction(integerForm: integerForm, passiveSet: [0, 1]))
    #expect(mu.rationals == [try Rational(1, 2), try Rational(1, 2), Rational()])
    let combination = data.data.combination(mu.multipliedBySigns(data.labels)).numerators
    let vanishes = combination.allSatisfy { $0.isZero }
    #expect(vanishes)
    // A support that is no certificate (its solve has a negative entry, or Qμ ≠ 0) gives none.
    #expect(MaxMarginProblem.separationObstruction(integerForm: integerForm, passiveSet: [0, 2]) == nil)
    let separable = try instance([["1", "0"], ["0", "1"], ["-1", "1"]], [1, 1, -1])
    let qs = IntegerBilinearForm(MaxMarginProblem.signedGram(separable.data.gram, labels: separable.labels))
    for support: Set<Int> in [[0], [0, 1], [0, 1, 2], [1, 2]] {
      #expect(MaxMarginProblem.separationObstruction(integerForm: (try #require(qs.machineNumerators), qs.denominator), passiveSet: support) == nil)
    }
  }

  /// Binary64 data (Gram entries with denominators of hundreds of bits, so
  /// Q has no word form) that no hyperplane through the origin separates:
  /// 100 × 30 with random labels took 3.5 minutes of exact pivoting and
  /// 569 × 30 did not finish; a simplex vertex now gives the exact certificate
  /// at once, checked here from the data rows again.
  @Test func binary64DataAreCertifiedNonSeparableAtOnce() throws {
    var rng = SplitMix64(seed: 31)
    let (n, d) = (100, 30)
    var rows: [[String]] = [], labels: [Int] = []
    for _ in 0..<n {
      rows.append((0..<d).map { _ in "\(Double(Int64(bitPattern: rng.next() % (1 << 40)) - (1 << 39)) / 3.0e11)" })
      labels.append(rng.next() % 2 == 0 ? 1 : -1)
    }
    let data = try instance(rows, labels)
    #expect(IntegerBilinearForm(MaxMarginProblem.signedGram(data.data.gram, labels: labels)).machineNumerators == nil)
    let started = ContinuousClock.now
    #expect { _ = try LinearUnlearning(instance: data, forget: 0) } throws: { error in
      guard case UnlearningError.notSeparable(let reason, _) = error else { return false }
      return reason.contains("Σ μ_i y_i x_i = 0 exactly")
    }
    #expect(ContinuousClock.now - started < .seconds(60), "the certificate, not the pivoting")
    // The certificate from Q itself, on the guess the tool uses, against the rows.
    let q = MaxMarginProblem.signedGram(data.data.gram, labels: labels)
    let mu = try #require(LinearUnlearning.separabilityGuesses(data).lazy.compactMap { $0() }
      .compactMap { MaxMarginProblem.separationObstruction(signedGram: q, passiveSet: $0) }.first)
    #expect(mu.numerators.allSatisfy { $0.signum >= 0 } && mu.numerators.contains { $0.signum > 0 })
    let vanishes = data.data.combination(mu.multipliedBySigns(labels)).numerators.allSatisfy { $0.isZero }
    #expect(vanishes)
    // A support that is no certificate gives none.
    #expect(MaxMarginProblem.separationObstruction(signedGram: q, passiveSet: [0, 1]) == nil)
  }

  /// Real tabular data with many more points than dimensions: the Wisconsin diagnostic
  /// breast-cancer set (569 × 30, binary64, features on scales 10⁻³…10³; UCI, CC BY 4.0, as
  /// scikit-learn ships it), separable through the origin. The support comes from exact
  /// Lawson–Hanson on [Z; 1ᵀ] (every block nonsingular, at most d + 1 points); block exchanges
  /// on the rank-30 Gram matrix reached singular blocks, and Lemke's method on the 569 × 569
  /// tableau ran for hours. The answer is certified; forgetting a support vector measures ε_opt
  /// by the same exact Lawson–Hanson on Q = ZZᵀ, and the step harms (τ > 1) most retained points.
  @Test func tallRealDataAreSolvedThroughTheirSupport() throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data")
    let data = try Instance(dataFile: directory.appendingPathComponent("breast-cancer-X.npy").path,
                            labelFile: directory.appendingPathComponent("breast-cancer-y.npy").path)
    let q = MaxMarginProblem.signedGram(data.data.gram, labels: data.labels)
    let support = try #require(try MaxMarginProblem.convexHullSupport(signedGram: q, integerForm: nil, guess: nil, solver: DixonSolver()))
    #expect(support.count == 29)
    let analysis = try LinearUnlearning(instance: data, forget: 13)
    #expect(Set(analysis.kkt.multipliers.entries.indices.filter { analysis.kkt.multipliers.entries[$0].signum > 0 }) == support)
    #expect(analysis.kkt.margins.entries.allSatisfy { $0 >= Rational(1) })
    let table = try analysis.quantities()
    #expect(enclosure(table, "epsilon_opt") != nil)
    #expect((enclosure(table, "tau")?.lower ?? 0) > Rational(1))
  }

  /// Data that only an intercept separates (1-d, all x > 0, both labels):
  /// the error says so.
  @Test func theErrorSuggestsAnInterceptWhereOneWouldHelp() throws {
    let shifted = try instance([["1"], ["2"], ["3"], ["4"], ["5"]], [-1, -1, 1, 1, 1])
    #expect { _ = try LinearUnlearning(instance: shifted, forget: 0) } throws: { error in
      guard case UnlearningError.notSeparable(let reason, _) = error else { return false }
      return reason.contains("intercept")
    }
    let hopeless = try instance([["1", "0"], ["2", "0"], ["3", "1"], ["1", "1"], ["2", "2"]], [-1, 1, -1, 1, -1])
    #expect { _ = try LinearUnlearning(instance: hopeless, forget: 0) } throws: { error in
      guard case UnlearningError.notSeparable(let reason, _) = error else { return false }
      return !reason.contains("intercept")
    }
  }

  /// Phase one in binary64: a vertex of a small feasible system, and an infeasible one.
  @Test func phaseOneFindsAVertexOrSaysInfeasible() {
    // μ ≥ 0 with μ0 − μ1 = 0 and μ0 + μ1 + μ2 = 1: vertices (1/2, 1/2, 0) and (0, 0, 1).
    let a: [Double] = [1, 1, -1, 1, 0, 1]
    guard case .vertex(let basis) = FeasibleBasis.outcome(columns: a, rows: 2, target: [0, 1]) else {
      Issue.record("expected a vertex")
      return
    }
    #expect(basis == [0, 1] || basis == [2] || basis == [0, 2] || basis == [1, 2])
    // μ0 + μ1 = −1 has no μ ≥ 0.
    #expect(FeasibleBasis.outcome(columns: [1, 1], rows: 1, target: [-1]) == .infeasible)
  }

  /// β* ℓ'(q_r) = −λ_r holds symbolically; the enclosed path agrees.
  @Test(arguments: Loss.allCases)
  func symbolicAndEnclosedStepsAgree(loss: Loss) throws {
    let data = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 8, d: 600, seed: 11))
    let symbolic = try LinearUnlearning(instance: data, forget: 5, loss: loss)
    let lambdaR = symbolic.kkt.multipliers[5], qR = symbolic.kkt.margins[5]
    let betaStar = try StepRule.scaled(Rational(1)).stepSize(lambdaR: lambdaR, marginR: qR, loss: loss).value(precision: 256).interval(precision: 256)
    let product = betaStar * (try loss.derivative(at: qR, precision: 256))
    #expect(product.contains(-lambdaR))
    // An explicit β inside the enclosure of β* reproduces the symbolic quantities.
    let explicit = try LinearUnlearning(instance: data, forget: 5, loss: loss, step: .explicit(betaStar.midpoint.rational))
    let a = try explicit.quantities(precision: 128), b = try symbolic.quantities(precision: 128)
    let tolerance = Rational(1).timesPowerOfTwo(-90)
    for name in ["tau", "delta", "max_margin_shift", "epsilon", "epsilon_opt", "distance_to_retrained"] {
      let x = try #require(enclosure(a, name)), y = try #require(enclosure(b, name))
      #expect(x.upper - y.lower <= tolerance && y.upper - x.lower <= tolerance, "\(name): \(x.shortDescription) vs \(y.shortDescription)")
    }
    guard case .vector(let after)? = a["margins_after"], let exact = exactVector(b, "margins_after") else {
      Issue.record("margins_after missing")
      return
    }
    for (enclosed, value) in zip(after, exact) {
      let x = enclosed.interval(precision: 128)
      #expect(x.lower - tolerance <= value && value <= x.upper + tolerance)
    }
  }

  @Test func badForgetIndexIsAParameterError() throws {
    let data = try instance([["1", "0"], ["0", "1"]], [1, -1])
    #expect(throws: UnlearningError.forgetOutOfRange(2, points: 2)) {
      _ = try LinearUnlearning(instance: data, forget: 2)
    }
  }
}

/// The NNLS after the step when d < n (Q singular): started from Lawson–Hanson on the primal, its
/// certified minimum is the one Lemke's method finds from scratch.
@Suite struct RankDeficientNNLSTests {
  @Test func thePrimalGuessGivesTheSameCertifiedMinimum() throws {
    let instance = try InstanceGenerator.gaussianMixture.generate(.init(n: 40, d: 6, seed: 2, muNorm: Rational(3)))
    let analysis = try LinearUnlearning(instance: instance, forget: 0, step: .scaled(try Rational(parsing: "1/2")))
    let table = try analysis.quantities()
    let guided = try #require(exactScalar(table, "epsilon_opt2"))
    // The same problem without any guess: the complementarity pivoting (Lemke when it must).
    let start = analysis.start, measured = analysis.measured
    let u = measured.unlearned.blocks[0]
    let kept = start.retained
    let b = kept.map { i in Rational(instance.labels[i]) * (0..<instance.dimension).reduce(Rational()) { $0 + u.rationals[$1] * instance.data[i, $1] } }
    let q = Matrix(rows: kept.count, columns: kept.count) { a, c in Rational(instance.labels[kept[a]] * instance.labels[kept[c]]) * start.gram[kept[a], kept[c]] }
    let plain = try MaxMarginProblem.nonNegativeLeastSquares(signedGram: q, correlations: Vector(b), squaredNorm: u.dot(u), solver: FractionFreeSolver())
    #expect(plain.minimum == guided)
  }
}
