//===--- TrainedStart.swift -----------------------------------------------===//
// A starting point as users get one: gradient descent in binary64.
//===----------------------------------------------------------------------===//

import Dispatch
import Exact
import Foundation

/// How a trained start was obtained.
public struct TrainingSummary: Sendable {
  public var steps: Int
  public var finalLoss: Double
  /// The rate of the first step, 1/max_i ‖x_i‖².
  public var initialLearningRate: Double
  /// The rate of the last step taken: the loop grows the rate as the loss
  /// falls, min(initial/loss, 10⁶·initial), so no single rate describes the run.
  public var finalLearningRate: Double
  public var seed: UInt64
}

/// Seeded full-batch gradient descent on the empirical loss
/// (1/n) Σ ℓ(y_i N(x_i; W)), in `Double`, the way a practitioner trains;
/// the result is then converted to exact rationals (every double is dyadic).
public enum TrainedStart {
  /// The target loss and step budget.
  public static let targetLoss = 1e-6
  public static let maximumSteps = 20_000

  public static func train(
    instance: Instance, width m: Int, activation: LeakyReLU, loss: Loss, seed: UInt64
  ) throws -> (theta: Parameters, summary: TrainingSummary) {
    let trainer = Trainer(instance: instance, width: m, gamma: Double(activation.gamma), loss: loss)
    let d = trainer.d
    var rng = RandomSource(seed: seed &+ 0x5EED)
    // Small Gaussian initialization.
    var w = (0..<(m * d)).map { _ in 1e-3 * rng.nextGaussian() / Double(d).squareRoot() }
    // Step size ~ 1 / (largest ‖x_i‖²), then grows as the loss falls
    // (normalized-GD-like), which speeds convergence in direction.
    let maxNorm2 = (0..<trainer.n).map { i in (0..<d).reduce(0.0) { $0 + trainer.x[i * d + $1] * trainer.x[i * d + $1] } }.max()!
    let baseRate = 1.0 / maxNorm2
    var pre = [Double](repeating: 0, count: m * trainer.n)
    var currentLoss = Double.infinity
    var steps = 0
    var rate = baseRate
    while steps < maximumSteps {
      trainer.preactivations(of: w, into: &pre)
      let derivatives: [Double]
      (currentLoss, derivatives) = trainer.lossAndSlopes(pre)
      if currentLoss < targetLoss { break }
      // Rate scaled by 1/loss (normalized GD), capped for stability.
      rate = min(baseRate / max(currentLoss, 1e-12), baseRate * 1e6)
      trainer.descend(&w, rate: rate, slopes: derivatives, preactivations: pre)
      steps += 1
    }
    // The analysed network is the one these doubles define exactly: the
    // scaled neurons ŵ_j = √m·w_j are formed in Double once and then read
    // exactly (every double is a dyadic rational).
    let root = Double(m).squareRoot()
    let blocks = try (0..<m).map { j in ScaledIntegerVector(try (0..<d).map { try Rational(exactly: root * w[j * d + $0]) }) }
    let summary = TrainingSummary(steps: steps, finalLoss: currentLoss, initialLearningRate: baseRate, finalLearningRate: rate, seed: seed)
    return (Parameters(blocks: blocks), summary)
  }

  /// The data in binary64 and the phases of one gradient-descent step.
  struct Trainer {
    let n: Int, d: Int, m: Int
    let x: [Double]
    /// Xᵀ (d × n), so eight points' pre-activations are summed side by side:
    /// each lane adds its products in the order k = 0, 1, …, as the scalar
    /// loop did (the same doubles, so the same training), but eight
    /// independent addition chains hide the floating-point add latency.
    let xt: [Double]
    let y: [Double]
    /// a_j = ±1/√m.
    let a: [Double]
    let gamma: Double
    let loss: Loss
    /// Below ~10⁶ multiply-adds per sweep, dispatching costs more than it saves.
    let parallel: Bool

