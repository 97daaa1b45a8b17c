//===--- AscentRun.swift --------------------------------------------------===//
// NegGrad and gradient difference as practice runs them: K steps with a
// fixed learning rate, every iterate kept in the span of the data.
//===----------------------------------------------------------------------===//

import Bounds
import Exact

/// K steps with a fixed learning rate η from a start θ = (v_k)_k:
///
///     θ_{t+1} = θ_t + η Σ_{r∈F} ∇_θ ℓ(y_r N(x_r; θ_t))                  (NegGrad)
///               − η ∇_θ (1/|S∖F|) Σ_{i∉F} ℓ(y_i N(x_i; θ_t))          (--retain-descent)
///
/// with the gradient block k of ℓ(y_i N(x_i; θ)) equal to ℓ'(q_i) y_i s_k φ'(⟨v_k, x_i⟩) x_i
/// (the coordinates of ``UnlearningStart/direction``, where one step of size β
/// is θ + β ℓ'(q_r)·direction). Every gradient is a combination of data rows,
/// so each iterate is explicit in span form,
///
///     v_k(t) = v_k + Σ_i A_ki(t) y_i x_i,
///
/// with the coefficients A enclosed (ℓ' is transcendental and later steps
/// compound it; the recurrence is evaluated in interval arithmetic). Every
/// quantity is then measured from this representation by its definition,
/// with the exact Gram matrix G, the exact products X v_k and ‖v_k‖²:
/// - pre-activations P_kj(t) = ⟨v_k, x_j⟩ + Σ_i A_ki y_i G_ij and margins
///   q_j(t) = y_j ω Σ_k s_k φ(P_kj(t)) (φ is increasing, so an interval maps
///   to an interval);
/// - ε² = ω Σ_k ‖v_k(t) − Σ_{i∉F} λ_i y_i s_k φ'(P_ki(t)) x_i‖², expanded as
///   ‖v_k‖² + 2 Σ_i C_ki y_i ⟨v_k, x_i⟩ + Σ_ij C_ki C_kj y_i y_j G_ij with
///   C_ki = A_ki − [i∉F] λ_i s_k φ'(P_ki(t));
/// - τ = max(0, max_{i∉F}(1 − q_i(t))), δ = max_{i∉F} λ_i(q_i(t) − 1);
/// - ‖θ_t − θ*‖² and ⟨θ_t, θ*⟩ against the explicit retrained θ*.
///
/// Each enclosure contains the exact value: every operation is outward
/// rounded, and φ' is taken only where the sign of P_ki(t) is decided over its
/// whole enclosure (otherwise ``EnclosureError/undecided(_:)``, and the caller
/// raises the precision).
public struct AscentRun: Sendable {
  /// The measurements after step t.
  public struct Row: Sendable {
    public var step: Int
    /// ε² and ε with the inherited multipliers λ_i, i ∉ F.
    public var epsilon2: Interval
    /// ε_opt², with the best multipliers μ ≥ 0 (when asked for; see ``optimalResidual2``).
    public var optimal2: Interval?
    public var tau: Interval
    public var delta: Interval
    /// q_r(t) for r ∈ F.
    public var forgetMargins: [Interval]
    /// max_{i∉F} |q_i(t) − q_i(0)|: how far the retained margins moved.
    public var maxMarginShift: Interval
    public var norm2: Interval
    /// ‖θ_t − θ*‖² and cos(θ_t, θ*), when the retrained point exists.
    public var distance2: Interval?
    public var cosine: Interval?
    /// Retained (i, k) whose activation differs from the start's (networks; nil for the linear model).
    public var activationFlips: Int?
  }

  public let learningRate: Rational
  public let retainDescent: Bool
  /// Whether each row has ε_opt.
  public let measuresOptimal: Bool
  public let rows: [Row]
  /// The precision the run was decided at.
  public let precision: Int

  /// The largest n·n·K·(blocks) the run takes (about a minute of interval arithmetic).
  public static let maximumWork = 4_000_000_000

