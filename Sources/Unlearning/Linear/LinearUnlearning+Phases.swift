//===--- LinearUnlearning+Phases.swift ------------------------------------===//
// The phases of a linear analysis: Gram forms, margin problems, weights,
// the step's NNLS guess and the retraining identity.
//===----------------------------------------------------------------------===//

import Dispatch
import Exact
import Synchronization

extension LinearUnlearning {
  /// G = XXᵀ and Q = (y_i y_j G_ij), as rational matrices and as integer forms.
  struct GramForms {
    let gram: Matrix
    let signedGram: Matrix
    let gramForm: IntegerBilinearForm
    let signedGramForm: IntegerBilinearForm
  }

  /// The Gram phase. Data on a grid have word Gram numerators, and Q, G and
  /// the form of Q are built from them without rational arithmetic.
  static func gramForms(_ instance: Instance) -> GramForms {
    let n = instance.count, labels = instance.labels
    if let numerators = PhaseTimer.measure("Gram matrix", { instance.data.gramMachineNumerators }) {
      let scale = instance.data.denominator * instance.data.denominator
      let signed = (0..<(n * n)).map { k in labels[k / n] == labels[k % n] ? numerators[k] : -numerators[k] }
      return GramForms(gram: ScaledIntegerMatrix.matrix(numerators, size: n, over: scale), signedGram: ScaledIntegerMatrix.matrix(signed, size: n, over: scale),
                       gramForm: IntegerBilinearForm(size: n, machineNumerators: numerators, denominator: scale),
                       signedGramForm: IntegerBilinearForm(size: n, machineNumerators: signed, denominator: scale))
    }
    let gram = instance.data.gram
    let signedGram = MaxMarginProblem.signedGram(gram, labels: labels)
    return GramForms(gram: gram, signedGram: signedGram, gramForm: IntegerBilinearForm(gram), signedGramForm: IntegerBilinearForm(signedGram))
  }

  /// The KKT points of S and of S∖F, with Q_{−F} and both matrices' word forms.
  struct MarginProblems {
    let kkt: MaxMarginSolution
    let retrained: MaxMarginSolution
    /// Q_{−F}.
    let reduced: Matrix
    /// Q and Q_{−F} as word numerators over one denominator, when Q has word numerators.
    let integerForms: [(numerators: [Int], denominator: BigInt)?]
  }

  /// The margin problems phase: S and S∖F are independent, so they run on
  /// two cores; with d < n the full data may not be separable, and then S∖F
  /// must not be solved at all, so they run in turn.
  static func marginProblems(_ instance: Instance, forms: GramForms, kept: [Int]) throws -> MarginProblems {
    let n = instance.count
    let full = forms.signedGram, reduced = forms.signedGram.submatrix(rows: kept, columns: kept)
    let integerForms: [(numerators: [Int], denominator: BigInt)?]
    if let q = forms.signedGramForm.machineNumerators {
      let s = forms.signedGramForm.denominator
      integerForms = [(q, s), (kept.flatMap { i in kept.map { j in q[i * n + j] } }, s)]
    } else {
      integerForms = [nil, nil]
    }
    // d < n: binary64 guesses on [Z; 1ᵀ], for S and for S∖F (whose support also starts from them).
    let obstruction: [@Sendable () -> Set<Int>?]? = instance.dimension >= n ? nil : separabilityGuesses(instance)
    let retainedGuess: [@Sendable () -> Set<Int>?]? = instance.dimension >= n ? nil : separabilityGuesses(instance, rows: kept)
    let outcomes = Mutex<[Int: Result<MaxMarginSolution, any Error>]>([:])
    PhaseTimer.measure("margin problems (S and S without r)") {
      DispatchQueue.concurrentPerform(iterations: obstruction == nil ? 2 : 1) { task in
        for k in obstruction == nil ? [task] : [0, 1] {
          if k == 1, case .failure? = outcomes.withLock({ $0[0] }) { break }
          let guess = k == 0 ? obstruction : retainedGuess
          let result = Result { try MaxMarginProblem.solve(signedGram: k == 0 ? full : reduced, integerForm: integerForms[k], obstructionGuess: guess) }
          outcomes.withLock { $0[k] = result }
        }
      }
    }
    let solved = outcomes.withLock { $0 }
    let kkt: MaxMarginSolution
    do {
      kkt = try solved[0]!.get()
    } catch UnlearningError.notSeparable(let reason, let mu) where obstruction != nil && interceptWouldSeparate(instance) {
      throw UnlearningError.notSeparable(reason + "; with a constant column appended to X (an intercept: the model has no bias term) the data appear separable",
                                         obstruction: mu)
    }
    do {
      return MarginProblems(kkt: kkt, retrained: try solved[1]!.get(), reduced: reduced, integerForms: integerForms)
    } catch UnlearningError.notSeparable {
      throw UnlearningError.internalFailure("the retained data are not separable although the full data are")
    }
  }

