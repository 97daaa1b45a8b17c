import Bounds
import Foundation
import Exact
import Testing
@testable import Unlearning

/// K steps with a fixed learning rate in span form (``AscentRun``), against
/// two independent computations: the explicit ℚᵈ iterates of one direction
/// (the scalar recurrence below, measured by ``MeasuredStep``), and a binary64
/// simulation of the update in ℝᵈ, whose values must lie within rounding of
/// the enclosures.
@Suite struct AscentRunTests {
  static let data = try! InstanceGenerator.nearlyOrthogonal.generate(.init(n: 8, d: 600, seed: 12))

  static func overlaps(_ a: Interval, _ b: Value, precision p: Int = Interval.defaultPrecision) -> Bool {
    a.intersection(b.interval(precision: p)) != nil
  }

  /// The linear model's iterates stay on one line, θ_t = θ + A_t y_r x_r, with
  /// A_{t+1} = A_t + η ℓ'(q_r + A_t‖x_r‖²): A_1 … A_K enclosed in intervals.
  static func lineCoefficients(start: UnlearningStart, eta: Rational, steps: Int, precision p: Int = 128) throws -> [Interval] {
    let q = Interval(enclosing: start.marginR, precision: p), norm2 = Interval(enclosing: start.gram[start.forget, start.forget], precision: p)
    var a = Interval(enclosing: Rational(), precision: p), out: [Interval] = []
    for _ in 0..<steps {
      a = a + Interval(enclosing: eta, precision: p) * (try Loss.logistic.derivative(on: q + a * norm2, precision: p))
      out.append(a)
    }
    return out
  }

  @Test func oneDirectionAgreesWithTheExplicitIterates() throws {
    let analysis = try LinearUnlearning(instance: Self.data, forget: 3)
    let start = analysis.start, eta = try Rational(parsing: "0.0003")
    let run = try AscentRun(start: start, loss: .logistic, learningRate: eta, steps: 6, retainDescent: false, optimal: true)
    let coefficients = try Self.lineCoefficients(start: start, eta: eta, steps: 6)
    for (row, a) in zip(run.rows, coefficients) {
      let measured = try MeasuredStep(start: start, loss: .logistic, coefficient: a)
      let (epsilon, optimal, _) = try measured.stationarity(precision: 128)
      #expect(Self.overlaps(try Interval.sqrt(try #require(row.optimal2)), optimal), "ε_opt at step \(row.step)")
      let (tau, margin) = try measured.slack(precision: 128)
      #expect(Self.overlaps(try Interval.sqrt(row.epsilon2), epsilon), "ε at step \(row.step)")
      #expect(Self.overlaps(row.tau, tau), "τ at step \(row.step)")
      #expect(Self.overlaps(row.forgetMargins[0], margin), "q_r at step \(row.step)")
      // Enclosures, not guesses: tight to far below the values themselves.
      #expect(row.tau.width.rational < Rational(1) / Rational(BigInt(1) << 100))
    }
  }

  /// The update in binary64, in ℝᵈ: w_{t+1} = w_t + η Σ_{r∈F} ℓ'(q_r) y_r x_r − (η/|R|) Σ_{i∈R} ℓ'(q_i) y_i x_i.
  static func simulate(_ analysis: LinearUnlearning, eta: Double, steps: Int, retainDescent: Bool) -> (w: [Double], margins: [Double]) {
    let x = analysis.instance, n = x.count, d = x.dimension, y = x.labels
    let rows = (0..<n).map { i in (0..<d).map { Double(x.data[i, $0]) } }
    var w = analysis.start.theta.blocks[0].rationals.map(Double.init)
    func margins() -> [Double] { (0..<n).map { i in Double(y[i]) * zip(w, rows[i]).reduce(0) { $0 + $1.0 * $1.1 } } }
    func slope(_ q: Double) -> Double { -1 / (1 + Foundation.exp(q)) }
    for _ in 0..<steps {
      let q = margins()
      var g = [Double](repeating: 0, count: d)
      for r in analysis.forgetSet { for k in 0..<d { g[k] += eta * slope(q[r]) * Double(y[r]) * rows[r][k] } }
      if retainDescent {
        let rate = eta / Double(analysis.retained.count)
        for i in analysis.retained { for k in 0..<d { g[k] -= rate * slope(q[i]) * Double(y[i]) * rows[i][k] } }
      }
      for k in 0..<d { w[k] += g[k] }
    }
    return (w, margins())
  }

