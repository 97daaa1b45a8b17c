//===--- LinearUnlearning+Generalization.swift ----------------------------===//
// Exact-formula test errors in the Gaussian-mixture setting.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

extension LinearUnlearning {
  /// Adds `eta`, `mu_norm` and the test errors of the original, unlearned and
  /// retrained predictors on the mixture x = ỹμ + z (z ~ N(0, I_d)), y = ỹ
  /// flipped with probability η:
  ///
  ///     P(y ≠ sign⟨w, x⟩) = η + (1 − 2η) Φ(−⟨w, μ⟩ / ‖w‖),
  ///
  /// because ⟨w, x⟩ = ỹ⟨w, μ⟩ + ⟨w, z⟩ with ⟨w, z⟩ ~ N(0, ‖w‖²), so the clean
  /// label is missed with probability Φ(−⟨w, μ⟩/‖w‖), and a flipped label
  /// turns a hit into a miss and back. With μ = ‖μ‖e₁, ⟨w, μ⟩ = ‖μ‖ w₁.
  func addTestErrors(to table: inout QuantityTable, mixture: MixtureParameters, kappa: Value, precision p: Int) throws {
    table.set("eta", .exact(mixture.labelNoise))
    table.set("mu_norm", .exact(mixture.muNorm))
    table.set("test_error_exact", .boolean(true))
    let lambda = kkt.multipliers
    let all = Array(0..<instance.count)
    let original = all.map { Value.exact(lambda[$0]) }
    let unlearned = all.map { $0 == forget ? kappa : Value.exact(lambda[$0]) }
    var retrainedCoefficients = all.map { _ in Value.exact(Rational()) }
    for (k, i) in retained.enumerated() { retrainedCoefficients[i] = .exact(retrained.multipliers[k]) }
    for (name, coefficients) in [("test_error_original", original), ("test_error_unlearned", unlearned), ("test_error_retrained", retrainedCoefficients)] {
      if let error = try? testError(coefficients: coefficients, mixture: mixture, precision: p) {
        table.set(name, error)
      }
    }
  }

  /// The test error of w = Σ_i c_i y_i x_i.
  func testError(coefficients c: [Value], mixture: MixtureParameters, precision p: Int) throws -> Value {
    try Self.mixtureTestError(coefficients: c, labels: instance.labels, data: instance, gram: gram, mixture: mixture, precision: p)
  }

  /// η + (1 − 2η) Φ(−‖μ‖ w₁ / ‖w‖) for w = Σ_i c_i (y_i) x_i (with the labels
  /// when given, else w = Σ_i c_i x_i), with w₁ and ‖w‖² = cᵀ(D G D)c exact
  /// whenever the coefficients are.
  static func mixtureTestError(
    coefficients c: [Value], labels: [Int]?, data instance: Instance, gram: Matrix, mixture: MixtureParameters, precision p: Int
  ) throws -> Value {
    let n = instance.count
    let weights = (0..<n).map { i in labels.map { Value.multiply(c[i], .exact(Rational($0[i])), precision: p) } ?? c[i] }
    var first = Value.exact(Rational())
    for i in 0..<n {
      first = Value.add(first, Value.multiply(weights[i], .exact(instance.data[i, 0]), precision: p), precision: p)
    }
    var norm2 = Value.exact(Rational())
    if weights.allSatisfy({ $0.exactValue != nil }) {
      let exact = ScaledIntegerVector(weights.map { $0.exactValue! })
      norm2 = .exact(IntegerBilinearForm(gram).apply(exact).dot(exact))
    } else {
      for i in 0..<n {
        var row = Value.exact(Rational())
        for j in 0..<n where !gram[i, j].isZero {
          row = Value.add(row, Value.multiply(weights[j], .exact(gram[i, j]), precision: p), precision: p)
        }
        norm2 = Value.add(norm2, Value.multiply(weights[i], row, precision: p), precision: p)
      }
    }
    let norm = try squareRootOfSquaredNorm(norm2, precision: p)
    let t = try Value.divide(Value.multiply(.exact(-mixture.muNorm), first, precision: p), norm, precision: p)
    let phi = try Value.apply(.phi, t, precision: p)
    let eta = mixture.labelNoise
    return Value.add(.exact(eta), Value.multiply(.exact(Rational(1) - Rational(2) * eta), phi, precision: p), precision: p)
  }
}