  /// With d < n the data may not be separable: binary64 guesses of the
  /// support of μ ≥ 0 with Σ μ_i y_i x_i = 0 and 1ᵀμ = 1 (Z's columns y_i x_i),
  /// for the exact certificate, cheapest first: Lawson–Hanson's support of
  /// min ‖[Z; 1ᵀ]μ − e_{d+1}‖, then the basic columns of a vertex of
  /// {μ ≥ 0 : [Z; 1ᵀ]μ = e_{d+1}} (phase one of the simplex method), whose
  /// square system is consistent exactly where a least-squares support with
  /// fewer than d + 1 columns is consistent only up to rounding.
  static func separabilityGuesses(_ instance: Instance, rows: [Int]? = nil) -> [@Sendable () -> Set<Int>?] {
    let data = instance.data, d = data.columns
    let chosen = rows ?? Array(0..<instance.count), n = chosen.count
    let labels = chosen.map { instance.labels[$0] }
    @Sendable func system() -> (columns: [Double], target: [Double]) {
      let inverse = 1 / Double(Rational(data.denominator))
      var columns = [Double](repeating: 1, count: n * (d + 1))
      for (i, row) in chosen.enumerated() {
        for k in 0..<d {
          let x = data.machineNumerators.map { Double($0[row * d + k]) * inverse } ?? Double(data[row, k])
          columns[i * (d + 1) + k] = labels[i] > 0 ? x : -x
        }
      }
      var target = [Double](repeating: 0, count: d + 1)
      target[d] = 1
      return (columns, target)
    }
    // Asked only when Gauss–Seidel did not converge, where the alternative is minutes of pivoting: large budgets.
    return [
      {
        let (columns, target) = system()
        return FloatingNonNegativeLeastSquares.lawsonHansonPassiveSet(columns: columns, dimension: d + 1, target: target, maximumWork: 2e10)
      },
      {
        let (columns, target) = system()
        return PhaseTimer.measure("separability: simplex phase one") {
          FeasibleBasis.phaseOne(columns: columns, rows: d + 1, target: target, maximumWork: 2e10)
        }
      },
    ]
  }

  /// Whether [X 1] (the data with an intercept column) looks separable in
  /// binary64: phase one finds no μ ≥ 0 with Σ μ_i y_i (x_i, 1) = 0 and
  /// 1ᵀμ = 1. A hint for the message only, never a verdict.
  static func interceptWouldSeparate(_ instance: Instance) -> Bool {
    let data = instance.data, labels = instance.labels, n = instance.count, d = data.columns
    var columns = [Double](repeating: 1, count: n * (d + 2))
    for i in 0..<n {
      let sign: Double = labels[i] > 0 ? 1 : -1
      for k in 0..<d { columns[i * (d + 2) + k] = sign * Double(data[i, k]) }
      columns[i * (d + 2) + d] = sign
    }
    var target = [Double](repeating: 0, count: d + 2)
    target[d + 1] = 1
    return FeasibleBasis.outcome(columns: columns, rows: d + 2, target: target, maximumWork: 2e9) == .infeasible
  }