  @Test(arguments: [([2], false), ([2], true), ([0, 5], false), ([1, 4, 6], true)])
  func gradientDifferenceAgreesWithAFloatSimulation(forget: [Int], retainDescent: Bool) throws {
    let analysis = try LinearUnlearning(instance: Self.data, forgetSet: forget)
    let steps = 5, eta = 0.0005
    let run = try AscentRun(start: analysis.start, loss: .logistic, learningRate: try Rational(exactly: eta), steps: steps, retainDescent: retainDescent)
    let (w, margins) = Self.simulate(analysis, eta: eta, steps: steps, retainDescent: retainDescent)
    let last = try #require(run.rows.last)
    for (t, r) in analysis.forgetSet.enumerated() {
      #expect(abs(Double(last.forgetMargins[t].midpoint.rational) - margins[r]) < 1e-10, "q_\(r)")
    }
    let tau = max(0, analysis.retained.map { 1 - margins[$0] }.max()!)
    #expect(abs(Double(last.tau.midpoint.rational) - tau) < 1e-10)
    let norm2 = w.reduce(0) { $0 + $1 * $1 }
    #expect(abs(Double(last.norm2.midpoint.rational) - norm2) < 1e-10 * norm2)
    // ε² with the inherited multipliers, from w and the data in binary64.
    let x = analysis.instance, lambda = analysis.start.multipliers.map(Double.init)
    var residual2 = 0.0
    for k in 0..<x.dimension {
      var e = w[k]
      for i in analysis.retained { e -= lambda[i] * Double(x.labels[i]) * Double(x.data[i, k]) }
      residual2 += e * e
    }
    #expect(abs(Double(last.epsilon2.midpoint.rational) - residual2) < 1e-9 * max(residual2, 1e-12))
  }

  @Test func aNetworksFirstStepIsTheMeasuredStepAtTheSameCoefficient() throws {
    let instance = try InstanceGenerator.nearlyOrthogonal.generate(.init(n: 6, d: 8000, seed: 13))
    let network = try TwoLayerUnlearning(instance: instance, forget: 0, width: 4, gamma: try Rational(parsing: "1/2"))
    let start = try #require(network.measured).start, eta = try Rational(parsing: "0.001")
    let run = try AscentRun(start: start, loss: .logistic, learningRate: eta, steps: 3, retainDescent: false)
    // One step of rate η is θ + η ℓ'(q_r)·direction: the measured step at a = η ℓ'(q_r).
    let a = Interval(enclosing: eta) * (try Loss.logistic.derivative(at: start.marginR, precision: 128))
    let measured = try MeasuredStep(start: start, loss: .logistic, coefficient: a)
    let (epsilon, _, stable) = try measured.stationarity(precision: 128)
    let (tau, _) = try measured.slack(precision: 128)
    #expect(Self.overlaps(try Interval.sqrt(run.rows[0].epsilon2), epsilon))
    #expect(Self.overlaps(run.rows[0].tau, tau))
    #expect((run.rows[0].activationFlips == 0) == (stable == true))
  }

  @Test func badRunsAreRefused() throws {
    let start = try LinearUnlearning(instance: Self.data, forget: 1).start
    #expect(throws: (any Error).self) { try AscentRun(start: start, loss: .logistic, learningRate: Rational(-1), steps: 3, retainDescent: false) }
    #expect(throws: (any Error).self) { try AscentRun(start: start, loss: .logistic, learningRate: Rational(1), steps: 0, retainDescent: false) }
  }
}
