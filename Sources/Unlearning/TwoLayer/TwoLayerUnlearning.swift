//===--- TwoLayerUnlearning.swift -----------------------------------------===//
// The two-layer setting end to end (theorems/DERIVATIONS.md, "The two-layer step"): KKT point, one
// gradient-ascent step, residuals on S∖{r}, and retraining.
//===----------------------------------------------------------------------===//

import Bounds
import Exact
import Formats

/// One instance of the two-layer setting, analysed exactly: where the
/// network to unlearn from comes from (the Frei-structured KKT point, or a
/// trained start with certified (ε₀, δ₀)), and the structured KKT point
/// retrained on S∖{r}. The step and every quantity after it are the
/// model-independent ``MeasuredStep`` on ``HomogeneousModel/twoLayer(width:activation:)``.
public struct TwoLayerUnlearning: Sendable {
  public let instance: Instance
  /// The forgotten indices F (sorted, distinct) and the first of them.
  public let forgetSet: [Int]
  public let forget: Int
  public let loss: Loss
  /// The step rule: c·β* (exact update) or an explicit β (enclosed update).
  public private(set) var step: StepRule
  /// c of the scaled rule, or nil for an explicit β.
  public var scale: Rational? { step.scale }
  public let width: Int
  public let activation: LeakyReLU
  /// The network as a ``HomogeneousModel``: scaled neurons ŵ_j = √m·w_j, ω = 1/m.
  public let model: HomogeneousModel
  /// Where the network starts: the structured KKT point, training, or a user's first layer.
  public let startingPoint: StartingPoint
  public let gram: Matrix
  public let data: DataQuantities
  public let retained: [Int]

  /// Why the structured KKT point failed, if it did (then only the data
  /// quantities and `kkt_verified = false` are reported).
  public let kktFailure: String?
  /// The normalized starting network (scaled neurons, explicit) and its multipliers (all n points).
  public let theta: Parameters?
  public let multipliers: [Rational]
  /// The certified (ε₀², δ₀) of the start as an approximate KKT point (0 for the exact point).
  public let startResidual2: Rational
  public let startDelta: Rational
  /// How the start was trained, for reports.
  public let training: TrainingSummary?
  /// For a trained start: the smallest margin of the trained binary64
  /// network, which the start is divided by (so θ·this is that network).
  public let trainedMargin: Rational?
  /// The file of a user's network the start was read from.
  public var startWeightsFile: String? {
    if case .weights(let path) = startingPoint { return path }
    return nil
  }
  /// For a trained start: the Frei-structured KKT point of S (when it
  /// verifies), to measure how close training came to it.
  public let structuredReference: Parameters?
  /// The structured KKT point retrained on S∖{r}, or why it failed.
  public let retrained: Result<(multipliers: [Rational], theta: Parameters), StructuredKKTFailure>?
  /// The step and the quantities after it (nil when there is no start).
  public private(set) var measured: MeasuredStep?
  /// K ascent steps to run and measure beside the one step (claims on several steps), if any.
  public var ascentPlan: AscentRun.Plan? = nil

  public init(
    instance: Instance, forget r: Int, width m: Int, gamma: Rational, start: StartingPoint = .kkt,
    loss: Loss = .logistic, step: StepRule = .unit, trainingSeed: UInt64 = 0
  ) throws {
    try self.init(instance: instance, forgetSet: [r], width: m, gamma: gamma, start: start, loss: loss, step: step, trainingSeed: trainingSeed)
  }

  /// Analyses an instance that forgets the set F in one simultaneous step
  /// θ' = θ − c Σ_{r∈F} λ_r y_r ∇_θ N(x_r; θ), retrained on S∖F.
  public init(
    instance: Instance, forgetSet requested: [Int], width m: Int, gamma: Rational, start: StartingPoint = .kkt,
    loss: Loss = .logistic, step: StepRule = .unit, trainingSeed: UInt64 = 0
  ) throws {
    guard instance.count >= 2 else { throw UnlearningError.badParameter("need at least 2 points, got \(instance.count)") }
    guard instance.count <= LinearUnlearning.maximumPoints else {
      throw UnlearningError.badParameter("\(instance.count) points: exact analysis is limited to n ≤ \(LinearUnlearning.maximumPoints)")
    }
    let forgetSet = try ForgetSet.validated(requested, points: instance.count)
    let r = forgetSet[0]
    try HomogeneousModel.validateWidth(m)
    if let zero = (0..<instance.count).first(where: { instance.data.rowDotNumerator($0, $0).isZero }) {
      throw UnlearningError.badData("point \(zero) is the zero vector")
    }
    self.instance = instance
    self.forgetSet = forgetSet
    self.forget = r
    self.loss = loss
    self.step = step
    self.width = m
    self.activation = try LeakyReLU(gamma: gamma)
    let model = HomogeneousModel.twoLayer(width: m, activation: activation)
    self.model = model
    self.startingPoint = start
    gram = instance.data.gram
    data = DataQuantities(gram: gram, forget: r)
    let forgotten = Set(forgetSet)
    retained = (0..<instance.count).filter { !forgotten.contains($0) }
    let begun = try Self.start(start, instance: instance, gram: gram, model: model, activation: activation, loss: loss,
                               trainingSeed: trainingSeed)
    (kktFailure, theta, multipliers) = (begun.failure, begun.theta, begun.multipliers)
    (startResidual2, startDelta, training, trainedMargin) = (begun.residual2, begun.delta, begun.training, begun.trainedMargin)
    structuredReference = begun.reference
    guard let theta else {
      retrained = nil
      measured = nil
      return
    }
    do {
      let solved = try StructuredKKT.solve(data: instance.data, gram: gram, labels: instance.labels, indices: retained, width: m, activation: activation)
      retrained = .success(solved)
    } catch let error as StructuredKKTFailure {
      retrained = .failure(error)
    }
    var retrainedParameters: Parameters? = nil
    if case .success(let solved)? = retrained { retrainedParameters = solved.theta }
    let begin = UnlearningStart(
      model: model, instance: instance, forgetSet: forgetSet, gram: gram, theta: theta, multipliers: multipliers, retrained: retrainedParameters)
    measured = try MeasuredStep(start: begin, step: step, loss: loss)
  }