    init(instance: Instance, width m: Int, gamma: Double, loss: Loss) {
      let n = instance.count, d = instance.dimension
      (self.n, self.d, self.m, self.gamma, self.loss) = (n, d, m, gamma, loss)
      let x: [Double] = (0..<(n * d)).map { Double(instance.data[$0 / d, $0 % d]) }
      self.x = x
      var xt = [Double](repeating: 0, count: n * d)
      for i in 0..<n { for k in 0..<d { xt[k * n + i] = x[i * d + k] } }
      self.xt = xt
      y = instance.labels.map(Double.init)
      a = (0..<m).map { $0 < m / 2 ? 1.0 / Double(m).squareRoot() : -1.0 / Double(m).squareRoot() }
      parallel = m * n * d >= 1 << 20
    }

    func forEachNeuron(_ body: @Sendable (Int) -> Void) {
      if parallel { DispatchQueue.concurrentPerform(iterations: m, execute: body) } else { for j in 0..<m { body(j) } }
    }

    /// ⟨w_j, x_i⟩ for every neuron and point; neurons are independent, so
    /// they are spread over the cores (each task writes only its entries).
    func preactivations(of w: [Double], into pre: inout [Double]) {
      let (n, d) = (self.n, self.d)
      xt.withUnsafeBufferPointer { xt in
        x.withUnsafeBufferPointer { x in
          w.withUnsafeBufferPointer { w in
            pre.withUnsafeMutableBufferPointer { pre in
              let (xt, x, w) = (SendablePointer(value: UnsafeMutablePointer(mutating: xt.baseAddress!)),
                                SendablePointer(value: UnsafeMutablePointer(mutating: x.baseAddress!)),
                                SendablePointer(value: UnsafeMutablePointer(mutating: w.baseAddress!)))
              let out = SendablePointer(value: pre.baseAddress!)
              forEachNeuron { j in
                var i = 0
                while i + 8 <= n {
                  var s = SIMD8<Double>()
                  for k in 0..<d {
                    let column = UnsafeRawPointer(xt.value + k * n + i).loadUnaligned(as: SIMD8<Double>.self)
                    let product: SIMD8<Double> = column * w.value[j * d + k]
                    s += product
                  }
                  for lane in 0..<8 { out.value[j * n + i + lane] = s[lane] }
                  i += 8
                }
                while i < n {
                  var s = 0.0
                  for k in 0..<d { s += w.value[j * d + k] * x.value[i * d + k] }
                  out.value[j * n + i] = s
                  i += 1
                }
              }
            }
          }
        }
      }
    }

    /// The empirical loss (1/n) Σ ℓ(y_i N(x_i; W)) and each point's ℓ'(q_i)/n.
    func lossAndSlopes(_ pre: [Double]) -> (loss: Double, slopes: [Double]) {
      var derivatives = [Double](repeating: 0, count: n)
      var total = 0.0
      for i in 0..<n {
        var out = 0.0
        for j in 0..<m {
          let z = pre[j * n + i]
          out += a[j] * (z > 0 ? z : gamma * z)
        }
        let q = y[i] * out
        let (value, slope) = loss.binary64(at: q)
        total += value / Double(n)
        derivatives[i] = slope / Double(n)
      }
      return (total, derivatives)
    }

    /// w_j ← w_j − rate Σ_i ℓ'(q_i)/n · y_i a_j φ'(⟨w_j, x_i⟩) x_i.
    func descend(_ w: inout [Double], rate currentRate: Double, slopes gradients: [Double], preactivations: [Double]) {
      let (n, d, y, a, gamma) = (self.n, self.d, self.y, self.a, self.gamma)
      w.withUnsafeMutableBufferPointer { w in
        x.withUnsafeBufferPointer { x in
          let (w, x) = (SendablePointer(value: w.baseAddress!), SendablePointer(value: UnsafeMutablePointer(mutating: x.baseAddress!)))
          forEachNeuron { j in
            for i in 0..<n {
              let z = preactivations[j * n + i]
              let g = gradients[i] * y[i] * a[j] * (z > 0 ? 1 : gamma)
              if g == 0 { continue }
              let step = currentRate * g  // (rate·g)·x_ik, the order of the expression it replaces
              let row = w.value + j * d, point = x.value + i * d
              for k in 0..<d { row[k] -= step * point[k] }
            }
          }
        }
      }
    }
  }
}
