//===--- LinearTrainedStart.swift -----------------------------------------===//
// A linear predictor as users get one: gradient descent in binary64, or
// weights from a file.
//===----------------------------------------------------------------------===//

import Exact
import Formats
import Foundation

/// Seeded full-batch gradient descent on (1/n) Σ ℓ(y_i⟨w, x_i⟩) in `Double`,
/// with the step growing as the loss falls (normalized GD) as
/// ``TrainedStart`` does for networks; every double is then read exactly.
public enum LinearTrainedStart {
  public static let targetLoss = 1e-6
  public static let maximumSteps = 20_000

  /// The trained weights (exact binary64 values) and how they were obtained.
  public static func train(instance: Instance, loss: Loss, seed: UInt64) throws -> (weights: [Rational], summary: TrainingSummary) {
    let n = instance.count, d = instance.dimension
    let data = instance.data
    let scale = Double(Rational(data.denominator))
    let x: [Double] = data.machineNumerators.map { $0.map { Double($0) / scale } }
      ?? (0..<(n * d)).map { Double(data[$0 / d, $0 % d]) }
    let y = instance.labels.map(Double.init)
    var rng = RandomSource(seed: seed &+ 0x5EED)
    var w = (0..<d).map { _ in 1e-3 * rng.nextGaussian() / Double(d).squareRoot() }
    let maxNorm2 = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + x[i * d + $1] * x[i * d + $1] } }.max()!
    let baseRate = 1.0 / maxNorm2
    var currentLoss = Double.infinity, steps = 0, rate = baseRate
    var derivatives = [Double](repeating: 0, count: n)
    while steps < maximumSteps {
      currentLoss = 0
      for i in 0..<n {
        var s = 0.0
        for k in 0..<d { s += w[k] * x[i * d + k] }
        let q = y[i] * s
        let (value, slope) = loss.binary64(at: q)
        currentLoss += value / Double(n)
        derivatives[i] = slope / Double(n)
      }
      if currentLoss < targetLoss { break }
      rate = min(baseRate / max(currentLoss, 1e-12), baseRate * 1e6)
      for i in 0..<n where derivatives[i] != 0 {
        let step = rate * derivatives[i] * y[i]
        for k in 0..<d { w[k] -= step * x[i * d + k] }
      }
      steps += 1
    }
    let weights = try w.map { try Rational(exactly: $0) }
    return (weights, TrainingSummary(steps: steps, finalLoss: currentLoss, initialLearningRate: baseRate, finalLearningRate: rate, seed: seed))
  }

  /// A user's weight vector: d finite values, read exactly.
  ///
  /// - Throws: ``UnlearningError/badData(_:)`` for a wrong shape, ``UnlearningError/badFile(_:_:)``
  ///   for an unreadable file.
  /// Said when weights have d + 1 entries: the last is likely an intercept,
  /// which the homogeneous models here do not have.
  static let interceptHint = "; if the last entry is an intercept, the model has no bias term: append a constant column to X (so d grows by one) or refit without one"

  public static func weights(from path: String, dimension d: Int) throws -> [Rational] {
    let array = try ArrayFile.read(path)
    guard array.count == d, array.shape.filter({ $0 != 1 }).count <= 1 else {
      throw UnlearningError.badFile(path, "the weights have shape \(array.shape); expected \(d) values (the data's d)"
        + (array.count == d + 1 ? Self.interceptHint : ""))
    }
    return try UnlearningError.naming(path) { try (0..<d).map { try array.exactElement($0) } }
  }
}