  /// Where the network to unlearn from comes from, with what certifies it.
  struct Start {
    var theta: Parameters?
    var multipliers: [Rational] = []
    /// Why the structured candidate is not a KKT point.
    var failure: String?
    /// The certified (ε₀², δ₀) of a trained or given start (0 for the exact point).
    var residual2 = Rational(), delta = Rational()
    var training: TrainingSummary?
    /// ρ, the smallest margin of a trained or given network.
    var trainedMargin: Rational?
    /// The Frei-structured KKT point of S, for a trained start.
    var reference: Parameters?
  }

  /// The start phase: the exact Frei-structured KKT point (or why it is not
  /// one), or a user's or trained network normalized to margin 1 and
  /// certified as an approximate KKT point (``ApproximateKKTPoint``).
  static func start(_ kind: StartingPoint, instance: Instance, gram: Matrix, model: HomogeneousModel, activation: LeakyReLU, loss: Loss,
                    trainingSeed: UInt64) throws -> Start {
    let all = Array(0..<instance.count), m = model.blocks
    switch kind {
    case .kkt:
      do {
        let (multipliers, theta) = try StructuredKKT.solve(data: instance.data, gram: gram, labels: instance.labels, indices: all, width: m,
                                                           activation: activation)
        return Start(theta: theta, multipliers: multipliers)
      } catch let error as StructuredKKTFailure {
        return Start(theta: nil, failure: error.description)
      }
    case .trained, .weights:
      var begun = Start()
      let raw: Parameters
      if case .weights(let path) = kind {
        raw = try network(from: path, instance: instance, width: m)
      } else {
        let run = try TrainedStart.train(instance: instance, width: m, activation: activation, loss: loss, seed: trainingSeed)
        (raw, begun.training) = (run.theta, run.summary)
      }
      let normalized = try ApproximateKKTPoint.normalizing(raw, model: model, instance: instance, gram: gram)
      (begun.theta, begun.trainedMargin) = (normalized.theta, normalized.rho)
      (begun.multipliers, begun.residual2, begun.delta) = (normalized.point.multipliers, normalized.point.residual2, normalized.point.delta)
      begun.reference = try? StructuredKKT.solve(data: instance.data, gram: gram, labels: instance.labels, indices: all, width: m,
                                                 activation: activation).theta
      return begun
    }
  }

  /// θ' explicit (at ã for an explicit β).
  public var unlearned: Parameters? { measured?.unlearned }

  /// A user's first layer W (m × d values from a file, outer weights
  /// +1/√m for the first m/2 neurons and −1/√m for the rest) in the scaled
  /// coordinates v_j = √m·w_j: exact when m is a perfect square, else formed
  /// in binary64 once (as a trained start is) and read exactly.
  ///
  /// - Throws: ``UnlearningError/badFile(_:_:)`` for an unreadable file or a wrong shape.
  static func network(from path: String, instance: Instance, width m: Int) throws -> Parameters {
    let array = try ArrayFile.read(path)
    let d = instance.dimension
    guard array.shape == [m, d] else {
      if array.shape == [d, m] {
        throw UnlearningError.badFile(path, "the first layer has shape \(array.shape), which looks transposed: it is one row per neuron, "
          + "\(m) × \(d) (width × the data's d); save W.T (torch: layer.weight is already m × d)")
      }
      throw UnlearningError.badFile(path, "the first layer has shape \(array.shape); expected \(m) × \(d) (width × the data's d)")
    }
    let root = Int(Double(m).squareRoot().rounded())
    let exactRoot = root * root == m
    var blocks: [ScaledIntegerVector] = []
    for j in 0..<m {
      var weights: [Rational] = []
      weights.reserveCapacity(d)
      for k in 0..<d {
        let w: Rational
        w = try UnlearningError.naming(path) { try array.exactElement(j * d + k) }
        weights.append(exactRoot ? w * Rational(root) : try Rational(exactly: Double(m).squareRoot() * Double(w)))
      }
      blocks.append(ScaledIntegerVector(weights))
    }
    return Parameters(blocks: blocks)
  }

  /// The same instance with another step rule, reusing the start.
  public func withStep(_ rule: StepRule) throws -> TwoLayerUnlearning {
    var next = self
    next.step = rule
    if let measured { next.measured = try MeasuredStep(start: measured.start, step: rule, loss: loss) }
    return next
  }
}

extension TwoLayerUnlearning: InstanceAnalysis {
  public var settings: Set<ClaimSetting> {
    instance.mixture == nil ? [.twoLayer, .any] : [.twoLayer, .gaussianMixture, .any]
  }
}
