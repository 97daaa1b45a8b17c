//===--- ApproximateKKTPoint.swift ----------------------------------------===//
// Explicit parameters as an approximate KKT point, with their best multipliers.
//===----------------------------------------------------------------------===//

import Exact

/// Explicit parameters θ of a ``HomogeneousModel`` certified as an
/// (ε, δ, τ)-approximate KKT point of min ½‖θ‖² s.t. y_i N(x_i; θ) ≥ 1 on
/// the points I, with the multipliers that make ε smallest:
///
///     ε² = min_{μ ≥ 0} ‖θ − Σ_{i∈I} μ_i y_i ∇_θ N(x_i; θ)‖²      (exact NNLS)
///     δ  = max_{i∈I} μ_i (q_i − 1),   τ = max(0, max_{i∈I} (1 − q_i)),
///
/// q_i = y_i N(x_i; θ) measured from θ's pre-activations, and the residual's
/// quadratic form from ``HomogeneousModel/stationarityMatrix(slopes:indices:labels:gram:)``.
/// This is the one certification of a start that is not the exact KKT point
/// (a trained network, a user's weights), and of a user's unlearned result.
public struct ApproximateKKTPoint: Sendable {
  /// q_i for every point (not only I).
  public let margins: [Rational]
  /// The points I, and the minimizing μ ≥ 0 over them, in order.
  public let indices: [Int]
  public let multipliers: [Rational]
  /// ε², δ and τ on I.
  public let residual2: Rational
  public let delta: Rational
  public let tau: Rational

  /// The signed Gram matrix of the linear model on I, when the caller holds it
  /// (and its word form): the NNLS then reuses them instead of forming M.
  public struct LinearForm: Sendable {
    let matrix: Matrix
    let integerForm: (numerators: [Int], denominator: BigInt)?
    let rankAtMost: Int?

    public init(matrix: Matrix, integerForm: (numerators: [Int], denominator: BigInt)? = nil, rankAtMost: Int? = nil) {
      (self.matrix, self.integerForm, self.rankAtMost) = (matrix, integerForm, rankAtMost)
    }
  }

  /// Certifies θ on the points I (all points when nil).
  ///
  /// - Parameter linearForm: Q on I for the linear model (its stationarity
  ///   matrix), to skip forming it.
  public init(model: HomogeneousModel, theta: Parameters, instance: Instance, gram: Matrix, indices: [Int]? = nil,
              linearForm: LinearForm? = nil) throws {
    let points = indices ?? Array(0..<instance.count)
    let pre = theta.preactivations(on: instance.data)
    let q = model.margins(of: theta, labels: instance.labels, preactivations: pre).rationals
    let form: LinearForm
    if let linearForm, model.isLinear, model.blocks == 1, model.blockWeight == Rational(1) {
      form = linearForm
    } else {
      let slopes = pre.map { p in p.numerators.map { model.derivative(positive: $0.signum > 0) } }
      form = LinearForm(matrix: model.stationarityMatrix(slopes: slopes, indices: points, labels: instance.labels, gram: gram))
    }
    let fit = try PhaseTimer.measure("approximate KKT point (NNLS)") {
      try MaxMarginProblem.nonNegativeLeastSquares(
        signedGram: form.matrix, correlations: Vector(points.map { q[$0] }), squaredNorm: Parameters.inner(theta, theta, weight: model.blockWeight),
        integerForm: form.integerForm, rankAtMost: form.rankAtMost)
    }
    margins = q
    self.indices = points
    multipliers = fit.multipliers.entries
    residual2 = fit.minimum
    let slack = KKTSlack(margins: ScaledIntegerVector(points.map { q[$0] }), multipliers: ScaledIntegerVector(multipliers))
    (delta, tau) = (slack.delta.exactValue!, slack.tau.exactValue!)
  }

  /// A start at margin 1: raw parameters divided by ρ = min_i y_i N(x_i; θ_raw)
  /// (N is 1-homogeneous, so θ_raw/ρ has smallest margin 1), certified on every point.
  ///
  /// - Throws: ``UnlearningError/notSeparable(_:)`` when ρ ≤ 0.
  public static func normalizing(
    _ raw: Parameters, model: HomogeneousModel, instance: Instance, gram: Matrix, linearForm: LinearForm? = nil
  ) throws -> (theta: Parameters, rho: Rational, point: ApproximateKKTPoint) {
    let pre = PhaseTimer.measure("start on the data") { raw.preactivations(on: instance.data) }
    let margins = model.margins(of: raw, labels: instance.labels, preactivations: pre)
    guard let rho = margins.minimum, rho.signum > 0 else {
      let wrong = margins.numerators.indices.filter { margins.numerators[$0].signum <= 0 }  // the denominator is positive
      let smallest = margins.minimum.map { "\($0.brief) at point \(margins.indexOfMinimum!)" } ?? "undefined"
      throw UnlearningError.notSeparable(
        "the start does not separate the data: \(wrong.count) of \(margins.count) margins y_i N(x_i; θ) are ≤ 0, the smallest \(smallest)")
    }
    // Each block over its entries' least common denominator.
    let theta = Parameters(blocks: raw.blocks.map { block in ScaledIntegerVector(block.rationals.map { $0 / rho }) })
    return (theta, rho, try ApproximateKKTPoint(model: model, theta: theta, instance: instance, gram: gram, linearForm: linearForm))
  }
}