  /// The weights phase: w = Σ λ_i y_i x_i and w* = Σ_{i∉F} λ*_i y_i x_i, as
  /// coefficients on the rows (in the data span) or explicit in ℚᵈ, over the
  /// multipliers' least common denominator as the residual's coefficients are.
  static func weights(_ instance: Instance, kkt: MaxMarginSolution, retrained: MaxMarginSolution, forgetSet: [Int],
                      span: DataSpan?) throws -> (Parameters, Parameters) {
    try PhaseTimer.measure(span == nil ? "explicit weights" : "weights in the data span") { () throws -> (Parameters, Parameters) in
      let x = instance.data, labels = instance.labels, lambda = kkt.multipliers.entries
      let coefficients = ScaledIntegerVector(lambda, over: Rational.commonDenominator(lambda)).multipliedBySigns(labels)
      var starNumerators = retrained.scaledMultipliers.numerators
      for f in forgetSet { starNumerators.insert(BigInt(), at: f) }
      let starCoefficients = try ScaledIntegerVector(numerators: starNumerators, denominator: retrained.scaledMultipliers.denominator)
        .multipliedBySigns(labels)
      if let span { return (Parameters(coefficients: [coefficients], span: span), Parameters(coefficients: [starCoefficients], span: span)) }
      return (Parameters(blocks: [x.vector(coefficients)]), Parameters(blocks: [x.vector(starCoefficients)]))
    }
  }

  /// Q_{−r}⁻¹Q_{−r,r}, once: with it λ_{−r} + (λ_r + ã) Q_{−r}⁻¹Q_{−r,r}
  /// guesses the step's NNLS minimizer at any update coefficient ã. For one
  /// forgotten point and a nonsingular Q_{−r} (rank ≤ d, so d ≥ n − 1) only;
  /// a set's NNLS is solved directly.
  static func unconstrainedGuess(_ instance: Instance, forms: GramForms, problems: MarginProblems, forgetSet: [Int],
                                 kept: [Int]) -> (@Sendable (Rational) -> ScaledIntegerVector?)? {
    let r = forgetSet[0]
    let inherited = problems.kkt.scaledMultipliers.selecting(kept), lambdaR = problems.kkt.multipliers[r]
    let column = forms.signedGramForm.column(r, rows: kept).vector
    let solve = forgetSet.count > 1 || instance.dimension < kept.count ? nil : PhaseTimer.measure("retained solve with the forgotten column") {
      try? problems.integerForms[1].flatMap { try DixonSolver().solveUnlessSingularModuloPrimes(integerMatrix: $0.numerators, denominator: $0.denominator, column) }
    }
    guard let x = solve ?? nil else { return nil }
    return { (a: Rational) -> ScaledIntegerVector? in inherited.adding(x, times: lambdaR + a) }
  }

  /// The retraining identity phase: λ* − λ_{−F} = Q_{−F}⁻¹ Σ_{r∈F} λ_r Q_{−F,r}
  /// ⇔ Q_{−F}(λ* − λ_{−F}) = Σ_r λ_r Q_{−F,r} for a nonsingular Q_{−F}, checked
  /// on integer products: the largest entry of the difference.
  static func retrainDefect(forms: GramForms, problems: MarginProblems, kept: [Int], weighted: ScaledIntegerVector) -> Rational {
    PhaseTimer.measure("retraining identity") {
      let inherited = forms.signedGramForm.apply(problems.kkt.scaledMultipliers.selecting(kept), indices: kept)
      let star = forms.signedGramForm.apply(problems.retrained.scaledMultipliers, indices: kept)
      return star.adding(inherited, times: Rational(-1)).adding(weighted, times: Rational(-1)).maximumMagnitude
    }
  }
}