  /// Runs K steps at the policy's precisions, raising the precision while an
  /// activation sign stays undecided.
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` for a bad K or η or a
  ///   run beyond ``maximumWork``; ``EnclosureError/undecided(_:)`` at the cap.
  /// - Parameter optimal: also measure ε_opt after every step (one exact NNLS per step).
  public init(start: UnlearningStart, loss: Loss, learningRate eta: Rational, steps: Int, retainDescent: Bool,
              policy: PrecisionPolicy = PrecisionPolicy(), optimal: Bool = false) throws {
    try Self.validate(start: start, learningRate: eta, steps: steps)
    var decidedAt = policy.initial
    rows = try policy.firstDecided { p in
      decidedAt = p
      return try Self.rows(start: start, loss: loss, eta: eta, steps: steps, retainDescent: retainDescent, optimal: optimal, precision: p)
    }
    self.precision = decidedAt
    learningRate = eta
    self.retainDescent = retainDescent
    measuresOptimal = optimal
  }

  /// Checks K, η and the run's work (n²·K·blocks) before anything is run.
  ///
  /// - Throws: ``UnlearningError/badParameter(_:)`` naming the limit.
  static func validate(start: UnlearningStart, learningRate eta: Rational, steps: Int) throws {
    guard steps >= 1, steps <= 100_000 else { throw UnlearningError.badParameter("the number of steps must be in 1...100000, got \(steps)") }
    guard eta.signum > 0 else { throw UnlearningError.badParameter("the learning rate must be positive, got \(eta)") }
    let n = start.instance.count, blocks = start.model.blocks
    let (work, overflow) = (n * n).multipliedReportingOverflow(by: steps * blocks * 2)
    guard !overflow, work <= Self.maximumWork else {
      throw UnlearningError.badParameter("\(steps) steps on n = \(n) points and \(blocks) blocks is beyond the \(Self.maximumWork) interval operations a run takes")
    }
  }

  static func rows(start: UnlearningStart, loss: Loss, eta: Rational, steps: Int, retainDescent: Bool, optimal: Bool, precision p: Int) throws -> [Row] {
    let run = Enclosed(start: start, eta: eta, precision: p)
    var a = [[Interval]](repeating: [Interval](repeating: run.zero, count: run.n), count: run.blocks)
    var out: [Row] = []
    out.reserveCapacity(steps)
    var current = run.state(a)
    for t in 1...steps {
      a = try run.update(a, at: current, loss: loss, retainDescent: retainDescent)
      current = run.state(a)
      var row = try run.measure(a, at: current, step: t)
      if optimal { row.optimal2 = try optimalResidual2(start: start, coefficients: a, quadratic: run.quadratic, precision: p) }
      out.append(row)
    }
    return out
  }

  /// The constants of a run, enclosed at one precision, and its phases: the
  /// iterate's pre-activations and margins, the update, and the measurements.
  struct Enclosed {
    let start: UnlearningStart
    let model: HomogeneousModel
    let n: Int, blocks: Int, y: [Int], p: Int
    let zero: Interval, one: Interval
    /// Q_ij = y_i y_j G_ij, row-major.
    let q: [Interval]
    /// ⟨v_k, x_i⟩ and ‖v_k‖² of the start.
    let pre: [[Interval]]
    let norms: [Interval]
    /// ⟨v*_k, x_i⟩, ⟨v_k, v*_k⟩ and ‖θ*‖² of the retrained point, when there is one.
    let starPre: [[Interval]]?
    let starInner: [Interval]?
    let starNorm2: Interval?
    let omega: Interval, slope: Interval, rate: Interval, retainRate: Interval
    let lambda: [Interval]
    let startPositive: [[Bool]]
    /// q_i(0), the start's margins.
    let startMargins: [Interval]

    init(start: UnlearningStart, eta: Rational, precision p: Int) {
      let model = start.model, n = start.instance.count, blocks = model.blocks, y = start.instance.labels
      func enclose(_ r: Rational) -> Interval { Interval(enclosing: r, precision: p) }
      (self.start, self.model, self.n, self.blocks, self.y, self.p) = (start, model, n, blocks, y, p)
      (zero, one) = (enclose(Rational()), enclose(Rational(1)))
      // Q_ij = y_i y_j G_ij, and the exact products of the start (and of θ*) with the data.
      q = (0..<(n * n)).map { k in enclose(Rational(y[k / n] * y[k % n]) * start.gram[k / n, k % n]) }
      pre = start.preactivations.map { $0.rationals.map(enclose) }
      norms = (0..<blocks).map { enclose(Parameters.blockInner(start.theta, start.theta, block: $0)) }
      let star = start.retrained
      starPre = star.map { $0.preactivations(on: start.instance.data).map { $0.rationals.map(enclose) } }
      starInner = star.map { s in (0..<blocks).map { enclose(Parameters.blockInner(start.theta, s, block: $0)) } }
      starNorm2 = star.map { s in enclose(Parameters.inner(s, s, weight: model.blockWeight)) }
      (omega, slope) = (enclose(model.blockWeight), enclose(model.slope))
      (rate, retainRate) = (enclose(eta), enclose(eta / Rational(start.retained.count)))
      lambda = start.multipliers.map(enclose)
      startMargins = start.margins.map(enclose)
      startPositive = start.preactivations.map { p in p.numerators.map { $0.signum > 0 } }
    }

    func enclose(_ r: Rational) -> Interval { Interval(enclosing: r, precision: p) }

    /// Σ_i A_i y_i G_ij for every j: the move of the pre-activations.
    func shift(_ a: [Interval]) -> [Interval] {
      (0..<n).map { j in
        var sum = zero
        for i in 0..<n where !a[i].isPoint || a[i].lo.signum != 0 { sum = sum + a[i] * enclose(Rational(y[i])) * enclose(start.gram[i, j]) }
        return sum
      }
    }

    /// Σ_ij c_i c_j Q_ij.
    func quadratic(_ c: [Interval]) -> Interval {
      var sum = zero
      for i in 0..<n where !(c[i].isPoint && c[i].lo.signum == 0) {
        var row = zero
        for j in 0..<n where !(c[j].isPoint && c[j].lo.signum == 0) { row = row + c[j] * q[i * n + j] }
        sum = sum + c[i] * row
      }
      return sum
    }

    func phi(_ z: Interval) -> Interval {
      try! Interval(lo: z.lo.signum > 0 ? z.lo : (slope * Interval(exactly: z.lo, precision: p)).lo,
                    hi: z.hi.signum > 0 ? z.hi : (slope * Interval(exactly: z.hi, precision: p)).hi, precision: p)
    }

    /// φ' over an enclosure whose sign is decided.
    func derivative(_ z: Interval, block k: Int, point i: Int) throws -> Interval {
      if model.isLinear { return one }
      if z.lo.signum > 0 { return one }
      if z.hi.signum <= 0 { return slope }
      throw EnclosureError.undecided("the sign of neuron \(k) on point \(i) after an ascent step")
    }

    /// P(t) and q(t) at the iterate with coefficients A.
    func state(_ a: [[Interval]]) -> (pre: [[Interval]], margins: [Interval]) {
      let moved = (0..<blocks).map { k in zip(pre[k], shift(a[k])).map { $0 + $1 } }
      let margins = (0..<n).map { j in
        var sum = zero
        for k in 0..<blocks { sum = sum + (model.signs[k] > 0 ? phi(moved[k][j]) : -phi(moved[k][j])) }
        return enclose(Rational(y[j])) * omega * sum
      }
      return (moved, margins)
    }

    /// The update at θ_t: ascent on F, and descent on the mean loss of S∖F.
    func update(_ a: [[Interval]], at current: (pre: [[Interval]], margins: [Interval]), loss: Loss, retainDescent: Bool) throws -> [[Interval]] {
      var next = a
      for r in start.forgetSet {
        let g = rate * (try loss.derivative(on: current.margins[r], precision: p))
        for k in 0..<blocks {
          let s = enclose(Rational(model.signs[k])) * (try derivative(current.pre[k][r], block: k, point: r))
          next[k][r] = next[k][r] + g * s
        }
      }
      if retainDescent {
        for i in start.retained {
          let g = retainRate * (try loss.derivative(on: current.margins[i], precision: p))
          for k in 0..<blocks {
            let s = enclose(Rational(model.signs[k])) * (try derivative(current.pre[k][i], block: k, point: i))
            next[k][i] = next[k][i] - g * s
          }
        }
      }
      return next
    }

    /// The measurements at θ_{t+1}, by definition from its span form.
    func measure(_ a: [[Interval]], at current: (pre: [[Interval]], margins: [Interval]), step t: Int) throws -> Row {
      var epsilon2 = zero, norm2 = zero, distance2: Interval? = starPre == nil ? nil : zero, inner: Interval? = starPre == nil ? nil : zero
      var flips = 0
      for k in 0..<blocks {
        let s = enclose(Rational(model.signs[k]))
        var c = a[k]
        for i in start.retained { c[i] = c[i] - lambda[i] * s * (try derivative(current.pre[k][i], block: k, point: i)) }
        var linearTerm = zero, moveTerm = zero
        for i in 0..<n {
          let yi = enclose(Rational(y[i]))
          linearTerm = linearTerm + c[i] * yi * pre[k][i]
          moveTerm = moveTerm + a[k][i] * yi * pre[k][i]
        }
        let aa = quadratic(a[k])
        epsilon2 = epsilon2 + norms[k] + enclose(Rational(2)) * linearTerm + quadratic(c)
        norm2 = norm2 + norms[k] + enclose(Rational(2)) * moveTerm + aa
        if let starPre, let starInner {
          var starTerm = zero
          for i in 0..<n { starTerm = starTerm + a[k][i] * enclose(Rational(y[i])) * starPre[k][i] }
          inner = inner! + starInner[k] + starTerm
          // ‖v_k(t) − v*_k‖² = ‖v_k(t)‖² − 2⟨v_k(t), v*_k⟩ + ‖v*_k‖²; the last is added once, weighted, below.
          distance2 = distance2! + norms[k] + enclose(Rational(2)) * moveTerm + aa - enclose(Rational(2)) * (starInner[k] + starTerm)
        }
        if !model.isLinear { flips += try flipsOfBlock(k, at: current) }
      }
      epsilon2 = Interval.maximum(omega * epsilon2, zero)
      norm2 = Interval.maximum(omega * norm2, zero)
      // τ and δ on the retained points, as the one step measures them.
      let slack = KKTSlack(margins: start.retained.map { .enclosure(current.margins[$0]) }, multipliers: start.retained.map { start.multipliers[$0] },
                           precision: p)
      let (tau, delta) = (slack.tau.interval(precision: p), slack.delta.interval(precision: p))
      var cosine: Interval? = nil
      if let d2 = distance2, let starNorm2, let ip = inner {
        distance2 = Interval.maximum(omega * d2 + starNorm2, zero)
        let weightedInner = omega * ip
        if norm2.lo.signum > 0 { cosine = try weightedInner.divided(by: Interval.sqrt(norm2 * starNorm2)) }
      }
      let shift = start.retained.map { (current.margins[$0] - startMargins[$0]).absoluteValue }.reduce(zero) { Interval.maximum($0, $1) }
      return Row(step: t, epsilon2: epsilon2, optimal2: nil, tau: tau, delta: delta, forgetMargins: start.forgetSet.map { current.margins[$0] },
                 maxMarginShift: shift, norm2: norm2, distance2: distance2, cosine: cosine, activationFlips: model.isLinear ? nil : flips)
    }

    /// Retained points whose sign in block k differs from the start's.
    func flipsOfBlock(_ k: Int, at current: (pre: [[Interval]], margins: [Interval])) throws -> Int {
      var flips = 0
      for i in start.retained {
        let z = current.pre[k][i]
        guard z.lo.signum > 0 || z.hi.signum <= 0 else { throw EnclosureError.undecided("the sign of neuron \(k) on point \(i)") }
        if (z.lo.signum > 0) != startPositive[k][i] { flips += 1 }
      }
      return flips
    }
  }

  /// ε_opt² at θ_t = θ + Σ_i A_ki y_i x_i (A enclosed): exact NNLS
  /// (``ApproximateKKTPoint``) at the rational θ̃ whose coefficients Ã are the
  /// midpoints of A, widened by ‖θ_t − θ̃‖. Every retained sign is decided over
  /// the whole enclosure (else the caller threw), so the cone spanned by
  /// y_i ∇N(x_i; θ) is one cone there, and the distance to a fixed convex cone
  /// is 1-Lipschitz: |ε_opt(θ_t) − ε_opt(θ̃)| ≤ ‖θ_t − θ̃‖, with
  /// ‖θ_t − θ̃‖² = ω Σ_k (A_k − Ã_k)ᵀ Q (A_k − Ã_k).
  static func optimalResidual2(start: UnlearningStart, coefficients a: [[Interval]], quadratic: ([Interval]) -> Interval,
                               precision p: Int) throws -> Interval {
    let model = start.model, instance = start.instance, y = instance.labels
    let centers = a.map { row in row.map { $0.midpoint.rational } }
    let moves = centers.map { c in ScaledIntegerVector(c.indices.map { c[$0] * Rational(y[$0]) }) }
    let move = start.theta.span.map { Parameters(coefficients: moves, span: $0) } ?? Parameters(blocks: moves.map { instance.data.vector($0) })
    let center = start.theta.adding(move, times: Rational(1))
    let linearForm = start.stationarityIsSignedGram ? start.retainedSignedGram.map { ApproximateKKTPoint.LinearForm(matrix: $0, integerForm: start.retainedIntegerForm) } : nil
    let point = try ApproximateKKTPoint(model: model, theta: center, instance: instance, gram: start.gram, indices: start.retained, linearForm: linearForm)
    var distance2 = Interval(enclosing: Rational(), precision: p)
    for k in a.indices {
      distance2 = distance2 + quadratic(zip(a[k], centers[k]).map { $0 - Interval(enclosing: $1, precision: p) })
    }
    let zero = Interval(enclosing: Rational(), precision: p)
    let radius = try Interval.sqrt(Interval.maximum(Interval(enclosing: model.blockWeight, precision: p) * distance2, zero))
    let middle = try Interval.sqrt(Interval(enclosing: point.residual2, precision: p))
    let optimal = try Interval(lo: Interval.maximum(middle - radius, zero).lo, hi: (middle + radius).hi, precision: p)
    return optimal * optimal
  }
}
