//===--- MaxMarginProblem+Obstruction.swift -------------------------------===//
// An exact certificate that no linear predictor separates the data.
//===----------------------------------------------------------------------===//

import Exact

extension MaxMarginProblem {
  /// μ ≥ 0 with 1ᵀμ = 1 and Qμ = 0, verified exactly: then
  /// ‖Σ_i μ_i y_i x_i‖² = μᵀQμ = 0, so Σ_i μ_i y_i x_i = 0, and any w with
  /// every y_i⟨w, x_i⟩ ≥ 1 would give 0 = Σ_i μ_i y_i⟨w, x_i⟩ ≥ 1ᵀμ = 1
  /// (Farkas' lemma for the margin constraints). `nil` when the guess does
  /// not lead to one.
  ///
  /// The support S comes from `passiveSet`, Lawson and Hanson on the primal
  /// min_{μ≥0} ‖[Z; 1ᵀ]μ − e_{d+1}‖ with Z's columns y_i x_i: its passive
  /// columns are independent, so (Q + 11ᵀ)_SS = [Z; 1ᵀ]_Sᵀ[Z; 1ᵀ]_S is
  /// nonsingular and (Q + 11ᵀ)_SS μ_S = 1 has one exact solution. It is a
  /// certificate when μ_S ≥ 0 and Qμ = 0 on all n rows (which also gives
  /// 1ᵀμ = 1, as (Q + 11ᵀ)μ = Qμ + (1ᵀμ)1).
  static func separationObstruction(integerForm: (numerators: [Int], denominator: BigInt), passiveSet: Set<Int>) -> ScaledIntegerVector? {
    let n = Int(Double(integerForm.numerators.count).squareRoot().rounded())
    let support = passiveSet.sorted()
    guard !support.isEmpty, n * n == integerForm.numerators.count, support.allSatisfy({ $0 >= 0 && $0 < n }),
          let s = integerForm.denominator.exactInt else { return nil }
    // (Q + 11ᵀ) = (N + s·11ᵀ)/s on the support, in words when no entry overflows.
    var block: [Int] = []
    block.reserveCapacity(support.count * support.count)
    for i in support {
      for j in support {
        let (value, overflow) = integerForm.numerators[i * n + j].addingReportingOverflow(s)
        guard !overflow else { return nil }
        block.append(value)
      }
    }
    let ones = Vector(repeating: Rational(1), count: support.count)
    guard let solved = (try? DixonSolver().solveUnlessSingularModuloPrimes(integerMatrix: block, denominator: integerForm.denominator, ones)) ?? nil,
          solved.numerators.allSatisfy({ $0.signum >= 0 }) else { return nil }
    var numerators = [BigInt](repeating: BigInt(), count: n)
    for (t, i) in support.enumerated() { numerators[i] = solved.numerators[t] }
    guard let mu = try? ScaledIntegerVector(numerators: numerators, denominator: solved.denominator) else { return nil }
    let form = IntegerBilinearForm(size: n, machineNumerators: integerForm.numerators, denominator: integerForm.denominator)
    guard form.apply(mu).numerators.allSatisfy(\.isZero), mu.numerators.contains(where: { $0.signum > 0 }) else { return nil }
    return mu
  }

  /// The same certificate from Q itself, for data whose Q has no word
  /// numerators (binary64 data, whose entries have denominators of hundreds
  /// of bits): (Q + 11ᵀ)_SS μ_S = 1 solved exactly, μ_S ≥ 0, and Qμ = 0
  /// checked on all n rows in rationals (n·|S| products).
  static func separationObstruction(signedGram q: Matrix, passiveSet: Set<Int>) -> ScaledIntegerVector? {
    let n = q.rows, support = passiveSet.sorted()
    guard !support.isEmpty, q.columns == n, support.allSatisfy({ $0 >= 0 && $0 < n }) else { return nil }
    let one = Rational(1)
    guard let block = try? Matrix(rows: support.count, columns: support.count, entry: { q[support[$0], support[$1]] + one }),
          let solved = try? DixonSolver().solveOverCommonDenominator(block, Vector(repeating: one, count: support.count)),
          solved.numerators.allSatisfy({ $0.signum >= 0 }), solved.numerators.contains(where: { $0.signum > 0 }) else { return nil }
    // Qμ = 0 ⟺ Σ_{j∈S} Q_ij p_j = 0 for the numerators p (one common denominator).
    let weights = solved.numerators.map { Rational($0) }
    for i in 0..<n {
      var sum = Rational()
      for (t, j) in support.enumerated() where !weights[t].isZero { sum += q[i, j] * weights[t] }
      guard sum.isZero else { return nil }
    }
    var numerators = [BigInt](repeating: BigInt(), count: n)
    for (t, i) in support.enumerated() { numerators[i] = solved.numerators[t] }
    return try? ScaledIntegerVector(numerators: numerators, denominator: solved.denominator)
  }
}
